/**
 * `npm run verify` as a user runs it: the example's output passes (exit 0), a hand-edited stack fails
 * (exit 1) with the stack named, and an unreadable folder, bad arguments or an invalid configuration are
 * refused in one line (exit 2).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { VERIFY_COMMAND } from "../../src/cli/verify";
import { runCommand } from "../../src/cli/command";
import { synthesize } from "../../src/stacks/synthesize";
import { npmRun, PROCESS_TEST_TIMEOUT_MS, REPO } from "../support/run-command";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const HUB_PARIS = hubStackName("eu-west-3");
const PAYMENTS = spokeStackName("payments-prod");
const EXAMPLE = path.join(REPO, "config", "example.json");

let workDir: string;
let example: string;
let env: Record<string, string>;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-cli-"));
  env = { VPCE_STATE_DIR: path.join(workDir, "state") };
  example = synthesize(loadConfig(EXAMPLE), path.join(workDir, "example"), { env }).outdir;
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** A copy of the example's output whose Paris hub lacks the * record of ecr.dkr. */
function handEdited(): string {
  const dir = path.join(workDir, `edited-${Math.random().toString(36).slice(2)}`);
  fs.cpSync(example, dir, { recursive: true });
  const file = path.join(dir, "stacks", HUB_PARIS, "cdk.tf.json");
  const hub: Json = JSON.parse(fs.readFileSync(file, "utf8"));
  delete hub.locals.records["*.dkr.ecr.eu-west-3.amazonaws.com"];
  fs.writeFileSync(file, JSON.stringify(hub, null, 2));
  return dir;
}

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe("npm run verify", () => {
  it("passes the example: a matrix of ok, exit 0", async () => {
    // GIVEN the example synthesized into a folder WHEN verified
    const result = await npmRun("verify", ["--dir", example], env);
    // THEN every cell is ok (or - where the region does not share the service) and it exits 0
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const lines = result.stdout.trim().split("\n");
    expect(lines[0].split(/\s+/).slice(0, 4)).toEqual(["spoke", "region", "vpcs", "ec2"]);
    expect(lines[1].split(/\s+/).slice(0, 3)).toEqual([spokeStackName("data-platform"), "eu-west-3", "2"]);
    expect(new Set(lines.slice(1, 4).flatMap((l) => l.split(/\s+/).slice(3)))).toEqual(new Set(["ok", "-"]));
    expect(lines.at(-1)).toMatch(/^ok: \d+ names resolved from 4 spoke vpc\(s\) to their hub endpoints$/);
  });

  it("takes --config and --dir relative to where the user ran npm (INIT_CWD)", () => {
    // GIVEN the user in a folder that holds a configuration and its output
    fs.copyFileSync(EXAMPLE, path.join(workDir, "example.json"));
    const saved = { ...process.env };
    Object.assign(process.env, env, { INIT_CWD: workDir });
    let out = "";
    try {
      // WHEN verify is given both by their names there
      const code = runCommand(VERIFY_COMMAND, ["--config", "example.json", "--dir", "example"], {
        out: (text) => (out += text),
        err: (text) => (out += text),
      });
      // THEN it passes
      expect(code).toBe(0);
      expect(out).toMatch(/\nok: \d+ names resolved/);
    } finally {
      process.env = saved;
    }
  });

  it("fails a hand-edited stack: the broken hop in the matrix, the stack named, exit 1", async () => {
    // GIVEN the Paris hub's cdk.tf.json without the * record of ecr.dkr WHEN verified
    const dir = handEdited();
    const result = await npmRun("verify", ["--dir", dir], env);
    // THEN it exits 1, names the stack that differs and the record that is missing, and shows the hop
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `[stack] ${HUB_PARIS}: stacks/${HUB_PARIS}/cdk.tf.json differs from what config/example.json synthesizes now` +
        ' (locals.records["*.dkr.ecr.eu-west-3.amazonaws.com"] missing)',
    );
    expect(result.stdout).toContain(
      `[record] ${HUB_PARIS}: no record of the zone dkr.ecr.eu-west-3.amazonaws.com answers 123456789012.dkr.ecr.eu-west-3.amazonaws.com: nxdomain`,
    );
    const row = result.stdout.split("\n").find((l) => l.startsWith(PAYMENTS));
    expect(row?.split(/\s+/)).toContain("record");
    expect(result.stderr).toBe("verify failed: 2 failure(s)\n");
  });

  it("--json: every row, each failing one with its failure", async () => {
    // GIVEN a hand-edited output WHEN verified with --json
    const result = await npmRun("verify", ["--dir", handEdited(), "--json"], env);
    // THEN stdout is the report: not ok, and each ecr.dkr row of Paris points at the record failure
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    const dkr = report.rows.filter((r: Json) => r.service === "ecr.dkr");
    expect(dkr.map((r: Json) => r.stack)).toEqual([
      spokeStackName("data-platform"),
      spokeStackName("data-platform"),
      PAYMENTS,
    ]);
    for (const row of dkr) {
      expect(row).toMatchObject({
        region: "eu-west-3",
        name: "*.dkr.ecr.eu-west-3.amazonaws.com",
        result: "record",
      });
      expect(report.failures[row.failure]).toMatchObject({ hop: "record", stack: HUB_PARIS });
    }
    expect(
      report.rows.filter((r: Json) => r.service !== "ecr.dkr").every((r: Json) => r.result === "ok"),
    ).toBe(true);
  });

  it("refuses a folder that holds no synthesis, and says to run synth first: one line, exit 2", async () => {
    // GIVEN a folder without manifest.json, and one that does not exist WHEN verified
    const [empty, missing] = [path.join(workDir, "empty"), path.join(workDir, "missing")];
    fs.mkdirSync(empty);
    const results = await Promise.all([
      npmRun("verify", ["--dir", empty], env),
      npmRun("verify", ["--dir", missing], env),
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

  it("refuses an invalid configuration: its problems, no trace, exit 2", async () => {
    // GIVEN a configuration with an unknown service WHEN verified
    const config = JSON.parse(fs.readFileSync(EXAMPLE, "utf8"));
    config.hub.regions["eu-west-3"].services.push("ecr-dkr");
    delete config.$schema;
    const file = path.join(workDir, "invalid.json");
    fs.writeFileSync(file, JSON.stringify(config));
    const result = await npmRun("verify", ["--config", file, "--dir", example], env);
    // THEN it prints the configuration's problems, path by path, and exits 2
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(
      /^invalid configuration .*invalid\.json: 1 problem\n {2}hub\.regions\.eu-west-3\.services\[5\]: /,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("--help: the usage, exit 0; an unknown argument: one line, exit 2", async () => {
    const [help, unknown] = await Promise.all([
      npmRun("verify", ["--help"]),
      npmRun("verify", ["--dri", example]),
    ]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(
      /^usage: npm run verify -- \[--config <file>\] \[--dir <folder> \| --live \| --probe --region <region> \[--dns-server <ip\[:port\]>\]\] \[--json\]\n/,
    );
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toBe(
      "npm run verify: unknown option --dri; expected --config <file>, --dir <folder>, --json, --live, --probe, --region <region>, --dns-server <ip[:port]>\n",
    );
  });
});
