/** Reads a cdktf output folder: `manifest.json`, then every stack's `cdk.tf.json`. */
import * as fs from "fs";
import * as path from "path";
import { asRecord, SynthesizedStack } from "../terraform-model/terraform-model";

export class ReadStacksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadStacksError";
  }
}

/** Every stack the manifest lists, with its working directory relative to `dir`. */
export function readStacks(dir: string): SynthesizedStack[] {
  const manifestPath = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    const what = fs.existsSync(dir)
      ? `${dir} holds no synthesis (no manifest.json)`
      : `${dir} does not exist`;
    throw new ReadStacksError(
      `${what}: run \`npm run synth\` first, or name the output folder with --dir <folder>`,
    );
  }
  const manifest = asRecord(readJson(manifestPath));
  const stacks = asRecord(manifest?.stacks);
  if (!stacks) throw new ReadStacksError(`${manifestPath} has no stacks: is ${dir} a cdktf output folder?`);
  return Object.entries(stacks).map(([name, entry]) => {
    const record = asRecord(entry) ?? {};
    const file = typeof record.synthesizedStackPath === "string" ? record.synthesizedStackPath : undefined;
    if (!file) throw new ReadStacksError(`${manifestPath}: stack ${name} has no synthesizedStackPath`);
    const workingDirectory =
      typeof record.workingDirectory === "string" ? record.workingDirectory : path.posix.dirname(file);
    return { name, json: readJson(path.join(dir, file)), workingDirectory };
  });
}

/** Stacks synthesized in memory (stack name -> cdk.tf.json), placed where cdktf writes them. */
export function stacksFromJson(stacks: Readonly<Record<string, unknown>>): SynthesizedStack[] {
  return Object.entries(stacks).map(([name, json]) => ({
    name,
    json,
    workingDirectory: path.posix.join("stacks", name),
  }));
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new ReadStacksError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ReadStacksError(`${file} is not JSON: ${(error as Error).message}`);
  }
}
