/**
 * verify anchored to the configuration: the rows are what the configuration shares, the output folder
 * must be what it synthesizes now, and every way of losing a row in the delivered stacks fails, naming
 * the spoke.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { VpceShareConfig } from "../../src/config/config-types";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { synthesize } from "../../src/stacks/synthesize";
import { topologyOf } from "../../src/topology/topology";
import { formatJson, formatReport, LISTED_FAILURES, SCREEN_LINES } from "../../src/verify/format-report";
import type { Failure } from "../../src/verify/route53";
import { Row, verifyOutputFolder, verifyTopology, VerifyReport } from "../../src/verify/verify";
import { Json, load, REPO_ROOT } from "../config/config-test-kit";
import { loadConfig } from "../../src/config/load-config";

const PARIS = "eu-west-3";
const VIRGINIA = "us-east-1";
const HUB_PARIS = hubStackName(PARIS);
const DATA_PLATFORM = spokeStackName("data-platform");
const PAYMENTS = spokeStackName("payments-prod");
const EXAMPLE = load();
const DROPPED_VPC = EXAMPLE.spokes["data-platform"].regions[PARIS].vpcIds[1];

let workDir: string;
let stateDir: string;
beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-"));
  stateDir = path.join(workDir, "state");
});
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** `config` synthesized into a new folder, then changed by `edit` (a stack's JSON by name, or the manifest). */
function outputOf(
  config: VpceShareConfig,
  edit: (stacks: Record<string, Json>, manifest: Json) => void = () => {},
): string {
  const dir = path.join(workDir, `out-${Math.random().toString(36).slice(2)}`);
  synthesize(config, dir, { env: { VPCE_STATE_DIR: stateDir } });
  const manifestFile = path.join(dir, "manifest.json");
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  const file = (stack: string) => path.join(dir, "stacks", stack, "cdk.tf.json");
  const stacks = Object.fromEntries(
    Object.keys(manifest.stacks).map((stack) => [stack, JSON.parse(fs.readFileSync(file(stack), "utf8"))]),
  );
  const before = JSON.stringify([stacks, manifest]);
  edit(stacks, manifest);
  if (JSON.stringify([stacks, manifest]) !== before) {
    for (const [stack, json] of Object.entries(stacks))
      fs.writeFileSync(file(stack), JSON.stringify(json, null, 2));
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  }
  return dir;
}

function verify(config: VpceShareConfig, dir: string): VerifyReport {
  return verifyOutputFolder(config, dir, { env: { VPCE_STATE_DIR: stateDir }, source: "config.json" });
}

const rowsOf = (report: VerifyReport, match: Partial<Row>) =>
  report.rows.filter((row) => Object.entries(match).every(([k, v]) => row[k as keyof Row] === v));
const hops = (rows: readonly Row[]) => [...new Set(rows.map((r) => r.failure?.hop ?? "ok"))];
const failuresOf = (report: VerifyReport, stack: string) => report.failures.filter((f) => f.stack === stack);

