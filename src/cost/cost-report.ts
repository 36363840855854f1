/**
 * The two forms of a cost estimate: a report for people (aligned tables, money in cents) and the
 * `--json` document for programs.
 */
import { hubHostsZones, mechanismLabel, SHARING_MECHANISMS } from "../topology/sharing-mechanism";
import { queriesPerSecondPerIp, trackingExplanation } from "./capacity";
import type { CentralizedItems } from "./cost-model";
import type { CostEstimate, CostTotals, RegionEstimate } from "./cost-estimate";
import type { MechanismOption, RegionPlan } from "./planner";
import { DEFAULT_PRICES_SOURCE, HOURS_PER_MONTH } from "./prices";
import { Column, count, formatTable, money, plural, roundToCents } from "./text-format";

// ---------------------------------------------------------------------------------------------------
// For people

const ITEM_HEADERS: Readonly<Record<keyof CentralizedItems, string>> = {
  endpoints: "endpoints",
  resolverEndpoints: "resolver endpoints",
  hostedZones: "hosted zones",
  resolverQueries: "resolver queries",
  profile: "profile",
  transitGateway: "transit gateway",
};
const ITEMS = Object.keys(ITEM_HEADERS) as (keyof CentralizedItems)[];

/** `source` names the configuration in the title (a path relative to the working directory reads best). */
export function formatCostReport(estimate: CostEstimate, source: string): string {
  return [
    formatConfiguredCosts(estimate, source),
    "",
    "Which mechanism, per region (planner inputs; * = default):",
    "",
    inputsTable(estimate),
    "",
    comparisonTable(estimate),
    "",
    ...estimate.regions.flatMap((r) => [...planLines(r, estimate.currency), ""]),
    `Resolver capacity, ${count(queriesPerSecondPerIp(estimate.organizationCidrs))} queries/s per IP (plan for half, as AWS advises):`,
    `${trackingExplanation(estimate.organizationCidrs)}.`,
    "",
    capacityTable(estimate),
    ...warnings(estimate),
  ].join("\n");
}

/** The report's first part: each region priced with the mechanism it is configured with. */
export function formatConfiguredCosts(estimate: CostEstimate, source: string): string {
  const prices = estimate.pricesFileGiven
    ? `prices and traffic from the --prices file, else ${DEFAULT_PRICES_SOURCE}`
    : DEFAULT_PRICES_SOURCE;
  return [
    `Monthly cost of ${source} in ${estimate.currency} (${HOURS_PER_MONTH} hours a month; ${prices})`,
    ...(estimate.pricesWarning ? [`warning: ${estimate.pricesWarning}`] : []),
    "",
    summaryTable(estimate),
    ...retiringNotes(estimate),
    "",
    "baseline:    every spoke VPC keeps its own endpoints: spoke VPCs x services x AZs x endpoint hours",
    "centralized: the region's mechanism: hub endpoints + its items below + transit gateway",
    "break-even:  the fewest spoke VPCs in the region for which centralized costs less than baseline",
    "",
    itemsTable(estimate),
  ].join("\n");
}

/** `resolver-rules`, `profile (zones) + resolver-rules retiring`. */
function configuredMechanism({ sharing }: RegionEstimate): string {
  const retiring = sharing.retiringMechanism;
  return `${mechanismLabel(sharing)}${retiring ? ` + ${retiring} retiring` : ""}`;
}

function hostedZones(r: RegionEstimate): number {
  return hubHostsZones(r.sharing) ? r.figures.dnsZones : 0;
}

function summaryTable(estimate: CostEstimate): string {
  const usd = (amount: number) => money(amount, estimate.currency);
  const columns: Column[] = [
    { header: "region" },
    { header: "mechanism" },
    { header: "spoke VPCs", align: "right" },
    { header: "services", align: "right" },
    { header: "AZs", align: "right" },
    { header: "zones", align: "right" },
    { header: "baseline", align: "right" },
    { header: "centralized", align: "right" },
    { header: "savings", align: "right" },
    { header: "break-even" },
  ];
  const amounts = (totals: CostTotals) => [
    usd(totals.baselineMonthlyUsd),
    usd(totals.centralizedMonthlyUsd),
    usd(totals.savingsMonthlyUsd),
  ];
  const rows = estimate.regions.map((r) => [
    r.region,
    configuredMechanism(r),
    count(r.figures.spokeVpcs),
    count(r.figures.services),
    count(r.figures.availabilityZones),
    count(hostedZones(r)),
    ...amounts(r.cost),
    r.cost.breakEvenSpokeVpcs === null ? "never" : `from ${plural(r.cost.breakEvenSpokeVpcs, "spoke VPC")}`,
  ]);
  const spokeVpcs = estimate.regions.reduce((total, r) => total + r.figures.spokeVpcs, 0);
  return formatTable(columns, [
    ...rows,
    ["total", "", count(spokeVpcs), "", "", "", ...amounts(estimate.total)],
  ]);
}

