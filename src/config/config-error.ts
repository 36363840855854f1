/**
 * The error that `loadConfig` throws, and the two formatting helpers every message goes through:
 * `formatPath` for config paths and `quote` for values taken from the user's file.
 */

export interface ConfigIssue {
  /** Config path (`hub.regions.eu-west-3.subnetIds[1]`), or `(file)` / `(root)` for the whole file. */
  readonly path: string;
  readonly message: string;
}

/** Issues about the file itself: missing, unreadable, not JSON. */
export const FILE_PATH = "(file)";
/** What `formatPath([])` renders: the top-level value. */
export const ROOT_PATH = "(root)";

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super("");
    this.name = "ConfigError";
    // The message is the full report, so an uncaught ConfigError prints every problem.
    this.message = this.format();
  }

  /** `invalid configuration <source>: N problem(s)`, then `  <path>: <message>` per issue. */
  format(): string {
    const count = this.issues.length;
    const header = `invalid configuration ${this.source}: ${count} problem${count === 1 ? "" : "s"}`;
    return [header, ...this.issues.map((issue) => `  ${issue.path}: ${issue.message}`)].join("\n");
  }
}

/** Keys that read unambiguously after a dot; others (`ecr.api`, `cost center`) are bracketed and quoted. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

/** `["hub", "regions", "eu-west-3", "subnetIds", 1]` -> `hub.regions.eu-west-3.subnetIds[1]`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "string" && PLAIN_KEY.test(segment))
      out += out === "" ? segment : `.${segment}`;
    else out += `[${quote(String(segment))}]`;
  }
  return out === "" ? ROOT_PATH : out;
}

/** Longest value shown in a message, in characters: enough for an OU or role ARN, not for a pasted file. */
const MAX_SHOWN = 100;
/** Characters that JSON.stringify leaves raw but that can hide or reorder text in a terminal. */
const UNSAFE = /[\p{C}\p{Zl}\p{Zp}]/gu;

/** A user's value in JSON form, truncated, with invisible and control characters escaped. */
export function quote(value: unknown): string {
  if (value === undefined) return "nothing";
  // A string is cut before quoting so the quotes stay balanced; other values are cut as JSON text.
  const [shown, cut] =
    typeof value === "string"
      ? truncate(value)
      : // JSON has no Infinity (a number too large for a double): JSON.stringify would call it null.
        truncate(
          typeof value === "number" && !Number.isFinite(value)
            ? String(value)
            : (JSON.stringify(value) ?? String(value)),
        );
  const json = typeof value === "string" ? JSON.stringify(shown) : shown;
  return json.replace(UNSAFE, escapeUnicode) + (cut ? "..." : "");
}

/** Cuts on code points, so a surrogate pair is never split. */
function truncate(text: string): [shown: string, cut: boolean] {
  const chars = Array.from(text);
  return chars.length > MAX_SHOWN ? [chars.slice(0, MAX_SHOWN).join(""), true] : [text, false];
}

function escapeUnicode(char: string): string {
  return Array.from(
    { length: char.length },
    (_, i) => `\\u${char.charCodeAt(i).toString(16).padStart(4, "0")}`,
  ).join("");
}
