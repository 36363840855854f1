/**
 * The framework hooks (src/framework/internals.ts) on the framework this run uses (cdktf in `npm test`,
 * cdktn in `npm run test:cdktn`): each test fails when the framework changes underneath its hook.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Annotations, App, Construct, FRAMEWORK, Lazy, TerraformStack } from "../../src/framework";
import { CONTINUE_ON_ERROR_ANNOTATIONS_ENV, withShortTokenTraces } from "../../src/framework/internals";
import { rendersPerElement, speedUps, tokenTraceFrames } from "../../src/stacks/speed-ups";
import { TOKEN_TRACE_FRAMES } from "../../src/stacks/synthesize";

let workDir: string;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "framework-"));
});
afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe(`withShortTokenTraces on ${FRAMEWORK.name}`, () => {
  it("keeps the first frames of a token's creation trace, and none while the framework synthesizes", () => {
    // GIVEN tokens made outside the hook, with TOKEN_TRACE_FRAMES frames and with none
    const full = Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
    const short = withShortTokenTraces(TOKEN_TRACE_FRAMES, () =>
      Lazy.anyValue({ produce: () => 1 }),
    ) as unknown as { creationStack: string[] };
    const none = withShortTokenTraces(0, () => Lazy.anyValue({ produce: () => 1 })) as unknown as {
      creationStack: string[];
    };
    // THEN the framework recorded the whole trace, the first frames, and nothing
    expect(full.creationStack.length).toBeGreaterThan(TOKEN_TRACE_FRAMES);
    expect(short.creationStack).toHaveLength(TOKEN_TRACE_FRAMES);
    expect(short.creationStack[0]).toMatch(/^new LazyBase /);
    expect(none.creationStack).toEqual([]);
  });

  it("leaves errors their full trace, other captured traces their frames, and the globals as they were", () => {
    const [capture, prepare, limit, disabled] = [
      Error.captureStackTrace,
      Error.prepareStackTrace,
      Error.stackTraceLimit,
      process.env.CDKTN_DISABLE_CREATION_STACK,
    ];
    const error = withShortTokenTraces(0, () => new Error("boom"));
    expect(error.stack?.split("\n").length).toBeGreaterThan(2);
    const traced = withShortTokenTraces(0, () => {
      const target = { stack: "" };
      Error.captureStackTrace(target);
      return target;
    });
    expect(traced.stack.split("\n").length).toBeGreaterThan(2);
    expect([
      Error.captureStackTrace,
      Error.prepareStackTrace,
      Error.stackTraceLimit,
      process.env.CDKTN_DISABLE_CREATION_STACK,
    ]).toEqual([capture, prepare, limit, disabled]);
  });

  it("collects only the frames it keeps (the framework asks V8 for every frame)", () => {
    // GIVEN the frame limit V8 sees when the framework captures a token's trace
    const limits: number[] = [];
    const capture = Error.captureStackTrace;
    const spy = jest.spyOn(Error, "captureStackTrace").mockImplementation((target, below) => {
      limits.push(Error.stackTraceLimit);
      capture(target, below);
    });
    try {
      // WHEN a token is made inside the hook
      withShortTokenTraces(3, () => Lazy.anyValue({ produce: () => 1 }));
    } finally {
      spy.mockRestore();
    }
    // THEN V8 was asked for 3 frames, not MAX_SAFE_INTEGER
    expect(limits).toEqual([3]);
  });
});

describe(`the preparing pass on ${FRAMEWORK.name}`, () => {
  it("renders a plain stack's elements once more than a workspace's, which renders each once", () => {
    // WHEN an app with a plain stack and a workspace synthesizes THEN the framework still has the pass
    // (else the hook is obsolete) and workspaces skip it
    expect(rendersPerElement()).toEqual({ plain: 2, workspace: 1 });
  });
});

describe(`${CONTINUE_ON_ERROR_ANNOTATIONS_ENV} on ${FRAMEWORK.name}`, () => {
  function stackWithError(app: App): void {
    const stack = new TerraformStack(app, "annotated");
    Annotations.of(new Construct(stack, "thing")).addError("a finding");
  }

  it("lets a stack with error annotations synthesize when set while the stack is built", () => {
    // GIVEN a stack with an error annotation, built without the variable and with it
    const strict = new App({ outdir: path.join(workDir, "strict"), skipValidation: true });
    stackWithError(strict);
    const lenient = new App({ outdir: path.join(workDir, "lenient"), skipValidation: true });
    process.env[CONTINUE_ON_ERROR_ANNOTATIONS_ENV] = "true";
    try {
      stackWithError(lenient);
    } finally {
      delete process.env[CONTINUE_ON_ERROR_ANNOTATIONS_ENV];
    }
    // THEN the first stops synthesis, the second writes its stack with the error in the manifest
    expect(() => strict.synth()).toThrow(/a finding/);
    lenient.synth();
    const manifest = fs.readFileSync(path.join(workDir, "lenient", "manifest.json"), "utf8");
    expect(JSON.parse(manifest).stacks.annotated.annotations).toEqual([
      expect.objectContaining({ level: "@cdktf/error", message: "a finding" }),
    ]);
  });
});

describe(`speed-ups on ${FRAMEWORK.name}`, () => {
  it("are all active, each found by its effect", () => {
    expect(speedUps().filter((s) => !s.active)).toEqual([]);
    expect(tokenTraceFrames(0)).toBe(0);
  });
});
