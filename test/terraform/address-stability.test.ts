/**
 * Terraform addresses are API: a grown configuration plans every existing resource at the same address
 * with the same values, and only adds the new items' resources (and removing them only removes those).
 *
 * Terraform plans only the stacks whose synthesized JSON changes when the configuration grows: a hub
 * with a new service (and a new CIDR and share principal), and a spoke with a new VPC in that hub's
 * region. The grown configuration also reorders lists whose order reaches the JSON: the hub's subnets
 * with their inbound IPs (the endpoints' `subnet_ids`, the resolver endpoints' `ip_address`, the rules'
 * `target_ip`), which must be sets to the provider. Everything else (new regions and spokes, which leave
 * the other stacks byte-identical, and reordered lists that leave every stack byte-identical) is proved on
 * the JSON, without Terraform, in test/stability/synthesized-stacks.test.ts; the last test here checks
 * that Terraform plans exactly the instances that those JSON tests reason about (the topology's,
 * src/stacks/resource-instances.ts).
 *
 * Plans are shared through the harness's plan cache: the example's hub and spoke plans are those of
 * hub-plan.test.ts and spoke-plan.test.ts (same JSON, same state fixtures). Removal is the same pairs of
 * plans read the other way round.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { regionKey } from "../../src/stacks/spoke-stack";
import { HubOutputValues, hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { privateZones } from "../../src/catalog/private-zones";
import { resolveService } from "../../src/catalog/service-catalog";
import { fakeHubOutputs, hubDomains, hubState } from "../support/hub-state";
import { resourceInstances } from "../../src/stacks/resource-instances";
import { topologyOf } from "../../src/topology/topology";
import { synthesizeStacks } from "../support/synthesize-stacks";
import {
  describeWithTerraform,
  PlanJson,
  PlannedResource,
  plannedResources,
  PlanResult,
  planStack,
} from "../support/terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const config = loadConfig("config/example.json");

const reversed = <T>(list: readonly T[]): T[] => [...list].reverse();

// The grown configuration: in eu-west-3, a new service (logs) with the services reordered, and the
// subnets reordered with their inbound IPs (the i-th IP stays in the i-th subnet); a new organization
// CIDR and a new share principal for every hub; in the data-platform spoke, a new eu-west-3 VPC with
// the VPCs reordered.
const REGION = "eu-west-3";
const SPOKE = "data-platform";
const NEW_SERVICE = "logs";
const NEW_CIDR = "172.16.0.0/12";
const NEW_OU = "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-99999999";
const NEW_VPC = "vpc-0fedcba9876543213";
const hub = config.hub.regions[REGION];
const spoke = config.spokes[SPOKE];
const grown: VpceShareConfig = {
  ...config,
  organization: { ...config.organization, cidrs: [...config.organization.cidrs, NEW_CIDR] },
  hub: {
    ...config.hub,
    shareWith: [NEW_OU, ...config.hub.shareWith],
    regions: {
      ...config.hub.regions,
      [REGION]: {
        ...hub,
        services: [NEW_SERVICE, ...reversed(hub.services)],
        subnetIds: reversed(hub.subnetIds),
        inboundResolverIps: reversed(hub.inboundResolverIps ?? []),
      },
    },
  },
  spokes: {
    ...config.spokes,
    [SPOKE]: {
      ...spoke,
      regions: {
        ...spoke.regions,
        [REGION]: { vpcIds: [NEW_VPC, ...reversed(spoke.regions[REGION].vpcIds)] },
      },
    },
  },
};

const stacks = new Map<VpceShareConfig, Record<string, object>>();
function stackOf(cfg: VpceShareConfig, name: string): Json {
  if (!stacks.has(cfg)) stacks.set(cfg, synthesizeStacks(cfg));
  return stacks.get(cfg)![name];
}

function planHub(cfg: VpceShareConfig): Promise<PlanResult> {
  return planStack(stackOf(cfg, hubStackName(REGION)));
}

/**
 * Hub outputs as the spoke reads them. The example's are spoke-plan.test.ts's fixtures. A grown hub
 * keeps the ids of its existing rules (its plan keeps every existing rule as it was) and has new ids
 * for its new rules.
 */
function hubOutputs(cfg: VpceShareConfig, region: string): HubOutputValues {
  const example = fakeHubOutputs(config, region);
  if (cfg === config) return example;
  const idsOf = (keys: readonly string[], existing: Readonly<Record<string, string>>, kind: string) =>
    Object.fromEntries(keys.map((k) => [k, existing[k] ?? `${kind}-new-${k}`]));
  const domains = hubDomains(cfg, region);
  return {
    resolverRuleIds: idsOf(domains, example.resolverRuleIds, "rslvr-rr"),
    inboundResolverIps: [...(cfg.hub.regions[region].inboundResolverIps ?? example.inboundResolverIps)],
    endpointIds: idsOf(cfg.hub.regions[region].services, example.endpointIds, "vpce"),
    privateHostedZoneIds: idsOf(domains, example.privateHostedZoneIds, "Z"),
    ramResourceShareArn: example.ramResourceShareArn,
  };
}

