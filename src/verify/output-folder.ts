/**
 * An output folder against what the configuration synthesizes now: `manifest.json` and every stack's
 * `cdk.tf.json`, compared as parsed JSON (the retired/ folder and the state folder are not part of it).
 *
 * A stack that differs is narrowed down as far as its literal data allows: a difference only in the
 * literal locals that `verify` reads (a spoke region's VPC ids and domains, a hub's zones, records and
 * endpoints) is resolved on what those locals say; one in a part keyed by a region (a spoke region's
 * association, remote state or provider) fails that region's rows; anything else fails every row of the
 * stack. Expressions are compared as text, never read.
 */
import * as fs from "fs";
import * as path from "path";
import { isDeepStrictEqual } from "util";
import { regionKey } from "../stacks/spoke-stack";
import type { Failure } from "./route53";
import { asRecord, ManifestEntry, readManifest } from "./read-stacks";

/** What verify reads of one stack's literal data: its local names, and the regions its parts are keyed by. */
export interface StackReading {
  readonly literalLocals: readonly string[];
  readonly regions: readonly string[];
}

/** A delivered stack that is not what the configuration synthesizes now. */
export interface DeliveredStack {
  /** Fails every row of the stack: missing, unreadable, or different beyond its literal data. */
  readonly failure?: Failure;
  /** Fails the rows of one region: the stack differs in a part keyed by it. */
  readonly regionFailures: ReadonlyMap<string, Failure>;
  /** The delivered literal locals, when they differ: the rows are resolved on them. */
  readonly locals?: Readonly<Record<string, unknown>>;
}

export interface Delivery {
  /** The stacks that differ, by name. */
  readonly stacks: ReadonlyMap<string, DeliveredStack>;
  /** One failure per stack that differs, is missing, or is extra, in stack order. */
  readonly failures: readonly Failure[];
}

/** Paths of a difference shown in a failure; the rest are counted. */
const SHOWN_PATHS = 3;

/**
 * Compares the output folder `dir` with `fresh`, a synthesis of the same configuration (`source`, as
 * messages name it); `readings` says what verify reads of each stack.
 */
export function compareOutputFolders(
  dir: string,
  fresh: string,
  source: string,
  readings: ReadonlyMap<string, StackReading>,
): Delivery {
  const delivered = readManifest(dir);
  const expected = readManifest(fresh);
  const stacks = new Map<string, DeliveredStack>();
  const failures: Failure[] = [];
  const fail = (stack: string, reason: string, scope: "stack" | "none" = "stack"): void => {
    const failure: Failure = { hop: "stack", stack, reason };
    failures.push(failure);
    if (scope === "stack") stacks.set(stack, { failure, regionFailures: new Map() });
  };
  const now = `what ${source} synthesizes now`;
  for (const name of Object.keys(expected).sort()) {
    const entry = delivered[name];
    if (!entry) {
      fail(name, `is missing from manifest.json: ${source} synthesizes it, but nothing of it deploys`);
      continue;
    }
    if (!isDeepStrictEqual(entry, expected[name])) {
      fail(name, `its entry in manifest.json differs from ${now}`, "none");
    }
    const freshText = fs.readFileSync(stackFile(fresh, expected[name]), "utf8");
    const file = stackFile(dir, entry);
    const shown = path.relative(dir, file);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      fail(
        name,
        `${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? error}): run npm run synth`,
      );
      continue;
    }
    if (text === freshText) continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      fail(name, `${shown} is not JSON: it was edited by hand; run npm run synth`);
      continue;
    }
    const compared = compareStack(json, JSON.parse(freshText), readings.get(name));
    if (!compared) continue;
    const reason = `${shown} differs from ${now} (${describe(compared.paths)}): edited by hand, or stale; run npm run synth`;
    const failure: Failure = { hop: "stack", stack: name, reason };
    failures.push(failure);
    const regionFailures = new Map(
      [...compared.regions].map(([region, paths]) => [
        region,
        {
          hop: "stack",
          stack: name,
          reason: `${shown} differs in ${region} (${describe(paths)})`,
        } as Failure,
      ]),
    );
    stacks.set(name, {
      ...(compared.unattributed ? { failure } : {}),
      regionFailures,
      locals: asRecord(asRecord(json)?.locals) ?? {},
    });
  }
  for (const name of Object.keys(delivered).sort()) {
    if (!(name in expected)) {
      fail(
        name,
        `is in manifest.json but not in ${now}: another configuration's stack, or a stale one (npm run synth retires it)`,
        "none",
      );
    }
  }
  return { stacks, failures };
}

