/**
 * The security group rules per organization CIDR that the quota check counts
 * (src/constructs/hub-region/security-group-rules.ts) are the rules the hub region construct creates.
 */
import { TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import { HubRegion } from "../../src/constructs/hub-region/hub-region";
import { SECURITY_GROUP_RULES_PER_CIDR } from "../../src/constructs/hub-region/security-group-rules";
import { sharedServices } from "../../src/topology/topology";
import { resolveService } from "../../src/catalog/service-catalog";
import { ORG_ARN } from "../support/sample-config";
import { instancesOf } from "../support/instances";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const CIDRS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function synthHub(): Json {
  const stack = new TerraformStack(Testing.app(), "hub-test");
  new AwsProvider(stack, "aws", { region: "eu-west-3" });
  new HubRegion(stack, "Hub", {
    vpcId: "vpc-0a1b2c3d4e5f67890",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    services: sharedServices([resolveService("ec2", "eu-west-3")], undefined),
    organizationCidrs: CIDRS,
    shareWith: [ORG_ARN],
  });
  return JSON.parse(Testing.synth(stack));
}

describe("security group rules per organization CIDR", () => {
  it("are the rules the hub region creates, per group and direction", () => {
    // GIVEN a hub region with 3 organization CIDRs WHEN synthesized
    const json = synthHub();
    // THEN counting the rule instances (for_each expanded) of each group, by direction ...
    const counted: Record<string, { inbound: number; outbound: number }> = {};
    for (const [direction, type] of [
      ["inbound", "aws_vpc_security_group_ingress_rule"],
      ["outbound", "aws_vpc_security_group_egress_rule"],
    ] as const) {
      for (const [name, block] of Object.entries<Json>(json.resource[type] ?? {})) {
        const group = /^\$\{aws_security_group\.(\w+)\.id\}$/.exec(block.security_group_id)?.[1];
        if (!group) throw new Error(`${type}.${name} is in no security group of this stack`);
        counted[group] ??= { inbound: 0, outbound: 0 };
        counted[group][direction] += Object.keys(instancesOf(json, `${type}.${name}`)).length;
      }
    }
    // ... gives the rules per CIDR times 3, for every security group the stack has
    const expected = Object.fromEntries(
      Object.entries(SECURITY_GROUP_RULES_PER_CIDR).map(([group, { inbound, outbound }]) => [
        group,
        { inbound: inbound * CIDRS.length, outbound: outbound * CIDRS.length },
      ]),
    );
    expect(counted).toEqual(expected);
    expect(Object.keys(json.resource.aws_security_group).sort()).toEqual(Object.keys(expected).sort());
  });
});
