/**
 * The cost formulas of one hub region, per month (H = HOURS_PER_MONTH hours), with S services, A
 * availability zones (hub subnets), V spoke VPCs and Z private DNS zones of the services:
 *
 *   baseline = V x S x A x endpoint_hour x H          every spoke VPC keeps its own endpoints
 *            + [inbound endpoint for on-premises]      A x resolver_ip_hour x H, paid whatever the design
 *
 *   centralized, per mechanism the hub builds (a region with a retiring mechanism pays both):
 *     every mechanism:  S x A x endpoint_hour x H      the hub's endpoints
 *                     + GB x tgw_gb                    traffic that now crosses the transit gateway
 *                     + zones(Z)                       when the hub hosts zones (not a Profile of endpoints)
 *     resolver-rules:   + 2 x A x resolver_ip_hour x H         inbound and outbound, one IP per hub subnet
 *                       + M queries x resolver_query_per_million x 2   (outbound, then inbound)
 *     profile:          + profile_hour x H (0 when the hub already pays a Profile in the region)
 *                       + max(0, V - 100) x profile_association_hour_beyond_100 x H
 *     zone-association: nothing more
 *     not resolver-rules, with on-premises resolvers: + A x resolver_ip_hour x H (their inbound endpoint)
 *
 *   zones(Z) = min(Z, 25) x hosted_zone_month + max(0, Z - 25) x hosted_zone_month_beyond_25
 */
import { hubBuilds, hubHostsZones, HubSharing } from "../topology/sharing-mechanism";
import { HOSTED_ZONES_AT_FULL_PRICE, HOURS_PER_MONTH, Prices, PROFILE_ASSOCIATIONS_INCLUDED } from "./prices";

/** What one hub region's cost depends on. */
export interface RegionFigures {
  readonly services: number;
  /** Hub subnets, one per availability zone: one endpoint ENI per service each. */
  readonly availabilityZones: number;
  /** Spoke VPCs in the region, over all spokes. */
  readonly spokeVpcs: number;
  /** The most spoke VPCs one spoke account has in the region (rule associations are counted per account). */
  readonly largestAccountSpokeVpcs: number;
  /** Private DNS zones of the region's services: the zones a hub that hosts zones creates. */
  readonly dnsZones: number;
  readonly inboundResolverIps: number;
  readonly outboundResolverIps: number;
  readonly queriesMillionsPerMonth: number;
  readonly transferGbPerMonth: number;
  /** Absent: capacity is not checked. */
  readonly peakQueriesPerSecond?: number;
  readonly hubAlreadyPaysProfile: boolean;
  readonly onPremisesInboundEndpoint: boolean;
}

/** Each query from a spoke leaves through the outbound endpoint and arrives at the inbound one. */
export const RESOLVER_ENDPOINTS_PER_QUERY = 2;

/** A centralized cost, item by item (USD a month). */
export interface CentralizedItems {
  readonly endpoints: number;
  readonly resolverEndpoints: number;
  readonly hostedZones: number;
  readonly resolverQueries: number;
  readonly profile: number;
  readonly transitGateway: number;
}

export interface RegionCost {
  readonly baselineMonthlyUsd: number;
  readonly centralizedMonthlyUsd: number;
  readonly savingsMonthlyUsd: number;
  /** The fewest spoke VPCs for which centralized < baseline; null when no number of VPCs gets there. */
  readonly breakEvenSpokeVpcs: number | null;
  readonly centralizedItems: CentralizedItems;
}

const monthly = (hourly: number) => hourly * HOURS_PER_MONTH;

/** One VPC's set of endpoints: S x A x endpoint_hour x H. */
function endpointSetMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  return figures.services * figures.availabilityZones * monthly(prices.endpoint_hour);
}

/** The inbound endpoint on-premises resolvers need whatever the design, when they do. */
function onPremisesInboundMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  return figures.onPremisesInboundEndpoint
    ? figures.inboundResolverIps * monthly(prices.resolver_ip_hour)
    : 0;
}

