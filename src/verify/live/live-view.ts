/**
 * From what `verify --live` read to what route53.ts resolves (the same HubView and SpokeVpcView as the
 * pre-deploy verify), and every difference between what is deployed and what the configuration says
 * should exist: missing, extra, stale or conflicting, each with its account, region, resource and what
 * to do.
 *
 * "Ours" is what the configuration names: the hub's resolver rule of a zone is the FORWARD rule of the
 * hub account with the rule's configured name (`vpce-share-<domain>`); any other rule a spoke VPC is
 * associated with is someone else's, whoever owns it.
 */
import { hubBuilds, hubHostsZones } from "../../topology/sharing-mechanism";
import type {
  HubRegionTopology,
  SpokeRegionTopology,
  SpokeTopology,
  Topology,
} from "../../topology/topology";
import {
  covers,
  type Failure,
  type ForwardRuleView,
  type HubView,
  type PrivateZoneView,
  type ResolverEndpointView,
  type SpokeVpcView,
} from "../route53";
import { shareDifferences, type Difference, type DifferenceKind } from "./differences";
import type {
  EndpointReading,
  HubReading,
  ResolverEndpointReading,
  RuleReading,
  SpokeRegionReading,
} from "./read-aws";
import {
  authorizationDifferences,
  foreignZoneLabel,
  hubZonesById,
  liveZoneAssociations,
  sharedDomains,
  zoneAssociationDifferences,
} from "./live-zone-association";
import {
  liveProfileView,
  profileAssociationDifferences,
  profileDifferences,
  spokeProfileView,
} from "./live-profile";

export type { Difference, DifferenceKind } from "./differences";

/** A region's reading, or the one line that says why it could not be read. */
export type Readout<T> = { readonly reading: T } | { readonly error: string };

