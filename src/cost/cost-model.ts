/**
 * The cost formulas of one hub region, per month (HOURS_PER_MONTH hours):
 *
 *   baseline    = V x S x A x endpoint_hour x H         every spoke VPC keeps its own endpoints
 *   centralized = S x A x endpoint_hour x H             the hub's endpoints
 *               + (inbound + outbound IPs) x resolver_ip_hour x H
 *               + zones x hosted_zone_month
 *               + queries (millions) x resolver_query_per_million x 2   (outbound, then inbound)
 *               + transfer (GB) x tgw_gb                traffic that now crosses the transit gateway
 *
 * with S services, A availability zones (hub subnets) and V spoke VPCs in the region.
 */
import { HOURS_PER_MONTH, Prices } from "./prices";

/** What one hub region's cost depends on. */
export interface RegionFigures {
  readonly services: number;
  /** Hub subnets, one per availability zone: one endpoint ENI per service each. */
  readonly availabilityZones: number;
  /** Spoke VPCs in the region, over all spokes. */
  readonly spokeVpcs: number;
  readonly privateHostedZones: number;
  readonly inboundResolverIps: number;
  readonly outboundResolverIps: number;
  readonly queriesMillionsPerMonth: number;
  readonly transferGbPerMonth: number;
}

/** Each query from a spoke leaves through the outbound endpoint and arrives at the inbound one. */
export const RESOLVER_ENDPOINTS_PER_QUERY = 2;

/** The centralized cost, item by item (USD a month). */
export interface CentralizedItems {
  readonly endpoints: number;
  readonly resolverEndpoints: number;
  readonly hostedZones: number;
  readonly resolverQueries: number;
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

/** One VPC's set of endpoints: S x A x endpoint_hour x H. */
function endpointSetMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  return figures.services * figures.availabilityZones * prices.endpoint_hour * HOURS_PER_MONTH;
}

export function baselineMonthlyUsd(figures: RegionFigures, prices: Prices): number {
  return figures.spokeVpcs * endpointSetMonthlyUsd(figures, prices);
}

export function centralizedItems(figures: RegionFigures, prices: Prices): CentralizedItems {
  const resolverIps = figures.inboundResolverIps + figures.outboundResolverIps;
  return {
    endpoints: endpointSetMonthlyUsd(figures, prices),
    resolverEndpoints: resolverIps * prices.resolver_ip_hour * HOURS_PER_MONTH,
    hostedZones: figures.privateHostedZones * prices.hosted_zone_month,
    resolverQueries:
      figures.queriesMillionsPerMonth * prices.resolver_query_per_million * RESOLVER_ENDPOINTS_PER_QUERY,
    transitGateway: figures.transferGbPerMonth * prices.tgw_gb,
  };
}

export function regionCost(figures: RegionFigures, prices: Prices): RegionCost {
  const items = centralizedItems(figures, prices);
  const centralized = sum(Object.values(items));
  const baseline = baselineMonthlyUsd(figures, prices);
  return {
    baselineMonthlyUsd: baseline,
    centralizedMonthlyUsd: centralized,
    savingsMonthlyUsd: baseline - centralized,
    breakEvenSpokeVpcs: breakEvenSpokeVpcs(figures, prices, centralized),
    centralizedItems: items,
  };
}

/**
 * The smallest V for which centralized < baseline, everything else equal (the centralized cost does
 * not depend on V). At equal cost it is not yet break-even. Null when the endpoints cost nothing.
 */
function breakEvenSpokeVpcs(figures: RegionFigures, prices: Prices, centralized: number): number | null {
  const perVpc = endpointSetMonthlyUsd(figures, prices);
  if (perVpc <= 0) return null;
  const baselineWith = (spokeVpcs: number) => baselineMonthlyUsd({ ...figures, spokeVpcs }, prices);
  // The quotient is exact up to floating-point error; settle the last step with the comparison itself.
  let spokeVpcs = Math.max(1, Math.floor(centralized / perVpc) + 1);
  while (spokeVpcs > 1 && isLess(centralized, baselineWith(spokeVpcs - 1))) spokeVpcs--;
  while (!isLess(centralized, baselineWith(spokeVpcs))) spokeVpcs++;
  return spokeVpcs;
}

/** Amounts are compared in millionths of a dollar, so floating-point noise never decides. */
function isLess(a: number, b: number): boolean {
  return Math.round(a * 1e6) < Math.round(b * 1e6);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
