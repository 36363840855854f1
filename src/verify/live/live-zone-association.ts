/**
 * `verify --live` in a region whose hub shares its zones by cross-account zone association: the hub's
 * authorizations (which spoke VPCs each zone lets associate), the zones associated with each spoke VPC as
 * Route 53 resolves them, and every difference from the configuration.
 *
 * AWS keeps an association when its authorization is deleted (the authorization is only needed to create
 * it), so an association that exists answers: a missing authorization is stale state that breaks the next
 * association (a VPC added, an association re-created), not a name that fails now.
 */
import type { HubRegionTopology, SpokeRegionTopology, SpokeTopology } from "../../topology/topology";
import { covers, type HubView, type PrivateZoneView, type ZoneAssociationView } from "../route53";
import type { AddDifference } from "./differences";
import type { HubReading, SpokeRegionReading, ZoneReading } from "./read-aws";

/** The domains the region's services must resolve (their private DNS names, wildcards as their zone). */
export const sharedDomains = (region: SpokeRegionTopology): string[] =>
  region.services.flatMap((s) => s.privateDnsNames.map((n) => n.replace(/^\*\./, "")));

/** The hub account's zones of the hub reading (the hub VPC's zones that the hub account owns), by id. */
export function hubZonesById(account: string, reading: HubReading): Map<string, ZoneReading> {
  return new Map(reading.zones.filter((z) => (z.ownerAccount ?? account) === account).map((z) => [z.id, z]));
}

/** The label of a zone that is not the hub's, as a row names what answered. */
export const foreignZoneLabel = (zone: ZoneReading, reader: string) =>
  `zone ${zone.id} (${zone.domain}, account ${zone.ownerAccount ?? reader})`;

/**
 * The zones associated with one spoke VPC that bear on the shared names, as Route 53 resolves them: the
 * hub's zones (as the hub reads them: their records), and any other zone of a shared domain, above or
 * below it, whose records the spoke account cannot read from here: it answers, but not with the hub's
 * endpoint.
 */
export function liveZoneAssociations(
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubView,
  hubZones: ReadonlyMap<string, ZoneReading>,
  zones: readonly ZoneReading[],
): ZoneAssociationView[] {
  const domains = sharedDomains(region);
  return zones.flatMap((zone): ZoneAssociationView[] => {
    const own = hubZones.get(zone.id) && hub.zones.find((z) => z.domain === zone.domain);
    if (own) return [{ stack: hub.stack, region: region.region, authorized: true, zone: own }];
    if (!domains.some((d) => covers(d, zone.domain) || covers(zone.domain, d))) return [];
    const label = `(${foreignZoneLabel(zone, spoke.accountId)}, not the hub's)`;
    const foreign: PrivateZoneView = {
      domain: zone.domain,
      records: new Map([
        [zone.domain, label],
        [`*.${zone.domain}`, label],
      ]),
    };
    return [{ stack: label, region: region.region, authorized: true, zone: foreign }];
  });
}

/** The hub's authorizations against the configuration: each configured spoke VPC for each zone, no more. */
export function authorizationDifferences(
  hub: HubRegionTopology,
  reading: HubReading,
  account: string,
  add: AddDifference,
): void {
  const fix = `apply ${hub.stackName}`;
  const wanted = new Set(hub.spokeVpcIds);
  for (const configured of hub.zones) {
    const zone = reading.zones.find(
      (z) => z.domain === configured.domain && (z.ownerAccount ?? account) === account,
    );
    if (!zone) continue; // the zone itself is missing: said once, by the hub's differences
    const authorized = new Set(reading.authorizations?.get(zone.id) ?? []);
    for (const vpcId of hub.spokeVpcIds) {
      if (authorized.has(vpcId)) continue;
      const consumer = hub.consumers.find((c) => c.vpcIds.includes(vpcId));
      add(
        "missing",
        `authorization of ${vpcId} for ${zone.id}`,
        `the zone ${zone.domain} does not authorize ${vpcId}${consumer ? ` (spoke ${consumer.spoke})` : ""}: an existing association keeps answering, a new or re-created one is refused`,
        fix,
      );
    }
    for (const vpcId of [...authorized].filter((v) => !wanted.has(v)).sort()) {
      add(
        "extra",
        `authorization of ${vpcId} for ${zone.id}`,
        `the zone ${zone.domain} authorizes ${vpcId}, a vpc the configuration does not list: it may associate the zone`,
        fix,
      );
    }
  }
}

/**
 * One spoke VPC's zone associations against the configuration: every configured zone of the hub
 * associated (missing, with the hub's authorization when that is what stops it), no zone of the hub the
 * configuration no longer shares (extra).
 */
export function zoneAssociationDifferences(
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubRegionTopology,
  hubZones: ReadonlyMap<string, ZoneReading>,
  hubReading: HubReading,
  reading: SpokeRegionReading,
  vpcId: string,
  add: AddDifference,
): void {
  const associated = new Set((reading.zones.get(vpcId) ?? []).map((z) => z.id));
  const configured = new Set(region.zones.map((z) => z.domain));
  for (const zone of hubZones.values()) {
    if (!configured.has(zone.domain)) continue;
    if (associated.has(zone.id)) continue;
    const authorized = (hubReading.authorizations?.get(zone.id) ?? []).includes(vpcId);
    add(
      "missing",
      `association of ${zone.id} with ${vpcId}`,
      `${vpcId} is not associated with the hub's zone ${zone.domain}` +
        (authorized ? "" : `, which ${hub.stackName} does not authorize it to associate`),
      authorized
        ? `apply ${spoke.stackName}`
        : `apply ${hub.stackName} (it authorizes ${vpcId}), then apply ${spoke.stackName}`,
    );
  }
  for (const id of associated) {
    const zone = hubZones.get(id);
    if (!zone || configured.has(zone.domain)) continue;
    add(
      "extra",
      `association of ${zone.id} with ${vpcId}`,
      `${vpcId} is associated with the hub's zone ${zone.domain}, which the configuration no longer shares with it`,
      `apply ${spoke.stackName}`,
    );
  }
}
