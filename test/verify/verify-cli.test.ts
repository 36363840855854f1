/**
 * `npm run verify` on a synthesized output folder: the example passes (exit 0), a corrupted stack fails
 * (exit 1) with the failure named, and an unreadable folder is refused (exit 2).
 */
import * as fs from "fs";
import { npmRun, PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import { synthesize } from "../../src/stacks/synthesize";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const REPO = path.resolve(__dirname, "..", "..");
const HUB_PARIS = hubStackName("eu-west-3");
const WILDCARD_RECORD = "*.dkr.ecr.eu-west-3.amazonaws.com";

let workDir: string;
let example: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
  example = synthesize(
    loadConfig(path.join(REPO, "config", "example.json")),
    path.join(workDir, "example"),
  ).outdir;
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A copy of the example's output whose Paris hub is changed by `corrupt` (default: lacks the * record of ecr.dkr). */
function corruptedCopy(
  corrupt = (hub: Json) => {
    delete hub.locals.records[WILDCARD_RECORD];
  },
): string {
  const dir = path.join(workDir, `corrupted-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(example, dir, { recursive: true });
  const file = path.join(dir, "stacks", HUB_PARIS, "cdk.tf.json");
  const hub = JSON.parse(fs.readFileSync(file, "utf8"));
  corrupt(hub);
  fs.writeFileSync(file, JSON.stringify(hub, null, 2));
  return dir;
}

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe("npm run verify", () => {
  it("passes the example: a matrix of ok, exit 0", async () => {
    // GIVEN the example synthesized into a folder WHEN verified
    const result = await npmRun("verify", ["--dir", example]);
    // THEN every cell is ok (or - where the spoke does not expect the service) and it exits 0
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const lines = result.stdout.trim().split("\n");
    expect(lines[0].split(/\s+/).slice(0, 4)).toEqual(["spoke", "region", "vpcs", "ec2"]);
    expect(lines[1].split(/\s+/).slice(0, 3)).toEqual([spokeStackName("data-platform"), "eu-west-3", "2"]);
    expect(new Set(lines.slice(1, 4).flatMap((l) => l.split(/\s+/).slice(3)))).toEqual(new Set(["ok", "-"]));
    expect(lines.at(-1)).toMatch(/^ok: \d+ names resolved from 4 spoke vpc\(s\) to their hub endpoints$/);
  });

  it("fails a corrupted stack: the broken hop in the matrix, the failure named, exit 1", async () => {
    // GIVEN the Paris hub's cdk.tf.json without the * record of ecr.dkr WHEN verified
    const result = await npmRun("verify", ["--dir", corruptedCopy()]);
    // THEN it exits 1, shows the record hop in the ecr.dkr column, and names stack, address and reason
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `[record] ${HUB_PARIS} aws_route53_zone.this["dkr.ecr.eu-west-3.amazonaws.com"]: no record answers` +
        " 123456789012.dkr.ecr.eu-west-3.amazonaws.com: nxdomain, with no fallback to public dns",
    );
    const row = result.stdout.split("\n").find((l) => l.startsWith(spokeStackName("payments-prod")));
    expect(row?.split(/\s+/)).toContain("record");
  });

  it("--json: the same report as JSON", async () => {
    // GIVEN a corrupted output WHEN verified with --json
    const result = await npmRun("verify", ["--dir", corruptedCopy(), "--json"]);
    // THEN stdout is the report: not ok, the cell and the failure
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.rows[0].cells["ecr.dkr"]).toBe("record");
    expect(report.failures).toEqual([expect.objectContaining({ hop: "record", stack: HUB_PARIS })]);
  });

  it("refuses references chained deeper than it can follow: one line, exit 2", async () => {
    // GIVEN the Paris hub's records reached through a chain of 50,000 locals WHEN verified
    const dir = corruptedCopy((hub: Json) => {
      const links = 50_000;
      for (let i = 0; i < links; i++) hub.locals[`link_${i}`] = `\${local.link_${i + 1}}`;
      hub.locals[`link_${links}`] = hub.locals.records;
      hub.locals.records = "${local.link_0}";
    });
    const result = await npmRun("verify", ["--dir", dir]);
    // THEN it says so, without a stack trace
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^cannot verify: references nest deeper than the verifier can follow \(Maximum call stack size exceeded\)\n$/,
    );
  });

  it("refuses a folder that holds no synthesis, and says to run synth first: one line, exit 2", async () => {
    // GIVEN a folder without manifest.json, and one that does not exist WHEN verified
    const [empty, missing] = [path.join(workDir, "empty"), path.join(workDir, "missing")];
    fs.mkdirSync(empty);
    const results = await Promise.all([
      npmRun("verify", ["--dir", empty]),
      npmRun("verify", ["--dir", missing]),
    ]);
    // THEN each says why and what to run, in one line, and exits 2
    const advice = "run `npm run synth` first, or name the output folder with --dir <folder>";
    expect(results).toMatchObject([
      {
        code: 2,
        stdout: "",
        stderr: `cannot verify: ${empty} holds no synthesis (no manifest.json): ${advice}\n`,
      },
      { code: 2, stdout: "", stderr: `cannot verify: ${missing} does not exist: ${advice}\n` },
    ]);
  });

  it("--help: the usage, exit 0", async () => {
    const result = await npmRun("verify", ["--help"]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(
      /^usage: npm run verify -- \[--dir <cdktf output folder, default cdktf.out>\] \[--json\]\n$/,
    );
  });

  it("--dir without a folder: one line and the usage, exit 2", async () => {
    const result = await npmRun("verify", ["--dir"]);
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/^--dir takes a folder \(the cdktf output folder\)\nusage: /);
  });
});
