/**
 * Real Terraform vouches for what the project counts and reports without reading its own output back:
 * the resource instances of each stack as the topology names them (src/stacks/resource-instances.ts,
 * what the benchmark counts and the stability tests compare), and the addresses the policy findings
 * name (src/policy-checks).
 */
import { loadConfig, parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { checkPolicies } from "../../src/policy-checks/policy-checks";
import { resourceInstances } from "../../src/stacks/resource-instances";
import { regionKey } from "../../src/stacks/spoke-stack";
import { topologyOf } from "../../src/topology/topology";
import { example } from "../config/config-test-kit";
import { fakeHubOutputs, hubState } from "../support/hub-state";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, PlanJson, plannedResources, planStack } from "../support/terraform";

/** Terraform's plan of every stack of a configuration (spokes read fake hub states), by stack name. */
async function planAll(config: VpceShareConfig): Promise<Map<string, PlanJson>> {
  const stacks = synthesizeStacks(config);
  const topology = topologyOf(config);
  const hubs = topology.hubRegions.map(
    async (hub) => [hub.stackName, await planStack(stacks[hub.stackName])] as const,
  );
  const spokes = topology.spokes.map(async (spoke) => {
    const fixtures = Object.fromEntries(
      spoke.regions.map((r) => [`hub_${regionKey(r.region)}`, hubState(fakeHubOutputs(config, r.region))]),
    );
    return [
      spoke.stackName,
      await planStack(stacks[spoke.stackName], { localStateFixtures: fixtures }),
    ] as const;
  });
  const planned = await Promise.all([...hubs, ...spokes]);
  return new Map(planned.map(([stack, { plan }]) => [stack, plan]));
}

const managedAddresses = (plan: PlanJson): string[] =>
  [...plannedResources(plan)]
    .filter(([, r]) => r.mode === "managed")
    .map(([address]) => address)
    .sort();

describeWithTerraform("the topology's resource instances and policy addresses, planned by Terraform", () => {
  it("GIVEN the example configuration WHEN every stack is planned THEN Terraform plans exactly the instances the topology names", async () => {
    const config = loadConfig("config/example.json");
    const expected = resourceInstances(topologyOf(config));
    const plans = await planAll(config);
    expect([...plans.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [stack, plan] of plans) {
      expect({ stack, addresses: managedAddresses(plan) }).toEqual({
        stack,
        addresses: [...expected.get(stack)!.keys()].sort(),
      });
    }
  });

  it("GIVEN query logging, a service with its own ports and 0.0.0.0/0 (suppressed) WHEN planned THEN the instances are the topology's and the VPCE-SG-1 findings name exactly the rules open to 0.0.0.0/0", async () => {
    const raw = example();
    raw.organization.cidrs = ["10.0.0.0/8", "0.0.0.0/0"];
    raw.hub.regions = { "eu-west-3": raw.hub.regions["eu-west-3"] };
    raw.hub.regions["eu-west-3"].services.push("email-smtp");
    raw.hub.regions["eu-west-3"].queryLogDestinationArn =
      "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries";
    raw.spokes = { "payments-prod": raw.spokes["payments-prod"] };
    raw.policySuppressions = [{ rule: "VPCE-SG-1", reason: "reviewed: a test of the finding addresses" }];
    const config = parseConfig(JSON.stringify(raw), "test.json");
    const plans = await planAll(config);
    const expected = resourceInstances(topologyOf(config));
    for (const [stack, plan] of plans) {
      expect({ stack, addresses: managedAddresses(plan) }).toEqual({
        stack,
        addresses: [...expected.get(stack)!.keys()].sort(),
      });
    }
    const open = [...plannedResources(plans.get("hub-eu-west-3")!)]
      .filter(([, r]) => r.values.cidr_ipv4 === "0.0.0.0/0")
      .map(([address]) => address)
      .sort();
    const findings = checkPolicies(config).suppressed.filter((f) => f.rule === "VPCE-SG-1");
    expect(open.length).toBeGreaterThan(5);
    expect(findings.map((f) => f.address).sort()).toEqual(open);
  });
});