function retiringNotes(estimate: CostEstimate): string[] {
  const notes = estimate.regions.flatMap(({ region, sharing }) =>
    sharing.retiringMechanism
      ? [
          `${region} pays for ${mechanismLabel(sharing)} and for ${sharing.retiringMechanism} while ${sharing.retiringMechanism} retires (every spoke VPC counted in both); remove retiringMechanism once the spokes have moved`,
        ]
      : [],
  );
  return notes.length > 0 ? ["", ...notes] : [];
}

/** The configured centralized cost item by item, each amount over the quantity it is for. */
function itemsTable(estimate: CostEstimate): string {
  const usd = (amount: number) => money(amount, estimate.currency);
  const columns: Column[] = [
    { header: "centralized, by item" },
    ...ITEMS.map((item): Column => ({ header: ITEM_HEADERS[item], align: "right" })),
  ];
  const rows = estimate.regions.flatMap((r) => {
    const { region, figures, cost } = r;
    const items = cost.centralizedItems;
    const rules =
      items.resolverQueries > 0 ||
      r.sharing.mechanism === "resolver-rules" ||
      r.sharing.retiringMechanism === "resolver-rules";
    const quantities: Record<keyof CentralizedItems, string> = {
      endpoints: `${figures.services} x ${plural(figures.availabilityZones, "AZ")}`,
      resolverEndpoints: rules
        ? `${figures.inboundResolverIps} + ${figures.outboundResolverIps} IPs`
        : items.resolverEndpoints > 0
          ? `${figures.inboundResolverIps} IPs on-prem`
          : "-",
      hostedZones: plural(hostedZones(r), "zone"),
      resolverQueries: rules ? `${count(figures.queriesMillionsPerMonth)} M queries x 2` : "-",
      profile:
        items.profile > 0 || r.sharing.mechanism === "profile" ? plural(figures.spokeVpcs, "VPC") : "-",
      transitGateway: `${count(figures.transferGbPerMonth)} GB`,
    };
    return [
      [region, ...ITEMS.map((item) => usd(items[item]))],
      ["", ...ITEMS.map((item) => quantities[item])],
    ];
  });
  return formatTable(columns, rows);
}

function inputsTable(estimate: CostEstimate): string {
  const columns: Column[] = [
    { header: "region" },
    { header: "spoke VPCs", align: "right" },
    { header: "services", align: "right" },
    { header: "AZs", align: "right" },
    { header: "zones", align: "right" },
    { header: "M queries/month", align: "right" },
    { header: "peak queries/s", align: "right" },
    { header: "GB/month", align: "right" },
    { header: "Profile paid" },
    { header: "on-prem inbound" },
  ];
  const rows = estimate.regions.map(({ region, figures, defaultedInputs }) => {
    const mark = (input: string, text: string) => (defaultedInputs.includes(input) ? `${text}*` : text);
    return [
      region,
      count(figures.spokeVpcs),
      count(figures.services),
      count(figures.availabilityZones),
      count(figures.dnsZones),
      mark("queriesMillionsPerMonth", count(figures.queriesMillionsPerMonth)),
      mark(
        "peakQueriesPerSecond",
        figures.peakQueriesPerSecond === undefined ? "unknown" : count(figures.peakQueriesPerSecond),
      ),
      mark("transferGbPerMonth", count(figures.transferGbPerMonth)),
      mark("hubAlreadyPaysProfile", figures.hubAlreadyPaysProfile ? "yes" : "no"),
      mark("onPremisesInboundEndpoint", figures.onPremisesInboundEndpoint ? "yes" : "no"),
    ];
  });
  return formatTable(columns, rows);
}

