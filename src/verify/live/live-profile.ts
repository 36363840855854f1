/**
 * `verify --live` in a region whose hub shares through a Route 53 Profile: the hub's Profile as Route 53
 * resolves it now (the zones it holds, or the names AWS hosts for the endpoints it holds), the Profile
 * each spoke VPC is associated with, and every difference from the configuration.
 *
 * "Ours" is the hub account's own Profile named `vpce-share` (the name the hub stack gives it); any other
 * Profile a spoke VPC is associated with is someone else's. A VPC takes one Profile, so another Profile
 * keeps the hub's away from it.
 */
import { hubBuilds, hubHostsZones } from "../../topology/sharing-mechanism";
import {
  NAME_PREFIX,
  type HubRegionTopology,
  type SpokeRegionTopology,
  type SpokeTopology,
  type Topology,
} from "../../topology/topology";
import type { HubView, PrivateZoneView, ProfileView } from "../route53";
import { zoneView } from "../view";
import { shareDifferences, type AddDifference } from "./differences";
import type { EndpointReading, HubReading, ProfileReading, SpokeRegionReading } from "./read-aws";

/** Association statuses that answer: a Profile's resource, or a VPC's Profile. */
const ANSWERS = new Set(["COMPLETE", "UPDATING"]);
/** Association statuses on their way out: neither answering nor worth a difference of their own. */
const LEAVING = new Set(["DELETING", "DELETED"]);

/** The resource id an ARN of a Profile's resource ends with: `hostedzone/<id>`, `vpc-endpoint/<id>`. */
const resourceIdOf = (arn: string) => /(?:hostedzone|vpc-endpoint)\/([^/]+)$/.exec(arn)?.[1] ?? arn;

/** The account of a Profile's ARN (`arn:<partition>:route53profiles:<region>:<account>:profile/<id>`). */
const ownerOf = (profile: ProfileReading) => profile.arn.split(":")[4] || undefined;

/** The label of a Profile that is not the hub's, as rows and differences name it. */
export function foreignProfileLabel(profileId: string, seen: ProfileReading | undefined): string {
  const owner = seen && ownerOf(seen);
  const about = [seen?.name, owner && `account ${owner}`].filter(Boolean).join(", ");
  return `route 53 profile ${profileId}${about ? ` (${about})` : ""}`;
}

/**
 * The hub's Profile as Route 53 resolves it now, or undefined when the hub account has none: the hub
 * zones it holds (`zones`: their views in `reading.zones` order, as liveHubView built them), or, for
 * each endpoint it holds with private DNS on, the zones of its service's names, which AWS hosts.
 */
export function liveProfileView(
  hub: HubRegionTopology,
  reading: HubReading,
  zones: readonly PrivateZoneView[],
  endpoints: ReadonlyMap<string, EndpointReading>,
): ProfileView | undefined {
  const profile = reading.profile;
  if (!profile) return undefined;
  const contents = hub.sharing.profileContents ?? "zones";
  const held = new Set(
    profile.resources.filter((r) => ANSWERS.has(r.status)).map((r) => resourceIdOf(r.resourceArn)),
  );
  const served = [...endpoints]
    .filter(([, e]) => held.has(e.id) && e.privateDnsEnabled)
    .map(([service]) => service);
  return {
    stack: hub.stackName,
    region: hub.region,
    shared: (reading.sharedWith.get(profile.arn) ?? []).length > 0,
    contents,
    zones:
      contents === "zones"
        ? reading.zones.flatMap((z, i) => (held.has(z.id) ? [zones[i]] : []))
        : hub.dnsZones.filter((z) => served.includes(z.service)).map(zoneView),
  };
}

/**
 * The Profile a spoke VPC resolves through now, if any: the hub's (as the hub reads it), or another one
 * (someone else's, whose contents the spoke account cannot read: it answers none of the shared names
 * for the hub).
 */
export function spokeProfileView(
  region: SpokeRegionTopology,
  hub: HubView,
  hubReading: HubReading,
  reading: SpokeRegionReading,
  vpcId: string,
): ProfileView | undefined {
  const association = (reading.profileAssociations ?? []).find(
    (a) => a.vpcId === vpcId && ANSWERS.has(a.status),
  );
  if (!association) return undefined;
  if (association.profileId === hubReading.profile?.id) return hub.profile;
  return {
    stack: foreignProfileLabel(association.profileId, reading.profiles?.get(association.profileId)),
    region: region.region,
    shared: true,
    contents: "zones",
    zones: [],
  };
}

/**
 * The hub's Profile against the configuration: it exists, holds each configured zone (or endpoint) and
 * nothing else, and is shared with every configured principal.
 */
