/**
 * Real Terraform on the spoke stacks of the example configurations: each reads hub state fixtures built
 * from the hub output contract and must plan exactly its regions' mechanisms' associations: one per
 * (region, VPC, rule) with resolver rules, one per (region, VPC) with a Route 53 Profile, one per
 * (region, VPC, zone) with cross-account zone association, and nothing else.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { FRAMEWORK } from "../../src/framework";
import { regionKey } from "../../src/stacks/spoke-stack";
import { resourceInstances } from "../../src/stacks/resource-instances";
import { HubOutputValues, spokeStackName } from "../../src/constructs/hub-outputs";
import { SpokeRegionTopology, topologyOf } from "../../src/topology/topology";
import type { SharingMechanism } from "../../src/topology/sharing-mechanism";
import { fakeHubOutputs, hubState } from "../support/hub-state";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, plannedResources, planStack, stateWithOutputs } from "../support/terraform";

interface Planned {
  readonly address: string;
  readonly provider: string | undefined;
  readonly values: Readonly<Record<string, unknown>>;
}

/** The resource type each mechanism's spoke associates with. */
const ASSOCIATION_TYPE: Readonly<Record<SharingMechanism, string>> = {
  "resolver-rules": "aws_route53_resolver_rule_association",
  profile: "aws_route53profiles_association",
  "zone-association": "aws_route53_zone_association",
};

/** What a spoke region must plan, from the topology and the hub's outputs. */
function expectedAssociations(region: SpokeRegionTopology, hub: HubOutputValues): Planned[] {
  const key = regionKey(region.region);
  const provider = `aws.${key}`;
  const address = (id: string) => `${ASSOCIATION_TYPE[region.mechanism]}.${key}[${JSON.stringify(id)}]`;
  return region.vpcIds.flatMap((vpcId): Planned[] => {
    switch (region.mechanism) {
      case "resolver-rules":
        return region.rules.map(({ domain }) => ({
          address: address(`${vpcId}/${domain}`),
          provider,
          values: { vpc_id: vpcId, resolver_rule_id: hub.resolverRuleIds[domain] },
        }));
      case "zone-association":
        return region.zones.map(({ domain }) => ({
          address: address(`${vpcId}/${domain}`),
          provider,
          values: { vpc_id: vpcId, zone_id: hub.privateHostedZoneIds[domain] },
        }));
      case "profile":
        return [
          {
            address: address(vpcId),
            provider,
            values: { resource_id: vpcId, profile_id: hub.route53ProfileId, name: `vpce-share-${vpcId}` },
          },
        ];
    }
  });
}

/** Plans a spoke against fake hub states of its regions; its managed resources, with `keys` of each. */
async function planSpoke(config: VpceShareConfig, name: string, stacks: Record<string, object>) {
  const spoke = topologyOf(config).spoke(name)!;
  const hubs = Object.fromEntries(spoke.regions.map((r) => [r.region, fakeHubOutputs(config, r.region)]));
  const fixtures = Object.fromEntries(
    Object.keys(hubs).map((r) => [`hub_${regionKey(r)}`, hubState(hubs[r])]),
  );
  const { diagnostics, plan } = await planStack(stacks[spokeStackName(name)], {
    localStateFixtures: fixtures,
  });
  const expected = spoke.regions.flatMap((r) => expectedAssociations(r, hubs[r.region]));
  const byAddress = (a: { address: string }, b: { address: string }) => a.address.localeCompare(b.address);
  const planned = [...plannedResources(plan)]
    .filter(([, r]) => r.mode === "managed")
    .map(([address, r]): Planned => {
      const wanted = expected.find((e) => e.address === address)?.values ?? {};
      const values = r.values as Record<string, unknown>;
      return {
        address,
        provider: r.providerConfigKey,
        values: Object.fromEntries(Object.keys(wanted).map((k) => [k, values[k]])),
      };
    });
  return { diagnostics, planned: planned.sort(byAddress), expected: expected.sort(byAddress) };
}

const example = loadConfig("config/example.json");
const exampleStacks = synthesizeStacks(example);
const mechanisms = loadConfig("config/example-mechanisms.json");
const mechanismStacks = synthesizeStacks(mechanisms);