function comparisonTable(estimate: CostEstimate): string {
  const usd = (amount: number) => money(amount, estimate.currency);
  const columns: Column[] = [
    { header: "region" },
    { header: "baseline", align: "right" },
    ...SHARING_MECHANISMS.map((m): Column => ({ header: m, align: "right" })),
    { header: "recommended" },
    { header: "savings", align: "right" },
  ];
  const rows = estimate.regions.map(({ region, cost, plan }) => {
    const best = recommendedOption(plan);
    return [
      region,
      usd(cost.baselineMonthlyUsd),
      ...plan.options.map((o) => (o.monthlyUsd === null ? "out" : usd(o.monthlyUsd))),
      plan.recommended ?? "none fits",
      best ? usd(cost.baselineMonthlyUsd - best.monthlyUsd!) : "-",
    ];
  });
  return formatTable(columns, rows);
}

function recommendedOption(plan: RegionPlan): MechanismOption | undefined {
  return plan.options.find((o) => o.mechanism === plan.recommended);
}

/** Why the region's recommendation, when it changes, and what rules each other mechanism out. */
function planLines({ region, plan }: RegionEstimate, currency: string): string[] {
  const usd = (amount: number) => money(amount, currency);
  const best = recommendedOption(plan);
  const next = plan.options.find((o) => o.mechanism === plan.runnerUp);
  const head = !best
    ? `${region}: no mechanism fits (see below)`
    : next
      ? `${region}: ${best.mechanism}, ${usd(next.monthlyUsd! - best.monthlyUsd!)} a month less than ${next.mechanism}`
      : `${region}: ${best.mechanism}, the only one that fits`;
  const vpcs = plan.changesAtSpokeVpcs;
  const load = plan.changesAtLoad;
  const loadAt = load
    ? `${count(load.averageQueriesPerSecond)} queries/s on average (${count(Math.round(load.queriesMillionsPerMonth))} M a month${load.peakQueriesPerSecond === null ? "" : `, peak ${count(Math.round(load.peakQueriesPerSecond))}/s`})`
    : "";
  return [
    head,
    ...(best
      ? [
          vpcs
            ? `  from ${plural(vpcs.spokeVpcs, "spoke VPC")}: ${vpcs.to ?? "nothing fits"} (${vpcs.because})`
            : "  more spoke VPCs: no change",
          load
            ? `  from ${loadAt}: ${load.to ?? "nothing fits"} (${load.because})`
            : "  more queries: no change",
        ]
      : []),
    ...plan.options.flatMap((o) => [
      ...(o.infeasibleBecause ? [`  ${o.mechanism} is out: ${o.infeasibleBecause}`] : []),
      ...o.notes.map((note) => `  ${o.mechanism}: ${note}`),
    ]),
  ];
}

function capacityTable(estimate: CostEstimate): string {
  const columns: Column[] = [
    { header: "region" },
    { header: "inbound IPs", align: "right" },
    { header: "capacity (queries/s)", align: "right" },
    { header: "plan for (queries/s)", align: "right" },
    { header: "peak (queries/s)", align: "right" },
    { header: "status" },
  ];
  const rows = estimate.regions.map(({ region, capacity }) => {
    const peak = capacity.peakQueriesPerSecond;
    const status =
      peak === undefined
        ? `not checked: no hub.regions.${region}.traffic.peakQueriesPerSecond`
        : capacity.recommendedInboundResolverIps === undefined
          ? "ok"
          : capacity.exceedsMaximum
            ? `too low even with ${capacity.recommendedInboundResolverIps} IPs`
            : `too low: use ${capacity.recommendedInboundResolverIps} IPs`;
    return [
      region,
      count(capacity.inboundResolverIps),
      count(capacity.capacityQueriesPerSecond),
      count(capacity.scaleAtQueriesPerSecond),
      peak === undefined ? "-" : count(peak),
      status,
    ];
  });
  return formatTable(columns, rows);
}

function warnings(estimate: CostEstimate): string[] {
  const lines = estimate.regions.flatMap((r) => (r.capacityWarning ? [`warning: ${r.capacityWarning}`] : []));
  return lines.length > 0 ? ["", ...lines] : [];
}

// ---------------------------------------------------------------------------------------------------
// For programs (--json): money rounded to cents, snake_case names. Amounts are in `prices.currency`:
// USD, the `_usd` of their names, unless a prices file names another currency.

export function costJson(estimate: CostEstimate): object {
  return {
    regions: Object.fromEntries(estimate.regions.map((r) => [r.region, regionJson(r)])),
    total: totalsJson(estimate.total),
    prices: {
      currency: estimate.currency,
      source: estimate.pricesFileGiven
        ? `--prices file, else ${DEFAULT_PRICES_SOURCE}`
        : DEFAULT_PRICES_SOURCE,
      warning: estimate.pricesWarning ?? null,
    },
  };
}

