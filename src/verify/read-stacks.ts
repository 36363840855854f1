/** Reads a cdktf output folder: its `manifest.json`, and JSON files, with one-line errors. */
import * as fs from "fs";
import * as path from "path";

export class ReadStacksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReadStacksError";
  }
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