function planSpoke(cfg: VpceShareConfig): Promise<PlanResult> {
  const regions = Object.keys(cfg.spokes[SPOKE].regions);
  const fixtures = Object.fromEntries(
    regions.map((r) => [`hub_${regionKey(r)}`, hubState(hubOutputs(cfg, r))]),
  );
  return planStack(stackOf(cfg, spokeStackName(SPOKE)), { localStateFixtures: fixtures });
}

/** The managed resources of a plan, by address. */
function managed(plan: PlanJson): Map<string, PlannedResource> {
  return new Map([...plannedResources(plan)].filter(([, r]) => r.mode === "managed"));
}

async function managedPair(plan: (cfg: VpceShareConfig) => Promise<PlanResult>) {
  const [before, after] = await Promise.all([plan(config), plan(grown)]);
  return { before: managed(before.plan), after: managed(after.plan) };
}

const missingFrom = (from: Map<string, unknown>, of: Map<string, unknown>): string[] =>
  [...of.keys()].filter((address) => !from.has(address)).sort();

/** Every resource of `before` is in `after`, at the same address, with the same values and provider. */
function expectKept(before: Map<string, PlannedResource>, after: Map<string, PlannedResource>): void {
  for (const [address, resource] of before) {
    const kept = after.get(address);
    expect({ address, values: kept?.values, provider: kept?.providerConfigKey }).toEqual({
      address,
      values: resource.values,
      provider: resource.providerConfigKey,
    });
  }
}

