/**
 * Arbitraries for the hostile-input tests: valid example configurations, broken on purpose.
 *
 * A case is a base file (config/example.json, config/example-terraform-cloud.json, or the latter with
 * every optional field filled in) and a few mutations of its JSON tree (replace a node, delete or add a key, duplicate an item, grow a list to
 * thousands of items, nest a value thousands of levels deep, write a number JSON.stringify cannot), or
 * a few edits of its bytes (truncation, inserted bytes, BOM, invalid UTF-8). Cases print as a short
 * description (`example.json: replace hub.regions.eu-west-3.subnetIds[1] with "..."`), so a
 * counterexample reads without the whole file.
 */
import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import { AWS_QUOTAS } from "../../src/catalog/aws-limits";
import { formatPath } from "../../src/config/config-error";
import { EXAMPLE_PATH, Json, TERRAFORM_CLOUD_EXAMPLE_PATH } from "../config/config-test-kit";

export type { Json };
export type JsonPath = readonly (string | number)[];

// ---------------------------------------------------------------------------------------------------
// Settings

/** The seed of every property: fixed, so CI is deterministic; `FC_SEED=<n>` explores others. */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_240_707;

/**
 * fast-check's options for `numRuns` cases. `budgetMs` bounds the whole property, shrinking included,
 * so a product that has become slow fails ("Property interrupted") instead of stalling the suite.
 */
export function settings(numRuns: number, budgetMs = 30_000): fc.Parameters<unknown> {
  return { seed: SEED, numRuns, plugins: [fc.interruptAfterTimeLimit(budgetMs, { failOnInterrupt: true })] };
}

// ---------------------------------------------------------------------------------------------------
// Bases

/** A valid configuration file and every place in it, by kind, for mutations to pick from. */
export interface Base {
  readonly name: string;
  readonly text: string;
  readonly json: Json;
  /** Every node, the root ([]) first. */
  readonly nodes: readonly JsonPath[];
  readonly objects: readonly JsonPath[];
  readonly arrays: readonly JsonPath[];
  readonly strings: readonly JsonPath[];
  /** Every string value of the file: valid values to put where another kind of value belongs. */
  readonly stringValues: readonly string[];
}

function base(name: string, text: string): Base {
  const json = JSON.parse(text);
  const nodes: JsonPath[] = [];
  const visit = (value: Json, at: JsonPath): void => {
    nodes.push(at);
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...at, i]));
    else if (isObject(value)) for (const key of Object.keys(value)) visit(value[key], [...at, key]);
  };
  visit(json, []);
  const of = (test: (value: Json) => boolean) => nodes.filter((at) => test(valueAt(json, at)));
  const strings = of((value) => typeof value === "string");
  return {
    name,
    text,
    json,
    nodes,
    objects: of(isObject),
    arrays: of(Array.isArray),
    strings,
    stringValues: [...new Set(strings.map((at) => valueAt(json, at) as string))],
  };
}

const fromFile = (file: string) => base(path.basename(file), fs.readFileSync(file, "utf8"));

export const EXAMPLE = fromFile(EXAMPLE_PATH);
export const TERRAFORM_CLOUD_EXAMPLE = fromFile(TERRAFORM_CLOUD_EXAMPLE_PATH);

/**
 * The Terraform Cloud example with the optional fields the examples leave out, so mutations reach
 * them too: role ARNs, a Terraform Enterprise hostname, a custom service (free-text service name,
 * wildcard and `{region}` DNS names) shared in one region, a tag key with a space, every sharing
 * mechanism field (eu-west-3 by resolver rules, us-east-1 by a Profile of zones while resolver rules retire)
 * and every raised quota.
 */
