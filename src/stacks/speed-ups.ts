/**
 * Which of synthesize()'s speed-ups that reach into the framework (src/framework/internals.ts) work on
 * the framework in use, found by doing each once and looking at the effect: `npm run bench` prints
 * them, and a test requires every one (test/framework/).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, FRAMEWORK, Lazy, LocalBackend, TerraformLocal, TerraformStack } from "../framework";
import { tokenTraceMechanism, withShortTokenTraces } from "../framework/internals";
import { STACKS_PER_APP, TOKEN_TRACE_FRAMES } from "./synthesize";
import { WorkspaceStack } from "./workspace";

export interface SpeedUp {
  readonly name: string;
  readonly active: boolean;
  /** How it works on this framework, or why it does not. */
  readonly how: string;
}

/** The creation trace the framework recorded for a token made inside `withShortTokenTraces(frames)`. */
export function tokenTraceFrames(frames: number | undefined): number {
  const make = () => Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
  return (frames === undefined ? make() : withShortTokenTraces(frames, make)).creationStack.length;
}

/**
 * How many times an app's synthesis renders an element of a plain stack and of a workspace: the
 * framework's preparing pass renders each element once more than the output needs.
 */
export function rendersPerElement(): { plain: number; workspace: number } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "speed-ups-"));
  try {
    const app = new App({ outdir, skipValidation: true });
    class Workspace extends WorkspaceStack {}
    const count = (stack: TerraformStack) => {
      new LocalBackend(stack, { path: "terraform.tfstate" });
      const local = new TerraformLocal(stack, "probe", 1);
      const render = local.toTerraform.bind(local);
      const counter = { renders: 0 };
      local.toTerraform = () => {
        counter.renders++;
        return render();
      };
      return counter;
    };
    const [plain, workspace] = [
      count(new TerraformStack(app, "plain")),
      count(new Workspace(app, "workspace")),
    ];
    app.synth();
    return { plain: plain.renders, workspace: workspace.renders };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Every speed-up of synthesize() that depends on the framework, checked on the framework in use. */
export function speedUps(): SpeedUp[] {
  const [full, kept, none] = [undefined, TOKEN_TRACE_FRAMES, 0].map(tokenTraceFrames);
  const renders = rendersPerElement();
  return [
    {
      name: "short token traces",
      active: kept === TOKEN_TRACE_FRAMES && none === 0 && full > TOKEN_TRACE_FRAMES,
      how:
        `${full} frames -> ${kept} while building (${tokenTraceMechanism(TOKEN_TRACE_FRAMES) ?? "no hook"}), ` +
        `${none} while rendering (${tokenTraceMechanism(0) ?? "no hook"})`,
    },
    {
      name: "no preparing pass",
      active: renders.plain > renders.workspace && renders.workspace === 1,
      how: `each element rendered ${renders.workspace}x instead of ${renders.plain}x (WorkspaceStack.prepareStack)`,
    },
    { name: "stacks per app", active: true, how: `${STACKS_PER_APP} stacks per app, one manifest` },
    { name: "one cloud backend check", active: true, how: "`terraform version` once per synthesis" },
  ];
}

/** The framework in use, then each speed-up, `+` when active, `-` when not: one line each. */
export function speedUpsReport(): string {
  return [
    `framework: ${FRAMEWORK.name} ${FRAMEWORK.coreVersion} (${FRAMEWORK.awsPackage} ${FRAMEWORK.awsVersion}), node ${process.version}`,
    ...speedUps().map((s) => `  ${s.active ? "+" : "-"} ${s.name}: ${s.how}`),
  ].join("\n");
}
