/**
 * The subset of Terraform expressions that the synthesized stacks use, parsed from the strings of
 * cdktf's JSON: templates (`"vpce-share-${each.key}"`, also as strings inside expressions), references
 * (`aws_vpc_endpoint.this[each.value.service].dns_entry[0].dns_name`), string, number and boolean
 * literals, tuple and object constructors (`[a, b]`, `{ vpc_id = pair[0] }`), `for` expressions
 * (`{ for domain, rule in aws_route53_resolver_rule.this : domain => rule.id }`) and calls of the
 * functions in MODELED_FUNCTIONS (`setproduct(local.vpc_ids, local.domains)`).
 *
 * Anything else (other functions, operators, conditionals, splats, template directives) is refused with an
 * UnsupportedSyntax error that names the construct: the verifier never guesses what an expression means.
 */

export type Expression =
  Literal | Template | Traversal | ForExpression | FunctionCall | TupleConstructor | ObjectConstructor;

/** The functions the model evaluates; a call of any other is refused when parsed. */
export const MODELED_FUNCTIONS = ["keys", "setproduct"] as const;
export type ModeledFunction = (typeof MODELED_FUNCTIONS)[number];

/** `setproduct(local.vpc_ids, local.domains)` */
export interface FunctionCall {
  readonly kind: "call";
  readonly name: ModeledFunction;
  readonly args: readonly Expression[];
}

/** `[a, b]` */
export interface TupleConstructor {
  readonly kind: "tuple";
  readonly items: readonly Expression[];
}

/** `{ vpc_id = pair[0], domain = pair[1] }`: a bare name as key is the literal string. */
export interface ObjectConstructor {
  readonly kind: "object";
  readonly items: readonly { readonly key: Expression; readonly value: Expression }[];
}

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

/** Characters of an expression shown in a message. */
const SHOWN_TEXT = 200;

export class UnsupportedSyntax extends Error {
  constructor(
    readonly text: string,
    detail: string,
  ) {
    const shown = text.length > SHOWN_TEXT ? `${text.slice(0, SHOWN_TEXT)}...` : text;
    super(`unsupported expression ${JSON.stringify(shown)}: ${detail}`);
    this.name = "UnsupportedSyntax";
  }
}

/**
 * Parses a string value of the JSON syntax: literal text, a template, or a single `${...}` expression.
 * Parsed expressions are immutable and shared: a text is parsed once per process (stacks repeat theirs).
 */
export function parseTemplate(text: string): Expression {
  if (!text.includes("{")) return { kind: "literal", value: text };
  let expression = PARSED.get(text);
  if (!expression) {
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    expression = templateOf(text, text, false);
    PARSED.set(text, expression);
  }
  return expression;
}

const PARSED = new Map<string, Expression>();
/** Distinct texts kept parsed; far more than an organization's stacks hold (they differ by few). */
const PARSED_LIMIT = 100_000;

/**
 * The template in `text`: literal parts and `${...}` interpolations. With `escapes`, `text` is the inside
 * of a quoted string of the native syntax, whose backslash escapes are decoded; a JSON string value has
 * none left (JSON decoding removed them). `source` is the whole string, for messages.
 */
