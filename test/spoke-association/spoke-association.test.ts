import { DataTerraformRemoteStateLocal, FRAMEWORK, TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import {
  SpokeAssociation,
  SpokeAssociationError,
  SpokeAssociationProps,
} from "../../src/constructs/spoke-association/spoke-association";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import { describeWithTerraform, plannedResources, planStack, stateWithOutputs } from "../support/terraform";

const DOMAINS = ["dkr.ecr.eu-west-3.amazonaws.com", "ec2.eu-west-3.amazonaws.com"];

type Overrides = Partial<SpokeAssociationProps>;

/** `overrides` may be a function of the hub's remote state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function synthSpoke(overrides: Overrides | ((hub: DataTerraformRemoteStateLocal) => Overrides) = {}): any {
  const stack = new TerraformStack(Testing.app(), "spoke-test");
  const provider = new AwsProvider(stack, "aws_eu_west_3", { region: "eu-west-3", alias: "eu_west_3" });
  const hub = new DataTerraformRemoteStateLocal(stack, "hub", { path: "hub.tfstate" });
  hub.overrideLogicalId("hub");
  new SpokeAssociation(stack, "Associations", {
    provider,
    name: "eu_west_3",
    vpcIds: ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"],
    domains: DOMAINS,
    resolverRuleIds: hub.get("resolver_rule_ids"),
    ...(typeof overrides === "function" ? overrides(hub) : overrides),
  });
  return JSON.parse(Testing.synth(stack));
}

describeWithTerraform("SpokeAssociation, planned by Terraform", () => {
  it("associates every rule with every VPC, keyed by '<vpc>/<domain>'", async () => {
    // GIVEN 2 VPCs and 2 shared domains, and a hub state with a rule id per domain
    const ruleIds = Object.fromEntries(DOMAINS.map((domain, i) => [domain, `rslvr-rr-${i}`]));
    const hub = stateWithOutputs({ resolver_rule_ids: { value: ruleIds, type: ["map", "string"] } });
    // WHEN planned (with the provider versions a workspace accepts: the bindings' own is 6.x)
    const json = synthSpoke();
    json.terraform.required_providers.aws.version = AWS_PROVIDER_VERSION;
    const { plan } = await planStack(json, { localStateFixtures: { hub } });
    // THEN 4 associations with readable keys, each of its VPC and its domain's rule
    const planned = [...plannedResources(plan)]
      .filter(([, r]) => r.mode === "managed")
      .map(([address, r]) => [address, r.values.vpc_id, r.values.resolver_rule_id]);
    expect(planned.sort()).toEqual(
      ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"].flatMap((vpc) =>
        DOMAINS.map((domain) => [
          `aws_route53_resolver_rule_association.eu_west_3["${vpc}/${domain}"]`,
          vpc,
          ruleIds[domain],
        ]),
      ),
    );
  });
});

describe("SpokeAssociation", () => {
  it("writes two sorted lists per region and lets Terraform pair them, not one entry per association", () => {
    // GIVEN VPCs and domains out of order WHEN synthesized
    const json = synthSpoke({
      vpcIds: ["vpc-0123456789abcdef1", "vpc-0123456789abcdef0"],
      domains: [...DOMAINS].reverse(),
    });
    // THEN the locals hold the sorted lists, and the association map is an expression over them
    expect(json.locals).toEqual({
      vpc_ids_eu_west_3: ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"],
      domains_eu_west_3: DOMAINS,
      associations_eu_west_3:
        "${{ for pair in setproduct(local.vpc_ids_eu_west_3, local.domains_eu_west_3) :" +
        ' "${pair[0]}/${pair[1]}" => { vpc_id = pair[0], domain = pair[1] } }}',
    });
  });

  it("uses the region's provider and looks the rule id up in the hub's map by domain", () => {
    const json = synthSpoke();
    expect(json.resource.aws_route53_resolver_rule_association.eu_west_3).toMatchObject({
      provider: "aws.eu_west_3",
      for_each: "${local.associations_eu_west_3}",
      vpc_id: "${each.value.vpc_id}",
      resolver_rule_id: "${data.terraform_remote_state.hub.outputs.resolver_rule_ids[each.value.domain]}",
    });
  });

  it("given its hub workspace, can be destroyed without the hub's outputs, and stops any other plan with what to run", () => {
    // GIVEN the association of a spoke workspace with the hub workspace whose state it reads
    const json = synthSpoke((hub) => ({
      hubWorkspace: { state: hub, stackName: "hub-eu-west-3", spokeStackName: "spoke-payments-prod" },
    }));
    // THEN a hub state without outputs still gives every domain a rule id (terraform destroy plans first)
    expect(json.data.terraform_remote_state.hub.defaults).toEqual({
      resolver_rule_ids: '${{ for domain in local.domains_eu_west_3 : domain => "missing-from-hub-state" }}',
    });
    // AND the rule id is looked up as without it
    expect(json.resource.aws_route53_resolver_rule_association.eu_west_3.resolver_rule_id).toBe(
      "${data.terraform_remote_state.hub.outputs.resolver_rule_ids[each.value.domain]}",
    );
    // AND a precondition (a warning only, in a destroy) stops other plans on the stand-in, saying what to run
    expect(json.resource.aws_route53_resolver_rule_association.eu_west_3.lifecycle.precondition).toEqual([
      {
        condition:
          '${(data.terraform_remote_state.hub.outputs.resolver_rule_ids[each.value.domain] != "missing-from-hub-state")}',
        error_message:
          "hub-eu-west-3 publishes no resolver rules (its state has no outputs: not applied yet, or destroyed first):" +
          ` apply hub-eu-west-3 first (npx ${FRAMEWORK.cli} deploy hub-eu-west-3).` +
          ` Tearing down, destroy spoke-payments-prod before hub-eu-west-3: npx ${FRAMEWORK.cli} destroy spoke-payments-prod`,
      },
    ]);
  });

  it("without its hub workspace (a generated module), has no precondition and its remote state no defaults", () => {
    const json = synthSpoke();
    expect(json.resource.aws_route53_resolver_rule_association.eu_west_3.lifecycle).toBeUndefined();
    expect(json.data.terraform_remote_state.hub.defaults).toBeUndefined();
  });

  it("keeps existing keys when a VPC or a domain is added: the lists only gain items, the pairing stays", () => {
    // (the keys are the pairs of the two lists: Terraform's plan above proves it)
    const before = synthSpoke();
    const after = synthSpoke({
      vpcIds: ["vpc-0123456789abcdef2", "vpc-0123456789abcdef1", "vpc-0123456789abcdef0"],
      domains: ["sts.eu-west-3.amazonaws.com", ...DOMAINS],
    });
    expect(after.locals.vpc_ids_eu_west_3).toEqual(expect.arrayContaining(before.locals.vpc_ids_eu_west_3));
    expect(after.locals.domains_eu_west_3).toEqual(expect.arrayContaining(before.locals.domains_eu_west_3));
    expect(after.locals.vpc_ids_eu_west_3).toHaveLength(3);
    expect(after.locals.domains_eu_west_3).toHaveLength(3);
    expect(after.locals.associations_eu_west_3).toBe(before.locals.associations_eu_west_3);
    expect(after.resource).toEqual(before.resource);
  });

  it.each([
    ["a VPC", { vpcIds: ["vpc-0123456789abcdef0", "vpc-0123456789abcdef0"] }, "vpc vpc-0123456789abcdef0"],
    ["a domain", { domains: [DOMAINS[0], ...DOMAINS] }, `domain ${DOMAINS[0]}`],
  ])("refuses %s listed twice", (_, overrides, named) => {
    expect(() => synthSpoke(overrides)).toThrow(new SpokeAssociationError(`${named} is listed twice`));
  });
});
