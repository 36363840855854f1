/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
 * functions with the most total time (self + callees, each function counted once per stack).
 *
 *   npx ts-node --swc scripts/bench/profile-summary.ts <file.cpuprofile> [--top N]
 */
import * as fs from "fs";
import * as path from "path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileEntry {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** `functionName (node_modules/cdktf/lib/app.js:42)`, paths shortened to the package. */
function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, "");
  const short = file.includes("node_modules/")
    ? file.slice(file.lastIndexOf("node_modules/") + "node_modules/".length)
    : file
      ? path.relative(process.cwd(), file)
      : "";
  return `${functionName || "(anonymous)"}${short ? ` (${short}:${lineNumber + 1})` : ""}`;
}

export function summarizeProfile(profile: CpuProfile): {
  readonly totalMs: number;
  readonly self: ProfileEntry[];
  readonly total: ProfileEntry[];
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const sampleMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    sampleMs.set(id, (sampleMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of sampleMs) {
    const leaf = byId.get(id);
    if (!leaf) continue;
    const leafName = frameName(leaf);
    self.set(leafName, (self.get(leafName) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const name = frameName(node);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()].map(([name, ms]) => ({ name, ms, share: ms / totalMs })).sort((a, b) => b.ms - a.ms);
  return { totalMs, self: ranked(self), total: ranked(total) };
}

function main(argv: readonly string[]): void {
  const file = argv.find((a) => !a.startsWith("--"));
  const topAt = argv.indexOf("--top");
  const top = topAt >= 0 ? Number(argv[topAt + 1]) : 20;
  if (!file) {
    console.error("usage: profile-summary.ts <file.cpuprofile> [--top N]");
    process.exitCode = 2;
    return;
  }
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile);
  const show = (title: string, entries: ProfileEntry[]) => {
    console.log(`\n${title}`);
    for (const e of entries.slice(0, top)) {
      console.log(`${e.ms.toFixed(0).padStart(8)} ms ${(100 * e.share).toFixed(1).padStart(5)}%  ${e.name}`);
    }
  };
  console.log(`profile: ${(summary.totalMs / 1000).toFixed(2)} s`);
  show("self time", summary.self);
  show("total time (self + callees)", summary.total);
}

if (require.main === module) main(process.argv.slice(2));
