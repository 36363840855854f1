/**
 * `npm run bench`: synthesis at organization scale, against the cost of writing the output.
 *
 *   npm run bench [-- [--runs N] [--sizes 10,100,1000] [--mechanisms resolver-rules,profile] [--terraform-cloud]]
 *
 * --runs: runs per size (default 3); --sizes: spoke counts (default 1/100, 1/10 and all of 1,000);
 * --mechanisms: how every hub region shares, one organization per mechanism (default resolver-rules);
 * --terraform-cloud: Terraform Cloud workspaces instead of local state.
 *
 * For each size (number of spokes; 20 hub regions x 30 services, 3 regions x 2 VPCs per spoke, see
 * organization-config.ts) it writes the configuration file to a temporary folder under .tmp/, then
 * runs synth-once.ts N times, each in a fresh process (`ts-node --swc`, as `npm run synth` runs), and
 * prints the medians: wall time of the process (spawn to exit, without the child's measuring steps after
 * synthesis), synthesis time (loadConfig + synthesize), peak RSS,
 * output size, and the ratio of synthesis time to the floor (serializing and writing the same JSON).
 * First it prints the framework (cdktf, or cdktn under scripts/cdktn/run.sh) and which of synthesize()'s
 * speed-ups that reach into it are active there (src/stacks/speed-ups.ts).
 * Exits non-zero when a run fails, e.g. when the generated configuration does not validate.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { FULL_SCALE_SPOKES, organizationConfig } from "./organization-config";
import type { RunReport } from "./synth-once";
import {
  CommandDefinition,
  CommandError,
  EXIT_BAD_INPUT,
  runCommand,
  UsageError,
} from "../../src/cli/command";
import { speedUpsReport } from "../../src/stacks/speed-ups";
import {
  DEFAULT_MECHANISM,
  SHARING_MECHANISMS,
  SharingMechanism,
} from "../../src/topology/sharing-mechanism";

const PROJECT = path.resolve(__dirname, "..", "..");
const TS_NODE = require.resolve("ts-node/dist/bin.js");
const SYNTH_ONCE = path.join(__dirname, "synth-once.ts");
const MiB = 1024 * 1024;

interface Options {
  readonly runs: number;
  readonly sizes: readonly number[];
  readonly mechanisms: readonly SharingMechanism[];
  readonly terraformCloud: boolean;
}

const options = {
  runs: { type: "string" },
  sizes: { type: "string" },
  mechanisms: { type: "string" },
  "terraform-cloud": { type: "boolean" },
} as const;

export const BENCH_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run bench -- [--runs N] [--sizes 10,100,1000] [--mechanisms resolver-rules,profile] [--terraform-cloud]",
    "  --runs N              runs per size (default 3)",
    `  --sizes 10,100,...    spoke counts (default ${defaultSizes().join(",")})`,
    `  --mechanisms a,b      how every hub region shares: ${SHARING_MECHANISMS.join(", ")} (default ${DEFAULT_MECHANISM})`,
    "  --terraform-cloud     Terraform Cloud workspaces instead of local state",
  ].join("\n"),
  options,
  valueNames: { runs: "N", sizes: "10,100,1000", mechanisms: "resolver-rules,profile" },
  run: (values) => {
    const runs = values.runs === undefined ? 3 : Number(values.runs);
    const sizes = values.sizes === undefined ? defaultSizes() : values.sizes.split(",").map(Number);
    if (!Number.isInteger(runs) || runs < 1) throw new UsageError("--runs takes a positive integer");
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new UsageError("--sizes takes spoke counts, e.g. 10,100,1000");
    }
    const mechanisms = (values.mechanisms ?? DEFAULT_MECHANISM).split(",");
    const unknown = mechanisms.filter((m) => !(SHARING_MECHANISMS as readonly string[]).includes(m));
    if (unknown.length > 0) {
      throw new UsageError(`--mechanisms takes ${SHARING_MECHANISMS.join(", ")}; not ${unknown.join(", ")}`);
    }
    try {
      bench({
        runs,
        sizes,
        mechanisms: mechanisms as SharingMechanism[],
        terraformCloud: values["terraform-cloud"] ?? false,
      });
    } catch (error) {
      // A failed run already carries the child's output; neither needs this process's stack trace.
      throw new CommandError(`npm run bench: ${(error as Error).message}`, EXIT_BAD_INPUT);
    }
  },
};

/** 1/100, 1/10 and all of the full-scale organization. */
function defaultSizes(): number[] {
  return [FULL_SCALE_SPOKES / 100, FULL_SCALE_SPOKES / 10, FULL_SCALE_SPOKES];
}

interface Run extends RunReport {
  readonly wallSeconds: number;
}