export function profileDifferences(
  topology: Topology,
  hub: HubRegionTopology,
  reading: HubReading,
  endpoints: ReadonlyMap<string, EndpointReading>,
  add: AddDifference,
): void {
  const account = topology.hub.accountId;
  const fix = `apply ${hub.stackName}`;
  const profile = reading.profile;
  if (!profile) {
    add(
      "missing",
      `route 53 profile ${NAME_PREFIX}`,
      `${account} has no route 53 profile ${NAME_PREFIX} in ${hub.region}: no spoke vpc resolves the shared names through it`,
      fix,
    );
    return;
  }
  // What the Profile should hold, by resource id: the hub's zones (a missing zone is said once, by the
  // hub's differences), or its endpoints.
  const wanted = new Map<string, string>();
  if (hubHostsZones(hub.sharing)) {
    for (const zone of hub.zones) {
      const live = reading.zones.find(
        (z) => z.domain === zone.domain && (z.ownerAccount ?? account) === account,
      );
      if (live) wanted.set(live.id, `the zone ${zone.domain}`);
    }
  } else {
    for (const [service, endpoint] of endpoints) wanted.set(endpoint.id, `the endpoint of ${service}`);
  }
  const held = new Map(profile.resources.map((r) => [resourceIdOf(r.resourceArn), r]));
  for (const [id, what] of wanted) {
    const resource = held.get(id);
    if (!resource) {
      add(
        "missing",
        `association of ${id} with ${profile.id}`,
        `the route 53 profile ${profile.id} does not hold ${what}: its names do not resolve from the spoke vpcs`,
        fix,
      );
    } else if (!ANSWERS.has(resource.status)) {
      add(
        "stale",
        resource.id,
        `the route 53 profile's association of ${what} is ${resource.status}${resource.statusMessage ? ` (${resource.statusMessage})` : ""}: its names do not resolve from the spoke vpcs`,
        resource.status === "CREATING" ? "wait until it is COMPLETE, then verify again" : fix,
      );
    }
  }
  for (const [id, resource] of held) {
    if (wanted.has(id) || LEAVING.has(resource.status)) continue;
    add(
      "extra",
      resource.id,
      `the route 53 profile ${profile.id} holds ${resource.resourceType.toLowerCase().replace(/_/g, " ")} ${resource.resourceArn}${resource.name ? ` (${resource.name})` : ""}, which the configuration does not share`,
      `${fix} (it removes it)`,
    );
  }
  shareDifferences(
    topology,
    reading.sharedWith,
    { id: profile.id, arn: profile.arn, what: `the route 53 profile ${profile.id}` },
    fix,
    add,
  );
}

/**
 * One spoke VPC's Profile association against the configuration: associated with the hub's Profile in a
 * Profile region (missing, with the share when the account does not see the Profile; stale while it is
 * not complete), with no other Profile (conflicting), and no longer with the hub's Profile where the
 * region is retiring it (extra).
 */
export function profileAssociationDifferences(
  topology: Topology,
  spoke: SpokeTopology,
  region: SpokeRegionTopology,
  hub: HubRegionTopology,
  hubReading: HubReading,
  reading: SpokeRegionReading,
  vpcId: string,
  add: AddDifference,
): void {
  if (!hubBuilds(hub.sharing, "profile") || !reading.profileAssociations) return;
  const account = spoke.accountId;
  const hubProfile = hubReading.profile ?? undefined;
  const associations = reading.profileAssociations.filter((a) => a.vpcId === vpcId && !LEAVING.has(a.status));
  const ours = hubProfile && associations.find((a) => a.profileId === hubProfile.id);
  if (region.mechanism !== "profile") {
    if (ours) {
      add(
        "extra",
        ours.id,
        `${vpcId} is associated with the hub's route 53 profile ${ours.profileId}, which ${hub.region} is retiring`,
        `apply ${spoke.stackName}`,
      );
    }
    return;
  }
  if (hubProfile && !ours) {
    const notSeen = account !== topology.hub.accountId && !reading.profiles?.has(hubProfile.id);
    add(
      "missing",
      `association of ${hubProfile.id} with ${vpcId}`,
      `${vpcId} is not associated with the hub's route 53 profile ${hubProfile.id}` +
        (notSeen ? `, which ${account} does not see: no ram share of ${hub.stackName} reaches it` : ""),
      notSeen
        ? `share the profile with ${account} (hub.shareWith), apply ${hub.stackName}, then apply ${spoke.stackName}`
        : `apply ${spoke.stackName}`,
    );
  } else if (ours && !ANSWERS.has(ours.status)) {
    add(
      "stale",
      ours.id,
      `${vpcId}'s association with the hub's route 53 profile ${ours.profileId} is ${ours.status}${ours.statusMessage ? ` (${ours.statusMessage})` : ""}: its names do not resolve yet`,
      ours.status === "CREATING"
        ? "wait until it is COMPLETE, then verify again"
        : `apply ${spoke.stackName}`,
    );
  }
  for (const other of associations.filter((a) => a !== ours)) {
    const label = foreignProfileLabel(other.profileId, reading.profiles?.get(other.profileId));
    add(
      "conflicting",
      other.id,
      `${vpcId} is associated with ${label}, not the hub's: a vpc takes one route 53 profile, so the hub's cannot be associated beside it`,
      `disassociate ${other.profileId} from ${vpcId} (its owner may need it elsewhere), then apply ${spoke.stackName}`,
    );
  }
}
