/**
 * Synthesizes every stack of a configuration into `outdir`, all or nothing: stacks are synthesized into
 * a staging folder beside `outdir` and copied over only when every one of them succeeded.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import type { VpceShareConfig } from "./config/config-types";
import { buildStacks } from "./build-stacks";

export interface SynthesisResult {
  readonly outdir: string;
  readonly stacks: readonly string[];
}

export function synthesize(
  config: VpceShareConfig,
  outdir: string,
  projectDir = process.cwd(),
): SynthesisResult {
  const target = path.resolve(projectDir, outdir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    const app = new App({ outdir: staging });
    const { hubs, spokes } = buildStacks(app, config);
    app.synth();
    // Copy over, not rename: stack folders may hold `.terraform` and plans from earlier `cdktf` runs.
    // Create the target first so it gets normal permissions, not the staging folder's 0700.
    fs.mkdirSync(target, { recursive: true });
    fs.cpSync(staging, target, { recursive: true, force: true });
    return {
      outdir: target,
      stacks: [...Object.values(hubs), ...Object.values(spokes)].map((s) => s.node.id),
    };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
