/**
 * Real Terraform on the hub stacks of config/example-mechanisms.json, one hub region per sharing
 * mechanism, and of the same configuration with a Profile of endpoints: each plans offline against the
 * AWS provider schema and holds exactly its mechanism's resources (no Resolver endpoint or rule outside
 * resolver rules), with its part of the output contract.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { HUB_OUTPUTS, hubOutputKeys } from "../../src/constructs/hub-outputs";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import {
  PROFILE_ENDPOINTS_PROVIDER_VERSION,
  PROFILE_RAM_PERMISSION,
} from "../../src/topology/sharing-mechanism";
import { resourceInstances } from "../../src/stacks/resource-instances";
import { topologyOf } from "../../src/topology/topology";
import { synthesizeStacks } from "../support/synthesize-stacks";
import {
  describeWithTerraform,
  PlanJson,
  plannedOutputs,
  plannedResources,
  planStack,
} from "../support/terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const config = loadConfig("config/example-mechanisms.json");
const topology = topologyOf(config);
const stacks = synthesizeStacks(config);

/** The same configuration with us-east-1's Profile holding the endpoints instead of zones. */
function withProfileOfEndpoints(): VpceShareConfig {
  return {
    ...config,
    hub: {
      ...config.hub,
      regions: {
        ...config.hub.regions,
        "us-east-1": { ...config.hub.regions["us-east-1"], profileContents: "endpoints" },
      },
    },
  };
}