function stackFile(dir: string, entry: ManifestEntry): string {
  return path.join(dir, typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : "");
}

interface Difference {
  readonly path: readonly string[];
  readonly kind: "missing" | "extra" | "changed";
}

/**
 * Where a delivered stack differs from the fresh one: every difference, those in parts keyed by a region
 * of `reading` by region, and whether any is in neither those nor the literal locals. Undefined when the
 * two are the same JSON.
 */
function compareStack(
  delivered: unknown,
  fresh: unknown,
  reading: StackReading | undefined,
): { paths: Difference[]; regions: Map<string, Difference[]>; unattributed: boolean } | undefined {
  const paths = differences(delivered, fresh, []);
  if (paths.length === 0) return undefined;
  const literal = new Set(reading?.literalLocals ?? []);
  const regions = new Map<string, Difference[]>();
  let unattributed = false;
  for (const difference of paths) {
    const [block, name] = difference.path;
    if (block === "locals" && name !== undefined && literal.has(name)) continue;
    // Terraform ignores "//" keys (cdktf's metadata), and `check` blocks only warn (a hub's plan-time
    // comparison of each service with AWS's answer): a difference there changes no row, though the
    // stack still differs.
    if (difference.path.includes("//") || block === "check") continue;
    const region = reading?.regions.find((r) =>
      difference.path.some(
        (segment) => segment === r || segment === regionKey(r) || segment.endsWith(`_${regionKey(r)}`),
      ),
    );
    if (region === undefined) unattributed = true;
    else regions.set(region, [...(regions.get(region) ?? []), difference]);
  }
  return { paths, regions, unattributed };
}

/** The paths where `a` (delivered) and `b` (fresh) differ; provider lists are keyed by alias, string lists by value. */
function differences(a: unknown, b: unknown, at: readonly string[]): Difference[] {
  if (isDeepStrictEqual(a, b)) return [];
  const [left, right] = [keyed(a), keyed(b)];
  if (!left || !right) return [{ path: at, kind: "changed" }];
  const found = [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .sort()
    .flatMap((key): Difference[] => {
      if (!(key in left)) return [{ path: [...at, key], kind: "missing" }];
      if (!(key in right)) return [{ path: [...at, key], kind: "extra" }];
      return differences(left[key], right[key], [...at, key]);
    });
  // The same entries in another order (or listed twice).
  return found.length > 0 ? found : [{ path: at, kind: "changed" }];
}

/** An object as is, a list as a map (by `alias`, by value, else by index); anything else undefined. */
function keyed(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (!Array.isArray(value)) return asRecord(value);
  const keys = value.map((item) => (typeof item === "string" ? item : asRecord(item)?.alias));
  return keys.every((k) => typeof k === "string")
    ? Object.fromEntries(value.map((item, i) => [keys[i] as string, item]))
    : Object.fromEntries(value.map((item, i) => [String(i), item]));
}

function describe(paths: readonly Difference[]): string {
  const comments = (d: Difference) => (d.path.includes("//") ? 1 : 0);
  const shown = [...paths]
    .sort((a, b) => comments(a) - comments(b))
    .slice(0, SHOWN_PATHS)
    .map((d) => `${formatPath(d.path) || "the whole file"} ${d.kind}`);
  const more = paths.length - shown.length;
  return [...shown, ...(more > 0 ? [`${more} more`] : [])].join(", ");
}

/** `["locals", "records", "*.dkr.ecr..."]` -> `locals.records["*.dkr.ecr..."]`. */
function formatPath(segments: readonly string[]): string {
  return segments
    .map((segment, i) =>
      /^[\w-]+$/.test(segment) ? `${i === 0 ? "" : "."}${segment}` : `[${JSON.stringify(segment)}]`,
    )
    .join("");
}
