/**
 * What the product must do with any file, however hostile: load it and synthesize every stack
 * completely, or refuse it with a ConfigError whose every issue names a config path; never another
 * exception, a stack trace, a hang, or a partly written output folder.
 *
 * `expectHandled(text, input)` runs parseConfig, then synthesize into a fresh folder under
 * os.tmpdir(), and throws an Error that says what went wrong (fast-check reports it with the
 * counterexample). `input` is the file as JSON.parse reads it, to check the output against.
 *
 * synthesize may also refuse a valid configuration with a PolicyCheckError (a policy finding, such
 * as organization.cidrs holding 0.0.0.0/0): the command prints it like a ConfigError and exits 1.
 * That is a refusal too, held to the same standard (a clean report, nothing written), unless the
 * caller forbids it: a finding about text the configuration should have refused or escaped.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, ConfigIssue, FILE_PATH, ROOT_PATH } from "../../src/config/config-error";
import { ConfigSchema } from "../../src/config/config-schema";
import type { VpceShareConfig } from "../../src/config/config-types";
import { parseConfig } from "../../src/config/load-config";
import { synthesize } from "../../src/stacks/synthesize";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { PolicyCheckError } from "../../src/policy-checks/policy-checks";
import type { Json } from "./config-arbitraries";

/** The name parseConfig gives the text in its report. */
export const SOURCE = "hostile.json";

/**
 * A hang guard, not a performance test: the example loads in milliseconds and synthesizes in about 0.1 s
 * on an idle machine, but took over 5 s on a busy 2-core one (load 17; a Terraform Cloud case also runs
 * `terraform version`).
 */
export const CASE_TIME_LIMIT_MS = 30_000;

/** quote() (config-error.ts) shows at most this many characters of a value: "not a pasted file". */
export const MAX_SHOWN = 100;

/**
 * The longest line a report may have. A shown value is at most MAX_SHOWN code points, each escaped in
 * at most 12 characters (an unassigned astral code point is `\udxxx\udxxx`), and a message shows two
 * values at most; anything longer lists without bound.
 */
export const MAX_REPORT_LINE = 4_000;

export type Outcome =
  | { readonly kind: "refused"; readonly issues: readonly ConfigIssue[]; readonly ms: number }
  | { readonly kind: "policy"; readonly report: string; readonly ms: number }
  | { readonly kind: "synthesized"; readonly stacks: readonly string[]; readonly ms: number };

export interface Expectations {
  /** Whether synthesize may refuse the configuration with a PolicyCheckError. Default: yes. */
  readonly policyRefusal?: boolean;
}

