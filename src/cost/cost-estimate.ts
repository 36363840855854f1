/**
 * The cost and capacity estimate of a configuration: per hub region, the figures its cost depends on
 * (read from the configuration, traffic overridden by the prices file), the prices, the cost of the
 * mechanism it is configured with (and of the retiring one while it lasts), the resolver capacity, and
 * the planner's comparison of every mechanism; and the totals over regions.
 */
import { quotaOf } from "../config/aws-limit-checks";
import type { VpceShareConfig } from "../config/config-types";
import { DEFAULT_PROFILE_CONTENTS, HubSharing } from "../topology/sharing-mechanism";
import { topologyOf } from "../topology/topology";
import { capacityWarning, resolverCapacity, ResolverCapacity } from "./capacity";
import { RegionCost, regionCost, RegionFigures, sum } from "./cost-model";
import { planRegion, PlannerQuotas, RegionPlan } from "./planner";
import { PricesFile, pricesFor, trafficOverridesFor, unpricedKeys } from "./prices-file";
import {
  DEFAULT_CURRENCY,
  DEFAULT_PRICES_PARTITION,
  DEFAULT_PRICES_SOURCE,
  PriceKey,
  Prices,
} from "./prices";

export interface RegionEstimate {
  readonly region: string;
  readonly sharing: HubSharing;
  readonly figures: RegionFigures;
  /** The planner inputs that the configuration and the prices file leave to their defaults. */
  readonly defaultedInputs: readonly string[];
  readonly prices: Prices;
  /** The region's price keys that no prices file sets: the defaults' list prices. */
  readonly listPriceKeys: readonly PriceKey[];
  /** Priced with the configured mechanism (and the retiring one). */
  readonly cost: RegionCost;
  readonly capacity: ResolverCapacity;
  /** Only when the region builds resolver rules. */
  readonly capacityWarning?: string;
  readonly plan: RegionPlan;
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
  /** The prices' currency: the prices file's, else USD. */
  readonly currency: string;
  /** A warning when the organization's partition is not the one the default prices are for. */
  readonly pricesWarning?: string;
}

export function estimateCosts(config: VpceShareConfig, pricesFile?: PricesFile): CostEstimate {
  const topology = topologyOf(config);
  const quotas: PlannerQuotas = {
    vpcsPerHostedZone: quotaOf(config, "vpcsPerHostedZone"),
    profileVpcAssociations: quotaOf(config, "profileVpcAssociations"),
    resolverRulesPerRegion: quotaOf(config, "resolverRulesPerRegion"),
    ruleAssociationsPerRegion: quotaOf(config, "ruleAssociationsPerRegion"),
  };
  const currency = pricesFile?.currency ?? DEFAULT_CURRENCY;
  const regions = Object.keys(config.hub.regions).map((region): RegionEstimate => {
    const { figures, defaultedInputs } = regionFigures(config, region, pricesFile);
    const sharing = topology.hubRegion(region)!.sharing;
    const capacity = resolverCapacity({
      inboundResolverIps: figures.inboundResolverIps,
      organizationCidrs: config.organization.cidrs,
      peakQueriesPerSecond: figures.peakQueriesPerSecond,
    });
    const prices = pricesFor(region, pricesFile);
    const warning =
      sharing.mechanism === "resolver-rules" || sharing.retiringMechanism === "resolver-rules"
        ? capacityWarning(region, capacity)
        : undefined;
    const plan = planRegion(figures, prices, {
      region,
      quotas,
      organizationCidrs: config.organization.cidrs,
      profileContents: sharing.profileContents ?? DEFAULT_PROFILE_CONTENTS,
      currency,
    });
    return {
      region,
      sharing,
      figures,
      defaultedInputs,
      prices,
      listPriceKeys: unpricedKeys(region, pricesFile),
      cost: regionCost(sharing, figures, prices),
      capacity,
      ...(warning ? { capacityWarning: warning } : {}),
      plan,
    };
  });
  const total = (pick: (cost: RegionCost) => number) => sum(regions.map((r) => pick(r.cost)));
  const partition = config.organization.partition;
  const unpriced = regions.filter((r) => r.listPriceKeys.length > 0);
  return {
    regions,
    total: {
      baselineMonthlyUsd: total((c) => c.baselineMonthlyUsd),
      centralizedMonthlyUsd: total((c) => c.centralizedMonthlyUsd),
      savingsMonthlyUsd: total((c) => c.savingsMonthlyUsd),
    },
    organizationCidrs: config.organization.cidrs,
    pricesFileGiven: pricesFile !== undefined,
    currency,
    ...(partition !== DEFAULT_PRICES_PARTITION && unpriced.length > 0
      ? {
          pricesWarning: `the organization is in partition ${partition} (${partition === "aws-cn" ? "billed in CNY" : "priced differently"}), but ${unpriced.map((r) => r.region).join(", ")} use${unpriced.length === 1 ? "s" : ""} ${DEFAULT_PRICES_SOURCE} in USD for ${[...new Set(unpriced.flatMap((r) => r.listPriceKeys))].join(", ")}: give your prices in a --prices file`,
        }
      : {}),
  };
}

/** The planner inputs and their defaults, as the configuration's traffic block names them. */
const PLANNER_DEFAULTS = {
  queriesMillionsPerMonth: 0,
  transferGbPerMonth: 0,
  hubAlreadyPaysProfile: false,
  onPremisesInboundEndpoint: false,
} as const;

/** What the region's cost depends on. Traffic: the prices file, else the configuration, else the defaults. */
export function regionFigures(
  config: VpceShareConfig,
  region: string,
  pricesFile: PricesFile | undefined,
): { figures: RegionFigures; defaultedInputs: string[] } {
  const hub = config.hub.regions[region];
  const perAccount = new Map<string, number>();
  for (const spoke of Object.values(config.spokes)) {
    const vpcs = spoke.regions[region]?.vpcIds.length ?? 0;
    perAccount.set(spoke.accountId, (perAccount.get(spoke.accountId) ?? 0) + vpcs);
  }
  // The resolver endpoints take one IP in each hub subnet, inbound and outbound alike.
  const resolverIps = hub.subnetIds.length;
  const traffic = { ...hub.traffic, ...trafficOverridesFor(region, pricesFile) };
  const inputs = { ...PLANNER_DEFAULTS, ...traffic };
  const defaultedInputs = [
    ...Object.keys(PLANNER_DEFAULTS).filter((key) => traffic[key as keyof typeof traffic] === undefined),
    ...(traffic.peakQueriesPerSecond === undefined ? ["peakQueriesPerSecond"] : []),
  ];
  return {
    figures: {
      services: hub.services.length,
      availabilityZones: hub.subnetIds.length,
      spokeVpcs: sum([...perAccount.values()]),
      largestAccountSpokeVpcs: Math.max(0, ...perAccount.values()),
      dnsZones: topologyOf(config).hubRegion(region)!.dnsZones.length,
      inboundResolverIps: resolverIps,
      outboundResolverIps: resolverIps,
      queriesMillionsPerMonth: inputs.queriesMillionsPerMonth,
      transferGbPerMonth: inputs.transferGbPerMonth,
      ...(traffic.peakQueriesPerSecond === undefined
        ? {}
        : { peakQueriesPerSecond: traffic.peakQueriesPerSecond }),
      hubAlreadyPaysProfile: inputs.hubAlreadyPaysProfile,
      onPremisesInboundEndpoint: inputs.onPremisesInboundEndpoint,
    },
    defaultedInputs,
  };
}
