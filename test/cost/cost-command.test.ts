/**
 * `npm run cost` as users run it (a real process: exit codes, stdout, stderr), and the command's
 * options in process.
 */
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, Output, runCommand } from "../../src/cli/command";
import { COST_COMMAND } from "../../src/cli/cost";
import { npmRun, PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import { Json, makeWorkDir, removeWorkDir, testConfigJson, writeFile } from "./cost-fixtures";

interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in process, capturing what it writes. */
function costCommand(args: string[]): CommandResult {
  let stdout = "";
  let stderr = "";
  const output: Output = { out: (text) => (stdout += text), err: (text) => (stderr += text) };
  const code = runCommand(COST_COMMAND, args, output);
  return { code, stdout, stderr };
}

let workDir: string;
beforeEach(() => {
  workDir = makeWorkDir();
});
afterEach(() => removeWorkDir(workDir));

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

describe("npm run cost", () => {
  it("GIVEN no option THEN the table for the example configuration, exit 0", async () => {
    // WHEN
    const result = await npmRun("cost");
    // THEN
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toMatch(/^Monthly cost of config\/example\.json in USD \(730 hours a month/);
    expect(result.stdout).toMatch(/\ntotal +\d+ +\$[\d,]+\.\d\d +\$[\d,]+\.\d\d +-?\$[\d,]+\.\d\d\n/);
  });

  it("GIVEN --json THEN the documented shape: regions with the four figures, total with three", async () => {
    // GIVEN the test configuration in VPCE_CONFIG, overridden by --config
    const file = writeFile(workDir, "config.json", testConfigJson());
    // WHEN
    const result = await npmRun("cost", ["--config", file, "--json"], { VPCE_CONFIG: "does-not-exist.json" });
    // THEN
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["regions", "total", "prices"]);
    expect(Object.keys(json.regions)).toEqual(["eu-west-3", "us-east-1"]);
    for (const region of Object.values<Json>(json.regions)) {
      for (const key of [
        "baseline_monthly_usd",
        "centralized_monthly_usd",
        "savings_monthly_usd",
        "break_even_spoke_vpcs",
      ]) {
        expect(typeof region[key]).toBe("number");
      }
    }
    expect(json.regions["eu-west-3"]).toMatchObject({
      baseline_monthly_usd: 525.6,
      centralized_monthly_usd: 665.6,
      savings_monthly_usd: -140,
      break_even_spoke_vpcs: 8,
    });
    expect(json.total).toEqual({
      baseline_monthly_usd: 554.8,
      centralized_monthly_usd: 1061.3,
      savings_monthly_usd: -506.5,
    });
  });

  it("GIVEN a bad prices file THEN exit 1, a report naming the path, no stack trace, nothing on stdout", async () => {
    const prices = writeFile(workDir, "prices.json", { default: { endpoint_hour: -1 } });
    // WHEN
    const result = await npmRun("cost", ["--prices", prices]);
    // THEN
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `invalid configuration ${prices}: 1 problem\n  default.endpoint_hour: -1 is negative; expected a number >= 0\n`,
    );
    expect(result.stdout).toBe("");
  });

  it("GIVEN a bad configuration THEN exit 1 with the configuration report", async () => {
    const json = testConfigJson();
    json.hub.regions["eu-west-3"].traffic.peakQueriesPerSecond = "lots";
    const result = await npmRun("cost", ["--config", writeFile(workDir, "config.json", json)]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^invalid configuration .*config\.json: 1 problem\n {2}hub\.regions\.eu-west-3\.traffic\.peakQueriesPerSecond: "lots" is a string; expected a number\n$/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("GIVEN an unknown option THEN exit 2 with one line that names the options it takes", async () => {
    const result = await npmRun("cost", ["--price", "x.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "npm run cost: unknown option --price; expected --config <file>, --json, --prices <file>\n",
    );
    expect(result.stdout).toBe("");
  });
});

describe("the cost command in process", () => {
  it("GIVEN --help THEN the usage on stdout, exit 0", () => {
    const result = costCommand(["--help"]);
    expect(result).toMatchObject({ code: EXIT_OK, stderr: "" });
    expect(result.stdout).toContain("--prices <file>");
  });

  it("GIVEN a positional argument THEN a usage error", () => {
    expect(costCommand(["config.json"]).code).toBe(EXIT_USAGE);
  });

  it("GIVEN --prices without a value THEN a usage error", () => {
    expect(costCommand(["--prices"]).code).toBe(EXIT_USAGE);
  });

  it("GIVEN a missing prices file THEN exit 1 naming it", () => {
    const result = costCommand(["--prices", `${workDir}/missing.json`]);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.stderr).toMatch(/\(file\): no such file ".*missing\.json"; check the --prices path/);
  });

  it("GIVEN a missing configuration THEN exit 1 naming it", () => {
    const result = costCommand(["--config", `${workDir}/missing.json`]);
    expect(result.code).toBe(EXIT_BAD_INPUT);
    expect(result.stderr).toMatch(/no such file ".*missing\.json"/);
  });

  it("GIVEN a prices file with traffic THEN the table says where prices and traffic come from", () => {
    const config = writeFile(workDir, "config.json", testConfigJson());
    const prices = writeFile(workDir, "prices.json", { regions: { "us-east-1": { transfer_gb: 1000 } } });
    const result = costJson(["--config", config, "--prices", prices]);
    expect(result.regions["us-east-1"].transfer_gb_per_month).toBe(1000);
    const table = costCommand(["--config", config, "--prices", prices]).stdout;
    expect(table).toContain("prices and traffic from the --prices file, else AWS us-east-1 list prices");
    expect(table).toMatch(/1,000 GB/);
  });

  it("GIVEN a capacity shortfall THEN a warning, and still exit 0", () => {
    const json = testConfigJson();
    json.hub.regions["us-east-1"].traffic = { peakQueriesPerSecond: 20_000 };
    const config = writeFile(workDir, "config.json", json);
    const result = costCommand(["--config", config]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain(
      "warning: us-east-1: peak of 20,000 queries/s exceeds 1,500, half of the 3,000",
    );
    expect(result.stdout).toContain("even 6 IPs");
    expect(costJson(["--config", config]).regions["us-east-1"].capacity).toMatchObject({
      peak_queries_per_second: 20_000,
      recommended_inbound_resolver_ips: 6,
      exceeds_maximum_ips: true,
    });
  });

  it("GIVEN free endpoints in the prices file THEN break-even is null in JSON and 'never' in the table", () => {
    const config = writeFile(workDir, "config.json", testConfigJson());
    const prices = writeFile(workDir, "prices.json", { default: { endpoint_hour: 0 } });
    expect(
      costJson(["--config", config, "--prices", prices]).regions["eu-west-3"].break_even_spoke_vpcs,
    ).toBe(null);
    expect(costCommand(["--config", config, "--prices", prices]).stdout).toMatch(/\neu-west-3 .* never\n/);
  });
});

function costJson(args: string[]): Json {
  const result = costCommand([...args, "--json"]);
  expect(result).toMatchObject({ code: EXIT_OK, stderr: "" });
  return JSON.parse(result.stdout);
}