/** The file as JSON.parse reads it (after a byte-order mark, which the loader accepts), or undefined. */
export function inputOf(text: string): Json {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

export function expectHandled(
  text: string,
  input: Json,
  { policyRefusal = true }: Expectations = {},
): Outcome {
  const started = Date.now();
  const outcome = handle(text, input, started, policyRefusal);
  if (outcome.ms > CASE_TIME_LIMIT_MS) {
    throw new Error(`the case took ${outcome.ms} ms (limit ${CASE_TIME_LIMIT_MS} ms): ${outcome.kind}`);
  }
  return outcome;
}

function handle(text: string, input: Json, started: number, policyRefusal: boolean): Outcome {
  let config: VpceShareConfig;
  try {
    config = parseConfig(text, SOURCE);
  } catch (error) {
    if (!(error instanceof ConfigError))
      throw new Error(`parseConfig threw ${describeError(error)}, not a ConfigError`, { cause: error });
    expectReport(error, input);
    return { kind: "refused", issues: error.issues, ms: Date.now() - started };
  }
  const synthesis = expectSynthesized(config, input);
  if (synthesis instanceof PolicyCheckError) {
    if (!policyRefusal)
      throw new Error(`synthesize refused a valid configuration: ${synthesis.message.slice(0, 1_000)}`);
    expectPolicyReport(synthesis);
    return { kind: "policy", report: synthesis.message, ms: Date.now() - started };
  }
  return { kind: "synthesized", stacks: synthesis, ms: Date.now() - started };
}

// ---------------------------------------------------------------------------------------------------
// The report

/** A config path as formatPath writes it: `hub.regions.eu-west-3.subnetIds[1]`, `tags["cost center"]`. */
const PLAIN = "[A-Za-z0-9_$-]+";
const QUOTED = '\\["(?:[^"\\\\]|\\\\.)*"(?:\\.\\.\\.)?\\]';
const CONFIG_PATH = new RegExp(`^(?:${PLAIN}|${QUOTED}|\\[\\d+\\])(?:\\.${PLAIN}|${QUOTED}|\\[\\d+\\])*$`);

/** The top-level keys of the schema: a path starts with one of them or with a key of the file. */
const TOP_LEVEL_KEYS = Object.keys(ConfigSchema.shape);

/** Characters quote() escapes: controls, format characters (bidi, BOM, zero-width), lone surrogates, separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Words of JavaScript leaking into a message, outside the user's own quoted values. */
const LEAKS = /\[object \w+\]|\bundefined\b|\bNaN\b|\bfunction\b|=>/;

/** `"..."` (JSON strings, as quote() writes user values), removed before looking for leaks. */
const QUOTED_VALUES = /"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g;

export function expectReport(error: ConfigError, input: Json): void {
  const problems: string[] = [];
  if (error.issues.length === 0) problems.push("it has no issues");
  for (const issue of error.issues) {
    const where = `issue ${JSON.stringify(issue).slice(0, 300)}`;
    if (typeof issue.path !== "string" || issue.path === "") {
      problems.push(`${where}: no path`);
      continue;
    }
    if (typeof issue.message !== "string" || issue.message.trim() === "")
      problems.push(`${where}: no message`);
    if (issue.path !== FILE_PATH && issue.path !== ROOT_PATH) {
      if (!CONFIG_PATH.test(issue.path)) problems.push(`${where}: the path is not a config path`);
      const first = /^[A-Za-z0-9_$-]+/.exec(issue.path)?.[0];
      const keys =
        typeof input === "object" && input !== null && !Array.isArray(input) ? Object.keys(input) : [];
      if (first !== undefined && input !== undefined && ![...TOP_LEVEL_KEYS, ...keys].includes(first)) {
        problems.push(
          `${where}: the path starts with ${first}, which is neither a key of the file nor of the schema`,
        );
      }
    }
    const line = `${issue.path}: ${issue.message}`;
    if (UNSAFE.test(line)) problems.push(`${where}: unescaped control, bidi or surrogate character`);
    if (/[\r\n]/.test(line)) problems.push(`${where}: a line break in one issue`);
    if (LEAKS.test(String(issue.message).replace(QUOTED_VALUES, '""')))
      problems.push(`${where}: JavaScript leaks into the message`);
    for (const shown of `${issue.path} ${issue.message}`.match(QUOTED_VALUES) ?? []) {
      const value = jsonString(shown.replace(/\.\.\.$/, "")) ?? "";
      const length = Array.from(value).length;
      // The product's own words quote long examples; a string of the file must be cut.
      if (length > MAX_SHOWN && stringsOf(input).has(value)) {
        problems.push(
          `issue at ${issue.path.slice(0, 120)}: shows a value of ${length} characters in full (quote() cuts at ${MAX_SHOWN}): ${shown.slice(0, 120)}...`,
        );
      }
    }
    if (line.length > MAX_REPORT_LINE) {
      problems.push(
        `issue at ${issue.path.slice(0, 120)}: a ${line.length}-character line (limit ${MAX_REPORT_LINE}): ${line.slice(0, 200)}...`,
      );
    }
  }
  const report = error.format();
  const count = error.issues.length;
  if (!report.startsWith(`invalid configuration ${SOURCE}: ${count} problem${count === 1 ? "" : "s"}\n`)) {
    problems.push(`the report does not start with its header: ${report.slice(0, 200)}`);
  }
  if (/\n\s+at /.test(report)) problems.push("the report holds a stack trace");
  if (problems.length > 0) {
    throw new Error(
      `a bad ConfigError:\n  ${problems.slice(0, 5).join("\n  ")}\nreport:\n${report.slice(0, 2_000)}`,
    );
  }
}

const stringSets = new WeakMap<object, Set<string>>();

/** Every string of the file, keys and values. */
function stringsOf(input: Json): Set<string> {
  if (typeof input !== "object" || input === null) return new Set(typeof input === "string" ? [input] : []);
  let strings = stringSets.get(input);
  if (!strings) {
    const found = new Set<string>();
    const visit = (value: Json): void => {
      if (typeof value === "string") found.add(value);
      else if (typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          found.add(key);
          visit(item);
        }
      }
    };
    visit(input);
    stringSets.set(input, (strings = found));
  }
  return strings;
}

