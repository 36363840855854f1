/**
 * One benchmark run, in a fresh process started by scripts/bench/bench.ts (not meant to be run by hand):
 *
 *   ts-node --swc scripts/bench/synth-once.ts <config.json> <outdir> <floor dir>
 *
 * 1. Synthesizes like `npm run synth`: `loadConfig` (every validation) and `synthesize()` into <outdir>.
 * 2. The floor: re-reads every JSON file synthesis wrote, then times serializing and writing the same
 *    objects again (`JSON.stringify` + `fs.writeFileSync`) into <floor dir>. No generator can do less.
 * 3. Counts stacks, resource blocks (in the files written) and resource instances (what Terraform plans
 *    for the configuration's topology: src/stacks/resource-instances.ts, checked against real plans).
 *
 * Prints one JSON line (RunReport) on stdout.
 */
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import { loadConfig } from "../../src/config/load-config";
import { synthesize } from "../../src/stacks/synthesize";
import { resourceInstanceCount } from "../../src/stacks/resource-instances";
import { topologyOf } from "../../src/topology/topology";

export interface RunReport {
  /** Process start to the start of step 1: node, ts-node and loading the modules. */
  readonly startupSeconds: number;
  readonly loadConfigSeconds: number;
  readonly synthesizeSeconds: number;
  /** Process CPU time (user + system) up to the end of step 1. */
  readonly cpuSeconds: number;
  /** Peak resident set size up to the end of step 1. */
  readonly peakRssBytes: number;
  readonly floorSeconds: number;
  /**
   * Whether the floor wrote the same content as synthesis: the same bytes for every stack; cdktf
   * formats the empty lists of manifest.json differently, so that file is compared parsed.
   */
  readonly floorIdentical: boolean;
  readonly stacks: number;
  readonly files: number;
  readonly outputBytes: number;
  readonly resourceBlocks: number;
  readonly resourceInstances: number;
  /** Steps 2 and 3: not part of synthesis, so the parent takes them out of the process's wall time. */
  readonly measuringSeconds: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(prefix, entry.name);
      return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
    })
    .sort();
}

function main(argv: readonly string[]): void {
  const [configFile, outdir, floorDir] = argv;
  if (!configFile || !outdir || !floorDir)
    throw new Error("usage: synth-once.ts <config.json> <outdir> <floor dir>");
  const startupSeconds = process.uptime();

  // 1. What `npm run synth` does.
  let t = performance.now();
  const config = loadConfig(configFile);
  const loadConfigSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const result = synthesize(config, outdir);
  const synthesizeSeconds = (performance.now() - t) / 1000;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const peakRssBytes = usage.maxRSS * 1024;

  const measuringFrom = performance.now();

  // 2. The floor: the same objects, serialized and written again.
  const files = filesUnder(result.outdir).filter((f) => f.endsWith(".json"));
  const texts = files.map((f) => fs.readFileSync(path.join(result.outdir, f), "utf8"));
  const objects: Json[] = texts.map((text) => JSON.parse(text));
  for (const dir of new Set(files.map((f) => path.dirname(f)))) {
    fs.mkdirSync(path.join(floorDir, dir), { recursive: true });
  }
  t = performance.now();
  objects.forEach((object, i) => {
    fs.writeFileSync(path.join(floorDir, files[i]), JSON.stringify(object, null, 2));
  });
  const floorSeconds = (performance.now() - t) / 1000;
  const floorIdentical = files.every((f, i) => {
    const written = fs.readFileSync(path.join(floorDir, f), "utf8");
    return written === texts[i] || JSON.stringify(JSON.parse(written)) === JSON.stringify(objects[i]);
  });

  // 3. What was synthesized.
  let resourceBlocks = 0;
  files.forEach((file, i) => {
    if (path.basename(file) !== "cdk.tf.json") return;
    for (const byName of Object.values<object>(objects[i].resource ?? {}))
      resourceBlocks += Object.keys(byName).length;
  });
  const resourceInstances = resourceInstanceCount(topologyOf(config));

  const report: RunReport = {
    startupSeconds,
    loadConfigSeconds,
    synthesizeSeconds,
    cpuSeconds,
    peakRssBytes,
    floorSeconds,
    floorIdentical,
    stacks: result.stacks.length,
    files: files.length,
    outputBytes: texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0),
    resourceBlocks,
    resourceInstances,
    measuringSeconds: (performance.now() - measuringFrom) / 1000,
  };
  console.log(JSON.stringify(report));
}

main(process.argv.slice(2));