export const FULL_EXAMPLE = ((): Base => {
  const json = structuredClone(TERRAFORM_CLOUD_EXAMPLE.json);
  json.hub.roleArn = "arn:aws:iam::111111111111:role/vpce-share-deployer";
  json.spokes["payments-prod"].roleArn = "arn:aws:iam::222222222222:role/vpce-share";
  json.terraformCloud.hostname = "tfe.example.com";
  json.customServices = {
    "example-api": {
      serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
      privateDnsNames: ["api.example.internal", "*.api.{region}.example.internal"],
    },
  };
  json.hub.regions["eu-west-3"].services.push("example-api");
  json.tags["cost center"] = "network / shared";
  json.hub.regions["eu-west-3"].mechanism = "resolver-rules";
  Object.assign(json.hub.regions["us-east-1"], {
    mechanism: "profile",
    profileContents: "zones",
    retiringMechanism: "resolver-rules", // (which keeps its pinned inbound IPs valid)
  });
  json.quotas = Object.fromEntries(
    Object.entries(AWS_QUOTAS).map(([name, quota]) => [name, quota.default * 2]),
  );
  return base("example-terraform-cloud.json with every optional field", JSON.stringify(json, null, 2));
})();

export const BASES: readonly Base[] = [EXAMPLE, TERRAFORM_CLOUD_EXAMPLE, FULL_EXAMPLE];

