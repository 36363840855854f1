/**
 * Reads the user's JSON configuration and returns it validated and normalized (`VpceShareConfig`), or
 * throws a `ConfigError` that lists every problem with its config path.
 *
 * Reads the file (a regular file, UTF-8, JSON), checks its syntax (stops at the first error), then
 * applies the schema (config-schema.ts: each value on its own and the rules that relate values) and
 * reports its problems in document order; quotas are checked last, on the valid configuration.
 */
import { isUtf8 } from "buffer";
import * as fs from "fs";
import * as path from "path";
import { getNodePath, getNodeValue, Node, parseTree, ParseError, printParseErrorCode } from "jsonc-parser";
import { checkAwsLimits } from "./aws-limit-checks";
import { ConfigError, FILE_PATH, formatPath, quote } from "./config-error";
import { pathKey } from "./config-rules";
import { checkSchema, PathIssue } from "./config-schema";
import type { VpceShareConfig } from "./config-types";

type Path = PathIssue["path"];

export const CONFIG_ENV_VAR = "VPCE_CONFIG";
export const DEFAULT_CONFIG_PATH = "config/example.json";

/**
 * The configuration file named by VPCE_CONFIG (relative: from where the user ran the command, see
 * fromUserDirectory), else config/example.json of the project (the working directory).
 */
export function configPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const named = env[CONFIG_ENV_VAR];
  return named ? fromUserDirectory(named, env) : path.resolve(DEFAULT_CONFIG_PATH);
}

/**
 * A path the user typed, made absolute from the folder the user ran the command in: npm runs scripts in
 * the package root and says where the user was in INIT_CWD; without npm, the working directory.
 */
export function fromUserDirectory(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD || process.cwd(), file);
}

export function loadConfig(file: string): VpceShareConfig {
  let bytes: Buffer;
  try {
    // A FIFO, a device or a socket would block the read (or never end): look before opening.
    const stats = fs.statSync(file);
    if (!stats.isFile()) {
      throw new ConfigError(file, [{ path: FILE_PATH, message: notAFile(file, stats) }]);
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(file, [{ path: FILE_PATH, message: readFailure(file, error) }]);
  }
  return parseConfig(decodeUtf8(bytes, file), file);
}

/**
 * The file's text, or a ConfigError at the first byte that is not UTF-8: a lenient decoder would turn
 * it into U+FFFD silently, and a mangled id or name could then pass for another.
 */
export function decodeUtf8(bytes: Buffer, source: string): string {
  if (isUtf8(bytes)) return bytes.toString("utf8");
  // Decoding and encoding again keeps every valid sequence and replaces each invalid one by U+FFFD (3
  // bytes, starting 0xef), so the first byte that differs is in the first invalid sequence.
  const again = Buffer.from(bytes.toString("utf8"), "utf8");
  let offset = 0;
  while (offset < bytes.length && bytes[offset] === again[offset]) offset++;
  const start = sequenceStart(bytes, offset);
  // The broken sequence: from its start, up to 4 bytes, until the next ASCII byte.
  let end = start + 1;
  while (end < Math.min(start + 4, bytes.length) && bytes[end] >= 0x80) end++;
  const shown = [...bytes.subarray(start, end)].map((byte) => `0x${byte.toString(16).padStart(2, "0")}`);
  const text = bytes.subarray(0, start).toString("utf8");
  throw new ConfigError(source, [
    {
      path: FILE_PATH,
      message: `invalid UTF-8 at byte offset ${start} (${position(text, text.length)}): bytes ${shown.join(" ")}; save the file as UTF-8 (JSON files must be UTF-8)`,
    },
  ]);
}

/** Where the sequence holding byte `offset` starts: before it when it cuts short a multi-byte sequence. */
function sequenceStart(bytes: Buffer, offset: number): number {
  for (let i = offset - 1; i >= Math.max(0, offset - 3); i--) {
    const byte = bytes[i];
    if (byte >= 0x80 && byte < 0xc0) continue; // a continuation byte: its lead is further back
    if (byte < 0xc0) return offset; // ASCII: nothing open
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return offset - i < length ? i : offset;
  }
  return offset;
}

function notAFile(file: string, stats: fs.Stats): string {
  const kind = stats.isDirectory()
    ? "a directory"
    : stats.isFIFO()
      ? "a named pipe (FIFO)"
      : stats.isSocket()
        ? "a socket"
        : stats.isCharacterDevice() || stats.isBlockDevice()
          ? "a device"
          : "not a regular file";
  return `${quote(path.resolve(file))} is ${kind}, not a regular file, so it was not opened; ${POINT_ELSEWHERE}`;
}

/** `source` names the text in messages (usually its file path). */
export function parseConfig(text: string, source: string): VpceShareConfig {
  const document = parseJson(text, source);
  const schema = checkSchema(document.value);
  const issues = inDocumentOrder(document.root, [
    ...document.duplicateKeys,
    ...(schema.success ? [] : schema.issues),
  ]);
  if (issues.length > 0 || !schema.success) {
    throw new ConfigError(
      source,
      issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    );
  }
  const config: VpceShareConfig = schema.data;
  // Quotas are counted over the whole configuration, so only once every value is valid.
  const limitIssues = checkAwsLimits(config);
  if (limitIssues.length > 0) throw new ConfigError(source, limitIssues);
  return config;
}

const POINT_ELSEWHERE = `point ${CONFIG_ENV_VAR} at your configuration file, e.g. ${CONFIG_ENV_VAR}=config/my-organization.json (relative to the folder you run the command from)`;

function readFailure(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const shown = quote(path.resolve(file));
  if (code === "ENOENT") return `no such file ${shown}; ${POINT_ELSEWHERE}`;
  return `cannot read ${shown} (${code ?? String(error)}); ${POINT_ELSEWHERE}`;
}

// ---------------------------------------------------------------------------------------------------
// JSON syntax

interface JsonDocument {
  readonly root: Node;
  readonly value: unknown;
  /** JSON.parse keeps the last of two equal keys silently; a typo'd copy would then win unnoticed. */
  readonly duplicateKeys: PathIssue[];
}

/** Parses strict JSON (no comments, no trailing commas); throws a ConfigError at the first syntax error. */
function parseJson(text: string, source: string): JsonDocument {
  const body = text.replace(/^\uFEFF/, ""); // editors on Windows may save a byte-order mark
  const tooDeep = nestingBeyond(body, MAX_NESTING);
  if (tooDeep !== undefined) {
    throw new ConfigError(source, [
      {
        path: FILE_PATH,
        message: `values are nested deeper than ${MAX_NESTING} levels at ${position(body, tooDeep)}; a configuration needs at most 8`,
      },
    ]);
  }
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || root === undefined) {
    // Later errors mostly follow from the first, so only the first is worth reading.
    const [first] = errors;
    const message =
      body.trim() === "" || !first ? "the file is empty; expected a JSON object" : syntaxMessage(body, first);
    throw new ConfigError(source, [{ path: FILE_PATH, message }]);
  }
  const reserved = reservedKeys(root, body);
  if (reserved.length > 0) throw new ConfigError(source, reserved);
  // getNodeValue builds objects without a prototype, so a "__proto__" key stays a plain key.
  return { root, value: getNodeValue(root), duplicateKeys: duplicateKeys(root, body) };
}

