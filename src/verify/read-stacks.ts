/** Reads a cdktf output folder: `manifest.json`, then every stack's `cdk.tf.json`. */
import * as fs from "fs";
import * as path from "path";

export class ReadStacksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadStacksError";
  }
}

/** One stack of an output folder. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: unknown;
  /** Relative to the output folder (`stacks/<name>`): local state paths are relative to it. */
  readonly workingDirectory: string;
}

/** A stack's entry in `manifest.json`. */
export interface ManifestEntry {
  readonly synthesizedStackPath?: unknown;
  readonly workingDirectory?: unknown;
  readonly [key: string]: unknown;
}

/** The stacks `<dir>/manifest.json` lists, by name; a ReadStacksError when the folder holds no synthesis. */
export function readManifest(dir: string): Readonly<Record<string, ManifestEntry>> {
  const manifestPath = path.join(dir, "manifest.json");
  if (!fs.existsSync(manifestPath)) {
    const what = fs.existsSync(dir)
      ? `${dir} holds no synthesis (no manifest.json)`
      : `${dir} does not exist`;
    throw new ReadStacksError(
      `${what}: run \`npm run synth\` first, or name the output folder with --dir <folder>`,
    );
  }
  const stacks = asRecord(asRecord(readJson(manifestPath))?.stacks);
  if (!stacks) throw new ReadStacksError(`${manifestPath} has no stacks: is ${dir} a cdktf output folder?`);
  return Object.fromEntries(Object.entries(stacks).map(([name, entry]) => [name, asRecord(entry) ?? {}]));
}

/** Every stack the manifest lists, with its working directory relative to `dir`. */
export function readStacks(dir: string): SynthesizedStack[] {
  return Object.entries(readManifest(dir)).map(([name, entry]) => {
    const file = typeof entry.synthesizedStackPath === "string" ? entry.synthesizedStackPath : undefined;
    if (!file)
      throw new ReadStacksError(
        `${path.join(dir, "manifest.json")}: stack ${name} has no synthesizedStackPath`,
      );
    const workingDirectory =
      typeof entry.workingDirectory === "string" ? entry.workingDirectory : path.posix.dirname(file);
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

export function readJson(file: string): unknown {
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

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
