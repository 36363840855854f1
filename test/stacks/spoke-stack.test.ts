/**
 * The spoke stack per sharing mechanism: each region gets the association construct of its hub region's
 * mechanism, the outputs of the mechanisms it uses, and, in a Profile region, nothing that depends on
 * the hub's services.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadConfig, parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { synthesize } from "../../src/stacks/synthesize";
import { STATE_DIR_ENV_VAR } from "../../src/stacks/local-state";
import { ProfileAssociation } from "../../src/constructs/spoke-association/profile-association";
import { SpokeAssociation } from "../../src/constructs/spoke-association/spoke-association";
import { ZoneAssociation } from "../../src/constructs/spoke-association/zone-association";
import { buildStacks } from "../../src/stacks/build-stacks";
import { Testing } from "../../src/framework";
import { readTree } from "../support/read-tree";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import { synthesizeStacks as synthesizeStackObjects } from "../support/synthesize-stacks";

// Synthesizes whole configurations to disk, several times.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const synthesizeStacks = (config: VpceShareConfig): Record<string, Json> => synthesizeStackObjects(config);

const MECHANISMS_PATH = "config/example-mechanisms.json";
/** eu-west-3: resolver rules; us-east-1: a Profile of zones; eu-central-1: zone association. */
const mechanisms = (): VpceShareConfig => loadConfig(MECHANISMS_PATH);

/** The mechanisms example with `change` applied to its raw JSON. */
function changed(change: (raw: Json) => void): VpceShareConfig {
  const raw = JSON.parse(fs.readFileSync(MECHANISMS_PATH, "utf8"));
  change(raw);
  return parseConfig(JSON.stringify(raw), MECHANISMS_PATH);
}

let workDir: string;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "spoke-stack-"));
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

/** The files `synthesize` writes for a configuration (as `npm run synth` would), by relative path. */
function synthesizedFiles(config: VpceShareConfig, name: string): Record<string, string> {
  const dir = path.join(workDir, name);
  const env = { [STATE_DIR_ENV_VAR]: path.join(dir, "state") };
  synthesize(config, path.join(dir, "out"), { projectDir: dir, env });
  return readTree(path.join(dir, "out"));
}

/** The files of the stacks whose name starts with `prefix`. */
const stackFiles = (files: Record<string, string>, prefix: string): Record<string, string> =>
  Object.fromEntries(Object.entries(files).filter(([file]) => file.startsWith(path.join("stacks", prefix))));