describe("verify", () => {
  describe("passes what the configuration synthesizes now", () => {
    it("the example: a row per spoke, region, VPC, service and private DNS name of the configuration", () => {
      // GIVEN the example synthesized WHEN verified
      const report = verify(EXAMPLE, outputOf(EXAMPLE));
      // THEN nothing fails, and the rows are exactly what the configuration shares, every one ok
      expect(report.failures).toEqual([]);
      const expected = Object.entries(EXAMPLE.spokes).flatMap(([spoke, { regions }]) =>
        Object.entries(regions).flatMap(([region, { vpcIds }]) =>
          vpcIds.flatMap((vpc) =>
            EXAMPLE.hub.regions[region].services.map(
              (service) => `${spokeStackName(spoke)} ${region} ${vpc} ${service}`,
            ),
          ),
        ),
      );
      expect(new Set(report.rows.map((r) => `${r.stack} ${r.region} ${r.vpc} ${r.service}`))).toEqual(
        new Set(expected),
      );
      expect(rowsOf(report, { stack: PAYMENTS, service: "ecr.dkr" }).map((r) => r.name)).toEqual([
        "*.dkr.ecr.eu-west-3.amazonaws.com",
      ]);
      expect(hops(report.rows)).toEqual(["ok"]);
    });

    it.each([
      [
        "with query logging",
        load(
          (c) =>
            (c.hub.regions[PARIS].queryLogDestinationArn =
              "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries"),
        ),
      ],
      ["without query logging", EXAMPLE],
      [
        "with Terraform Cloud workspaces",
        load((c) => (c.terraformCloud = { organization: "acme", workspacePrefix: "vpce-" })),
      ],
      ["with inbound IPs that AWS assigns", load((c) => delete c.hub.regions[VIRGINIA].inboundResolverIps)],
      [
        "with a custom service",
        load((c) => {
          c.hub.regions[PARIS].services.push("billing");
          c.customServices = {
            billing: {
              serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
              privateDnsNames: ["billing.{region}.example.internal", "*.billing.{region}.example.internal"],
              endpointPolicy: false,
            },
          };
        }),
      ],
    ])("%s", (_, config) => {
      // GIVEN the configuration synthesized WHEN verified THEN nothing fails
      const report = verify(config, outputOf(config));
      expect(report.failures).toEqual([]);
      expect(report.rows.length).toBeGreaterThan(0);
    });

    it("neither writes to the state folder nor is refused by another configuration's", () => {
      // GIVEN the example synthesized, and a state folder that another configuration owns
      const dir = outputOf(EXAMPLE);
      const ownerFile = path.join(stateDir, "owner.json");
      fs.mkdirSync(stateDir, { recursive: true });
      fs.writeFileSync(ownerFile, JSON.stringify({ configuration: "../other.json" }));
      const before = fs.readdirSync(stateDir);
      // WHEN verified THEN it passes, and the state folder is as it was
      expect(verify(EXAMPLE, dir).failures).toEqual([]);
      expect(fs.readdirSync(stateDir)).toEqual(before);
      expect(JSON.parse(fs.readFileSync(ownerFile, "utf8"))).toEqual({ configuration: "../other.json" });
      fs.rmSync(stateDir, { recursive: true });
    });
  });

  describe("fails, naming the spoke, when the delivered stacks lose a row", () => {
    it("one spoke's association resource deleted from its stack", () => {
      // GIVEN data-platform's stack without its us-east-1 associations WHEN verified
      const report = verify(
        EXAMPLE,
        outputOf(
          EXAMPLE,
          (stacks) => delete stacks[DATA_PLATFORM].resource.aws_route53_resolver_rule_association.us_east_1,
        ),
      );
      // THEN every us-east-1 row of data-platform fails at its stack, which the failure names; the rest pass
      expect(hops(rowsOf(report, { stack: DATA_PLATFORM, region: VIRGINIA }))).toEqual(["stack"]);
      expect(hops(rowsOf(report, { stack: DATA_PLATFORM, region: PARIS }))).toEqual(["ok"]);
      expect(hops(rowsOf(report, { stack: PAYMENTS }))).toEqual(["ok"]);
      expect(
        failuresOf(report, DATA_PLATFORM)
          .map((f) => f.reason)
          .join("\n"),
      ).toContain("resource.aws_route53_resolver_rule_association.us_east_1 missing");
    });

    it("a spoke region dropped consistently (the stack of a configuration without it)", () => {
      // GIVEN the output of the example without data-platform's us-east-1 WHEN verified against the example
      const without = load((c) => delete c.spokes["data-platform"].regions[VIRGINIA]);
      const report = verify(EXAMPLE, outputOf(without));
      // THEN data-platform's us-east-1 rows fail, naming its stack
      expect(hops(rowsOf(report, { stack: DATA_PLATFORM, region: VIRGINIA }))).toEqual(["stack"]);
      expect(rowsOf(report, { stack: DATA_PLATFORM, region: VIRGINIA })[0].failure?.stack).toBe(
        DATA_PLATFORM,
      );
      // AND its Paris rows, which the stack still delivers (cdktf's "//" metadata differs too), pass
      expect(hops(rowsOf(report, { stack: DATA_PLATFORM, region: PARIS }))).toEqual(["ok"]);
      expect(hops(rowsOf(report, { stack: PAYMENTS }))).toEqual(["ok"]);
    });

    it("a VPC dropped consistently", () => {
      // GIVEN the output of the example without one of data-platform's Paris VPCs WHEN verified
      const without = load(
        (c) =>
          (c.spokes["data-platform"].regions[PARIS].vpcIds = c.spokes["data-platform"].regions[
            PARIS
          ].vpcIds.filter((v: string) => v !== DROPPED_VPC)),
      );
      const report = verify(EXAMPLE, outputOf(without));
      // THEN exactly that VPC's rows fail: it lacks its associations, and the failure names the spoke
      expect(hops(rowsOf(report, { vpc: DROPPED_VPC }))).toEqual(["association"]);
      expect(rowsOf(report, { vpc: DROPPED_VPC })[0].failure?.stack).toBe(DATA_PLATFORM);
      expect(report.rows.filter((r) => r.vpc !== DROPPED_VPC && r.failure)).toEqual([]);
      expect(
        failuresOf(report, DATA_PLATFORM)
          .map((f) => f.reason)
          .join("\n"),
      ).toContain(`locals.vpc_ids_eu_west_3`);
    });

    it("a spoke dropped from manifest.json", () => {
      // GIVEN the example's output whose manifest lacks payments-prod WHEN verified
      const report = verify(
        EXAMPLE,
        outputOf(EXAMPLE, (_, manifest) => delete manifest.stacks[PAYMENTS]),
      );
      // THEN every payments-prod row fails at its stack, and the failure says the manifest lacks it
      expect(hops(rowsOf(report, { stack: PAYMENTS }))).toEqual(["stack"]);
      expect(failuresOf(report, PAYMENTS)).toEqual([
        expect.objectContaining({ hop: "stack", reason: expect.stringContaining("is missing from") }),
      ]);
      expect(hops(rowsOf(report, { stack: DATA_PLATFORM }))).toEqual(["ok"]);
    });

    it("a service removed consistently from hub and spokes", () => {
      // GIVEN the output of the example without ecr.dkr in Paris WHEN verified against the example
      const without = load(
        (c) =>
          (c.hub.regions[PARIS].services = c.hub.regions[PARIS].services.filter(
            (s: string) => s !== "ecr.dkr",
          )),
      );
      const report = verify(EXAMPLE, outputOf(without));
      // THEN every Paris ecr.dkr row of every spoke fails (the hub has no rule for it), and the other rows pass
      const dkr = rowsOf(report, { region: PARIS, service: "ecr.dkr" });
      expect(new Set(dkr.map((r) => r.stack))).toEqual(new Set([DATA_PLATFORM, PAYMENTS]));
      expect(hops(dkr)).toEqual(["rule"]);
      expect(report.rows.filter((r) => r.service !== "ecr.dkr" && r.failure)).toEqual([]);
      // AND the failures name the hub and each spoke whose stack differs
      expect(new Set(report.failures.filter((f) => f.hop === "stack").map((f) => f.stack))).toEqual(
        new Set([HUB_PARIS, DATA_PLATFORM, PAYMENTS]),
      );
    });
  });

  describe("fails a stack that is not what the configuration synthesizes now", () => {
    it("a hub hand-edited beyond its literal data: every row of its region fails, naming the hub", () => {
      // GIVEN the Paris hub forwarding to another IP WHEN verified
      const report = verify(
        EXAMPLE,
        outputOf(
          EXAMPLE,
          (stacks) =>
            (stacks[HUB_PARIS].resource.aws_route53_resolver_rule.this.target_ip[0].ip = "10.10.9.9"),
        ),
      );
      // THEN the Paris rows fail at the hub's stack; us-east-1 passes
      expect(hops(rowsOf(report, { region: PARIS }))).toEqual(["stack"]);
      expect(rowsOf(report, { region: PARIS })[0].failure?.stack).toBe(HUB_PARIS);
      expect(hops(rowsOf(report, { region: VIRGINIA }))).toEqual(["ok"]);
    });

    it("a hub that lost a record: the names it answered are NXDOMAIN", () => {
      // GIVEN the Paris hub without the * record of ecr.dkr WHEN verified
      const report = verify(
        EXAMPLE,
        outputOf(
          EXAMPLE,
          (stacks) => delete stacks[HUB_PARIS].locals.records["*.dkr.ecr.eu-west-3.amazonaws.com"],
        ),
      );
      // THEN the Paris ecr.dkr rows fail at the record, the others pass
      expect(hops(rowsOf(report, { region: PARIS, service: "ecr.dkr" }))).toEqual(["record"]);
      expect(report.rows.filter((r) => r.service !== "ecr.dkr" && r.failure)).toEqual([]);
    });

    it("a stale output: the stack of another configuration, a file that is not JSON, an extra stack", () => {
      // GIVEN outputs with an extra spoke, and with a spoke file that is not JSON
      const extra = load(
        (c) =>
          (c.spokes.extra = {
            accountId: "444444444444",
            regions: { [PARIS]: { vpcIds: ["vpc-0abcdef0123456789"] } },
          }),
      );
      const withExtra = verify(EXAMPLE, outputOf(extra));
      const broken = outputOf(EXAMPLE);
      fs.writeFileSync(path.join(broken, "stacks", PAYMENTS, "cdk.tf.json"), "{");
      const withBroken = verify(EXAMPLE, broken);
      // WHEN verified THEN each is a failure naming the stack
      expect(failuresOf(withExtra, spokeStackName("extra"))).toEqual([
        expect.objectContaining({
          hop: "stack",
          reason: expect.stringContaining("not in what config.json synthesizes now"),
        }),
      ]);
      expect(failuresOf(withBroken, PAYMENTS)).toEqual([
        expect.objectContaining({ reason: expect.stringContaining("is not JSON") }),
      ]);
      expect(hops(rowsOf(withBroken, { stack: PAYMENTS }))).toEqual(["stack"]);
    });
  });

  it("a list in another order is a difference, though every row resolves", () => {
    // GIVEN payments-prod's Paris domains listed in reverse WHEN verified
    const report = verify(
      EXAMPLE,
      outputOf(EXAMPLE, (stacks) => stacks[PAYMENTS].locals.domains_eu_west_3.reverse()),
    );
    // THEN the stack is named as differing there, and its rows pass
    expect(failuresOf(report, PAYMENTS)).toEqual([
      expect.objectContaining({
        hop: "stack",
        reason: expect.stringContaining("(locals.domains_eu_west_3 changed)"),
      }),
    ]);
    expect(hops(report.rows)).toEqual(["ok"]);
  });

  describe("at 2,000 spokes", () => {
    const spokes = 2000;
    const large = load((c) => {
      c.spokes = Object.fromEntries(
        Array.from({ length: spokes }, (_, i) => [
          `team-${String(i).padStart(4, "0")}`,
          {
            accountId: String(200000000000 + i),
            regions: { [PARIS]: { vpcIds: [`vpc-${i.toString(16).padStart(17, "0")}`] } },
          },
        ]),
      );
      c.quotas = { ruleAssociationsPerRegion: 100000 };
    });
    const topology = topologyOf(large);
    const broken = [3, 500, 1999].map((i) => topology.spokes[i].stackName);
    const failures: Failure[] = broken.map((stack) => ({
      hop: "stack",
      stack,
      reason: "differs from what the configuration synthesizes now",
    }));
    const report = verifyTopology(topology, {
      stacks: new Map(failures.map((failure) => [failure.stack, { failure, regionFailures: new Map() }])),
      failures,
    });

    it("the matrix stays a screenful: lines with a failure, and a count of those that pass", () => {
      // GIVEN 2,000 spokes of which 3 are broken WHEN formatted
      const text = formatReport(report);
      // THEN it shows the failing lines only, counts the rest, and lists every failure
      expect(text.split("\n").length).toBeLessThan(SCREEN_LINES + LISTED_FAILURES);
      for (const stack of broken)
        expect(text).toMatch(new RegExp(`^${stack}\\s+eu-west-3\\s+1\\s+stack`, "m"));
      expect(text).toContain(
        `${spokes - broken.length} spoke region(s) where every name resolves are not shown`,
      );
      expect(text).toContain("3 failure(s):");
    });

    it("failures past the cap are counted; --json keeps every row", () => {
      // GIVEN every spoke broken WHEN formatted
      const all: Failure[] = topology.spokes.map((s) => ({
        hop: "stack",
        stack: s.stackName,
        reason: "missing",
      }));
      const everything = verifyTopology(topology, {
        stacks: new Map(all.map((failure) => [failure.stack, { failure, regionFailures: new Map() }])),
        failures: all,
      });
      const text = formatReport(everything);
      // THEN the text stays short, with the count of failing lines and failures not shown
      expect(text.split("\n").length).toBeLessThan(SCREEN_LINES + LISTED_FAILURES + 10);
      expect(text).toContain(`... and ${spokes - SCREEN_LINES} more spoke region(s) with failures`);
      expect(text).toContain(`... and ${spokes - LISTED_FAILURES} more (--json lists every one)`);
      // AND the JSON has a row per spoke VPC, service and name, each failing one pointing at its failure
      const json = JSON.parse(formatJson(everything));
      expect(JSON.parse(formatJson(report)).ok).toBe(false);
      const names = topology.hubRegion(PARIS)!.services.flatMap((s) => s.privateDnsNames).length;
      expect(json.rows).toHaveLength(spokes * names);
      expect(json.failures[json.rows[0].failure]).toEqual(all[0]);
    });
  });
});

