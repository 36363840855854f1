/** `npm run diagram` as users run it, and its --out option. */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { Output, runCommand } from "../../src/cli/command";
import { DIAGRAM_COMMAND } from "../../src/cli/diagram";
import { topologyDiagram } from "../../src/diagram/topology-diagram";
import {
  makeWorkDir,
  removeWorkDir,
  REPO_ROOT,
  testConfig,
  testConfigJson,
  writeFile,
} from "../cost/cost-fixtures";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const run = promisify(execFile);

function diagramCommand(args: string[]) {
  let stdout = "";
  let stderr = "";
  const output: Output = { out: (text) => (stdout += text), err: (text) => (stderr += text) };
  return { code: runCommand(DIAGRAM_COMMAND, args, output), stdout, stderr };
}

let workDir: string;
beforeEach(() => {
  workDir = makeWorkDir();
});
afterEach(() => removeWorkDir(workDir));

describe("npm run diagram", () => {
  it("GIVEN the configuration in VPCE_CONFIG THEN its diagram on stdout, exit 0", async () => {
    // GIVEN
    const config = writeFile(workDir, "config.json", testConfigJson());
    // WHEN
    const { stdout, stderr } = await run("npm", ["run", "--silent", "diagram"], {
      cwd: REPO_ROOT,
      env: { ...process.env, VPCE_CONFIG: config },
    });
    // THEN
    expect(stderr).toBe("");
    expect(stdout).toBe(topologyDiagram(testConfig()));
  });

  it("GIVEN a bad configuration THEN exit 1 with the report and no stack trace", async () => {
    const json = testConfigJson();
    json.spokes.alpha.regions["eu-west-3"].vpcIds[0] = "vpc-xyz";
    const config = writeFile(workDir, "config.json", json);
    const failure = await run("npm", ["run", "--silent", "diagram", "--", "--config", config], {
      cwd: REPO_ROOT,
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(
      /spokes\.alpha\.regions\.eu-west-3\.vpcIds\[0\]: "vpc-xyz" is not a VPC id/,
    );
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
    expect(failure?.stdout).toBe("");
  });
});

describe("the diagram command in process", () => {
  it("GIVEN --out THEN the diagram goes to the file and stdout says where", () => {
    const config = writeFile(workDir, "config.json", testConfigJson());
    const out = path.join(workDir, "topology.mmd");
    const result = diagramCommand(["--config", config, "--out", out]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^wrote .*topology\.mmd\n$/);
    expect(fs.readFileSync(out, "utf8")).toBe(topologyDiagram(testConfig()));
  });

  it("GIVEN --out into a folder that does not exist THEN one line that says so, exit 1, nothing written", () => {
    // GIVEN
    const config = writeFile(workDir, "config.json", testConfigJson());
    const out = path.join(workDir, "missing", "topology.mmd");
    // WHEN
    const result = diagramCommand(["--config", config, "--out", out]);
    // THEN
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `--out "${out}": cannot write ${out}: the folder ${path.dirname(out)} does not exist; create it first or name a file in an existing folder\n`,
    });
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });

  it("GIVEN a relative --out THEN it is written where the user ran npm (INIT_CWD)", () => {
    const config = writeFile(workDir, "config.json", testConfigJson());
    const previous = process.env.INIT_CWD;
    process.env.INIT_CWD = workDir;
    try {
      expect(diagramCommand(["--config", "config.json", "--out", "topology.mmd"]).code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.INIT_CWD;
      else process.env.INIT_CWD = previous;
    }
    expect(fs.readFileSync(path.join(workDir, "topology.mmd"), "utf8")).toBe(topologyDiagram(testConfig()));
    expect(config).toBe(path.join(workDir, "config.json"));
  });

  it("GIVEN an unknown option THEN exit 2 with one line that names the options it takes", () => {
    const result = diagramCommand(["--output", "x.mmd"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "npm run diagram: unknown option --output; expected --config <file>, --out <file>\n",
    );
  });
});
