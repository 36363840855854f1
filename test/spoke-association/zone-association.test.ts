import { DataTerraformRemoteStateLocal, FRAMEWORK, TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import {
  ZoneAssociation,
  ZoneAssociationProps,
} from "../../src/constructs/spoke-association/zone-association";
import { SpokeAssociationError } from "../../src/constructs/spoke-association/association-parts";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import { describeWithTerraform, plannedResources, planStack, stateWithOutputs } from "../support/terraform";

const DOMAINS = ["dkr.ecr.eu-central-1.amazonaws.com", "ec2.eu-central-1.amazonaws.com"];
const VPCS = ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"];

type Overrides = Partial<ZoneAssociationProps>;

/** `overrides` may be a function of the hub's remote state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function synthSpoke(overrides: Overrides | ((hub: DataTerraformRemoteStateLocal) => Overrides) = {}): any {
  const stack = new TerraformStack(Testing.app(), "spoke-test");
  const provider = new AwsProvider(stack, "aws_eu_central_1", {
    region: "eu-central-1",
    alias: "eu_central_1",
  });
  const hub = new DataTerraformRemoteStateLocal(stack, "hub", { path: "hub.tfstate" });
  hub.overrideLogicalId("hub");
  new ZoneAssociation(stack, "ZoneAssociations", {
    provider,
    name: "eu_central_1",
    vpcIds: VPCS,
    domains: DOMAINS,
    privateHostedZoneIds: hub.get("private_hosted_zone_ids"),
    ...(typeof overrides === "function" ? overrides(hub) : overrides),
  });
  return JSON.parse(Testing.synth(stack));
}

describeWithTerraform("ZoneAssociation, planned by Terraform", () => {
  it("associates every zone with every VPC, keyed by '<vpc>/<domain>'", async () => {
    // GIVEN 2 VPCs and 2 zone domains, and a hub state with a zone id per domain
    const zoneIds = Object.fromEntries(DOMAINS.map((domain, i) => [domain, `Z0123456789ABCDEF${i}`]));
    const hub = stateWithOutputs({ private_hosted_zone_ids: { value: zoneIds, type: ["map", "string"] } });
    // WHEN planned (with the provider versions a workspace accepts: the bindings' own is 6.x)
    const json = synthSpoke();
    json.terraform.required_providers.aws.version = AWS_PROVIDER_VERSION;
    const { plan } = await planStack(json, { localStateFixtures: { hub } });
    // THEN 4 associations with readable keys, each of its VPC and its domain's zone
    const planned = [...plannedResources(plan)]
      .filter(([, r]) => r.mode === "managed")
      .map(([address, r]) => [address, r.values.vpc_id, r.values.zone_id]);
    expect(planned.sort()).toEqual(
      VPCS.flatMap((vpc) =>
        DOMAINS.map((domain) => [
          `aws_route53_zone_association.eu_central_1["${vpc}/${domain}"]`,
          vpc,
          zoneIds[domain],
        ]),
      ),
    );
  });
});

describe("ZoneAssociation", () => {
  it("writes two sorted lists per region and lets Terraform pair them, as the rule association does", () => {
    // GIVEN VPCs and domains out of order WHEN synthesized
    const json = synthSpoke({ vpcIds: [...VPCS].reverse(), domains: [...DOMAINS].reverse() });
    // THEN the locals hold the sorted lists, and the association map is an expression over them
    expect(json.locals).toEqual({
      vpc_ids_eu_central_1: VPCS,
      domains_eu_central_1: DOMAINS,
      associations_eu_central_1:
        "${{ for pair in setproduct(local.vpc_ids_eu_central_1, local.domains_eu_central_1) :" +
        ' "${pair[0]}/${pair[1]}" => { vpc_id = pair[0], domain = pair[1] } }}',
    });
  });

  it("uses the region's provider and looks the zone id up in the hub's map by domain", () => {
    expect(synthSpoke().resource.aws_route53_zone_association.eu_central_1).toEqual({
      provider: "aws.eu_central_1",
      for_each: "${local.associations_eu_central_1}",
      vpc_id: "${each.value.vpc_id}",
      zone_id: "${data.terraform_remote_state.hub.outputs.private_hosted_zone_ids[each.value.domain]}",
    });
  });

  it("without domains, pairs the VPCs with the keys of the hub's map (a generated module)", () => {
    const json = synthSpoke({ domains: undefined });
    expect(json.locals.domains_eu_central_1).toBe(
      "${keys(data.terraform_remote_state.hub.outputs.private_hosted_zone_ids)}",
    );
  });

  it("given its hub workspace, can be destroyed without the hub's zone ids, and stops any other plan with what to run", () => {
    // GIVEN the association of a spoke workspace with the hub workspace whose state it reads
    const json = synthSpoke((hub) => ({
      hubWorkspace: { state: hub, stackName: "hub-eu-central-1", spokeStackName: "spoke-payments-prod" },
    }));
    // THEN a hub state without outputs still gives every domain a zone id (terraform destroy plans first)
    expect(json.data.terraform_remote_state.hub.defaults).toEqual({
      private_hosted_zone_ids:
        '${{ for domain in local.domains_eu_central_1 : domain => "missing-from-hub-state" }}',
    });
    // AND a precondition stops other plans on the stand-in, saying what to run
    expect(json.resource.aws_route53_zone_association.eu_central_1.lifecycle.precondition).toEqual([
      {
        condition:
          '${(data.terraform_remote_state.hub.outputs.private_hosted_zone_ids[each.value.domain] != "missing-from-hub-state")}',
        error_message:
          "hub-eu-central-1 publishes no private hosted zones (its state has no private_hosted_zone_ids output: not applied yet, or destroyed first):" +
          ` apply hub-eu-central-1 first (npx ${FRAMEWORK.cli} deploy hub-eu-central-1).` +
          ` Tearing down, destroy spoke-payments-prod before hub-eu-central-1: npx ${FRAMEWORK.cli} destroy spoke-payments-prod`,
      },
    ]);
  });

  it("without its hub workspace, has no precondition and its remote state no defaults", () => {
    const json = synthSpoke();
    expect(json.resource.aws_route53_zone_association.eu_central_1.lifecycle).toBeUndefined();
    expect(json.data.terraform_remote_state.hub.defaults).toBeUndefined();
  });

  it.each([
    ["a VPC", { vpcIds: [VPCS[0], VPCS[0]] }, `vpc ${VPCS[0]}`],
    ["a domain", { domains: [DOMAINS[0], ...DOMAINS] }, `domain ${DOMAINS[0]}`],
  ])("refuses %s listed twice", (_, overrides, named) => {
    expect(() => synthSpoke(overrides)).toThrow(new SpokeAssociationError(`${named} is listed twice`));
  });
});
