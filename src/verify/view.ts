/**
 * What Route 53 would see once the stacks are applied, built from the topology: per hub region its VPC,
 * resolver endpoints and forward rules (when it builds resolver rules), private zones and records (when
 * it hosts them), its Profile (the zones it holds, or the names AWS hosts for its endpoints), the spoke
 * VPCs it authorizes to associate its zones (zone association) and its endpoints; per spoke VPC the
 * rules, the Profile or the zones associated with it. Where a delivered stack differs from what the
 * configuration synthesizes now only in its literal data (route53's view of it follows from them), the
 * view takes that data from the delivered stack; where it differs otherwise, the hub or the spoke region
 * is a failure instead of a view.
 */
import type { HubRegionTopology, SpokeRegionTopology, SpokeTopology, Topology } from "../topology/topology";
import { hubBuilds, hubHostsZones, mechanismLabel } from "../topology/sharing-mechanism";
import { regionKey } from "../stacks/spoke-stack";
import { HUB_REGION_LOCALS as HUB_LOCALS } from "../constructs/hub-region/hub-region";
import { regionLocalName } from "../constructs/spoke-association/spoke-association";
import type { DeliveredStack, Delivery, StackReading } from "./output-folder";
import { asRecord } from "./read-stacks";
import type {
  Failure,
  ForwardRuleView,
  HubView,
  PrivateZoneView,
  ProfileView,
  SpokeVpcView,
  ZoneAssociationView,
} from "./route53";

/** A spoke region's literal lists (the spoke stack names its associations by regionKey); no domains with a Profile. */
const spokeLocals = (region: string) => ({
  vpcIds: regionLocalName("vpcIds", regionKey(region)),
  domains: regionLocalName("domains", regionKey(region)),
});

/** The hub's literal locals of its mechanisms. */
function hubLocals(hub: HubRegionTopology): string[] {
  return [
    HUB_LOCALS.endpoints,
    ...(hubHostsZones(hub.sharing) ? [HUB_LOCALS.zones, HUB_LOCALS.records] : []),
    ...(hubBuilds(hub.sharing, "zone-association") ? [HUB_LOCALS.authorizedVpcIds] : []),
  ];
}

/** A spoke region's literal locals: its VPCs, and the domains it associates (rules or zones, not a Profile). */
function spokeRegionLocals(region: SpokeRegionTopology): string[] {
  const names = spokeLocals(region.region);
  return region.mechanism === "profile" ? [names.vpcIds] : [names.vpcIds, names.domains];
}