function runOnce(configFile: string, work: string, label: string): Run {
  const outdir = path.join(work, `out-${label}`);
  const floorDir = path.join(work, `floor-${label}`);
  const started = performance.now();
  const child = spawnSync(process.execPath, [TS_NODE, "--swc", SYNTH_ONCE, configFile, outdir, floorDir], {
    cwd: PROJECT,
    encoding: "utf8",
    maxBuffer: 64 * MiB,
  });
  const processSeconds = (performance.now() - started) / 1000;
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(floorDir, { recursive: true, force: true });
  if (child.status !== 0) {
    throw new Error(
      `run ${label} failed (exit ${child.status ?? child.signal}):\n${child.stderr}${child.stdout}`,
    );
  }
  const lastLine = child.stdout.trim().split("\n").pop() ?? "";
  const report = JSON.parse(lastLine) as RunReport;
  // What `npm run synth` would take: the process from spawn to exit, without the measuring steps.
  return { ...report, wallSeconds: processSeconds - report.measuringSeconds };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface SizeResult {
  readonly mechanism: SharingMechanism;
  readonly spokes: number;
  readonly runs: readonly Run[];
  /** Median of each numeric field over the runs. */
  readonly median: Readonly<Record<keyof Run, number>>;
}

function medians(runs: readonly Run[]): SizeResult["median"] {
  const keys = Object.keys(runs[0]) as (keyof Run)[];
  return Object.fromEntries(
    keys.map((k) => [k, median(runs.map((r) => Number(r[k])))]),
  ) as SizeResult["median"];
}

function table(results: readonly SizeResult[]): string {
  const header = [
    "mechanism",
    "spokes",
    "stacks",
    "resource blocks",
    "resource instances",
    "output MiB",
    "wall s",
    "synth s",
    "cpu s",
    "synth ms / stack",
    "peak RSS MiB",
    "floor s",
    "synth / floor",
  ];
  const rows = results.map(({ mechanism, spokes, median: m }) => [
    mechanism,
    spokes.toLocaleString("en-US"),
    m.stacks.toLocaleString("en-US"),
    m.resourceBlocks.toLocaleString("en-US"),
    m.resourceInstances.toLocaleString("en-US"),
    (m.outputBytes / MiB).toFixed(1),
    m.wallSeconds.toFixed(2),
    (m.loadConfigSeconds + m.synthesizeSeconds).toFixed(2),
    m.cpuSeconds.toFixed(2),
    ((1000 * (m.loadConfigSeconds + m.synthesizeSeconds)) / m.stacks).toFixed(1),
    (m.peakRssBytes / MiB).toFixed(0),
    m.floorSeconds.toFixed(3),
    `${((m.loadConfigSeconds + m.synthesizeSeconds) / m.floorSeconds).toFixed(1)}x`,
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

function bench(options: Options): void {
  const tmpRoot = path.join(PROJECT, ".tmp");
  fs.mkdirSync(tmpRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(tmpRoot, "bench-"));
  const cleanUp = () => fs.rmSync(work, { recursive: true, force: true });
  process.once("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });
  const cpu = fs.readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1];
  console.log(
    `machine: ${os.availableParallelism()} cores (${cpu ?? os.cpus()[0]?.model ?? "unknown CPU"}), ` +
      `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  console.log(speedUpsReport());
  console.log(
    `shape: 20 hub regions x 30 services; spokes in 3 regions x 2 VPCs; ` +
      `${options.terraformCloud ? "Terraform Cloud" : "local"} state; median of ${options.runs} run(s)`,
  );
  const results: SizeResult[] = [];
  try {
    for (const mechanism of options.mechanisms) {
      for (const spokes of options.sizes) {
        const config = organizationConfig({ spokes, mechanism });
        if (options.terraformCloud) {
          config.terraformCloud = { organization: "acme", workspacePrefix: "vpce-" };
        }
        const configFile = path.join(work, `config-${mechanism}-${spokes}.json`);
        fs.writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
        const runs: Run[] = [];
        for (let run = 1; run <= options.runs; run++) {
          const r = runOnce(configFile, work, `${mechanism}-${spokes}-${run}`);
          runs.push(r);
          console.log(
            `  ${mechanism}, ${spokes} spokes, run ${run}: wall ${r.wallSeconds.toFixed(2)} s (startup ${r.startupSeconds.toFixed(2)}, ` +
              `loadConfig ${r.loadConfigSeconds.toFixed(2)}, synthesize ${r.synthesizeSeconds.toFixed(2)}), ` +
              `peak RSS ${(r.peakRssBytes / MiB).toFixed(0)} MiB, floor ${r.floorSeconds.toFixed(3)} s` +
              (r.floorIdentical ? "" : " (floor output differs from synthesis output!)"),
          );
        }
        results.push({ mechanism, spokes, runs, median: medians(runs) });
      }
    }
  } finally {
    cleanUp();
  }

  console.log(`\n${table(results)}\n`);
  for (const mechanism of options.mechanisms) {
    const own = results.filter((r) => r.mechanism === mechanism);
    const bySpokes = new Map(own.map((r) => [r.spokes, r.median]));
    const full = bySpokes.get(FULL_SCALE_SPOKES);
    const tenth = bySpokes.get(FULL_SCALE_SPOKES / 10);
    if (full && tenth) {
      const synth = (m: SizeResult["median"]) => m.loadConfigSeconds + m.synthesizeSeconds;
      console.log(
        `${mechanism}: growth ${FULL_SCALE_SPOKES} / ${FULL_SCALE_SPOKES / 10} spokes: synthesis ${(synth(full) / synth(tenth)).toFixed(1)}x, ` +
          `wall ${(full.wallSeconds / tenth.wallSeconds).toFixed(1)}x (target: at most 12x)`,
      );
    }
    if (full) {
      const ok = full.wallSeconds < 10 && full.peakRssBytes < 1024 * MiB;
      console.log(
        `${mechanism}: full scale: ${full.wallSeconds.toFixed(2)} s wall, ${(full.peakRssBytes / MiB).toFixed(0)} MiB peak RSS ` +
          `(target: under 10 s and 1 GiB) ${ok ? "ok" : "MISSED"}`,
      );
    }
  }
}

if (require.main === module) process.exitCode = runCommand(BENCH_COMMAND, process.argv.slice(2));
