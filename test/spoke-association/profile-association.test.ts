import { DataTerraformRemoteStateLocal, FRAMEWORK, TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import {
  ProfileAssociation,
  ProfileAssociationProps,
  profileAssociationName,
} from "../../src/constructs/spoke-association/profile-association";
import { SpokeAssociationError } from "../../src/constructs/spoke-association/association-parts";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import { describeWithTerraform, plannedResources, planStack, stateWithOutputs } from "../support/terraform";

const VPCS = ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"];

type Overrides = Partial<ProfileAssociationProps>;

/** `overrides` may be a function of the hub's remote state. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function synthSpoke(overrides: Overrides | ((hub: DataTerraformRemoteStateLocal) => Overrides) = {}): any {
  const stack = new TerraformStack(Testing.app(), "spoke-test");
  const provider = new AwsProvider(stack, "aws_us_east_1", { region: "us-east-1", alias: "us_east_1" });
  const hub = new DataTerraformRemoteStateLocal(stack, "hub", { path: "hub.tfstate" });
  hub.overrideLogicalId("hub");
  new ProfileAssociation(stack, "ProfileAssociations", {
    provider,
    name: "us_east_1",
    vpcIds: VPCS,
    profileId: hub.getString("route53_profile_id"),
    ...(typeof overrides === "function" ? overrides(hub) : overrides),
  });
  return JSON.parse(Testing.synth(stack));
}

describeWithTerraform("ProfileAssociation, planned by Terraform", () => {
  it("associates the hub's Profile with every VPC, keyed by VPC id", async () => {
    // GIVEN 2 VPCs, and a hub state with a Profile id
    const hub = stateWithOutputs({ route53_profile_id: { value: "rp-0123456789abcdef", type: "string" } });
    // WHEN planned (with the provider versions a workspace accepts: the bindings' own is 6.x)
    const json = synthSpoke();
    json.terraform.required_providers.aws.version = AWS_PROVIDER_VERSION;
    const { plan } = await planStack(json, { localStateFixtures: { hub } });
    // THEN one association per VPC, named after it, of the hub's Profile
    const planned = [...plannedResources(plan)]
      .filter(([, r]) => r.mode === "managed")
      .map(([address, r]) => [address, r.values.resource_id, r.values.profile_id, r.values.name]);
    expect(planned.sort()).toEqual(
      VPCS.map((vpc) => [
        `aws_route53profiles_association.us_east_1["${vpc}"]`,
        vpc,
        "rp-0123456789abcdef",
        `vpce-share-${vpc}`,
      ]),
    );
  });
});

describe("ProfileAssociation", () => {
  it("writes one sorted list of VPCs per region and nothing about the hub's services", () => {
    // GIVEN VPCs out of order WHEN synthesized
    const json = synthSpoke({ vpcIds: [...VPCS].reverse() });
    // THEN the only local is the sorted VPC list, iterated as a set: keys are VPC ids
    expect(json.locals).toEqual({ vpc_ids_us_east_1: VPCS });
    expect(json.resource.aws_route53profiles_association.us_east_1).toEqual({
      provider: "aws.us_east_1",
      for_each: "${toset(local.vpc_ids_us_east_1)}",
      name: "vpce-share-${each.key}",
      profile_id: "${data.terraform_remote_state.hub.outputs.route53_profile_id}",
      resource_id: "${each.key}",
    });
  });

  it("names each association vpce-share-<vpc id>", () => {
    expect(profileAssociationName("vpc-0123456789abcdef0")).toBe("vpce-share-vpc-0123456789abcdef0");
  });

  it("tags the associations when given tags, and writes no tags otherwise", () => {
    expect(
      synthSpoke({ tags: { owner: "network-team" } }).resource.aws_route53profiles_association.us_east_1.tags,
    ).toEqual({
      owner: "network-team",
    });
    expect(synthSpoke({ tags: {} }).resource.aws_route53profiles_association.us_east_1.tags).toBeUndefined();
  });

  it("given its hub workspace, can be destroyed without the hub's Profile id, and stops any other plan with what to run", () => {
    // GIVEN the association of a spoke workspace with the hub workspace whose state it reads
    const json = synthSpoke((hub) => ({
      hubWorkspace: { state: hub, stackName: "hub-us-east-1", spokeStackName: "spoke-payments-prod" },
    }));
    // THEN a hub state without the output still gives a Profile id (terraform destroy plans first)
    expect(json.data.terraform_remote_state.hub.defaults).toEqual({
      route53_profile_id: "missing-from-hub-state",
    });
    // AND a precondition stops other plans on the stand-in, saying what to run
    expect(json.resource.aws_route53profiles_association.us_east_1.lifecycle.precondition).toEqual([
      {
        condition:
          '${(data.terraform_remote_state.hub.outputs.route53_profile_id != "missing-from-hub-state")}',
        error_message:
          "hub-us-east-1 publishes no Route 53 Profile (its state has no route53_profile_id output: not applied yet, or not since the region moved to a Profile, or destroyed first):" +
          ` apply hub-us-east-1 first (npx ${FRAMEWORK.cli} deploy hub-us-east-1).` +
          ` Tearing down, destroy spoke-payments-prod before hub-us-east-1: npx ${FRAMEWORK.cli} destroy spoke-payments-prod`,
      },
    ]);
  });

  it("without its hub workspace (a generated module), has no precondition and its remote state no defaults", () => {
    const json = synthSpoke();
    expect(json.resource.aws_route53profiles_association.us_east_1.lifecycle).toBeUndefined();
    expect(json.data.terraform_remote_state.hub.defaults).toBeUndefined();
  });

  it("refuses a VPC listed twice", () => {
    expect(() => synthSpoke({ vpcIds: [VPCS[0], VPCS[0]] })).toThrow(
      new SpokeAssociationError(`vpc ${VPCS[0]} is listed twice`),
    );
  });
});