/** `object[key] = value`, also for "__proto__", which an assignment would take as the prototype. */
export function setOwn(object: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(json: Json, at: JsonPath): Json {
  return at.reduce(
    (node, segment) => (node === undefined || node === null ? undefined : node[segment]),
    json,
  );
}

/**
 * config/example.json after `change`, as JSON text; the string "@@raw@@" (one place) is replaced by
 * `raw`, for text that JSON.stringify cannot write (1e999, 10,000 nested brackets, a key twice).
 */
export function exampleText(change: (config: Json) => void, raw = ""): string {
  const config = structuredClone(EXAMPLE.json);
  change(config);
  return JSON.stringify(config, null, 2).replace('"@@raw@@"', raw);
}

/** `hub.regions.eu-west-3.subnetIds[1]`, as the product writes config paths. */
export const showPath = (at: JsonPath): string => formatPath(at);

// ---------------------------------------------------------------------------------------------------
// Strings and values

/** Characters that break naive code: NUL, bidi controls, line separators, BOM, zero-width, combining, astral. */
export const ODD_CHARACTERS: readonly string[] = [
  "\u0000", // NUL
  "\u0007", // bell
  "\u001b[31m", // ANSI escape
  "\u202e", // right-to-left override
  "\u200f", // right-to-left mark
  "\u2066", // left-to-right isolate
  "\u2028", // line separator
  "\ufeff", // byte-order mark
  "\u200b", // zero-width space
  "\u0301", // combining acute accent
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "\ud83e\udd84", // emoji (astral)
  "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67", // ZWJ sequence
  "\u0130", // dotted capital I: lowercases to two code units
  "\u00df", // sharp s: uppercases to "SS"
  "\n",
  "\r\n",
  "\t",
  "\\",
  '"',
  "\u00e9",
  "\u0627\u0644", // Arabic
];

/** Text that means something to Terraform (templates) or to cdktf (token markers) inside a JSON string. */
export const TEMPLATE_FRAGMENTS: readonly string[] = [
  "${",
  "%{",
  "${var.x}",
  "${aws_ram_resource_share.rules.arn}",
  "%{ if true }x%{ endif }",
  "$${var.x}",
  "${TfToken[TOKEN.1]}",
  "${TfToken[TOKEN.99999]}",
  "#{TfToken[TOKEN.2]}",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** One unit of an odd string: an odd character, any code point, a lone surrogate or plain ASCII. */
const oddUnit = fc.oneof(
  { arbitrary: fc.constantFrom(...ODD_CHARACTERS), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 2 },
  { arbitrary: loneSurrogate, weight: 1 },
  { arbitrary: fc.constantFrom("a", "z", "0", "9", "-", ".", "/", ":", "*", " "), weight: 2 },
);

/** Short strings of odd units. */
export const oddString = fc.string({ unit: oddUnit, maxLength: 24 });

/**
 * Long strings: 1,000 to 2,000 characters of a short odd string repeated (cut anywhere, so a surrogate
 * pair may be split): ten times what a report may show of a value. Longer ones (a megabyte) go through
 * the command in hostile-synth-command.test.ts: under jest, the product's service name suggestions run
 * about 20 times slower than under node, so in-process cases stay short enough for the time limit to
 * mean a hang.
 */
export const longString = fc
  .record({
    unit: fc.string({ unit: oddUnit, minLength: 1, maxLength: 3 }),
    length: fc.integer({ min: 1_000, max: 2_000 }),
  })
  .map(({ unit, length }) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Numbers JSON.stringify can write: the extremes of doubles and integers. */
const extremeNumber = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_SAFE_INTEGER,
    2 ** 64,
    111111111111,
    0.1,
    -1,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Number literals as written in a file, including those JSON.stringify never writes (-0, 1e999). */
export const NUMBER_LITERALS: readonly string[] = [
  "-0",
  "-0.0",
  "0e0",
  "1E+2",
  "1e308",
  "-1e308",
  "1e999",
  "-1e999",
  "1e-400",
  "5e-324",
  "9007199254740993",
  "123456789012345678901234567890",
  "111111111111.0",
  "0.000000000000000000001",
];

/** Anything a hostile file could hold at one place. */
export function hostileValue(from: Base): fc.Arbitrary<Json> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
    { arbitrary: fc.jsonValue({ maxDepth: 2, stringUnit: oddUnit }), weight: 2 },
    { arbitrary: oddString, weight: 3 },
    { arbitrary: longString, weight: 1 },
    { arbitrary: extremeNumber, weight: 2 },
    { arbitrary: fc.constantFrom(null, true, false, {}, [], "", " ", "null", "0", "__proto__"), weight: 2 },
    // A valid value of the wrong kind: a subnet id where a VPC id belongs, an ARN as a region...
    { arbitrary: fc.constantFrom(...from.stringValues), weight: 3 },
    { arbitrary: fc.array(fc.constantFrom(...from.stringValues), { maxLength: 4 }), weight: 1 },
  );
}

// ---------------------------------------------------------------------------------------------------
// Mutations of the JSON tree

export type Mutation =
  | { readonly kind: "replace"; readonly at: JsonPath; readonly value: Json }
  /** Replaces the node with raw JSON text (number literals, deep nesting) that JSON.stringify cannot write. */
  | { readonly kind: "raw"; readonly at: JsonPath; readonly text: string; readonly label: string }
  /** Inserts `insert` into the string at `at`, at a fraction of its length, removing `remove` characters. */
  | {
      readonly kind: "edit";
      readonly at: JsonPath;
      readonly where: number;
      readonly remove: number;
      readonly insert: string;
    }
  | { readonly kind: "delete"; readonly at: JsonPath }
  | { readonly kind: "addKey"; readonly at: JsonPath; readonly key: string; readonly value: Json }
  /** Writes an existing key of the object a second time (JSON.parse would keep the last silently). */
  | { readonly kind: "duplicateKey"; readonly at: JsonPath; readonly value: Json }
  | { readonly kind: "duplicateItem"; readonly at: JsonPath; readonly index: number }
  /** Grows the list (or object) at `at` to `size` items (entries) of one kind. */
  | { readonly kind: "huge"; readonly at: JsonPath; readonly size: number; readonly items: HugeItems };

/** What a huge list is made of: copies of its first item, distinct well-formed ids, or junk. */
export type HugeItems = "copies" | "distinct" | "junk";

/** A base file and the mutations applied to it, in order. */
export class TreeCase {
  constructor(
    readonly base: Base,
    readonly mutations: readonly Mutation[],
  ) {}

  /** The mutated file. A mutation whose place an earlier one removed is skipped. */
  text(): string {
    const raws: string[] = [];
    const marker = (text: string) => `@@hostile-raw-${raws.push(text) - 1}@@`;
    const root = { value: structuredClone(this.base.json) as Json };
    for (const mutation of this.mutations) apply(root, mutation, marker);
    return JSON.stringify(root.value, null, 2).replace(/"@@hostile-raw-(\d+)@@"/g, (_, i) => raws[Number(i)]);
  }

  [fc.toStringMethod](): string {
    return `${this.base.name}: ${this.mutations.map(describeMutation).join("; then ")}`;
  }
}

function describeMutation(mutation: Mutation): string {
  const where = showPath(mutation.at);
  switch (mutation.kind) {
    case "replace":
      return `replace ${where} with ${shortly(mutation.value)}`;
    case "raw":
      return `replace ${where} with ${mutation.label}`;
    case "edit":
      return `edit ${where}: at ${mutation.where.toFixed(2)} of it remove ${mutation.remove} and insert ${shortly(mutation.insert)}`;
    case "delete":
      return `delete ${where}`;
    case "addKey":
      return `add key ${shortly(mutation.key)} = ${shortly(mutation.value)} to ${where}`;
    case "duplicateKey":
      return `write the first key of ${where} twice, the second time = ${shortly(mutation.value)}`;
    case "duplicateItem":
      return `duplicate item ${mutation.index} of ${where}`;
    case "huge":
      return `grow ${where} to ${mutation.size} ${mutation.items} items`;
  }
}

/** A value for a description: JSON, cut at 120 characters, with the length of long strings. */
function shortly(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length <= 120 ? text : `${text.slice(0, 120)}... (${text.length} characters)`;
}

type Marker = (rawJsonText: string) => string;

function apply(root: { value: Json }, mutation: Mutation, marker: Marker): void {
  const { at } = mutation;
  const parentAt = at.slice(0, -1);
  const last = at[at.length - 1];
  const holder = at.length === 0 ? root : valueAt(root.value, parentAt);
  const key = at.length === 0 ? "value" : last;
  const node = at.length === 0 ? root.value : valueAt(root.value, at);
  if (node === undefined || holder === null || typeof holder !== "object") return; // removed earlier
  const set = (value: Json) => void (holder[key] = value);
  switch (mutation.kind) {
    case "replace":
      return set(structuredClone(mutation.value));
    case "raw":
      return set(marker(mutation.text));
    case "edit": {
      if (typeof node !== "string") return;
      const i = Math.floor(mutation.where * node.length);
      return set(node.slice(0, i) + mutation.insert + node.slice(i + mutation.remove));
    }
    case "delete":
      if (at.length === 0) return set(marker(""));
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key];
      return;
    case "addKey":
      if (isObject(node)) setOwn(node, mutation.key, structuredClone(mutation.value));
      return;
    case "duplicateKey": {
      if (!isObject(node)) return;
      const [first] = Object.keys(node);
      if (first === undefined) return;
      // A second key of the same name, written raw: `"name": <first value>, "name": <value>`.
      const value = JSON.stringify(mutation.value);
      node[marker(JSON.stringify(first))] = marker(value);
      return;
    }
    case "duplicateItem":
      if (Array.isArray(node) && node.length > 0) {
        const index = mutation.index % node.length;
        node.splice(index, 0, structuredClone(node[index]));
      }
      return;
    case "huge":
      return set(huge(node, mutation.size, mutation.items));
  }
}

