/**
 * `npm run bench` end to end, at sizes small enough for the test suite: it synthesizes in a child
 * process, measures, and prints a table whose counts are those of the generated organization.
 * (The figures themselves are not tested: speed belongs to the benchmark, not to timed tests.)
 */
import { parseConfig } from "../../src/config/load-config";
import { FRAMEWORK } from "../../src/framework";
import { organizationConfig } from "../../scripts/bench/organization-config";
import { hubDomains } from "../support/hub-state";
import { npmRun, PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** The cells of the table row of `spokes` spokes: stacks, resource blocks, resource instances. */
function counts(stdout: string, spokes: number, mechanism = "resolver-rules"): number[] {
  const row = stdout.split("\n").find((line) => line.startsWith(`| ${mechanism} | ${spokes} |`));
  if (!row) throw new Error(`no row for ${mechanism}, ${spokes} spokes in:\n${stdout}`);
  return row
    .split("|")
    .slice(3, 6)
    .map((cell) => Number(cell.trim().replace(/,/g, "")));
}

// Each test starts `npm run bench` (ts-node, a synthesis): tens of seconds on a busy 2-core machine.
jest.setTimeout(120_000);

describe("npm run bench", () => {
  it("synthesizes small organizations and counts what Terraform would plan", async () => {
    // GIVEN the hubs alone and the hubs with 2 spokes WHEN benchmarked once each
    const result = await npmRun("bench", ["--sizes", "0,2", "--runs", "1"]);
    // THEN it exits 0, every for_each was expanded and the floor wrote the same output
    expect(result).toMatchObject({ code: 0, timedOut: false });
    expect(result.stdout).not.toMatch(/not sized|floor output differs/);
    // AND it names the framework, and every speed-up is active on it
    expect(result.stdout).toContain(`framework: ${FRAMEWORK.name} ${FRAMEWORK.coreVersion}`);
    expect(result.stdout).toMatch(/^ {2}\+ short token traces: .*\n {2}\+ no preparing pass: /m);
    expect(result.stdout).not.toMatch(/^ {2}- /m);
    // AND 2 spokes add 2 stacks, an association block per spoke region, and an association per spoke
    // VPC and zone of its region's hub
    const config = parseConfig(JSON.stringify(organizationConfig({ spokes: 2 })), "bench-config.json");
    const spokeRegions = Object.values(config.spokes).flatMap((spoke) => Object.entries(spoke.regions));
    const associations = spokeRegions.reduce(
      (sum, [region, { vpcIds }]) => sum + vpcIds.length * hubDomains(config, region).length,
      0,
    );
    const [hubs, withSpokes] = [counts(result.stdout, 0), counts(result.stdout, 2)];
    expect(withSpokes).toEqual([hubs[0] + 2, hubs[1] + spokeRegions.length, hubs[2] + associations]);
  }, 120_000); // a child process: jest's 5 s default fails it on a busy machine

  it("benchmarks a Profile organization beside the rules one: one Profile association per spoke VPC", async () => {
    // GIVEN the hubs alone and with 2 spokes, every region sharing by a Profile WHEN benchmarked once each
    const result = await npmRun("bench", ["--sizes", "0,2", "--runs", "1", "--mechanisms", "profile"]);
    expect(result).toMatchObject({ code: 0, timedOut: false });
    // THEN 2 spokes add 2 stacks, an association block per spoke region and an association per VPC,
    // whatever the number of services
    const config = parseConfig(
      JSON.stringify(organizationConfig({ spokes: 2, mechanism: "profile" })),
      "bench-config.json",
    );
    const spokeRegions = Object.values(config.spokes).flatMap((spoke) => Object.values(spoke.regions));
    const vpcs = spokeRegions.reduce((sum, { vpcIds }) => sum + vpcIds.length, 0);
    const [hubs, withSpokes] = [counts(result.stdout, 0, "profile"), counts(result.stdout, 2, "profile")];
    expect(withSpokes).toEqual([hubs[0] + 2, hubs[1] + spokeRegions.length, hubs[2] + vpcs]);
  }, 120_000);

  it.each([
    [
      ["--size", "2"],
      "unknown option --size; expected --runs N, --sizes 10,100,1000, --mechanisms resolver-rules,profile, --terraform-cloud",
    ],
    [["--mechanisms", "rules"], "--mechanisms takes resolver-rules, profile, zone-association; not rules"],
    [["--sizes", "10,x"], "--sizes takes spoke counts, e.g. 10,100,1000"],
    [["--runs", "0"], "--runs takes a positive integer"],
    [["--sizes"], "--sizes takes a value"],
    [["--runs"], "--runs takes a value"],
  ])("refuses %j in one line, with exit code 2", async (args, message) => {
    const result = await npmRun("bench", args);
    expect(result).toMatchObject({ code: 2, stderr: `npm run bench: ${message}\n` });
  });
});