/** Planned managed resources, as "type.name" -> count, and the keyed addresses. */
function resourceTypes(plan: PlanJson): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [address, resource] of plannedResources(plan)) {
    if (resource.mode === "data") continue;
    const type = address.replace(/\[.*$/, "");
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

function valuesAt(plan: PlanJson, address: string): Json {
  const resource = plannedResources(plan).get(address);
  if (!resource) throw new Error(`${address} is not in the plan`);
  return resource.values;
}

const RESOLVER_TYPES = [
  "aws_route53_resolver_endpoint",
  "aws_route53_resolver_rule",
  "aws_route53_resolver_query_log_config",
];

/** The managed instances Terraform plans are those the topology names (src/stacks/resource-instances.ts). */
function expectTopologyInstances(plan: PlanJson, cfg: VpceShareConfig, stack: string): void {
  const planned = [...plannedResources(plan)]
    .filter(([, r]) => r.mode === "managed")
    .map(([address]) => address)
    .sort();
  expect(planned).toEqual([...resourceInstances(topologyOf(cfg)).get(stack)!.keys()].sort());
}

describeWithTerraform("hub stacks of config/example-mechanisms.json, planned by Terraform", () => {
  it("hub-us-east-1 (profile, zones) plans the endpoints, zones, records and a Profile of the zones shared by RAM; no Resolver endpoint or rule", async () => {
    // GIVEN the Profile region's hub stack
    const hub = topology.hubRegion("us-east-1")!;
    // WHEN terraform plans it offline
    const { plan } = await planStack(stacks[hub.stackName]);
    // THEN it holds exactly the Profile mechanism's resources
    const records = hub.zones.reduce((n, z) => n + z.records.length, 0);
    expect(resourceTypes(plan)).toEqual({
      "aws_vpc_endpoint.this": hub.services.length,
      "aws_security_group.endpoints": 1,
      "aws_vpc_security_group_ingress_rule.endpoints_https": config.organization.cidrs.length,
      "aws_route53_zone.this": hub.zones.length,
      "aws_route53_record.this": records,
      "aws_route53profiles_profile.this": 1,
      "aws_route53profiles_resource_association.zones": hub.zones.length,
      "aws_ram_resource_share.profile": 1,
      "aws_ram_resource_association.profile": 1,
      "aws_ram_principal_association.profile": config.hub.shareWith!.length,
    });
    for (const zone of hub.zones) {
      expect(
        valuesAt(plan, `aws_route53profiles_resource_association.zones["${zone.domain}"]`),
      ).toMatchObject({
        name: `vpce-share-${zone.domain.replace(/\./g, "-")}`.slice(0, 64),
      });
    }
    for (const service of hub.services) {
      expect(valuesAt(plan, `aws_vpc_endpoint.this["${service.name}"]`)).toMatchObject({
        private_dns_enabled: false,
      });
    }
    // AND the share admits the organization only, with the association permission alone
    expect(valuesAt(plan, "aws_ram_resource_share.profile")).toMatchObject({
      allow_external_principals: false,
      permission_arns: [`arn:aws:ram::aws:permission/${PROFILE_RAM_PERMISSION}`],
    });
    // AND the outputs are the Profile's part of the contract
    expect(Object.keys(plannedOutputs(plan)).sort()).toEqual(
      hubOutputKeys(hub.sharing)
        .map((k) => HUB_OUTPUTS[k].name)
        .sort(),
    );
    expect(Object.keys(plannedOutputs(plan))).toContain(HUB_OUTPUTS.route53ProfileId.name);
    expectTopologyInstances(plan, config, hub.stackName);
  });

  it("hub-eu-central-1 (zone-association) plans the zones and one authorization per (spoke VPC, zone); no Resolver endpoint, rule or share", async () => {
    // GIVEN the zone-association region's hub stack
    const hub = topology.hubRegion("eu-central-1")!;
    // WHEN planned
    const { plan } = await planStack(stacks[hub.stackName]);
    // THEN each spoke VPC of the region is authorized for each zone, keyed "<vpc>/<domain>"
    const counts = resourceTypes(plan);
    expect(counts["aws_route53_vpc_association_authorization.this"]).toBe(
      hub.spokeVpcIds.length * hub.zones.length,
    );
    for (const vpc of hub.spokeVpcIds) {
      for (const zone of hub.zones) {
        expect(
          valuesAt(plan, `aws_route53_vpc_association_authorization.this["${vpc}/${zone.domain}"]`),
        ).toMatchObject({ vpc_id: vpc });
      }
    }
    expect(Object.keys(counts).some((t) => RESOLVER_TYPES.some((r) => t.startsWith(r)))).toBe(false);
    expect(
      Object.keys(counts).some((t) => t.startsWith("aws_ram_") || t.startsWith("aws_route53profiles_")),
    ).toBe(false);
    // AND the zones leave the VPC associations the spokes make alone (no perpetual diff)
    expect((stacks[hub.stackName] as Json).resource.aws_route53_zone.this.lifecycle).toEqual({
      ignore_changes: ["vpc"],
    });
    expect(Object.keys(plannedOutputs(plan)).sort()).toEqual(["endpoint_ids", "private_hosted_zone_ids"]);
    expectTopologyInstances(plan, config, hub.stackName);
  });

  it("hub-eu-west-3 (resolver-rules) has no Profile and no authorization", async () => {
    const { plan } = await planStack(stacks["hub-eu-west-3"]);
    const types = Object.keys(resourceTypes(plan));
    expect(types).toEqual(
      expect.arrayContaining(["aws_route53_resolver_rule.this", "aws_ram_resource_share.rules"]),
    );
    expect(types.some((t) => t.startsWith("aws_route53profiles_") || t.includes("authorization"))).toBe(
      false,
    );
  });

  it("a Profile of endpoints: private DNS on, the endpoints in the Profile, no zones; the stack declares provider 6.3+, planned here with 5.100's schema", async () => {
    // GIVEN us-east-1 with profileContents "endpoints"
    const variant = withProfileOfEndpoints();
    const hub = topologyOf(variant).hubRegion("us-east-1")!;
    const stack = synthesizeStacks(variant)[hub.stackName] as Json;
    // THEN the stack requires the provider versions that apply it (5.x fails after apply: issues 42489, 43494)
    expect(stack.terraform.required_providers.aws.version).toBe(PROFILE_ENDPOINTS_PROVIDER_VERSION);
    // WHEN planned offline with the range overridden to the 5.100 mirror (this proves the configuration
    // against 5.100's schema, whose resources and arguments 6.3 keeps; no apply is made here)
    const { plan } = await planStack(stack, { awsProviderVersion: AWS_PROVIDER_VERSION });
    // THEN the endpoints keep their private DNS and sit in the Profile, keyed by service; no zone of ours
    expect(resourceTypes(plan)).toEqual({
      "aws_vpc_endpoint.this": hub.services.length,
      "aws_security_group.endpoints": 1,
      "aws_vpc_security_group_ingress_rule.endpoints_https": config.organization.cidrs.length,
      "aws_route53profiles_profile.this": 1,
      "aws_route53profiles_resource_association.endpoints": hub.services.length,
      "aws_ram_resource_share.profile": 1,
      "aws_ram_resource_association.profile": 1,
      "aws_ram_principal_association.profile": config.hub.shareWith!.length,
    });
    for (const service of hub.services) {
      expect(valuesAt(plan, `aws_vpc_endpoint.this["${service.name}"]`)).toMatchObject({
        private_dns_enabled: true,
      });
      const association = valuesAt(
        plan,
        `aws_route53profiles_resource_association.endpoints["${service.name}"]`,
      );
      expect(association.resource_properties ?? null).toBeNull();
    }
    expect(plannedOutputs(plan)[HUB_OUTPUTS.privateHostedZoneIds.name].value).toEqual({});
    expectTopologyInstances(plan, variant, hub.stackName);
  });
});
