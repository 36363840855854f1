/**
 * What Route 53 would see once the stacks are applied, built from the topology: per hub region its VPC,
 * resolver endpoints, forward rules, private zones, records and endpoints; per spoke VPC the rules
 * associated with it. Where a delivered stack differs from what the configuration synthesizes now only in
 * its literal data (route53's view of it follows from them), the view takes that data from the delivered
 * stack; where it differs otherwise, the hub or the spoke region is a failure instead of a view.
 */
import type { HubRegionTopology, SpokeRegionTopology, SpokeTopology, Topology } from "../topology/topology";
import { regionKey } from "../stacks/spoke-stack";
import type { DeliveredStack, Delivery, StackReading } from "./output-folder";
import { asRecord } from "./read-stacks";
import type { Failure, ForwardRuleView, HubView, PrivateZoneView, SpokeVpcView } from "./route53";

/** The hub region construct's literal maps (src/constructs/hub-region/service-maps.ts). */
const HUB_LOCALS = { endpoints: "endpoints", zones: "zones", records: "records" } as const;
/** A spoke region's literal lists (src/constructs/spoke-association/spoke-association.ts). */
const spokeLocals = (region: string) => ({
  vpcIds: `vpc_ids_${regionKey(region)}`,
  domains: `domains_${regionKey(region)}`,
});

/** What verify reads of each stack of the topology. */
export function stackReadings(topology: Topology): Map<string, StackReading> {
  return new Map([
    ...topology.hubRegions.map((h): [string, StackReading] => [
      h.stackName,
      { literalLocals: Object.values(HUB_LOCALS), regions: [] },
    ]),
    ...topology.spokes.map((s): [string, StackReading] => [
      s.stackName,
      {
        literalLocals: s.regions.flatMap((r) => Object.values(spokeLocals(r.region))),
        regions: s.regions.map((r) => r.region),
      },
    ]),
  ]);
}

/** A hub region as Route 53 would see it, or why it cannot be told. */
export function hubView(
  topology: Topology,
  hub: HubRegionTopology,
  delivered?: DeliveredStack,
): HubView | Failure {
  if (delivered?.failure) return delivered.failure;
  const stack = hub.stackName;
  let zones: PrivateZoneView[];
  let endpoints: Iterable<string>;
  if (delivered?.locals) {
    const bad = (name: string, what: string): Failure => ({
      hop: "stack",
      stack,
      reason: `locals.${name} is not ${what}: it cannot be told what ${stack} shares`,
    });
    const zoneMap = asRecord(delivered.locals[HUB_LOCALS.zones]);
    const recordMap = asRecord(delivered.locals[HUB_LOCALS.records]);
    const endpointMap = asRecord(delivered.locals[HUB_LOCALS.endpoints]);
    if (!zoneMap) return bad(HUB_LOCALS.zones, "a map of zone domains");
    if (!endpointMap) return bad(HUB_LOCALS.endpoints, "a map of service names");
    const records = Object.entries(recordMap ?? {}).map(([name, value]) => {
      const { zone, service } = asRecord(value) ?? {};
      return { name, zone, service };
    });
    if (!recordMap || records.some((r) => typeof r.zone !== "string" || typeof r.service !== "string")) {
      return bad(HUB_LOCALS.records, "a map of record names to { zone, service }");
    }
    zones = Object.keys(zoneMap).map((domain) => ({
      domain,
      records: new Map(records.filter((r) => r.zone === domain).map((r) => [r.name, r.service as string])),
    }));
    endpoints = Object.keys(endpointMap);
  } else {
    zones = hub.zones.map((z) => ({
      domain: z.domain,
      records: new Map(z.records.map((r) => [r, z.service])),
    }));
    endpoints = hub.services.map((s) => s.name);
  }
  const subnetIds = hub.subnets.map((s) => s.subnetId);
  const inbound = {
    vpcId: hub.vpcId,
    subnetIds,
    ips: hub.subnets.map((s) => s.inboundIp ?? `(the ip aws assigns in ${s.subnetId})`),
  };
  const outbound = { vpcId: hub.vpcId, subnetIds, ips: [] };
  // One forward rule per zone, through the outbound endpoint to the inbound one, shared with hub.shareWith.
  const rules = zones.map((z): ForwardRuleView => ({
    domain: z.domain,
    region: hub.region,
    stack,
    shared: topology.hub.shareWith.length > 0,
    outbound,
    targets: inbound.ips,
  }));
  return {
    stack,
    region: hub.region,
    vpcId: hub.vpcId,
    inbound,
    rules,
    zones,
    endpoints: new Set(endpoints),
  };
}

/**
 * The configured VPCs of one spoke region as Route 53 would see them (associated with the hub's rules of
 * the domains the spoke stack lists, when it lists the VPC), in the order of `region.vpcIds`, or why it
 * cannot be told.
 */
export function spokeVpcViews(
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubView,
  delivered?: DeliveredStack,
): SpokeVpcView[] | Failure {
  if (delivered?.failure) return delivered.failure;
  const regionFailure = delivered?.regionFailures.get(region.region);
  if (regionFailure) return regionFailure;
  let vpcIds: readonly string[] = region.vpcIds;
  let domains: readonly string[] = region.rules.map((r) => r.domain);
  if (delivered?.locals) {
    const names = spokeLocals(region.region);
    const list = (name: string): string[] | undefined => {
      const value = delivered.locals?.[name];
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
    };
    const [vpcs, listed] = [list(names.vpcIds), list(names.domains)];
    if (!vpcs || !listed) {
      const name = vpcs ? names.domains : names.vpcIds;
      return {
        hop: "stack",
        stack: spoke.stackName,
        reason: `locals.${name} is not a list of strings: it cannot be told what ${region.region} associates`,
      };
    }
    [vpcIds, domains] = [vpcs, listed];
  }
  const rules = hub.rules.filter((r) => domains.includes(r.domain));
  return region.vpcIds.map((vpcId) => ({
    stack: spoke.stackName,
    region: region.region,
    vpcId,
    rules: vpcIds.includes(vpcId) ? rules : [],
  }));
}

/** Every hub region's view (or failure), by region. */
export function hubViews(topology: Topology, delivery: Delivery): Map<string, HubView | Failure> {
  return new Map(
    topology.hubRegions.map((h) => [h.region, hubView(topology, h, delivery.stacks.get(h.stackName))]),
  );
}
