/**
 * The cost and capacity estimate of a configuration: per hub region, the figures its cost depends on
 * (read from the configuration, traffic overridden by the prices file), the prices, the cost and the
 * resolver capacity; and the totals over regions.
 */
import type { VpceShareConfig } from "../config/config-types";
import { topologyOf } from "../topology/topology";
import { capacityWarning, resolverCapacity, ResolverCapacity } from "./capacity";
import { RegionCost, regionCost, RegionFigures, sum } from "./cost-model";
import { PricesFile, pricesFor, trafficOverridesFor } from "./prices-file";
import type { Prices } from "./prices";

export interface RegionEstimate {
  readonly region: string;
  readonly figures: RegionFigures;
  readonly prices: Prices;
  readonly cost: RegionCost;
  readonly capacity: ResolverCapacity;
  readonly capacityWarning?: string;
}

export interface CostTotals {
  readonly baselineMonthlyUsd: number;
  readonly centralizedMonthlyUsd: number;
  readonly savingsMonthlyUsd: number;
}

export interface CostEstimate {
  /** In the configuration's order. */
  readonly regions: readonly RegionEstimate[];
  readonly total: CostTotals;
  readonly organizationCidrs: readonly string[];
  /** Whether a prices file changed any default price or traffic figure. */
  readonly pricesFileGiven: boolean;
}

export function estimateCosts(config: VpceShareConfig, pricesFile?: PricesFile): CostEstimate {
  const regions = Object.keys(config.hub.regions).map((region) => {
    const figures = regionFigures(config, region, pricesFile);
    const capacity = resolverCapacity({
      inboundResolverIps: figures.inboundResolverIps,
      organizationCidrs: config.organization.cidrs,
      peakQueriesPerSecond: config.hub.regions[region].traffic?.peakQueriesPerSecond,
    });
    const prices = pricesFor(region, pricesFile);
    const warning = capacityWarning(region, capacity);
    return {
      region,
      figures,
      prices,
      cost: regionCost(figures, prices),
      capacity,
      ...(warning ? { capacityWarning: warning } : {}),
    };
  });
  const total = (pick: (cost: RegionCost) => number) => sum(regions.map((r) => pick(r.cost)));
  return {
    regions,
    total: {
      baselineMonthlyUsd: total((c) => c.baselineMonthlyUsd),
      centralizedMonthlyUsd: total((c) => c.centralizedMonthlyUsd),
      savingsMonthlyUsd: total((c) => c.savingsMonthlyUsd),
    },
    organizationCidrs: config.organization.cidrs,
    pricesFileGiven: pricesFile !== undefined,
  };
}

/** What the region's cost depends on. Traffic: the prices file, else the configuration, else 0. */
export function regionFigures(
  config: VpceShareConfig,
  region: string,
  pricesFile: PricesFile | undefined,
): RegionFigures {
  const hub = config.hub.regions[region];
  const spokeVpcs = sum(Object.values(config.spokes).map((s) => s.regions[region]?.vpcIds.length ?? 0));
  // The resolver endpoints take one IP in each hub subnet, inbound and outbound alike.
  const resolverIps = hub.subnetIds.length;
  const traffic = { ...hub.traffic, ...trafficOverridesFor(region, pricesFile) };
  return {
    services: hub.services.length,
    availabilityZones: hub.subnetIds.length,
    spokeVpcs,
    privateHostedZones: topologyOf(config).hubRegion(region)!.zones.length,
    inboundResolverIps: resolverIps,
    outboundResolverIps: resolverIps,
    queriesMillionsPerMonth: traffic.queriesMillionsPerMonth ?? 0,
    transferGbPerMonth: traffic.transferGbPerMonth ?? 0,
  };
}
