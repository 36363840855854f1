/**
 * The subset of Terraform expressions that the synthesized stacks use, parsed from the strings of
 * cdktf's JSON: templates (`"vpce-share-${each.key}"`), references
 * (`aws_vpc_endpoint.this[each.value.service].dns_entry[0].dns_name`), string, number and boolean
 * literals, and `for` expressions (`{ for domain, rule in aws_route53_resolver_rule.this : domain => rule.id }`).
 *
 * Anything else (function calls, operators, conditionals, splats, template directives) is refused with an
 * UnsupportedSyntax error that names the construct: the verifier never guesses what an expression means.
 */

export type Expression = Literal | Template | Traversal | ForExpression;

export interface Literal {
  readonly kind: "literal";
  readonly value: string | number | boolean | null;
}

/** Text with interpolations, always a string. A string that is exactly `${x}` parses as `x` itself. */
export interface Template {
  readonly kind: "template";
  readonly parts: readonly (string | Expression)[];
}

/** `root.attribute[index]...`: a reference to a variable, local, data source or resource. */
export interface Traversal {
  readonly kind: "traversal";
  readonly root: string;
  readonly steps: readonly Step[];
}

export type Step =
  | { readonly kind: "attribute"; readonly name: string }
  | { readonly kind: "index"; readonly key: Expression };

/** `{ for k, v in collection : key => value }` (object) or `[ for v in collection : value ]` (tuple). */
export interface ForExpression {
  readonly kind: "for";
  readonly result: "object" | "tuple";
  readonly keyVariable?: string;
  readonly valueVariable: string;
  readonly collection: Expression;
  readonly key?: Expression;
  readonly value: Expression;
}

export class UnsupportedSyntax extends Error {
  constructor(
    readonly text: string,
    detail: string,
  ) {
    super(`unsupported expression ${JSON.stringify(text)}: ${detail}`);
    this.name = "UnsupportedSyntax";
  }
}

/** Parses a string value of the JSON syntax: literal text, a template, or a single `${...}` expression. */
export function parseTemplate(text: string): Expression {
  const parts: (string | Expression)[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      literal += text.slice(i + 1, i + 3);
      i += 3;
    } else if (text.startsWith("%{", i)) {
      throw new UnsupportedSyntax(text, "template directives (%{...}) are not modeled");
    } else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2);
      const inner = text.slice(i + 2, end);
      if (inner.startsWith("~") || inner.endsWith("~")) {
        throw new UnsupportedSyntax(text, "strip markers (${~ ~}) are not modeled");
      }
      if (literal) parts.push(literal);
      literal = "";
      parts.push(parseExpression(inner, text));
      i = end + 1;
    } else {
      literal += text[i];
      i += 1;
    }
  }
  if (literal) parts.push(literal);
  if (parts.length === 1 && typeof parts[0] !== "string") return parts[0];
  if (parts.every((p) => typeof p === "string")) return { kind: "literal", value: parts.join("") };
  return { kind: "template", parts };
}

/** Parses the inside of `${...}`; `source` is the whole string, for messages. */
export function parseExpression(text: string, source = text): Expression {
  const parser = new Parser(tokenize(text, source), source);
  const expression = parser.expression();
  parser.expectEnd();
  return expression;
}

/** Every traversal in an expression, outermost first (for `data.terraform_remote_state.x` look-ups). */
export function traversalsOf(expression: Expression): Traversal[] {
  switch (expression.kind) {
    case "literal":
      return [];
    case "template":
      return expression.parts.flatMap((p) => (typeof p === "string" ? [] : traversalsOf(p)));
    case "traversal":
      return [
        expression,
        ...expression.steps.flatMap((s) => (s.kind === "index" ? traversalsOf(s.key) : [])),
      ];
    case "for":
      return [expression.collection, expression.key, expression.value].flatMap((e) =>
        e ? traversalsOf(e) : [],
      );
  }
}