export function baselineMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  return (
    figures.spokeVpcs * endpointSetMonthlyUsd(figures, prices) + onPremisesInboundMonthlyUsd(figures, prices)
  );
}

/** Z zones of one account: the first 25 at the full price, the others at the lower one. */
export function hostedZonesMonthlyUsd(zones: number, prices: Prices): number {
  const full = Math.min(zones, HOSTED_ZONES_AT_FULL_PRICE);
  return full * prices.hosted_zone_month + (zones - full) * prices.hosted_zone_month_beyond_25;
}

/** The Profile's hours (unless already paid) and its VPC associations beyond the included ones. */
export function profileMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  const beyond = Math.max(0, figures.spokeVpcs - PROFILE_ASSOCIATIONS_INCLUDED);
  return (
    (figures.hubAlreadyPaysProfile ? 0 : monthly(prices.profile_hour)) +
    beyond * monthly(prices.profile_association_hour_beyond_100)
  );
}

/** What the hub costs when it builds `sharing`: its mechanism and, while it lasts, the retiring one. */
export function centralizedItems(
  sharing: HubSharing,
  figures: RegionFigures,
  prices: Prices,
): CentralizedItems {
  const rules = hubBuilds(sharing, "resolver-rules");
  const resolverIps = rules ? figures.inboundResolverIps + figures.outboundResolverIps : 0;
  return {
    endpoints: endpointSetMonthlyUsd(figures, prices),
    resolverEndpoints:
      resolverIps * monthly(prices.resolver_ip_hour) +
      (rules ? 0 : onPremisesInboundMonthlyUsd(figures, prices)),
    hostedZones: hubHostsZones(sharing) ? hostedZonesMonthlyUsd(figures.dnsZones, prices) : 0,
    resolverQueries: rules
      ? figures.queriesMillionsPerMonth * prices.resolver_query_per_million * RESOLVER_ENDPOINTS_PER_QUERY
      : 0,
    profile: hubBuilds(sharing, "profile") ? profileMonthlyUsd(figures, prices) : 0,
    transitGateway: figures.transferGbPerMonth * prices.tgw_gb,
  };
}

export function regionCost(sharing: HubSharing, figures: RegionFigures, prices: Prices): RegionCost {
  const centralized = (spokeVpcs: number) =>
    sum(Object.values(centralizedItems(sharing, { ...figures, spokeVpcs }, prices)));
  const baseline = baselineMonthlyUsd(figures, prices);
  return {
    baselineMonthlyUsd: baseline,
    centralizedMonthlyUsd: centralized(figures.spokeVpcs),
    savingsMonthlyUsd: baseline - centralized(figures.spokeVpcs),
    breakEvenSpokeVpcs: breakEvenSpokeVpcs(figures, prices, centralized),
    centralizedItems: centralizedItems(sharing, figures, prices),
  };
}

/**
 * The smallest V for which centralized(V) < baseline(V), everything else equal; at equal cost it is not
 * yet break-even. Null when more VPCs never get there (free endpoints). The difference is linear in V
 * but for a Profile's associations beyond 100, so each step jumps to where the current slope crosses
 * zero and never past it (the slope only flattens beyond 100).
 */
function breakEvenSpokeVpcs(
  figures: RegionFigures,
  prices: Prices,
  centralized: (spokeVpcs: number) => number,
): number | null {
  const difference = (spokeVpcs: number) =>
    centralized(spokeVpcs) - baselineMonthlyUsd({ ...figures, spokeVpcs }, prices);
  const pays = (spokeVpcs: number) => isLess(difference(spokeVpcs), 0);
  let spokeVpcs = 1;
  while (!pays(spokeVpcs)) {
    const slope = difference(spokeVpcs + 1) - difference(spokeVpcs);
    if (!isLess(slope, 0)) return null;
    spokeVpcs = Math.max(spokeVpcs + 1, spokeVpcs + Math.floor(difference(spokeVpcs) / -slope));
  }
  return spokeVpcs;
}

/** Amounts are compared in millionths of a dollar, so floating-point noise never decides. */
export function isLess(a: number, b: number): boolean {
  return Math.round(a * 1e6) < Math.round(b * 1e6);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