/** The resource name of what a spoke VPC resolves through when a rule is not the hub's (another account's). */
export function foreignRuleLabel(rule: RuleReading): string {
  return `${rule.id} (account ${rule.ownerId}${rule.name ? `, ${rule.name}` : ""})`;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && b.every((x) => a.includes(x));

function endpointView(e: ResolverEndpointReading): ResolverEndpointView {
  return { vpcId: e.vpcId, subnetIds: e.ips.map((i) => i.subnetId), ips: e.ips.map((i) => i.ip) };
}

/** The hub's endpoint of each configured service (available, or on its way), by short name. */
export function hubEndpointsByService(
  hub: HubRegionTopology,
  reading: HubReading,
): Map<string, EndpointReading> {
  const byServiceName = new Map(reading.endpoints.map((e) => [e.serviceName, e]));
  return new Map(
    hub.services.flatMap((s) =>
      byServiceName.has(s.serviceName) ? [[s.name, byServiceName.get(s.serviceName)!]] : [],
    ),
  );
}

/** The inbound endpoint of the hub VPC: the one the hub's rules forward to, else the first. */
function inboundOf(hub: HubRegionTopology, reading: HubReading): ResolverEndpointReading | undefined {
  const inbound = reading.resolverEndpoints.filter((e) => e.direction === "INBOUND");
  const ours = reading.rules.find((r) => hub.rules.some((c) => c.name === r.name));
  return (
    inbound.find(
      (e) =>
        ours &&
        sameSet(
          e.ips.map((i) => i.ip),
          ours.targets,
        ),
    ) ?? inbound[0]
  );
}

/** A hub region as Route 53 sees it now. */
export function liveHubView(hub: HubRegionTopology, reading: HubReading): HubView {
  const endpoints = hubEndpointsByService(hub, reading);
  const serviceOfAlias = new Map(
    [...endpoints.entries()].flatMap(([service, e]) => e.dnsNames.map((n) => [n, service] as const)),
  );
  const zones = reading.zones.map((z): PrivateZoneView => ({
    domain: z.domain,
    records: new Map(
      (z.records ?? [])
        .filter((r) => r.type === "A" || r.type === "AAAA")
        .map((r) => [
          r.name,
          r.aliasTarget
            ? (serviceOfAlias.get(r.aliasTarget) ?? `(no endpoint: ${r.aliasTarget})`)
            : "(an address record)",
        ]),
    ),
  }));
  const inbound = inboundOf(hub, reading);
  const byId = new Map(reading.resolverEndpoints.map((e) => [e.id, e]));
  const configuredNames = new Set(hub.rules.map((r) => r.name));
  const rules = reading.rules.map((r): ForwardRuleView => {
    const outbound = r.endpointId ? byId.get(r.endpointId) : undefined;
    return {
      domain: r.domain,
      region: hub.region,
      stack: r.name && configuredNames.has(r.name) ? hub.stackName : foreignRuleLabel(r),
      shared: (reading.sharedWith.get(r.arn) ?? []).length > 0,
      ...(outbound ? { outbound: endpointView(outbound) } : {}),
      targets: r.targets,
    };
  });
  const authorized = hubBuilds(hub.sharing, "zone-association")
    ? // the VPCs every zone of the hub authorizes (a spoke view takes each association as it is)
      {
        authorizedVpcIds: new Set(
          hub.spokeVpcIds.filter((vpcId) =>
            [...(reading.authorizations?.values() ?? [])].every((vpcs) => vpcs.includes(vpcId)),
          ),
        ),
      }
    : {};
  const profile = hubBuilds(hub.sharing, "profile")
    ? liveProfileView(hub, reading, zones, endpoints)
    : undefined;
  return {
    stack: hub.stackName,
    region: hub.region,
    vpcId: hub.vpcId,
    mechanism: hub.mechanism,
    ...authorized,
    ...(profile ? { profile } : {}),
    inbound: inbound ? endpointView(inbound) : { vpcId: hub.vpcId, subnetIds: [], ips: [] },
    rules,
    zones,
    endpoints: new Set(
      [...endpoints.entries()].filter(([, e]) => e.state.toLowerCase() === "available").map(([s]) => s),
    ),
  };
}

/**
 * The VPCs of one spoke region as Route 53 sees them now, in the order of `region.vpcIds`: each with the
 * rules and the zones it is associated with. A rule of the hub's region keeps the hub's view of it;
 * another account's rule is taken as the spoke account reads it (its outbound endpoint cannot be read from
 * there, so it is taken as working: what decides is where it forwards). Zones: live-zone-association.ts.
 */
export function liveSpokeVpcViews(
  topology: Topology,
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubView,
  hubReading: HubReading,
  reading: SpokeRegionReading,
): SpokeVpcView[] {
  // The hub's own rules keep the hub's view; any other rule the VPC is associated with is one the spoke
  // account may use (it is associated), whoever owns it.
  const hubRules = new Map(
    hubReading.rules
      .map((r, i) => [r.id, hub.rules[i]] as const)
      .filter(([, view]) => view.stack === hub.stack),
  );
  const ruleView = (ruleId: string): ForwardRuleView[] => {
    const known = hubRules.get(ruleId);
    if (known) return [known];
    const seen = reading.rules.get(ruleId);
    if (!seen) return [];
    const unread = `(${seen.endpointId ?? "its outbound endpoint"}, not readable from ${spoke.accountId})`;
    return [
      {
        domain: seen.domain,
        region: region.region,
        stack: foreignRuleLabel(seen),
        shared: true,
        outbound: { vpcId: unread, subnetIds: [`${unread} 1`, `${unread} 2`], ips: [] },
        targets: seen.targets,
      },
    ];
  };
  const serviceOf = new Map(region.services.map((s) => [s.serviceName, s.name]));
  const hubZones = hubZonesById(topology.hub.accountId, hubReading);
  return region.vpcIds.map((vpcId) => {
    const profile = spokeProfileView(region, hub, hubReading, reading, vpcId);
    return {
      stack: spoke.stackName,
      region: region.region,
      vpcId,
      rules: reading.associations.filter((a) => a.vpcId === vpcId).flatMap((a) => ruleView(a.ruleId)),
      zones: liveZoneAssociations(spoke, region, hub, hubZones, reading.zones.get(vpcId) ?? []),
      ...(profile ? { profile } : {}),
      // the VPC's own endpoints of shared services, with private DNS: what answers when nothing of ours does
      ownEndpoints: new Set(
        reading.endpoints
          .filter((e) => e.vpcId === vpcId && e.privateDnsEnabled && e.state.toLowerCase() === "available")
          .flatMap((e) => (serviceOf.has(e.serviceName) ? [serviceOf.get(e.serviceName) as string] : [])),
      ),
    };
  });
}

/** The differences of one hub region from its configuration, by the mechanisms it builds. */
export function hubDifferences(
  topology: Topology,
  hub: HubRegionTopology,
  reading: HubReading,
): Difference[] {
  const account = topology.hub.accountId;
  const found: Difference[] = [];
  const add = (kind: DifferenceKind, resource: string, problem: string, fix = `apply ${hub.stackName}`) =>
    found.push({ kind, account, region: hub.region, resource, problem, fix });
  const endpoints = hubEndpointsByService(hub, reading);
  for (const service of hub.services) {
    const endpoint = endpoints.get(service.name);
    if (!endpoint) {
      add(
        "missing",
        `interface endpoint of ${service.serviceName}`,
        `${hub.vpcId} has no endpoint of ${service.name}`,
      );
    } else if (endpoint.state.toLowerCase() !== "available") {
      add(
        "stale",
        endpoint.id,
        `the endpoint of ${service.name} is ${endpoint.state}, not available: its names do not answer yet`,
        `wait until it is available (pending acceptance: accept it), then verify again`,
      );
    } else if (endpoint.privateDnsEnabled && hubHostsZones(hub.sharing)) {
      add(
        "stale",
        endpoint.id,
        `the endpoint of ${service.name} has private dns on: its own zone conflicts with the hub's zone of the same name`,
      );
    } else if (!endpoint.privateDnsEnabled && !hubHostsZones(hub.sharing)) {
      add(
        "stale",
        endpoint.id,
        `the endpoint of ${service.name} has private dns off: the route 53 profile holds it, but aws hosts no names for it`,
      );
    }
  }
  for (const zone of hub.zones) {
    const live = reading.zones.find(
      (z) => z.domain === zone.domain && (z.ownerAccount ?? account) === account,
    );
    if (!live) {
      add(
        "missing",
        `private hosted zone ${zone.domain}`,
        `no zone ${zone.domain} of ${account} is associated with ${hub.vpcId}`,
      );
      continue;
    }
    const target = endpoints.get(zone.service)?.dnsNames ?? [];
    for (const name of zone.records) {
      const record = (live.records ?? []).find((r) => r.name === name && r.type === "A");
      if (!record)
        add("missing", `${live.id} record ${name}`, `the zone ${zone.domain} has no A record ${name}`);
      else if (!record.aliasTarget || (target.length > 0 && !target.includes(record.aliasTarget))) {
        add(
          "stale",
          `${live.id} record ${name}`,
          `${name} answers ${record.aliasTarget ? `an alias to ${record.aliasTarget}` : "an address"}, not the endpoint of ${zone.service}`,
        );
      }
    }
  }
  const inbound = inboundOf(hub, reading);
  const outbound = reading.resolverEndpoints.filter((e) => e.direction === "OUTBOUND");
  if (hub.rules.length > 0 && !inbound)
    add("missing", "inbound resolver endpoint", `${hub.vpcId} has no inbound resolver endpoint`);
  if (inbound && hub.pinnedInboundIps) {
    const pinned = hub.subnets.map((s) => s.inboundIp as string);
    const ips = inbound.ips.map((i) => i.ip);
    if (!sameSet(pinned, ips)) {
      add(
        "stale",
        inbound.id,
        `the inbound endpoint has ${ips.join(", ") || "no ip"}, the configuration pins ${pinned.join(", ")}`,
      );
    }
  }
  if (hub.rules.length > 0 && outbound.length === 0) {
    add("missing", "outbound resolver endpoint", `${hub.vpcId} has no outbound resolver endpoint`);
  }
  const configured = new Set(hub.rules.map((r) => r.name));
  for (const rule of hub.rules) {
    const live = reading.rules.find((r) => r.name === rule.name);
    if (!live) {
      add("missing", `resolver rule ${rule.name}`, `no forward rule of ${rule.domain} in ${account}`);
      continue;
    }
    if (
      inbound &&
      !sameSet(
        live.targets,
        inbound.ips.map((i) => i.ip),
      )
    ) {
      add(
        "stale",
        live.id,
        `the rule of ${rule.domain} forwards to ${live.targets.join(", ") || "nothing"}, not to the inbound endpoint's ${inbound.ips.map((i) => i.ip).join(", ")}`,
      );
    }
    if (!outbound.some((e) => e.id === live.endpointId)) {
      add(
        "stale",
        live.id,
        `the rule of ${rule.domain} is sent through ${live.endpointId ?? "no endpoint"}, not an outbound endpoint of ${hub.vpcId}`,
      );
    }
    shareDifferences(
      topology,
      reading.sharedWith,
      { id: live.id, arn: live.arn, what: `the rule of ${rule.domain}` },
      `apply ${hub.stackName}`,
      add,
    );
  }
  for (const live of reading.rules) {
    if (live.name?.startsWith("vpce-share-") && !configured.has(live.name)) {
      add(
        "extra",
        live.id,
        `the rule ${live.name} (${live.domain}) is not in the configuration`,
        `apply the spokes of ${hub.region}, then ${hub.stackName} (it removes the rule)`,
      );
    }
  }
  if (hubBuilds(hub.sharing, "zone-association")) authorizationDifferences(hub, reading, account, add);
  if (hubBuilds(hub.sharing, "profile")) profileDifferences(topology, hub, reading, endpoints, add);
  return found;
}

/**
 * The differences of one spoke region from its configuration: its rule associations (none left of rules
 * the configuration no longer shares), its zone associations (live-zone-association.ts), and what in its
 * VPCs conflicts with the shared names.
 */
export function spokeDifferences(
  topology: Topology,
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubRegionTopology,
  hubReading: HubReading,
  reading: SpokeRegionReading,
): Difference[] {
  const account = spoke.accountId;
  const found: Difference[] = [];
  const add = (kind: DifferenceKind, resource: string, problem: string, fix: string) =>
    found.push({ kind, account, region: region.region, resource, problem, fix });
  const ours = new Map(
    region.rules.flatMap((rule) => {
      const live = hubReading.rules.find((r) => r.name === rule.name);
      return live ? [[live.id, { rule, live }] as const] : [];
    }),
  );
  const stale = new Map(
    hubReading.rules
      .filter((r) => r.name?.startsWith("vpce-share-") && !region.rules.some((c) => c.name === r.name))
      .map((r) => [r.id, r]),
  );
  const sharedZones = sharedDomains(region);
  const hubZones = hubZonesById(topology.hub.accountId, hubReading);
  const byRule = region.mechanism === "resolver-rules";
  const sharedByServiceName = new Map(region.services.map((s) => [s.serviceName, s]));
  for (const vpcId of region.vpcIds) {
    const associations = reading.associations.filter((a) => a.vpcId === vpcId);
    for (const { rule, live } of ours.values()) {
      if (associations.some((a) => a.ruleId === live.id)) continue;
      const notShared = account !== topology.hub.accountId && !reading.rules.has(live.id);
      add(
        "missing",
        `association of ${live.id} with ${vpcId}`,
        `${vpcId} is not associated with the hub's rule of ${rule.domain}` +
          (notShared ? `, which ${account} does not see: no ram share of ${hub.stackName} reaches it` : ""),
        notShared
          ? `share the rule with ${account} (hub.shareWith), apply ${hub.stackName}, then apply ${spoke.stackName}`
          : `apply ${spoke.stackName}`,
      );
    }
    for (const association of associations) {
      if (ours.has(association.ruleId)) continue;
      const old = stale.get(association.ruleId);
      if (old) {
        add(
          "extra",
          association.id,
          `${vpcId} is associated with ${old.name} (${old.domain}), a rule the configuration no longer shares`,
          `apply ${spoke.stackName}`,
        );
        continue;
      }
      const other = reading.rules.get(association.ruleId);
      const overlaps = other && region.rules.filter((r) => covers(r.domain, other.domain));
      if (other && overlaps && overlaps.length > 0) {
        const same = overlaps.some((r) => r.domain === other.domain);
        add(
          "conflicting",
          association.id,
          `${vpcId} is associated with ${foreignRuleLabel(other)}, a rule of ${other.domain} that is not the hub's: it sends ` +
            `${same ? "every name" : "the names"} of ${other.domain} to ${other.targets.join(", ") || "nowhere"}` +
            (same ? `, and aws refuses the hub's rule of the same domain beside it (RSLVR-00802)` : ""),
          `disassociate ${other.id} from ${vpcId} (its owner, account ${other.ownerId}, may need it elsewhere), then apply ${spoke.stackName}`,
        );
      }
    }
    for (const endpoint of reading.endpoints.filter((e) => e.vpcId === vpcId && e.privateDnsEnabled)) {
      const service = sharedByServiceName.get(endpoint.serviceName);
      if (!service) continue;
      add(
        "conflicting",
        endpoint.id,
        `${vpcId} has its own endpoint of ${service.name} with private dns on: ` +
          (byRule
            ? "the hub's forward rule wins over its zone, so it serves nothing while the rule is associated " +
              "(and would refuse a zone association or a profile of the same name: ConflictingDomainExists)"
            : `its zone of the same names refuses the hub's ${region.mechanism === "profile" ? "profile" : "zone"} ` +
              `(ConflictingDomainExists), and ${vpcId} answers from its own endpoint, not the hub's`),
        `delete ${endpoint.id} (or turn its private dns off) in ${account}`,
      );
    }
    for (const zone of reading.zones.get(vpcId) ?? []) {
      if (hubZones.has(zone.id) || !sharedZones.includes(zone.domain)) continue;
      add(
        "conflicting",
        zone.id,
        `${vpcId} is associated with ${foreignZoneLabel(zone, account)}, not the hub's: ` +
          (byRule
            ? "the hub's forward rule wins over it"
            : `it answers the names of ${zone.domain}, and refuses the hub's zone of the same name (ConflictingDomainExists)`),
        `disassociate ${zone.id} from ${vpcId}, or delete it`,
      );
    }
    if (region.mechanism !== "profile") {
      zoneAssociationDifferences(spoke, region, hub, hubZones, hubReading, reading, vpcId, add);
    }
    profileAssociationDifferences(topology, spoke, region, hub, hubReading, reading, vpcId, add);
  }
  return found;
}

export const isReadError = <T>(r: Readout<T>): r is { error: string } => "error" in r;
export const readFailure = (stack: string, error: string): Failure => ({
  hop: "stack",
  stack,
  reason: error,
});