/** What verify reads of each stack of the topology. */
export function stackReadings(topology: Topology): Map<string, StackReading> {
  return new Map([
    ...topology.hubRegions.map((h): [string, StackReading] => [
      h.stackName,
      { literalLocals: hubLocals(h), regions: [] },
    ]),
    ...topology.spokes.map((s): [string, StackReading] => [
      s.stackName,
      {
        literalLocals: s.regions.flatMap(spokeRegionLocals),
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
  const hostsZones = hubHostsZones(hub.sharing);
  const authorizes = hubBuilds(hub.sharing, "zone-association");
  let zones: PrivateZoneView[];
  let endpoints: string[];
  let authorized: readonly string[] = hub.spokeVpcIds;
  if (delivered?.locals) {
    const bad = (name: string, what: string): Failure => ({
      hop: "stack",
      stack,
      reason: `locals.${name} is not ${what}: it cannot be told what ${stack} shares`,
    });
    const endpointMap = asRecord(delivered.locals[HUB_LOCALS.endpoints]);
    if (!endpointMap) return bad(HUB_LOCALS.endpoints, "a map of service names");
    endpoints = Object.keys(endpointMap);
    zones = [];
    if (hostsZones) {
      const zoneMap = asRecord(delivered.locals[HUB_LOCALS.zones]);
      const recordMap = asRecord(delivered.locals[HUB_LOCALS.records]);
      if (!zoneMap) return bad(HUB_LOCALS.zones, "a map of zone domains");
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
    }
    if (authorizes) {
      const list = delivered.locals[HUB_LOCALS.authorizedVpcIds];
      if (!Array.isArray(list) || !list.every((v) => typeof v === "string")) {
        return bad(HUB_LOCALS.authorizedVpcIds, "a list of vpc ids");
      }
      authorized = list;
    }
  } else {
    zones = hub.zones.map(zoneView);
    endpoints = hub.services.map((s) => s.name);
  }
  const shared = topology.hub.shareWith.length > 0;
  const mechanisms = {
    ...(hubBuilds(hub.sharing, "resolver-rules") ? resolverRules(hub, zones, shared) : { rules: [] }),
    ...(hubBuilds(hub.sharing, "profile") ? { profile: profileView(hub, zones, endpoints, shared) } : {}),
    ...(authorizes ? { authorizedVpcIds: new Set(authorized) } : {}),
  };
  return {
    stack,
    region: hub.region,
    vpcId: hub.vpcId,
    mechanism: hub.mechanism,
    zones,
    endpoints: new Set(endpoints),
    ...mechanisms,
  };
}

/** A zone of the topology as route53.ts sees it: each record aliasing its service's endpoint. */
export const zoneView = (zone: {
  domain: string;
  service: string;
  records: readonly string[];
}): PrivateZoneView => ({
  domain: zone.domain,
  records: new Map(zone.records.map((r) => [r, zone.service])),
});

/** The inbound endpoint, and one forward rule per zone through the outbound endpoint to it, shared with hub.shareWith. */
function resolverRules(
  hub: HubRegionTopology,
  zones: readonly PrivateZoneView[],
  shared: boolean,
): Pick<HubView, "inbound" | "rules"> {
  const subnetIds = hub.subnets.map((s) => s.subnetId);
  const inbound = {
    vpcId: hub.vpcId,
    subnetIds,
    ips: hub.subnets.map((s) => s.inboundIp ?? `(the ip aws assigns in ${s.subnetId})`),
  };
  const outbound = { vpcId: hub.vpcId, subnetIds, ips: [] };
  const rules = zones.map((z): ForwardRuleView => ({
    domain: z.domain,
    region: hub.region,
    stack: hub.stackName,
    shared,
    outbound,
    targets: inbound.ips,
  }));
  return { inbound, rules };
}

/**
 * The hub's Profile: every zone the hub hosts, or (a Profile of endpoints) for every endpoint the zones of
 * its service's private DNS names, which AWS hosts with a record per name aliasing the endpoint.
 */
function profileView(
  hub: HubRegionTopology,
  zones: readonly PrivateZoneView[],
  endpoints: readonly string[],
  shared: boolean,
): ProfileView {
  const contents = hub.sharing.mechanism === "profile" ? (hub.sharing.profileContents ?? "zones") : "zones";
  return {
    stack: hub.stackName,
    region: hub.region,
    shared,
    contents,
    zones:
      contents === "zones" ? zones : hub.dnsZones.filter((z) => endpoints.includes(z.service)).map(zoneView),
  };
}

/**
 * The configured VPCs of one spoke region as Route 53 would see them, in the order of `region.vpcIds`, or
 * why it cannot be told. A VPC the spoke stack lists is associated, by the region's mechanism, with the
 * hub's rules of the domains the stack lists, with the hub's Profile, or with the hub's zones of the
 * domains the stack lists.
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
  const mechanism = region.mechanism;
  let vpcIds: readonly string[] = region.vpcIds;
  let domains: readonly string[] = (mechanism === "zone-association" ? region.zones : region.rules).map(
    (r) => r.domain,
  );
  if (delivered?.locals) {
    const names = spokeLocals(region.region);
    const list = (name: string): string[] | undefined => {
      const value = delivered.locals?.[name];
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
    };
    const vpcs = list(names.vpcIds);
    const listed = mechanism === "profile" ? [] : list(names.domains);
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
  const associated = (vpcId: string) => vpcIds.includes(vpcId);
  const view = (vpcId: string): SpokeVpcView => ({
    stack: spoke.stackName,
    region: region.region,
    vpcId,
    rules: [],
  });
  if (mechanism === "profile") {
    return region.vpcIds.map((vpcId) => ({
      ...view(vpcId),
      ...(associated(vpcId) && hub.profile ? { profile: hub.profile } : {}),
    }));
  }
  if (mechanism === "zone-association") {
    const zones = hub.zones.filter((z) => domains.includes(z.domain));
    return region.vpcIds.map((vpcId) => ({
      ...view(vpcId),
      zones: associated(vpcId)
        ? zones.map((zone): ZoneAssociationView => ({
            stack: hub.stack,
            region: hub.region,
            authorized: hub.authorizedVpcIds?.has(vpcId) ?? false,
            zone,
          }))
        : [],
    }));
  }
  const rules = hub.rules.filter((r) => domains.includes(r.domain));
  return region.vpcIds.map((vpcId) => ({ ...view(vpcId), rules: associated(vpcId) ? rules : [] }));
}

/** `resolver-rules`, `profile (zones)`: the mechanism a spoke region uses, as reports name it. */
export function spokeMechanism(region: SpokeRegionTopology): string {
  return mechanismLabel(region);
}

/** Every hub region's view (or failure), by region. */
export function hubViews(topology: Topology, delivery: Delivery): Map<string, HubView | Failure> {
  return new Map(
    topology.hubRegions.map((h) => [h.region, hubView(topology, h, delivery.stacks.get(h.stackName))]),
  );
}
