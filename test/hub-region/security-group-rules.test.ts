/**
 * The security group rules per organization CIDR that the quota check counts
 * (src/constructs/hub-region/security-group-rules.ts) are the rules the hub region construct creates.
 */
import { TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import { HubRegion } from "../../src/constructs/hub-region/hub-region";
import {
  SECURITY_GROUP_RULES_PER_CIDR,
  securityGroupRuleAddresses,
} from "../../src/constructs/hub-region/security-group-rules";
import { sharedServices } from "../../src/topology/topology";
import { resolveService } from "../../src/catalog/service-catalog";
import { ORG_ARN } from "../support/sample-config";

/** The keys of a resource's `for_each`, which the app's hub regions write out as a literal map. */
function forEachKeys(block: Json): string[] {
  if (typeof block.for_each !== "object" || block.for_each === null) {
    throw new Error(`for_each is not a literal map: ${JSON.stringify(block.for_each)}`);
  }
  return Object.keys(block.for_each);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const CIDRS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

function synthHub(services = ["ec2"]): Json {
  const stack = new TerraformStack(Testing.app(), "hub-test");
  new AwsProvider(stack, "aws", { region: "eu-west-3" });
  new HubRegion(stack, "Hub", {
    vpcId: "vpc-0a1b2c3d4e5f67890",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    services: sharedServices(
      services.map((name) => resolveService(name, "eu-west-3")),
      undefined,
    ),
    organizationCidrs: CIDRS,
    shareWith: [ORG_ARN],
  });
  return JSON.parse(Testing.synth(stack));
}

describe("security group rules per organization CIDR", () => {
  it("are the rules the hub region creates, per group and direction", () => {
    // GIVEN a hub region with 3 organization CIDRs WHEN synthesized
    const json = synthHub();
    // THEN counting the rule instances (the keys of each rule's for_each) of each group, by direction ...
    const counted: Record<string, { inbound: number; outbound: number }> = {};
    for (const [direction, type] of [
      ["inbound", "aws_vpc_security_group_ingress_rule"],
      ["outbound", "aws_vpc_security_group_egress_rule"],
    ] as const) {
      for (const [name, block] of Object.entries<Json>(json.resource[type] ?? {})) {
        const group = /^\$\{aws_security_group\.(\w+)\.id\}$/.exec(block.security_group_id)?.[1];
        if (!group) throw new Error(`${type}.${name} is in no security group of this stack`);
        counted[group] ??= { inbound: 0, outbound: 0 };
        counted[group][direction] += forEachKeys(block).length;
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

  it("are named, instance by instance, by securityGroupRuleAddresses (what the policy findings name)", () => {
    // GIVEN a hub region that also shares a service with ports of its own (email-smtp) WHEN synthesized
    const json = synthHub(["ec2", "email-smtp"]);
    // THEN the rule instances of the stack are the addresses named for each CIDR and the extra ports
    const instances = ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"].flatMap(
      (type) =>
        Object.entries<Json>(json.resource[type]).flatMap(([name, block]) =>
          forEachKeys(block).map((key) => `${type}.${name}[${JSON.stringify(key)}]`),
        ),
    );
    const extraPorts = [25, 465, 587, 2587];
    expect(instances.sort()).toEqual(
      CIDRS.flatMap((cidr) => securityGroupRuleAddresses(cidr, extraPorts)).sort(),
    );
  });
});
