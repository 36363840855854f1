/**
 * Which mechanism a hub region should use: each mechanism's centralized cost (cost-model.ts), whether it
 * fits AWS's quotas and the capacity the region needs, the cheapest that does, and at what size (spoke
 * VPCs, queries per second) the answer changes.
 *
 * - zone-association: every zone holds the hub VPC and every spoke VPC: V + 1 <= vpcsPerHostedZone.
 * - profile: V <= profileVpcAssociations; a Profile of endpoints needs a newer AWS provider (a note).
 * - resolver-rules: zones <= resolverRulesPerRegion; zones x the largest spoke account's VPCs <=
 *   ruleAssociationsPerRegion; the peak within what 6 inbound IPs answer (a warning beyond half of the
 *   region's IPs, as AWS advises).
 */
import { AWS_LIMITS, AWS_QUOTAS } from "../catalog/aws-limits";
import {
  HubSharing,
  PROFILE_ENDPOINTS_PROVIDER_VERSION,
  ProfileContents,
  SHARING_MECHANISMS,
  SharingMechanism,
} from "../topology/sharing-mechanism";
import { capacityWarning, resolverCapacity, trackingExplanation } from "./capacity";
import { CentralizedItems, centralizedItems, isLess, RegionFigures, sum } from "./cost-model";
import { HOURS_PER_MONTH, Prices } from "./prices";
import { money } from "./text-format";

/** The quotas the planner checks; the configuration's declared ones, else AWS's defaults. */
export type PlannerQuotas = Readonly<
  Record<
    "vpcsPerHostedZone" | "profileVpcAssociations" | "resolverRulesPerRegion" | "ruleAssociationsPerRegion",
    number
  >
>;

/** What the planner knows of a region besides its figures and prices. */
export interface PlannerContext {
  readonly region: string;
  readonly quotas: PlannerQuotas;
  readonly organizationCidrs: readonly string[];
  /** What a Profile would hold (the region's own choice when it uses one, else zones). */
  readonly profileContents: ProfileContents;
  /** The prices' currency, for messages. */
  readonly currency: string;
}

export interface MechanismOption {
  readonly mechanism: SharingMechanism;
  readonly sharing: HubSharing;
  /** Null when infeasible. */
  readonly monthlyUsd: number | null;
  readonly items: CentralizedItems;
  readonly infeasibleBecause: string | null;
  /** Warnings and conditions that do not rule it out. */
  readonly notes: readonly string[];
}

/** Where the recommendation changes as the region grows. */
export interface Change {
  /** The recommendation from there on; null when nothing fits. */
  readonly to: SharingMechanism | null;
  readonly because: string;
}

export interface RegionPlan {
  readonly options: readonly MechanismOption[];
  /** The cheapest feasible mechanism; null when none fits. */
  readonly recommended: SharingMechanism | null;
  /** The second cheapest feasible one, for the comparison. */
  readonly runnerUp: SharingMechanism | null;
  /** The fewest spoke VPCs, everything else equal, at which the recommendation changes. */
  readonly changesAtSpokeVpcs: (Change & { readonly spokeVpcs: number }) | null;
  /** The least average load (queries/s; the peak grows with it) at which the recommendation changes. */
  readonly changesAtLoad:
    | (Change & {
        readonly averageQueriesPerSecond: number;
        readonly queriesMillionsPerMonth: number;
        readonly peakQueriesPerSecond: number | null;
      })
    | null;
}

const n = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Average queries/s the planner searches up to for a change of recommendation. */
const MAX_LOAD = 10_000_000;

function option(
  mechanism: SharingMechanism,
  figures: RegionFigures,
  prices: Prices,
  context: PlannerContext,
): MechanismOption {
  const sharing: HubSharing =
    mechanism === "profile" ? { mechanism, profileContents: context.profileContents } : { mechanism };
  const items = centralizedItems(sharing, figures, prices);
  const { infeasibleBecause, notes } = fit(mechanism, figures, context);
  return {
    mechanism,
    sharing,
    monthlyUsd: infeasibleBecause === null ? sum(Object.values(items)) : null,
    items,
    infeasibleBecause,
    notes,
  };
}

