/**
 * `npm run test:cdktn` only: the example configurations synthesize to the same stacks on cdktn (this
 * process) as on cdktf (the same command, VPCE_FRAMEWORK=cdktf), except what names the framework: its
 * version in each stack's metadata and in manifest.json, the command that a spoke's precondition tells
 * the user to run (`npx cdktn deploy`), and how the framework formats an empty list in manifest.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FRAMEWORK } from "../../src/framework";
import { readTree } from "../support/read-tree";
import { runCommand } from "../support/run-command";

// Two syntheses in child processes (ts-node) per configuration: tens of seconds on a busy 2-core machine.
jest.setTimeout(180_000);

let workDir: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "parity-"));
});
afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

async function synth(framework: string, config: string): Promise<Record<string, string>> {
  const outdir = path.join(workDir, framework, path.basename(config, ".json"));
  const result = await runCommand(
    ["npx", "ts-node", "--swc", "src/cli/synth.ts"],
    {
      VPCE_FRAMEWORK: framework,
      VPCE_CONFIG: config,
      CDKTF_OUTDIR: outdir,
      VPCE_STATE_DIR: path.join(workDir, "state", path.basename(config, ".json")),
    },
    170_000,
  );
  // (stderr has the example's execute-api warning, and on Node 22 cdktf's use of util.isArray)
  expect({
    code: result.code,
    timedOut: result.timedOut,
    errors: result.stderr.match(/^.*error.*$/gim),
  }).toEqual({
    code: 0,
    timedOut: false,
    errors: null,
  });
  return readTree(outdir);
}

/** What names the framework, written as cdktf writes it. */
function asCdktfWrites(file: string, text: string, cdktfVersion: string): string {
  const named = text
    .replace(`"version": "${FRAMEWORK.coreVersion}"`, `"version": "${cdktfVersion}"`)
    .replace(/npx cdktn (deploy|destroy) /g, "npx cdktf $1 ");
  return file === "manifest.json" ? named.replace(/": \[\]/g, '": [\n      ]') : named;
}

describe.each(["config/example.json", "config/example-terraform-cloud.json"])("%s", (config) => {
  it("synthesizes on cdktn what it synthesizes on cdktf, but for the framework's name and version", async () => {
    expect(FRAMEWORK.name).toBe("cdktn");
    // WHEN the configuration is synthesized on both frameworks
    const [cdktf, cdktn] = [await synth("cdktf", config), await synth("cdktn", config)];
    // THEN the same files, each the same once the framework's name and version are cdktf's
    expect(Object.keys(cdktn).sort()).toEqual(Object.keys(cdktf).sort());
    const cdktfVersion = JSON.parse(cdktf["manifest.json"]).version as string;
    for (const [file, text] of Object.entries(cdktn)) {
      expect([file, asCdktfWrites(file, text, cdktfVersion)]).toEqual([file, cdktf[file]]);
    }
    // AND the framework is named where the user reads a command to run
    expect(Object.values(cdktn).join("\n")).not.toMatch(/npx cdktf/);
  });
});
