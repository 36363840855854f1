/**
 * What this project relies on in the framework (select.ts) beyond its API, each behind one small
 * function here, each with a test (test/framework/) that fails when the framework changes underneath:
 *
 * - token creation traces: cdktf and cdktn record a stack trace for every token they create, for one
 *   error message; withShortTokenTraces keeps a few frames, or none;
 * - the preparing pass: skipCrossStackPreparingPass;
 * - CONTINUE_ON_ERROR_ANNOTATIONS_ENV, read by the framework's stacks when they are created.
 */
import type { TerraformStack } from "./index";
import { FRAMEWORK } from "./select";

/**
 * Environment variable that the framework's stacks read when created: set, a stack with error
 * annotations still synthesizes (the CLIs set it to print every error themselves).
 */
export const CONTINUE_ON_ERROR_ANNOTATIONS_ENV = "CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS";

/** cdktn's own switch that skips creation traces altogether (cdktf has none). */
export const DISABLE_CREATION_STACK_ENV = "CDKTN_DISABLE_CREATION_STACK";

/** Where the framework takes token creation traces: the functions it hands Error.captureStackTrace. */
const TRACE_MODULE = `${FRAMEWORK.corePackage}/lib/tokens/private/stack-trace`;

function traceCapturers(): ReadonlySet<unknown> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(TRACE_MODULE) as Record<string, unknown>;
    // cdktf: captureStackTrace(), which hides itself; cdktn: captureCreationStack(), which it hides.
    return new Set(
      ["captureStackTrace", "captureCreationStack"]
        .map((name) => module[name])
        .filter((f) => typeof f === "function"),
    );
  } catch {
    return new Set();
  }
}

const TOKEN_TRACE_CAPTURERS = traceCapturers();

/**
 * How token traces are shortened on this framework, or undefined when the framework no longer takes
 * them where this module looks (then they are taken in full: slower, never wrong).
 */
export function tokenTraceMechanism(frames: number): string | undefined {
  if (frames === 0 && FRAMEWORK.name === "cdktn") return `${DISABLE_CREATION_STACK_ENV}=true`;
  return TOKEN_TRACE_CAPTURERS.size > 0 ? `Error.captureStackTrace hook on ${TRACE_MODULE}` : undefined;
}

/**
 * Runs `fn` with short, unmapped creation traces for the framework's tokens (`frames` frames); errors
 * and other traces keep their usual ones.
 *
 * The framework records where every token was created, for one purpose: the "Object creation stack" of
 * its error about a token that fails to resolve. It captures every frame and formats the trace at once,
 * and under ts-node or jest each frame goes through source-map-support: half of the synthesis time at
 * organization scale (README, "Performance"). Tokens made while building stacks keep their first frames
 * as V8 prints them (function names, paths, compiled line numbers); tokens that the framework makes
 * while synthesizing (a lazy `each.value` makes a new one at each resolve) would only show its
 * resolver, so they keep none: on cdktn through its own switch, which skips the capture. A trace is a
 * token's when the framework's trace function takes it, and only the frames kept are collected (the
 * framework lifts the frame limit to MAX_SAFE_INTEGER: V8 collecting every frame of the resolver's deep
 * recursion cost more than the rest).
 */
export function withShortTokenTraces<T>(frames: number, fn: () => T): T {
  const previousSwitch = process.env[DISABLE_CREATION_STACK_ENV];
  if (frames === 0 && FRAMEWORK.name === "cdktn") process.env[DISABLE_CREATION_STACK_ENV] = "true";
  const tokenTraces = new WeakSet<object>();
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, callSites) => {
    if (!tokenTraces.has(error)) {
      if (error instanceof Error) {
        return previous
          ? previous(error, callSites)
          : `${error}${callSites.map((f) => `\n    at ${f}`).join("")}`;
      }
      // Another trace taken on a plain object, e.g. an annotation's (manifest.json): as usual.
      return previous ? previous(error, callSites) : callSites.map((f) => `\n    at ${f}`).join("");
    }
    let trace = "token";
    for (let i = 0; i < callSites.length && i < frames; i++) trace += `\n    at ${callSites[i]}`;
    return trace;
  };
  const capture = Error.captureStackTrace;
  Error.captureStackTrace = (target, below) => {
    if (!TOKEN_TRACE_CAPTURERS.has(below)) return capture(target, below);
    tokenTraces.add(target);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = frames;
    try {
      capture(target, below);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
    Error.captureStackTrace = capture;
    if (previousSwitch === undefined) delete process.env[DISABLE_CREATION_STACK_ENV];
    else process.env[DISABLE_CREATION_STACK_ENV] = previousSwitch;
  }
}

/**
 * Prepares `stack` for synthesis as the framework's App.synth() does, less the pass that resolves every
 * element of the stack once more only to find references to other stacks (and, on cdktn, to note the
 * Terraform functions used: rendering notes them too, and validateApp runs after rendering). For stacks
 * that never reference another stack's constructs (src/stacks/workspace.ts).
 */
export function skipCrossStackPreparingPass(stack: TerraformStack): void {
  stack.ensureBackendExists();
}
