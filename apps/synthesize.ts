/**
 * Synthesizes every stack of a configuration into `outdir`, all or nothing: stacks are synthesized into
 * a staging folder beside `outdir` and moved there only when every one of them succeeded.
 */
import * as fs from "fs";
import * as path from "path";
import { App, CloudBackend, DISABLE_STACK_TRACE_IN_METADATA, Manifest } from "cdktf";
import type { Construct } from "constructs";
import type { VpceShareConfig } from "./config/config-types";
import { PolicyCheckError, PolicyViolation } from "../modules/policy-checks/policy-checks";
import { buildStacks, stackBatches } from "./build-stacks";

/** Stacks built and synthesized together, in one app (see synthesize). */
export const STACKS_PER_APP = 50;

export interface SynthesisResult {
  readonly outdir: string;
  readonly stacks: readonly string[];
}

/** `stacksPerApp`: see STACKS_PER_APP (tests use small batches). */
export function synthesize(
  config: VpceShareConfig,
  outdir: string,
  projectDir = process.cwd(),
  stacksPerApp = STACKS_PER_APP,
): SynthesisResult {
  const target = path.resolve(projectDir, outdir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    // Workspaces never reference each other (see WorkspaceStack), so they are built and synthesized
    // `stacksPerApp` at a time, each batch in an app of its own that is dropped once written: with
    // every stack of a large organization alive at once, each one synthesized about 3x slower (the
    // garbage collector's work grows with the live construct trees). The manifest lists them all.
    let manifest: Manifest | undefined;
    const stacks: string[] = [];
    const violations: PolicyViolation[] = [];
    const validation: ValidationState = { cloudBackendChecked: false };
    for (const batch of stackBatches(config, stacksPerApp)) {
      // Validation runs after synthesis (see validateApp), into the staging folder, so a failure
      // still writes nothing.
      // Annotations (suppressed policy findings) keep no stack trace: it would put absolute paths of
      // this machine into manifest.json.
      const app = new App({
        outdir: staging,
        skipValidation: true,
        context: { [DISABLE_STACK_TRACE_IN_METADATA]: true },
      });
      const built = withShortTokenTraces(TOKEN_TRACE_FRAMES, () =>
        withAllStacksSynthesized(() => buildStacks(app, config, batch)),
      );
      withShortTokenTraces(0, () => app.synth());
      violations.push(...built.policyChecks.violations);
      validateApp(app, validation);
      manifest ??= new Manifest(app.manifest.version, staging, app.hclOutput);
      for (const [name, entry] of Object.entries(app.manifest.stacks)) {
        if (name in manifest.stacks) throw new Error(`two stacks are named ${name}`);
        manifest.stacks[name] = entry;
      }
      // cdktf deploys and destroys the stacks of one command in the order of these dependencies (hubs
      // before their spokes, spokes before their hubs); a hub of another batch is not in this app.
      for (const spoke of Object.values(built.spokes)) {
        const entry = manifest.stacks[spoke.node.id];
        manifest.stacks[spoke.node.id] = { ...entry, dependencies: [...spoke.hubStackNames] };
      }
      stacks.push(...[...Object.values(built.hubs), ...Object.values(built.spokes)].map((s) => s.node.id));
    }
    if (violations.length > 0) throw new PolicyCheckError(violations);
    manifest?.writeToFile();
    moveFilesInto(staging, target);
    return { outdir: target, stacks };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * cdktf stops at the first stack with error annotations (our policy findings); stacks built while
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS is set synthesize on (into the staging folder, which a
 * failure removes), so the report lists the findings of every stack.
 */
function withAllStacksSynthesized<T>(build: () => T): T {
  const name = "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS";
  const previous = process.env[name];
  process.env[name] = "true";
  try {
    return build();
  } finally {
    if (previous === undefined) delete process.env[name];
    else process.env[name] = previous;
  }
}

/**
 * Moves every file of `from` to the same place under `to`, replacing files that exist there and keeping
 * the others: stack folders may hold `.terraform` and plans from earlier `cdktf` runs. Files are renamed,
 * not copied (both folders are on one file system), and so is a folder that `to` does not have yet
 * (cdktf created it, with normal permissions); `to` itself is created, not the staging folder (0700)
 * renamed.
 */
function moveFilesInto(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory() && fs.existsSync(destination)) moveFilesInto(source, destination);
    else fs.renameSync(source, destination);
  }
}