describe("spoke stack, per sharing mechanism", () => {
  it("builds each region's association construct from the hub region's mechanism", () => {
    // GIVEN data-platform in three hub regions, one per mechanism WHEN its stack is built
    const { spokes } = buildStacks(Testing.app(), mechanisms());
    const associations = spokes["data-platform"].associations;
    // THEN rules in eu-west-3, a Profile association in us-east-1, zone associations in eu-central-1
    expect(associations["eu-west-3"]).toBeInstanceOf(SpokeAssociation);
    expect(associations["us-east-1"]).toBeInstanceOf(ProfileAssociation);
    expect(associations["eu-central-1"]).toBeInstanceOf(ZoneAssociation);
  });

  it("holds only each region's mechanism's resources, named by region", () => {
    const json = synthesizeStacks(mechanisms())["spoke-data-platform"];
    expect(Object.keys(json.resource).sort()).toEqual([
      "aws_route53_resolver_rule_association",
      "aws_route53_zone_association",
      "aws_route53profiles_association",
    ]);
    expect(Object.keys(json.resource.aws_route53_resolver_rule_association)).toEqual(["eu_west_3"]);
    expect(Object.keys(json.resource.aws_route53profiles_association)).toEqual(["us_east_1"]);
    expect(Object.keys(json.resource.aws_route53_zone_association)).toEqual(["eu_central_1"]);
  });

  it("associates the hub's Profile with every VPC of a Profile region, by VPC id, with no domains", () => {
    const json = synthesizeStacks(mechanisms())["spoke-data-platform"];
    expect(json.resource.aws_route53profiles_association.us_east_1).toMatchObject({
      provider: "aws.us_east_1",
      for_each: "${toset(local.vpc_ids_us_east_1)}",
      name: "vpce-share-${each.key}",
      resource_id: "${each.key}",
      profile_id: "${data.terraform_remote_state.hub_us_east_1.outputs.route53_profile_id}",
      tags: { owner: "network-team" },
    });
    expect(json.locals.vpc_ids_us_east_1).toEqual(["vpc-0fedcba9876543212"]);
    expect(Object.keys(json.locals).filter((l) => l.endsWith("_us_east_1"))).toEqual(["vpc_ids_us_east_1"]);
  });

  it("associates every zone of a zone-association region's hub with every VPC, by '<vpc>/<domain>'", () => {
    const json = synthesizeStacks(mechanisms())["spoke-data-platform"];
    expect(json.resource.aws_route53_zone_association.eu_central_1).toMatchObject({
      provider: "aws.eu_central_1",
      for_each: "${local.associations_eu_central_1}",
      vpc_id: "${each.value.vpc_id}",
      zone_id:
        "${data.terraform_remote_state.hub_eu_central_1.outputs.private_hosted_zone_ids[each.value.domain]}",
    });
    expect(json.locals.domains_eu_central_1).toEqual([
      "api.ecr.eu-central-1.amazonaws.com",
      "dkr.ecr.eu-central-1.amazonaws.com",
      "ec2.eu-central-1.amazonaws.com",
      "logs.eu-central-1.amazonaws.com",
      "sts.eu-central-1.amazonaws.com",
    ]);
  });

  it("publishes the association ids of each mechanism it uses, per region, and no output of another", () => {
    // GIVEN data-platform (all three mechanisms) and payments-prod (rules and zone association)
    const stacks = synthesizeStacks(mechanisms());
    const outputs = (spoke: string) => stacks[`spoke-${spoke}`].output;
    // THEN each output maps region -> key -> id, for the regions of its mechanism
    expect(Object.keys(outputs("data-platform")).sort()).toEqual([
      "profile_association_ids",
      "resolver_rule_association_ids",
      "zone_association_ids",
    ]);
    expect(outputs("data-platform").profile_association_ids.value).toEqual({
      "us-east-1":
        "${{ for key, association in aws_route53profiles_association.us_east_1 : key => association.id }}",
    });
    expect(outputs("data-platform").zone_association_ids.value).toEqual({
      "eu-central-1":
        "${{ for key, association in aws_route53_zone_association.eu_central_1 : key => association.id }}",
    });
    expect(Object.keys(outputs("payments-prod")).sort()).toEqual([
      "resolver_rule_association_ids",
      "zone_association_ids",
    ]);
  });

  it("has no resolver rule output when no region uses rules", () => {
    // GIVEN a spoke in the Profile region only
    const config = changed((raw) => {
      raw.spokes = {
        solo: { accountId: "444444444444", regions: { "us-east-1": { vpcIds: ["vpc-0aaaaaaaaaaaaaaa1"] } } },
      };
    });
    // WHEN synthesized THEN its only output is the Profile's, and it holds no rule association
    const json = synthesizeStacks(config)["spoke-solo"];
    expect(Object.keys(json.output)).toEqual(["profile_association_ids"]);
    expect(Object.keys(json.resource)).toEqual(["aws_route53profiles_association"]);
  });

  it("reads from a Profile hub's state only what the Profile mechanism publishes, with a stand-in to destroy without it", () => {
    const json = synthesizeStacks(mechanisms())["spoke-data-platform"];
    expect(json.data.terraform_remote_state.hub_us_east_1.defaults).toEqual({
      route53_profile_id: "missing-from-hub-state",
    });
    expect(json.data.terraform_remote_state.hub_eu_central_1.defaults).toEqual({
      private_hosted_zone_ids:
        '${{ for domain in local.domains_eu_central_1 : domain => "missing-from-hub-state" }}',
    });
  });
});

describe("adding a service to a hub region, as the spoke workspaces see it", () => {
  it("in a Profile region, changes the hub stack only: every spoke stack stays byte for byte the same", () => {
    // GIVEN the mechanisms example, and the same with sqs added to the Profile region us-east-1
    const before = synthesizedFiles(mechanisms(), "before");
    const after = synthesizedFiles(
      changed((raw) => raw.hub.regions["us-east-1"].services.push("sqs")),
      "after",
    );
    // WHEN both are synthesized THEN every spoke stack's files are identical, byte for byte
    const spokes = stackFiles(before, "spoke-");
    expect(Object.keys(spokes).length).toBeGreaterThanOrEqual(2);
    expect(stackFiles(after, "spoke-")).toEqual(spokes);
    // AND the change did reach the Profile region's hub stack
    expect(stackFiles(after, "hub-us-east-1")).not.toEqual(stackFiles(before, "hub-us-east-1"));
  });

  it.each([
    ["eu-central-1", "zone association", "domains_eu_central_1", "sqs.eu-central-1.amazonaws.com"],
    ["eu-west-3", "resolver rules", "domains_eu_west_3", "sqs.eu-west-3.amazonaws.com"],
  ])(
    "in %s (%s), changes every spoke stack of the region: the new zone joins its domains",
    (region, _, local, zone) => {
      // GIVEN the mechanisms example, and the same with sqs added to `region`
      const before = synthesizeStacks(mechanisms());
      const after = synthesizeStacks(changed((raw) => raw.hub.regions[region].services.push("sqs")));
      // WHEN synthesized THEN each spoke of the region associates the new zone with its VPCs too
      for (const spoke of ["spoke-data-platform", "spoke-payments-prod"]) {
        expect(before[spoke].locals[local]).not.toContain(zone);
        expect(after[spoke].locals[local]).toEqual([...before[spoke].locals[local], zone].sort());
      }
    },
  );
});