/** Deeper than any configuration: the parser and the checks recurse, so refuse it before they run. */
const MAX_NESTING = 64;

/** The offset where `text` nests objects and arrays deeper than `limit`, outside strings. */
function nestingBeyond(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") {
      if (++depth > limit) return i;
    } else if (c === "}" || c === "]") depth--;
  }
  return undefined;
}

/** Keys that JavaScript objects treat specially; no configuration needs them. */
function reservedKeys(root: Node, text: string): { path: string; message: string }[] {
  const found: { path: string; message: string }[] = [];
  const visit = (node: Node): void => {
    if (node.type === "property") {
      const key = node.children?.[0];
      if (key?.value === "__proto__") {
        found.push({
          path: formatPath(getNodePath(key)),
          message: `unknown key "__proto__" at ${position(text, key.offset)}: JavaScript reserves it, so no configuration may use it; expected a name of your own`,
        });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return found;
}

function syntaxMessage(text: string, error: ParseError): string {
  // "PropertyNameExpected" -> "property name expected"
  const words = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  const hint =
    /,\s*$/.test(text.slice(0, error.offset)) && /^[\]}]/.test(text.slice(error.offset))
      ? " (JSON allows no comma before a closing bracket)"
      : text.startsWith("/", error.offset)
        ? " (JSON allows no comments)"
        : "";
  return `invalid JSON at ${position(text, error.offset)}: ${words}${hint}`;
}

/** `line 3, column 5` (1-based) for a character offset. */
function position(text: string, offset: number): string {
  const lines = text.slice(0, offset).split("\n");
  return `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
}

/** Issues sorted by where they are in the file (a missing key: where its object is), so a report reads top down. */
function inDocumentOrder(root: Node, issues: readonly PathIssue[]): PathIssue[] {
  // Every node's offset by path, in one walk (a file may hold thousands of issues).
  const offsets = new Map<string, number>();
  const walk = (node: Node, path: Path): void => {
    offsets.set(pathKey(path), node.offset);
    if (node.type === "object") {
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) walk(value, [...path, key.value as string]);
      }
    } else if (node.type === "array") {
      (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
    }
  };
  walk(root, []);
  const offsetOf = (path: Path): number => {
    for (let length = path.length; length > 0; length--) {
      const offset = offsets.get(pathKey(path.slice(0, length)));
      if (offset !== undefined) return offset;
    }
    return root.offset;
  };
  return issues
    .map((issue) => ({ issue, offset: offsetOf(issue.path) }))
    .sort((a, b) => a.offset - b.offset) // stable: issues at one place keep the order they were found in
    .map(({ issue }) => issue);
}

function duplicateKeys(root: Node, text: string): PathIssue[] {
  const issues: PathIssue[] = [];
  const visit = (node: Node): void => {
    if (node.type === "object") {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (!key) continue;
        const first = seen.get(key.value as string);
        if (first) {
          issues.push({
            path: getNodePath(key),
            message: `key ${quote(key.value)} appears twice in this object (at ${position(text, first.offset)} and ${position(text, key.offset)}); only the last would count, so keep one`,
          });
        } else {
          seen.set(key.value as string, key);
        }
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return issues;
}
