/**
 * Real Terraform on the spoke stacks of the example configuration: each reads hub state fixtures built
 * from the hub output contract and must plan exactly one association per (region, VPC, rule).
 */
import { loadConfig } from "../../src/config/load-config";
import { FRAMEWORK } from "../../src/framework";
import { regionKey } from "../../src/stacks/spoke-stack";
import { spokeStackName } from "../../src/constructs/hub-outputs";
import { fakeHubOutputs, hubDomains, hubState } from "../support/hub-state";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, plannedResources, planStack, stateWithOutputs } from "../support/terraform";

const config = loadConfig("config/example.json");
const stacks = synthesizeStacks(config);

describeWithTerraform("spoke stacks of the example configuration, planned by Terraform", () => {
  for (const [name, spoke] of Object.entries(config.spokes)) {
    it(`${spokeStackName(name)} associates every shared rule of each region's hub with every VPC`, async () => {
      // GIVEN hub states for the spoke's regions, with the contract's outputs
      const hubs = Object.fromEntries(Object.keys(spoke.regions).map((r) => [r, fakeHubOutputs(config, r)]));
      const fixtures = Object.fromEntries(
        Object.keys(hubs).map((r) => [`hub_${regionKey(r)}`, hubState(hubs[r])]),
      );
      // WHEN terraform validates and plans the spoke
      const { diagnostics, plan } = await planStack(stacks[spokeStackName(name)], {
        localStateFixtures: fixtures,
      });
      expect(diagnostics).toEqual([]);
      // THEN exactly one association per (region, VPC, rule), with the hub's rule id and the region's provider
      const expected = Object.entries(spoke.regions).flatMap(([region, { vpcIds }]) =>
        vpcIds.flatMap((vpcId) =>
          hubDomains(config, region).map((domain) => ({
            address: `aws_route53_resolver_rule_association.${regionKey(region)}["${vpcId}/${domain}"]`,
            provider: `aws.${regionKey(region)}`,
            vpc_id: vpcId,
            resolver_rule_id: hubs[region].resolverRuleIds[domain],
          })),
        ),
      );
      const managed = [...plannedResources(plan)].filter(([, r]) => r.mode === "managed");
      const planned = managed.map(([address, r]) => ({
        address,
        provider: r.providerConfigKey,
        vpc_id: (r.values as { vpc_id: string }).vpc_id,
        resolver_rule_id: (r.values as { resolver_rule_id: string }).resolver_rule_id,
      }));
      const byAddress = (a: { address: string }, b: { address: string }) =>
        a.address.localeCompare(b.address);
      expect(planned.sort(byAddress)).toEqual(expected.sort(byAddress));
    });
  }

  it("a spoke whose hub state has no outputs (destroyed first, or not applied) stops with what to run", async () => {
    // GIVEN payments-prod, and its eu-west-3 hub's state without outputs
    const fixtures = { hub_eu_west_3: stateWithOutputs({}) };
    // WHEN terraform plans the spoke THEN the plan fails, naming both workspaces and what to run
    await expect(
      planStack(stacks[spokeStackName("payments-prod")], { localStateFixtures: fixtures }),
    ).rejects.toThrow(
      "hub-eu-west-3 publishes no resolver rules (its state has no outputs: not applied yet, or destroyed first): " +
        `apply hub-eu-west-3 first (npx ${FRAMEWORK.cli} deploy hub-eu-west-3). ` +
        `Tearing down, destroy spoke-payments-prod before hub-eu-west-3: npx ${FRAMEWORK.cli} destroy spoke-payments-prod`,
    );
  });
});