describe("verify on config/example-mechanisms.json (resolver rules, a Profile, zone association)", () => {
  const MECHANISMS = loadConfig(path.join(REPO_ROOT, "config", "example-mechanisms.json"));
  const FRANKFURT = "eu-central-1";

  it("passes what it synthesizes now: every region's names answered by its own mechanism", () => {
    // GIVEN the three-mechanism example synthesized WHEN verified
    const report = verify(MECHANISMS, outputOf(MECHANISMS));
    // THEN nothing fails, and each row names the mechanism that answered it
    expect(report.failures).toEqual([]);
    const mechanisms = Object.fromEntries(
      [PARIS, VIRGINIA, FRANKFURT].map((region) => [
        region,
        [...new Set(rowsOf(report, { region }).map((r) => r.mechanism))],
      ]),
    );
    expect(mechanisms).toEqual({
      [PARIS]: ["resolver-rules"],
      [VIRGINIA]: ["profile (zones)"],
      [FRANKFURT]: ["zone-association"],
    });
  });

  it("a VPC deleted from a spoke's locals.vpc_ids of the zone-association region: its rows fail at the association", () => {
    const report = verify(
      MECHANISMS,
      outputOf(MECHANISMS, (stacks) => (stacks[PAYMENTS].locals.vpc_ids_eu_central_1 = [])),
    );
    const lost = rowsOf(report, { stack: PAYMENTS, region: FRANKFURT });
    expect(hops(lost)).toEqual(["association"]);
    expect(lost.find((r) => r.service === "ec2")?.failure?.reason).toContain(
      "is not associated with the zone ec2.eu-central-1.amazonaws.com of hub-eu-central-1",
    );
    expect(report.rows.filter((r) => !(r.stack === PAYMENTS && r.region === FRANKFURT) && r.failure)).toEqual(
      [],
    );
  });

  it("a VPC the zone-association hub no longer authorizes: its rows fail at the hub's authorization", () => {
    const report = verify(
      MECHANISMS,
      outputOf(
        MECHANISMS,
        (stacks) =>
          (stacks[hubStackName(FRANKFURT)].locals.authorized_vpc_ids = stacks[
            hubStackName(FRANKFURT)
          ].locals.authorized_vpc_ids.filter((v: string) => v !== "vpc-0fedcba9876543213")),
      ),
    );
    const lost = rowsOf(report, { stack: DATA_PLATFORM, region: FRANKFURT });
    expect(hops(lost)).toEqual(["authorization"]);
    expect(lost[0].failure?.stack).toBe(hubStackName(FRANKFURT));
    expect(rowsOf(report, { stack: PAYMENTS, region: FRANKFURT }).every((r) => !r.failure)).toBe(true);
  });

  it("the matrix names each line's mechanism", () => {
    const text = formatReport(verify(MECHANISMS, outputOf(MECHANISMS)));
    expect(text.split("\n")[0]).toMatch(/^spoke\s+region\s+mechanism\s+vpcs/);
    expect(text).toMatch(/^spoke-data-platform\s+us-east-1\s+profile \(zones\)\s+1\s+ok/m);
  });
});