/**
 * A list of `size` items made from `node`'s first item, or an object of `size` entries keyed `k0`,
 * `k1`, ... (whose values are copies for "distinct", which only lists can vary).
 */
function huge(node: Json, size: number, items: HugeItems): Json {
  const sample: Json = Array.isArray(node) ? node[0] : isObject(node) ? Object.values(node)[0] : node;
  const item = (i: number): Json => {
    if (items === "copies") return structuredClone(sample);
    if (items === "junk") return i % 3 === 0 ? { i } : `x${i}\u202e${i % 7 === 0 ? "\ud800" : ""}`;
    // distinct: the same shape with a counter, e.g. "vpc-" + 17 hex digits
    if (typeof sample === "string") {
      const prefix = /^[a-z]+-/.exec(sample)?.[0] ?? "";
      const digits = sample.length - prefix.length;
      return prefix + i.toString(16).padStart(Math.max(digits, 8), "0").slice(-Math.max(digits, 8));
    }
    return structuredClone(sample);
  };
  if (isObject(node)) {
    return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}`, item(i)]));
  }
  return Array.from({ length: size }, (_, i) => item(i));
}

// ---------------------------------------------------------------------------------------------------
// Arbitraries of tree cases

/** Cases of one to three mutations of `kinds`, on either example. */
export function treeCase(
  kinds: (from: Base) => fc.Arbitrary<Mutation>,
  maxMutations = 3,
): fc.Arbitrary<TreeCase> {
  return fc.oneof(
    ...BASES.map((from) =>
      fc
        .array(kinds(from), { minLength: 1, maxLength: maxMutations })
        .map((mutations) => new TreeCase(from, mutations)),
    ),
  );
}

const pick = (paths: readonly JsonPath[]) => fc.constantFrom(...paths);
const nonRoot = (from: Base) => from.nodes.filter((at) => at.length > 0);

/** Any node replaced by any value. */
export const replaceAnyNode = (from: Base): fc.Arbitrary<Mutation> =>
  fc.record({ kind: fc.constant("replace" as const), at: pick(from.nodes), value: hostileValue(from) });

/** Strings made slightly wrong (odd characters inserted, characters removed), or replaced by odd ones. */
export const oddStrings = (from: Base): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({
      kind: fc.constant("edit" as const),
      at: pick(from.strings),
      where: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      remove: fc.integer({ min: 0, max: 2 }),
      insert: oddString,
    }),
    fc.record({
      kind: fc.constant("replace" as const),
      at: pick(from.strings),
      value: fc.oneof(oddString, longString),
    }),
    fc.record({
      kind: fc.constant("addKey" as const),
      at: pick(from.objects),
      key: fc.oneof(oddString, fc.constantFrom(...from.stringValues)),
      value: fc.oneof(oddString, fc.constantFrom(...from.stringValues)),
    }),
  );

/** Keys deleted, unknown keys added, keys written twice, list items duplicated. */
export const structuralChanges = (from: Base): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: pick(nonRoot(from)) }),
    fc.record({
      kind: fc.constant("addKey" as const),
      at: pick(from.objects),
      key: fc.oneof(
        fc.string({ maxLength: 12 }),
        oddString,
        // near misses of real keys, and keys every JavaScript object already has
        fc.constantFrom(
          "vpcID",
          "subnetids",
          "Services",
          "region",
          "spoke",
          "__proto__",
          "constructor",
          "toString",
          "hasOwnProperty",
        ),
      ),
      value: hostileValue(from),
    }),
    fc.record({
      kind: fc.constant("duplicateKey" as const),
      at: pick(from.objects),
      value: hostileValue(from),
    }),
    fc.record({ kind: fc.constant("duplicateItem" as const), at: pick(from.arrays), index: fc.nat() }),
  );

/** Numbers at the extremes, as written in a file, at any place. */
export const extremeNumbers = (from: Base): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc
      .record({ at: pick(nonRoot(from)), literal: fc.constantFrom(...NUMBER_LITERALS) })
      .map(({ at, literal }): Mutation => ({ kind: "raw", at, text: literal, label: literal })),
    fc.record({ kind: fc.constant("replace" as const), at: pick(nonRoot(from)), value: extremeNumber }),
  );

/** Values nested up to 20,000 levels deep (a 40 KB file), at any place. */
export const deepNesting = (from: Base): fc.Arbitrary<Mutation> =>
  fc
    .record({ at: pick(from.nodes), depth: fc.integer({ min: 1, max: 20_000 }), inObjects: fc.boolean() })
    .map(({ at, depth, inObjects }): Mutation => ({
      kind: "raw",
      at,
      text: inObjects
        ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`
        : `${"[".repeat(depth)}${"]".repeat(depth)}`,
      label: `${depth} nested ${inObjects ? "objects" : "arrays"}`,
    }));