function templateOf(text: string, source: string, escapes: boolean, depth = 0): Expression {
  const parts: (string | Expression)[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) {
      literal += text.slice(i + 1, i + 3);
      i += 3;
    } else if (text.startsWith("%{", i)) {
      throw new UnsupportedSyntax(source, "template directives (%{...}) are not modeled");
    } else if (text.startsWith("${", i)) {
      const end = closingBrace(text, i + 2, source, depth);
      const inner = text.slice(i + 2, end);
      if (inner.startsWith("~") || inner.endsWith("~")) {
        throw new UnsupportedSyntax(source, "strip markers (${~ ~}) are not modeled");
      }
      if (literal) parts.push(literal);
      literal = "";
      parts.push(parseExpression(inner, source, depth));
      i = end + 1;
    } else if (escapes && text[i] === "\\") {
      const [character, length] = escapeAt(text, i, source);
      literal += character;
      i += length;
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

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/** The character a backslash escape of a quoted string stands for, and the escape's length. */
function escapeAt(text: string, at: number, source: string): [string, number] {
  const letter = text[at + 1];
  if (letter !== undefined && letter in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[letter], 2];
  const digits = letter === "u" ? 4 : letter === "U" ? 8 : 0;
  const hex = text.slice(at + 2, at + 2 + digits);
  if (digits > 0 && new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) {
    return [String.fromCodePoint(parseInt(hex, 16)), 2 + digits];
  }
  throw new UnsupportedSyntax(source, `invalid escape ${JSON.stringify(text.slice(at, at + 2))} in a string`);
}

/** Parses the inside of `${...}`; `source` is the whole string, for messages. */
export function parseExpression(text: string, source = text, depth = 0): Expression {
  const parser = new Parser(tokenize(text, source, depth), source, depth);
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
    case "call":
      return expression.args.flatMap(traversalsOf);
    case "tuple":
      return expression.items.flatMap(traversalsOf);
    case "object":
      return expression.items.flatMap((item) => [...traversalsOf(item.key), ...traversalsOf(item.value)]);
  }
}

/** The index of a `${...}` interpolation's closing brace, skipping nested braces and strings. */
function closingBrace(text: string, from: number, source: string, nesting: number): number {
  deeper(nesting, source);
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = endOfString(text, i, source, nesting + 1);
    } else if (c === "{") {
      depth += 1;
    } else if (c === "}") {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  throw new UnsupportedSyntax(source, "unterminated ${");
}

/** The index of the quote that closes the string opened at `open`, skipping escapes and interpolations. */
function endOfString(text: string, open: number, source: string, nesting: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\" || text.startsWith("$${", i) || text.startsWith("%%{", i)) i += 1;
    else if (text.startsWith("${", i) || text.startsWith("%{", i))
      i = closingBrace(text, i + 2, source, nesting + 1);
    else if (text[i] === '"') return i;
  }
  throw new UnsupportedSyntax(source, "unterminated string");
}

type Token =
  | { readonly type: "identifier" | "number" | "punctuation"; readonly text: string }
  /** A quoted string: its text as written, and the template it holds. */
  | { readonly type: "string"; readonly text: string; readonly template: Expression };

// Tokens the parser reads; "*" only to name splats in its refusal.
const PUNCTUATION = ["=>", "=", ".", "[", "]", "{", "}", ",", ":", "(", ")", "*"];
const OPERATORS = ["...", "==", "!=", "<=", ">=", "&&", "||", "?", "+", "-", "/", "%", "<", ">", "!"];

function tokenize(text: string, source: string, depth: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const identifier = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest);
    const number = /^[0-9]+(\.[0-9]+)?/.exec(rest);
    const operator = OPERATORS.find((o) => rest.startsWith(o));
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
      const end = endOfString(text, i, source, depth);
      const template = templateOf(text.slice(i + 1, end), source, true, depth + 1);
      tokens.push({ type: "string", text: text.slice(i, end + 1), template });
      i = end + 1;
    } else if (operator) {
      throw new UnsupportedSyntax(source, `operator ${JSON.stringify(operator)} is not modeled`);
    } else if (punctuation) {
      tokens.push({ type: "punctuation", text: punctuation });
      i += punctuation.length;
    } else {
      throw new UnsupportedSyntax(source, `unexpected ${JSON.stringify(rest[0])}`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly source: string,
    private depth: number,
  ) {}

  expression(): Expression {
    deeper(this.depth, this.source);
    this.depth += 1;
    try {
      return this.term();
    } finally {
      this.depth -= 1;
    }
  }

  private term(): Expression {
    const token = this.next();
    if (token.type === "number") return { kind: "literal", value: Number(token.text) };
    if (token.type === "string") return token.template;
    if (token.type === "identifier") {
      if (token.text === "true" || token.text === "false") {
        return { kind: "literal", value: token.text === "true" };
      }
      if (token.text === "null") return { kind: "literal", value: null };
      if (this.peek()?.text === "(") return this.call(token.text);
      return this.traversal(token.text);
    }
    if (token.text === "{" || token.text === "[") {
      if (this.peek()?.text === "for") return this.forExpression(token.text);
      return token.text === "[" ? this.tuple() : this.object();
    }
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

  private call(name: string): FunctionCall {
    if (!(MODELED_FUNCTIONS as readonly string[]).includes(name)) {
      this.fail(`function call ${name}(...) is not modeled`);
    }
    this.expect("(");
    return { kind: "call", name: name as ModeledFunction, args: this.items(")", () => this.expression()) };
  }

  private tuple(): TupleConstructor {
    return { kind: "tuple", items: this.items("]", () => this.expression()) };
  }

  /** `{ name = value, "key" = value, name: value }` */
  private object(): ObjectConstructor {
    const items = this.items("}", () => {
      const start = this.peek();
      const after = this.tokens[this.position + 1]?.text;
      const bare = start?.type === "identifier" && (after === "=" || after === ":");
      const key = bare ? literal(this.next().text) : this.expression();
      const separator = this.next();
      if (separator.type === "string" || (separator.text !== "=" && separator.text !== ":")) {
        this.fail(`expected "=" after an object key, found ${JSON.stringify(separator.text)}`);
      }
      return { key, value: this.expression() };
    });
    return { kind: "object", items };
  }

  /** Items up to `close`, separated by commas (or, in objects, by nothing, as newlines do in HCL). */
  private items<T>(close: string, item: () => T): T[] {
    const items: T[] = [];
    for (;;) {
      if (this.peek()?.text === close) {
        this.next();
        return items;
      }
      items.push(item());
      if (this.peek()?.text === ",") this.next();
      else if (this.peek()?.text !== close && close !== "}") this.expect(close);
    }
  }

  private forExpression(open: "{" | "["): ForExpression {
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

/** Nesting beyond which an expression is refused: input from a file must not exhaust the stack. */
export const MAX_EXPRESSION_NESTING = 64;

function deeper(depth: number, source: string): void {
  if (depth >= MAX_EXPRESSION_NESTING) {
    throw new UnsupportedSyntax(source, `nested more than ${MAX_EXPRESSION_NESTING} levels deep`);
  }
}

function literal(value: string | number): Literal {
  return { kind: "literal", value };
}