describeWithTerraform("address stability, planned by Terraform", () => {
  describe(`hub-${REGION} with a new service, CIDR and share principal, services and subnets reordered`, () => {
    it("plans every resource of the example's hub at the same address with the same values", async () => {
      // GIVEN the example's hub and the grown hub
      // WHEN both are planned
      const { before, after } = await managedPair(planHub);
      // THEN every resource of the first keeps its address and planned values, subnet order notwithstanding
      expectKept(before, after);
    });

    it("adds only the new service's, the new CIDR's and the new principal's resources", async () => {
      // GIVEN the example's hub and the grown hub
      // WHEN both are planned
      const { before, after } = await managedPair(planHub);
      // THEN the only new addresses are the new service's, the new CIDR's and the new principal's
      expect(missingFrom(before, after)).toEqual(
        [
          `aws_ram_principal_association.rules["${NEW_OU}"]`,
          'aws_ram_resource_association.rules["logs.eu-west-3.amazonaws.com"]',
          'aws_route53_record.this["logs.eu-west-3.amazonaws.com"]',
          'aws_route53_resolver_rule.this["logs.eu-west-3.amazonaws.com"]',
          'aws_route53_zone.this["logs.eu-west-3.amazonaws.com"]',
          'aws_vpc_endpoint.this["logs"]',
          'aws_vpc_security_group_egress_rule.resolver_dns_tcp["172.16.0.0/12"]',
          'aws_vpc_security_group_egress_rule.resolver_dns_udp["172.16.0.0/12"]',
          'aws_vpc_security_group_ingress_rule.endpoints_https["172.16.0.0/12"]',
          'aws_vpc_security_group_ingress_rule.resolver_dns_tcp["172.16.0.0/12"]',
          'aws_vpc_security_group_ingress_rule.resolver_dns_udp["172.16.0.0/12"]',
        ].sort(),
      );
    });

    it("removing the service, the CIDR and the principal again removes exactly their resources", async () => {
      // GIVEN the grown hub
      // WHEN the three items are removed (the example's hub) and both are planned
      const { before: shrunk, after: grownHub } = await managedPair(planHub);
      // THEN the addresses that go are the service's (its endpoint, and per zone of the catalog the
      // zone, its records, its rule and the rule's share), the CIDR's rules and the principal's association
      const zones = privateZones([resolveService(NEW_SERVICE, REGION, config.customServices)]);
      const byItem = {
        service: [
          `aws_vpc_endpoint.this["${NEW_SERVICE}"]`,
          ...zones.flatMap((z) => [
            `aws_route53_zone.this["${z.domain}"]`,
            ...z.records.map((r) => `aws_route53_record.this["${r}"]`),
            `aws_route53_resolver_rule.this["${z.domain}"]`,
            `aws_ram_resource_association.rules["${z.domain}"]`,
          ]),
        ],
        cidr: [
          ...["endpoints_https", "resolver_dns_tcp", "resolver_dns_udp"].map(
            (n) => `aws_vpc_security_group_ingress_rule.${n}["${NEW_CIDR}"]`,
          ),
          ...["resolver_dns_tcp", "resolver_dns_udp"].map(
            (n) => `aws_vpc_security_group_egress_rule.${n}["${NEW_CIDR}"]`,
          ),
        ],
        principal: [`aws_ram_principal_association.rules["${NEW_OU}"]`],
      };
      const removed = missingFrom(shrunk, grownHub);
      expect({
        service: removed.filter((a) => byItem.service.includes(a)),
        cidr: removed.filter((a) => byItem.cidr.includes(a)),
        principal: removed.filter((a) => byItem.principal.includes(a)),
        others: removed.filter((a) => !Object.values(byItem).flat().includes(a)),
      }).toEqual({
        service: [...byItem.service].sort(),
        cidr: [...byItem.cidr].sort(),
        principal: byItem.principal,
        others: [],
      });
    });
  });

  describe(`spoke-${SPOKE} with a new ${REGION} VPC, its hub with a new service, VPCs reordered`, () => {
    it("plans every association of the example's spoke at the same address with the same values", async () => {
      // GIVEN the example's spoke and hub state, and the grown spoke and hub state (existing rules keep their ids)
      // WHEN both spokes are planned
      const { before, after } = await managedPair(planSpoke);
      // THEN every association keeps its address, VPC, rule id and provider (region)
      expect(before.size).toBeGreaterThan(0);
      expectKept(before, after);
    });

    it("adds only the new VPC's associations and the new service's", async () => {
      // GIVEN the example's spoke and the grown spoke
      // WHEN both are planned
      const { before, after } = await managedPair(planSpoke);
      // THEN the only new addresses are the new VPC's association with every rule of the region, and
      // the association of the new service's rule with each VPC already there
      expect(missingFrom(before, after)).toEqual(
        [
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/api.ecr.eu-west-3.amazonaws.com"]`,
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/dkr.ecr.eu-west-3.amazonaws.com"]`,
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/ec2.eu-west-3.amazonaws.com"]`,
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/logs.eu-west-3.amazonaws.com"]`,
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/ssm.eu-west-3.amazonaws.com"]`,
          `aws_route53_resolver_rule_association.eu_west_3["${NEW_VPC}/sts.eu-west-3.amazonaws.com"]`,
          'aws_route53_resolver_rule_association.eu_west_3["vpc-0fedcba9876543210/logs.eu-west-3.amazonaws.com"]',
          'aws_route53_resolver_rule_association.eu_west_3["vpc-0fedcba9876543211/logs.eu-west-3.amazonaws.com"]',
        ].sort(),
      );
    });

    it("removing the VPC and the service again removes exactly their associations", async () => {
      // GIVEN the grown spoke
      // WHEN the VPC and the service are removed (the example's spoke) and both are planned
      const { before: shrunk, after: grownSpoke } = await managedPair(planSpoke);
      // THEN the associations that go are the VPC's, with every rule the grown hub shares, and the
      // service's zones', with every other VPC
      const association = (vpc: string, domain: string) =>
        `aws_route53_resolver_rule_association.${regionKey(REGION)}["${vpc}/${domain}"]`;
      const serviceDomains = hubDomains(grown, REGION).filter((d) => !hubDomains(config, REGION).includes(d));
      const byItem = {
        vpc: hubDomains(grown, REGION).map((d) => association(NEW_VPC, d)),
        service: spoke.regions[REGION].vpcIds.flatMap((vpc) =>
          serviceDomains.map((d) => association(vpc, d)),
        ),
      };
      const removed = missingFrom(shrunk, grownSpoke);
      expect(serviceDomains).toEqual(["logs.eu-west-3.amazonaws.com"]);
      expect({
        vpc: removed.filter((a) => byItem.vpc.includes(a)),
        service: removed.filter((a) => byItem.service.includes(a)),
        others: removed.filter((a) => !byItem.vpc.includes(a) && !byItem.service.includes(a)),
      }).toEqual({ vpc: [...byItem.vpc].sort(), service: [...byItem.service].sort(), others: [] });
    });
  });

  it("plans exactly the resource instances that the topology names (what test/stability compares)", async () => {
    // GIVEN the four stacks planned above
    const pairs = [
      { cfg: config, stack: hubStackName(REGION), plan: planHub(config) },
      { cfg: grown, stack: hubStackName(REGION), plan: planHub(grown) },
      { cfg: config, stack: spokeStackName(SPOKE), plan: planSpoke(config) },
      { cfg: grown, stack: spokeStackName(SPOKE), plan: planSpoke(grown) },
    ];
    for (const { cfg, stack, plan } of pairs) {
      // WHEN the addresses Terraform plans are compared with the instances the topology names
      const planned = [...managed((await plan).plan).keys()].sort();
      // THEN they are the same
      const named = [...resourceInstances(topologyOf(cfg)).get(stack)!.keys()].sort();
      expect({ stack, planned }).toEqual({ stack, planned: named });
    }
  });
});