function totalsJson(totals: CostTotals) {
  return {
    baseline_monthly_usd: roundToCents(totals.baselineMonthlyUsd),
    centralized_monthly_usd: roundToCents(totals.centralizedMonthlyUsd),
    savings_monthly_usd: roundToCents(totals.savingsMonthlyUsd),
  };
}

function itemsJson(items: CentralizedItems) {
  return {
    endpoints: roundToCents(items.endpoints),
    resolver_endpoints: roundToCents(items.resolverEndpoints),
    hosted_zones: roundToCents(items.hostedZones),
    resolver_queries: roundToCents(items.resolverQueries),
    profile: roundToCents(items.profile),
    transit_gateway: roundToCents(items.transitGateway),
  };
}

function regionJson(r: RegionEstimate) {
  const { figures, prices, cost, capacity, capacityWarning, plan, sharing } = r;
  const best = recommendedOption(plan);
  return {
    ...totalsJson(cost),
    break_even_spoke_vpcs: cost.breakEvenSpokeVpcs,
    mechanism: sharing.mechanism,
    profile_contents: sharing.profileContents ?? null,
    retiring_mechanism: sharing.retiringMechanism ?? null,
    spoke_vpcs: figures.spokeVpcs,
    services: figures.services,
    availability_zones: figures.availabilityZones,
    private_hosted_zones: hostedZones(r),
    inbound_resolver_ips: figures.inboundResolverIps,
    outbound_resolver_ips: figures.outboundResolverIps,
    queries_millions_per_month: figures.queriesMillionsPerMonth,
    transfer_gb_per_month: figures.transferGbPerMonth,
    centralized_items_monthly_usd: itemsJson(cost.centralizedItems),
    mechanisms: Object.fromEntries(
      plan.options.map((o) => [
        o.mechanism,
        {
          monthly_usd: o.monthlyUsd === null ? null : roundToCents(o.monthlyUsd),
          infeasible_because: o.infeasibleBecause,
          notes: o.notes,
          items_monthly_usd: itemsJson(o.items),
        },
      ]),
    ),
    recommended_mechanism: plan.recommended,
    runner_up_mechanism: plan.runnerUp,
    recommended_savings_monthly_usd: best ? roundToCents(cost.baselineMonthlyUsd - best.monthlyUsd!) : null,
    recommendation_changes: {
      at_spoke_vpcs: plan.changesAtSpokeVpcs && {
        spoke_vpcs: plan.changesAtSpokeVpcs.spokeVpcs,
        to: plan.changesAtSpokeVpcs.to,
        because: plan.changesAtSpokeVpcs.because,
      },
      at_load: plan.changesAtLoad && {
        average_queries_per_second: plan.changesAtLoad.averageQueriesPerSecond,
        queries_millions_per_month: Math.round(plan.changesAtLoad.queriesMillionsPerMonth * 100) / 100,
        peak_queries_per_second:
          plan.changesAtLoad.peakQueriesPerSecond === null
            ? null
            : Math.round(plan.changesAtLoad.peakQueriesPerSecond),
        to: plan.changesAtLoad.to,
        because: plan.changesAtLoad.because,
      },
    },
    planner_inputs: {
      dns_zones: figures.dnsZones,
      peak_queries_per_second: figures.peakQueriesPerSecond ?? null,
      hub_already_pays_profile: figures.hubAlreadyPaysProfile,
      on_premises_inbound_endpoint: figures.onPremisesInboundEndpoint,
      largest_account_spoke_vpcs: figures.largestAccountSpokeVpcs,
      defaulted: r.defaultedInputs,
    },
    prices_usd: prices,
    list_price_keys: r.listPriceKeys,
    capacity: {
      connection_tracked: capacity.connectionTracked,
      queries_per_second_per_ip: capacity.queriesPerSecondPerIp,
      capacity_queries_per_second: capacity.capacityQueriesPerSecond,
      plan_for_queries_per_second: capacity.scaleAtQueriesPerSecond,
      peak_queries_per_second: capacity.peakQueriesPerSecond ?? null,
      recommended_inbound_resolver_ips: capacity.recommendedInboundResolverIps ?? null,
      exceeds_maximum_ips: capacity.exceedsMaximum ?? false,
      warning: capacityWarning ?? null,
    },
  };
}