/** What validateApp has checked already, over the apps of one synthesis. */
export interface ValidationState {
  cloudBackendChecked: boolean;
}

/**
 * cdktf's validations of every construct, as `app.synth()` runs them, except that the check a cloud
 * backend carries runs once, not once per stack: it runs `terraform version` to see that the binary on
 * PATH is >= 1.1 (the cloud block), the same answer for every stack, and with Terraform Cloud state it
 * was a `terraform version` process per stack, most of the synthesis time of a large organization.
 */
export function validateApp(app: App, state: ValidationState = { cloudBackendChecked: false }): void {
  const errors: string[] = [];
  const visit = (construct: Construct): void => {
    const repeatedCheck = construct instanceof CloudBackend && state.cloudBackendChecked;
    if (construct instanceof CloudBackend) state.cloudBackendChecked = true;
    if (!repeatedCheck) {
      for (const error of construct.node.validate()) errors.push(`[${construct.node.path}] ${error}`);
    }
    for (const child of construct.node.children) visit(child);
  };
  visit(app);
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join("\n  ")}`);
  }
}

/** Frames kept of the creation trace of a token made while building stacks: enough to reach the construct. */
export const TOKEN_TRACE_FRAMES = 10;

/** Where cdktf's tokens capture their creation traces (the first frame of such a trace). */
const TOKEN_SOURCE =
  /[\\/]cdktf[\\/]lib[\\/](?:tokens[\\/]|terraform-dynamic-(?:block|expression)\.js$|complex-computed-list\.js$)/;

/**
 * Runs `fn` with short, unmapped creation traces for cdktf's tokens (`frames` frames); errors keep
 * their usual traces.
 *
 * cdktf records where every token was created, for one purpose: the "Object creation stack" of its
 * error about a token that fails to resolve. It captures every frame and formats the trace at once, and
 * under ts-node or jest each frame goes through source-map-support: half of the synthesis time at
 * organization scale (README, "Performance"). Tokens made while building stacks keep their first frames
 * as V8 prints them (function names, paths, compiled line numbers); tokens that cdktf makes while
 * synthesizing (a lazy `each.value` makes a new one at each resolve) would only show cdktf's resolver,
 * so they keep none. Token traces are told from others (errors, annotations) by where they are taken,
 * and only the frames kept are collected.
 */
export function withShortTokenTraces<T>(frames: number, fn: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, callSites) => {
    if (error instanceof Error) {
      return previous
        ? previous(error, callSites)
        : `${error}${callSites.map((f) => `\n    at ${f}`).join("")}`;
    }
    if (!TOKEN_SOURCE.test(callSites[0]?.getFileName() ?? "")) {
      // Another trace taken on a plain object, e.g. an annotation's (manifest.json): as usual.
      return previous ? previous(error, callSites) : callSites.map((f) => `\n    at ${f}`).join("");
    }
    let trace = "token";
    for (let i = 0; i < callSites.length && i < frames; i++) trace += `\n    at ${callSites[i]}`;
    return trace;
  };
  // cdktf's creation-trace helper (`captureStackTrace`, copied from constructs) lifts the frame limit to
  // MAX_SAFE_INTEGER; V8 collecting every frame of the resolver's deep recursion cost more than the rest.
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target, below) => {
    if (below?.name !== "captureStackTrace" || Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) {
      return capture(target, below);
    }
    Error.stackTraceLimit = frames;
    try {
      capture(target, below);
    } finally {
      Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
    }
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
    Error.captureStackTrace = capture;
  }
}