/** Lists (and objects) grown to thousands of items. */
export const hugeCollections =
  (maxSize: number) =>
  (from: Base): fc.Arbitrary<Mutation> =>
    fc.record({
      kind: fc.constant("huge" as const),
      at: pick([...from.arrays, ...from.objects.filter((at) => at.length > 0)]),
      size: fc.integer({ min: 1_000, max: maxSize }),
      items: fc.constantFrom<HugeItems>("copies", "distinct", "junk"),
    });

/** Terraform template and cdktf token syntax in strings, where the schema accepts free text (tags). */
export const templateSyntax = (from: Base): fc.Arbitrary<Mutation> => {
  const text = fc
    .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...TEMPLATE_FRAGMENTS), fc.string({ maxLength: 6 }))
    .map((parts) => parts.join(""));
  return fc.oneof(
    fc.record({
      kind: fc.constant("addKey" as const),
      at: fc.constant(["tags"]),
      key: fc.oneof(text, fc.constant("cost-center")),
      value: text,
    }),
    fc.record({ kind: fc.constant("replace" as const), at: fc.constant(["tags", "owner"]), value: text }),
    fc.record({
      kind: fc.constant("edit" as const),
      at: pick(from.strings),
      where: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      remove: fc.constant(0),
      insert: text,
    }),
  );
};