/** Why `mechanism` cannot serve the region (null when it can), and what to know if it does. */
function fit(
  mechanism: SharingMechanism,
  figures: RegionFigures,
  { region, quotas, organizationCidrs, profileContents }: PlannerContext,
): { infeasibleBecause: string | null; notes: string[] } {
  const over = (name: keyof PlannerQuotas, needed: string) =>
    `${needed}: more than ${n(quotas[name])} (quotas.${name}: ${AWS_QUOTAS[name].awsName})`;
  const vpcs = figures.spokeVpcs;
  if (mechanism === "zone-association") {
    const perZone = vpcs + 1;
    return {
      infeasibleBecause:
        perZone > quotas.vpcsPerHostedZone
          ? over(
              "vpcsPerHostedZone",
              `${n(perZone)} VPCs per hosted zone (${n(vpcs)} spoke VPCs + the hub VPC)`,
            )
          : null,
      notes: [],
    };
  }
  if (mechanism === "profile") {
    return {
      infeasibleBecause:
        vpcs > quotas.profileVpcAssociations
          ? over("profileVpcAssociations", `${n(vpcs)} spoke VPC associations`)
          : null,
      notes: [
        ...(profileContents === "endpoints"
          ? [
              `a Profile of endpoints needs the AWS provider ${PROFILE_ENDPOINTS_PROVIDER_VERSION} (5.x fails after apply: hashicorp/terraform-provider-aws issues 42489, 43494)`,
            ]
          : []),
        ...(figures.hubAlreadyPaysProfile
          ? ["the hub account already pays a Profile here: only associations beyond 100 are added"]
          : []),
      ],
    };
  }
  const capacity = resolverCapacity({
    inboundResolverIps: figures.inboundResolverIps,
    organizationCidrs,
    peakQueriesPerSecond: figures.peakQueriesPerSecond,
  });
  const associations = figures.dnsZones * figures.largestAccountSpokeVpcs;
  const most = AWS_LIMITS.resolverEndpointIps.max;
  const infeasibleBecause = capacity.exceedsMaximumCapacity
    ? `peak of ${n(capacity.peakQueriesPerSecond ?? 0)} queries/s exceeds the ${n(most * capacity.queriesPerSecondPerIp)} that ${most} inbound resolver IPs answer, the most an endpoint takes (${n(capacity.queriesPerSecondPerIp)} each: ${trackingExplanation(organizationCidrs)})`
    : figures.dnsZones > quotas.resolverRulesPerRegion
      ? over("resolverRulesPerRegion", `${n(figures.dnsZones)} rules (one per zone)`)
      : associations > quotas.ruleAssociationsPerRegion
        ? over(
            "ruleAssociationsPerRegion",
            `${n(associations)} rule associations in the largest spoke account (${n(figures.dnsZones)} rules x ${n(figures.largestAccountSpokeVpcs)} VPCs)`,
          )
        : null;
  const warning = capacityWarning(region, capacity);
  return {
    infeasibleBecause,
    notes:
      capacity.peakQueriesPerSecond === undefined
        ? [`capacity not checked: no hub.regions.${region}.traffic.peakQueriesPerSecond`]
        : warning && !capacity.exceedsMaximumCapacity
          ? [warning.slice(region.length + 2)]
          : [],
  };
}

/** The feasible options, cheapest first (ties: in SHARING_MECHANISMS order). */
function ranked(options: readonly MechanismOption[]): MechanismOption[] {
  return options
    .filter((o) => o.monthlyUsd !== null)
    .sort((a, b) =>
      isLess(a.monthlyUsd!, b.monthlyUsd!) ? -1 : isLess(b.monthlyUsd!, a.monthlyUsd!) ? 1 : 0,
    );
}

