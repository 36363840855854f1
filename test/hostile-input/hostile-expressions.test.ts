/**
 * Hostile expressions: `npm run verify --dir` reads cdk.tf.json files from anywhere, so the expression
 * parser and the Terraform model meet arbitrary strings. Whatever the text, parsing returns an expression
 * or refuses it with UnsupportedSyntax, and evaluation returns a value or a ModelError: never another
 * error (a stack overflow, a TypeError), never a hang.
 */
import fc from "fast-check";
import { parseTemplate, UnsupportedSyntax } from "../../src/terraform-model/expressions";
import { ModelError } from "../../src/terraform-model/terraform-model";
import { stackModel } from "../support/instances";
import { settings } from "./config-arbitraries";

/** Text from the characters that mean something to Terraform's syntax, and a few that do not. */
const ALPHABET = [
  ...'${}[]()"\\=:,.%~*+-!?<> \n',
  "for ",
  " in ",
  "if ",
  "local",
  "each",
  "keys",
  "setproduct",
  "a",
  "0",
  "é",
];
const hostileText = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((parts) => parts.join(""));
/** Mostly well-formed starts, so that the parser gets past its first token. */
const hostileExpression = fc.oneof(
  hostileText,
  hostileText.map((inner) => `\${${inner}}`),
  fc
    .tuple(fc.constantFrom("${[", "${{", "${setproduct(", '${"${', "${{ for k in "), hostileText)
    .map(([a, b]) => a + b),
);

describe("hostile expressions", () => {
  it("parse to an expression or are refused with UnsupportedSyntax", () => {
    fc.assert(
      fc.property(hostileExpression, (text) => {
        try {
          parseTemplate(text);
        } catch (error) {
          if (!(error instanceof UnsupportedSyntax)) throw error;
        }
      }),
      settings(2_000, 10_000),
    );
  });

  it("evaluate to a value or fail with a ModelError", () => {
    fc.assert(
      fc.property(fc.array(hostileExpression, { minLength: 1, maxLength: 4 }), (texts) => {
        // local.l0 .. local.lN, each free to refer to the others
        const locals = Object.fromEntries(texts.map((text, i) => [`l${i}`, text]));
        const stack = stackModel({ locals });
        for (const name of Object.keys(locals)) {
          try {
            stack.local(name, stack.scope(`local.${name}`));
          } catch (error) {
            if (!(error instanceof ModelError)) throw error;
          }
        }
      }),
      settings(2_000, 10_000),
    );
  });
});