// ---------------------------------------------------------------------------------------------------
// Edits of the file's bytes

export type ByteEdit =
  | { readonly kind: "truncate"; readonly where: number }
  | { readonly kind: "insert"; readonly where: number; readonly bytes: readonly number[] }
  | { readonly kind: "overwrite"; readonly where: number; readonly byte: number }
  | { readonly kind: "bom" };

/** Bytes that trouble a JSON parser or a UTF-8 decoder. */
const ODD_BYTES: readonly (readonly number[])[] = [
  [0x00],
  [0xff],
  [0xfe, 0xff], // UTF-16 byte-order mark
  [0xef, 0xbb, 0xbf], // UTF-8 byte-order mark
  [0xc0, 0xaf], // overlong "/"
  [0xed, 0xa0, 0x80], // a surrogate encoded in UTF-8
  [0xe2, 0x80], // a truncated 3-byte sequence
  [0x80], // a lone continuation byte
  [0x2c], // ,
  [0x7d], // }
  [0x5d], // ]
  [0x22], // "
  [0x5c], // \
  [0x2f, 0x2f], // //
  [0x2f, 0x2a], // /*
  [0x0a],
];

export class ByteCase {
  constructor(
    readonly base: Base,
    readonly edits: readonly ByteEdit[],
  ) {}

  /** The edited file's bytes; loadConfig decodes them with decodeUtf8, which refuses invalid UTF-8. */
  bytes(): Buffer {
    let bytes = Buffer.from(this.base.text, "utf8");
    for (const edit of this.edits) {
      const at = edit.kind === "bom" ? 0 : Math.floor(edit.where * (bytes.length + 1));
      if (edit.kind === "truncate") bytes = bytes.subarray(0, at);
      else if (edit.kind === "bom") bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      else if (edit.kind === "insert")
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
      else if (at < bytes.length)
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([edit.byte]), bytes.subarray(at + 1)]);
    }
    return bytes;
  }

  [fc.toStringMethod](): string {
    const show = (edit: ByteEdit) =>
      edit.kind === "bom"
        ? "prepend a BOM"
        : edit.kind === "truncate"
          ? `truncate at ${edit.where.toFixed(3)} of the file`
          : edit.kind === "insert"
            ? `insert bytes [${edit.bytes.map((b) => `0x${b.toString(16)}`).join(" ")}] at ${edit.where.toFixed(3)}`
            : `overwrite the byte at ${edit.where.toFixed(3)} with 0x${edit.byte.toString(16)}`;
    return `${this.base.name}: ${this.edits.map(show).join("; then ")}`;
  }
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), where: fraction }),
  fc.record({
    kind: fc.constant("insert" as const),
    where: fraction,
    bytes: fc.oneof(
      fc.constantFrom(...ODD_BYTES),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
    ),
  }),
  fc.record({
    kind: fc.constant("overwrite" as const),
    where: fraction,
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.constant({ kind: "bom" as const }),
);

export const byteCase: fc.Arbitrary<ByteCase> = fc.oneof(
  ...BASES.map((from) =>
    fc.array(byteEdit, { minLength: 1, maxLength: 3 }).map((edits) => new ByteCase(from, edits)),
  ),
);