function options(figures: RegionFigures, prices: Prices, context: PlannerContext): MechanismOption[] {
  return SHARING_MECHANISMS.map((m) => option(m, figures, prices, context));
}

function recommendation(figures: RegionFigures, prices: Prices, context: PlannerContext) {
  const all = options(figures, prices, context);
  return { all, ranking: ranked(all) };
}

/** Why the recommendation changed from `from` to the ranking's first. */
function changeReason(
  currency: string,
  from: SharingMechanism,
  all: readonly MechanismOption[],
  ranking: readonly MechanismOption[],
): Change {
  const before = all.find((o) => o.mechanism === from)!;
  const to = ranking[0]?.mechanism ?? null;
  const because =
    before.infeasibleBecause !== null
      ? `${from} is out: ${before.infeasibleBecause}`
      : `${to} costs ${money(ranking[0].monthlyUsd!, currency)} a month, ${from} ${money(before.monthlyUsd!, currency)}`;
  return { to, because };
}

/** The region at an average load of `perSecond` queries/s; its peak grows in proportion. */
function atLoad(figures: RegionFigures, perSecond: number): RegionFigures {
  const average = (figures.queriesMillionsPerMonth * 1e6) / SECONDS_PER_MONTH;
  const peak = figures.peakQueriesPerSecond;
  return {
    ...figures,
    queriesMillionsPerMonth: (perSecond * SECONDS_PER_MONTH) / 1e6,
    ...(peak === undefined
      ? {}
      : { peakQueriesPerSecond: average > 0 ? (peak * perSecond) / average : Math.max(peak, perSecond) }),
  };
}

export function planRegion(figures: RegionFigures, prices: Prices, context: PlannerContext): RegionPlan {
  const { all, ranking } = recommendation(figures, prices, context);
  const recommended = ranking[0]?.mechanism ?? null;
  const differs = (f: RegionFigures) =>
    recommendation(f, prices, context).ranking[0]?.mechanism !== recommended;

  // More spoke VPCs only make a Profile dearer and break quotas: past the largest quota nothing changes.
  let changesAtSpokeVpcs: RegionPlan["changesAtSpokeVpcs"] = null;
  const lastChange = Math.max(context.quotas.vpcsPerHostedZone, context.quotas.profileVpcAssociations) + 1;
  for (let spokeVpcs = figures.spokeVpcs + 1; recommended && spokeVpcs <= lastChange; spokeVpcs++) {
    const grown = { ...figures, spokeVpcs };
    if (differs(grown)) {
      const at = recommendation(grown, prices, context);
      changesAtSpokeVpcs = { spokeVpcs, ...changeReason(context.currency, recommended, at.all, at.ranking) };
      break;
    }
  }

  // More queries only make resolver rules dearer or too small: the first change is found by bisection.
  let changesAtLoad: RegionPlan["changesAtLoad"] = null;
  const average = (figures.queriesMillionsPerMonth * 1e6) / SECONDS_PER_MONTH;
  if (recommended && differs(atLoad(figures, MAX_LOAD))) {
    let [same, changed] = [Math.floor(average), MAX_LOAD];
    while (changed - same > 1) {
      const middle = Math.floor((same + changed) / 2);
      if (differs(atLoad(figures, middle))) changed = middle;
      else same = middle;
    }
    const loaded = atLoad(figures, changed);
    const at = recommendation(loaded, prices, context);
    changesAtLoad = {
      averageQueriesPerSecond: changed,
      queriesMillionsPerMonth: loaded.queriesMillionsPerMonth,
      peakQueriesPerSecond: loaded.peakQueriesPerSecond ?? null,
      ...changeReason(context.currency, recommended, at.all, at.ranking),
    };
  }

  return {
    options: all,
    recommended,
    runnerUp: ranking[1]?.mechanism ?? null,
    changesAtSpokeVpcs,
    changesAtLoad,
  };
}