/** The index of a `${...}` interpolation's closing brace, skipping nested braces and strings. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfString(text, i);
    } else if (c === "{") {
      depth += 1;
    } else if (c === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  throw new UnsupportedSyntax(text, "unterminated ${");
}

function endOfString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i += 1;
    else if (text[i] === '"') return i;
  }
  throw new UnsupportedSyntax(text, "unterminated string");
}

interface Token {
  readonly type: "identifier" | "number" | "string" | "punctuation";
  readonly text: string;
}

// Tokens the parser reads; parentheses and "*" only to name function calls and splats in its refusal.
const PUNCTUATION = ["=>", ".", "[", "]", "{", "}", ",", ":", "(", ")", "*"];
const OPERATORS = ["...", "==", "!=", "<=", ">=", "&&", "||", "?", "+", "-", "/", "%", "<", ">", "!"];

function tokenize(text: string, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const identifier = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    const number = /^[0-9]+(\.[0-9]+)?/.exec(rest);
    const punctuation = PUNCTUATION.find((p) => rest.startsWith(p));
    if (space) {
      i += space[0].length;
    } else if (identifier) {
      tokens.push({ type: "identifier", text: identifier[0] });
      i += identifier[0].length;
    } else if (number) {
      tokens.push({ type: "number", text: number[0] });
      i += number[0].length;
    } else if (rest.startsWith('"')) {
      const end = endOfString(text, i);
      const raw = text.slice(i, end + 1);
      if (raw.includes("${") || raw.includes("%{")) {
        throw new UnsupportedSyntax(source, "templates nested in expressions are not modeled");
      }
      tokens.push({ type: "string", text: JSON.parse(raw) as string });
      i = end + 1;
    } else if (punctuation) {
      tokens.push({ type: "punctuation", text: punctuation });
      i += punctuation.length;
    } else {
      const operator = OPERATORS.find((o) => rest.startsWith(o)) ?? rest[0];
      throw new UnsupportedSyntax(source, `operator ${JSON.stringify(operator)} is not modeled`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
  ) {}

  expression(): Expression {
    const token = this.next();
    if (token.type === "number") return { kind: "literal", value: Number(token.text) };
    if (token.type === "string") return { kind: "literal", value: token.text };
    if (token.type === "identifier") {
      if (token.text === "true" || token.text === "false") {
        return { kind: "literal", value: token.text === "true" };
      }
      if (token.text === "null") return { kind: "literal", value: null };
      if (this.peek()?.text === "(") this.fail(`function call ${token.text}(...) is not modeled`);
      return this.traversal(token.text);
    }
    if (token.text === "{" || token.text === "[") return this.forExpression(token.text);
    return this.fail(`unexpected ${JSON.stringify(token.text)}`);
  }

  expectEnd(): void {
    const extra = this.peek();
    if (extra) this.fail(`unexpected ${JSON.stringify(extra.text)}`);
  }

  private traversal(root: string): Traversal {
    const steps: Step[] = [];
    for (;;) {
      const token = this.peek();
      if (token?.text === ".") {
        this.next();
        const name = this.next();
        if (name.type === "identifier") steps.push({ kind: "attribute", name: name.text });
        else if (name.type === "number") steps.push({ kind: "index", key: literal(Number(name.text)) });
        else this.fail(`splat or unexpected ${JSON.stringify(name.text)} after "."`);
      } else if (token?.text === "[") {
        this.next();
        if (this.peek()?.text === "*") this.fail("splat expressions are not modeled");
        steps.push({ kind: "index", key: this.expression() });
        this.expect("]");
      } else {
        return { kind: "traversal", root, steps };
      }
    }
  }

  private forExpression(open: "{" | "["): ForExpression {
    if (this.peek()?.text !== "for") {
      this.fail(`${open === "{" ? "object" : "tuple"} constructors are not modeled`);
    }
    this.next();
    const first = this.identifier();
    let keyVariable: string | undefined;
    let valueVariable = first;
    if (this.peek()?.text === ",") {
      this.next();
      keyVariable = first;
      valueVariable = this.identifier();
    }
    this.expectWord("in");
    const collection = this.expression();
    this.expect(":");
    const head = this.expression();
    let key: Expression | undefined;
    let value = head;
    if (open === "{") {
      this.expect("=>");
      key = head;
      value = this.expression();
    }
    if (this.peek()?.text === "if") this.fail("for expressions with an if clause are not modeled");
    this.expect(open === "{" ? "}" : "]");
    return {
      kind: "for",
      result: open === "{" ? "object" : "tuple",
      keyVariable,
      valueVariable,
      collection,
      key,
      value,
    };
  }

  private identifier(): string {
    const token = this.next();
    if (token.type !== "identifier") this.fail(`expected a name, found ${JSON.stringify(token.text)}`);
    return token.text;
  }

  private expectWord(word: string): void {
    if (this.identifier() !== word) this.fail(`expected "${word}"`);
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.text !== text || token.type === "string") {
      this.fail(`expected ${JSON.stringify(text)}, found ${JSON.stringify(token.text)}`);
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) this.fail("unexpected end of expression");
    this.position += 1;
    return token;
  }

  private fail(detail: string): never {
    throw new UnsupportedSyntax(this.source, detail);
  }
}

function literal(value: string | number): Literal {
  return { kind: "literal", value };
}
