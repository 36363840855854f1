/**
 * The resource instances that Terraform plans for each stack of a topology, by address, each with the
 * part of the topology it renders: what the benchmark counts and what the stability tests compare,
 * without reading the synthesized Terraform back. test/terraform/resource-instances.test.ts checks it
 * against Terraform's own plan of the example's stacks.
 */
import { securityGroupRuleAddresses } from "../constructs/hub-region/security-group-rules";
import { hubBuilds, SharingMechanism } from "../topology/sharing-mechanism";
import type { HubRegionTopology, SpokeTopology, Topology } from "../topology/topology";
import { regionKey } from "./spoke-stack";

/** Instance address -> what it renders (`aws_vpc_endpoint.this["ec2"]` -> the ec2 service). */
export type StackInstances = ReadonlyMap<string, unknown>;

/** `aws_route53_zone.this["ec2.eu-west-3.amazonaws.com"]`. */
const keyed = (resource: string, key: string) => `${resource}[${JSON.stringify(key)}]`;

/** Every stack's managed resource instances, by stack name: hub stacks, then spoke stacks. */
export function resourceInstances(topology: Topology): Map<string, StackInstances> {
  return new Map([
    ...topology.hubRegions.map((hub): [string, StackInstances] => [
      hub.stackName,
      hubInstances(topology, hub),
    ]),
    ...topology.spokes.map((spoke): [string, StackInstances] => [spoke.stackName, spokeInstances(spoke)]),
  ]);
}

/** How many managed resource instances the stacks of a topology plan, together. */
export function resourceInstanceCount(topology: Topology): number {
  let count = 0;
  for (const instances of resourceInstances(topology).values()) count += instances.size;
  return count;
}

function hubInstances(topology: Topology, hub: HubRegionTopology): StackInstances {
  const instances = new Map<string, unknown>();
  const add = (address: string, renders: unknown) => instances.set(address, renders);
  const builds = (mechanism: SharingMechanism) => hubBuilds(hub.sharing, mechanism);
  const principals = (share: string) => {
    add(`aws_ram_resource_share.${share}`, topology.hub.shareWith);
    for (const principal of topology.hub.shareWith)
      add(keyed(`aws_ram_principal_association.${share}`, principal), principal);
  };
  add("aws_security_group.endpoints", hub.vpcId);
  const rules = builds("resolver-rules");
  if (rules) add("aws_security_group.resolver", hub.vpcId);
  for (const cidr of topology.organization.cidrs) {
    for (const address of securityGroupRuleAddresses(cidr, hub.extraPorts, rules)) add(address, cidr);
  }
  for (const service of hub.services) add(keyed("aws_vpc_endpoint.this", service.name), service);
  for (const zone of hub.zones) {
    add(keyed("aws_route53_zone.this", zone.domain), zone);
    for (const record of zone.records) add(keyed("aws_route53_record.this", record), zone);
  }
  if (rules) {
    add("aws_route53_resolver_endpoint.inbound", hub.subnets);
    add("aws_route53_resolver_endpoint.outbound", hub.subnets);
    if (hub.queryLogDestinationArn !== undefined) {
      add("aws_route53_resolver_query_log_config.hub", hub.queryLogDestinationArn);
      add("aws_route53_resolver_query_log_config_association.hub", hub.vpcId);
    }
    for (const rule of hub.rules) {
      add(keyed("aws_route53_resolver_rule.this", rule.domain), rule);
      add(keyed("aws_ram_resource_association.rules", rule.domain), rule);
    }
    principals("rules");
  }
  if (builds("profile")) {
    add("aws_route53profiles_profile.this", hub.sharing);
    if (hub.sharing.profileContents === "endpoints") {
      for (const service of hub.services)
        add(keyed("aws_route53profiles_resource_association.endpoints", service.name), service);
    } else {
      for (const zone of hub.zones)
        add(keyed("aws_route53profiles_resource_association.zones", zone.domain), zone);
    }
    add("aws_ram_resource_association.profile", hub.sharing);
    principals("profile");
  }
  if (builds("zone-association")) {
    for (const vpcId of hub.spokeVpcIds) {
      for (const zone of hub.zones) {
        add(keyed("aws_route53_vpc_association_authorization.this", `${vpcId}/${zone.domain}`), {
          vpcId,
          zone,
        });
      }
    }
  }
  return instances;
}

function spokeInstances(spoke: SpokeTopology): StackInstances {
  const instances = new Map<string, unknown>();
  const perPair = (resource: string, vpcIds: readonly string[], zones: readonly { domain: string }[]) => {
    for (const vpcId of vpcIds) {
      for (const { domain } of zones) instances.set(keyed(resource, `${vpcId}/${domain}`), { vpcId, domain });
    }
  };
  for (const { region, mechanism, vpcIds, rules, zones } of spoke.regions) {
    const key = regionKey(region);
    switch (mechanism) {
      case "resolver-rules":
        perPair(`aws_route53_resolver_rule_association.${key}`, vpcIds, rules);
        break;
      case "zone-association":
        perPair(`aws_route53_zone_association.${key}`, vpcIds, zones);
        break;
      case "profile":
        for (const vpcId of vpcIds)
          instances.set(keyed(`aws_route53profiles_association.${key}`, vpcId), { vpcId });
        break;
    }
  }
  return instances;
}