/** The text of a JSON string literal, or undefined when it is not one (a quote inside the product's own words). */
function jsonString(literal: string): string | undefined {
  try {
    const value = JSON.parse(literal);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A PolicyCheckError's report: a header, one line per finding, the hint; no trace, no raw control characters. */
function expectPolicyReport(error: PolicyCheckError): void {
  const problems: string[] = [];
  const lines = error.message.split("\n");
  if (!/^policy checks failed: \d+ finding\(s\)$/.test(lines[0])) problems.push("no header");
  if (error.violations.length === 0) problems.push("no findings");
  for (const line of lines.slice(1)) {
    if (/^\s+at /.test(line)) problems.push("a stack trace");
    if (UNSAFE.test(line))
      problems.push(
        `unescaped control, bidi or surrogate character in ${JSON.stringify(line).slice(0, 300)}`,
      );
    if (line.length > MAX_REPORT_LINE) problems.push(`a ${line.length}-character line`);
  }
  if (problems.length > 0) {
    throw new Error(
      `a bad PolicyCheckError:\n  ${problems.slice(0, 5).join("\n  ")}\nreport:\n${error.message.slice(0, 2_000)}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// The output

/**
 * Synthesizes into `<fresh folder>/cdktf.out` and checks that every stack of the configuration is
 * there, and that the folder holds nothing else (no staging folder); a failure must leave it empty.
 * Returns the stacks, or the PolicyCheckError that synthesize threw.
 */
function expectSynthesized(config: VpceShareConfig, input: Json): string[] | PolicyCheckError {
  fs.mkdirSync(os.tmpdir(), { recursive: true }); // another jest run's global setup may have removed it
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-"));
  const outdir = path.join(folder, "cdktf.out");
  try {
    let stacks: readonly string[];
    try {
      stacks = synthesize(config, outdir).stacks;
    } catch (error) {
      const left = fs.readdirSync(folder);
      if (error instanceof PolicyCheckError && left.length === 0) return error;
      throw new Error(
        `parseConfig accepted the file, but synthesize threw ${describeError(error)}; ` +
          (left.length === 0 ? "nothing was written" : `it left ${left.join(", ")} behind`),
        { cause: error },
      );
    }
    // From the file, not the loaded configuration: a region or spoke the loader dropped is missing.
    const source = input ?? config;
    const expected = [
      ...Object.keys(source.hub.regions).map(hubStackName),
      ...Object.keys(source.spokes ?? {}).map(spokeStackName),
    ].sort();
    expectEqual("the stacks synthesize returned", [...stacks].sort(), expected);
    expectEqual("the output folder's parent", fs.readdirSync(folder), ["cdktf.out"]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expectEqual("the stacks in manifest.json", Object.keys(manifest.stacks).sort(), expected);
    for (const stack of expected) {
      const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
      if (!fs.existsSync(file)) throw new Error(`${stack}: no cdk.tf.json`);
      const terraform = JSON.parse(fs.readFileSync(file, "utf8"));
      if (stack.startsWith("hub-")) {
        expectTagsAsWritten(stack, terraform, input);
        expectCustomServiceNamesAsWritten(stack, terraform, config);
      }
    }
    return expected;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The tags of the configuration reach Terraform as the same literal text: Terraform reads every
 * string (and map key) of a .tf.json file as a template, so `${` and `%{` must arrive escaped as `$${`
 * and `%%{`, and cdktf must not mistake a tag for one of its tokens.
 */
function expectTagsAsWritten(stack: string, terraform: Json, input: Json): void {
  const written = terraform?.resource?.aws_security_group?.endpoints?.tags;
  const tags: Record<string, unknown> = input?.tags ?? {};
  const expected = Object.fromEntries([
    // A value the loader should have refused (a number) is expected as it is, so its tag shows as lost.
    ...Object.entries(tags).map(([key, value]) => [
      terraformLiteral(key),
      typeof value === "string" ? terraformLiteral(value) : value,
    ]),
    ["Name", "vpce-share-endpoints"],
  ]);
  expectEqual(`${stack}: the tags of aws_security_group.endpoints`, entries(written), entries(expected));
}

/** Likewise a custom service's endpoint service name (free text in the configuration), `{region}` filled in. */
function expectCustomServiceNamesAsWritten(stack: string, terraform: Json, config: VpceShareConfig): void {
  const region = stack.slice("hub-".length);
  for (const service of config.hub.regions[region]?.services ?? []) {
    const custom = config.customServices[service];
    if (!custom) continue;
    const expected = terraformLiteral(custom.serviceName.split("{region}").join(region));
    const written = terraform?.locals?.endpoints?.[service]?.service_name;
    expectEqual(`${stack}: the service name of ${service} in local.endpoints`, written, expected);
  }
}

/** The JSON string that Terraform reads as `text`, literally. */
export function terraformLiteral(text: string): string {
  // A function, as in a replacement string "$$" would stand for one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

function entries(object: Json): [string, unknown][] {
  return object === undefined || object === null
    ? []
    : Object.entries(object).sort(([a], [b]) => (a < b ? -1 : 1));
}

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e.slice(0, 600)}, got ${a.slice(0, 600)}`);
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a non-Error ${JSON.stringify(error)}`;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return `${error.constructor.name}: ${error.message.slice(0, 500)}${frames.length > 0 ? `\n${frames.slice(0, 4).join("\n")}` : ""}`;
}