describeWithTerraform("spoke stacks of the example configuration, planned by Terraform", () => {
  for (const name of Object.keys(example.spokes)) {
    it(`${spokeStackName(name)} associates every shared rule of each region's hub with every VPC`, async () => {
      // GIVEN hub states for the spoke's regions, with the contract's outputs
      // WHEN terraform validates and plans the spoke
      const { diagnostics, planned, expected } = await planSpoke(example, name, exampleStacks);
      // THEN exactly one association per (region, VPC, rule), with the hub's rule id and the region's provider
      expect(diagnostics).toEqual([]);
      expect(expected.length).toBeGreaterThan(0);
      expect(planned).toEqual(expected);
    });
  }

  it("a spoke whose hub state has no outputs (destroyed first, or not applied) stops with what to run", async () => {
    // GIVEN payments-prod, and its eu-west-3 hub's state without outputs
    const fixtures = { hub_eu_west_3: stateWithOutputs({}) };
    // WHEN terraform plans the spoke THEN the plan fails, naming both workspaces and what to run
    await expect(
      planStack(exampleStacks[spokeStackName("payments-prod")], { localStateFixtures: fixtures }),
    ).rejects.toThrow(
      "hub-eu-west-3 publishes no resolver rules (its state has no outputs: not applied yet, or destroyed first): " +
        `apply hub-eu-west-3 first (npx ${FRAMEWORK.cli} deploy hub-eu-west-3). ` +
        `Tearing down, destroy spoke-payments-prod before hub-eu-west-3: npx ${FRAMEWORK.cli} destroy spoke-payments-prod`,
    );
  });
});

describeWithTerraform(
  "spoke stacks of config/example-mechanisms.json (one hub region per mechanism), planned by Terraform",
  () => {
    for (const name of Object.keys(mechanisms.spokes)) {
      it(`${spokeStackName(name)} plans exactly its regions' mechanisms' associations, and the instances the topology counts`, async () => {
        // GIVEN hub states with the outputs each region's mechanism publishes
        // WHEN terraform validates and plans the spoke
        const { diagnostics, planned, expected } = await planSpoke(mechanisms, name, mechanismStacks);
        // THEN each region plans its mechanism's association per VPC (and zone or rule), nothing else
        expect(diagnostics).toEqual([]);
        expect(planned).toEqual(expected);
        // AND no region plans another mechanism's resource (no rule association in a Profile region, ...)
        for (const region of topologyOf(mechanisms).spoke(name)!.regions) {
          const types = new Set(
            planned
              .filter((p) => p.provider === `aws.${regionKey(region.region)}`)
              .map((p) => p.address.split(".")[0]),
          );
          expect({ region: region.region, types: [...types] }).toEqual({
            region: region.region,
            types: [ASSOCIATION_TYPE[region.mechanism]],
          });
        }
        // AND the topology counts exactly these instances (src/stacks/resource-instances.ts)
        const counted = resourceInstances(topologyOf(mechanisms)).get(spokeStackName(name))!;
        expect(planned.map((p) => p.address)).toEqual([...counted.keys()].sort());
      });
    }

    it.each([
      [
        "us-east-1",
        "hub-us-east-1 publishes no Route 53 Profile (its state has no route53_profile_id output: not applied yet, or not since the region moved to a Profile, or destroyed first)",
      ],
      [
        "eu-central-1",
        "hub-eu-central-1 publishes no private hosted zones (its state has no private_hosted_zone_ids output: not applied yet, or destroyed first)",
      ],
    ])(
      "a spoke whose %s hub state has no outputs stops with what to run, as with resolver rules",
      async (region, why) => {
        // GIVEN data-platform, its hubs' states, and the state of the hub of `region` without outputs
        const hubStack = `hub-${region}`;
        const spoke = topologyOf(mechanisms).spoke("data-platform")!;
        const fixtures = Object.fromEntries(
          spoke.regions.map((r) => [
            `hub_${regionKey(r.region)}`,
            r.region === region ? stateWithOutputs({}) : hubState(fakeHubOutputs(mechanisms, r.region)),
          ]),
        );
        // WHEN terraform plans the spoke THEN the plan fails, naming both workspaces and what to run
        await expect(
          planStack(mechanismStacks[spokeStackName("data-platform")], { localStateFixtures: fixtures }),
        ).rejects.toThrow(
          `${why}: apply ${hubStack} first (npx ${FRAMEWORK.cli} deploy ${hubStack}). ` +
            `Tearing down, destroy spoke-data-platform before ${hubStack}: npx ${FRAMEWORK.cli} destroy spoke-data-platform`,
        );
      },
    );
  },
);
