/**
 * The two forms of a cost estimate: a report for people (aligned tables, money in cents) and the
 * `--json` document for programs.
 */
import { queriesPerSecondPerIp, trackingExplanation } from "./capacity";
import type { CentralizedItems } from "./cost-model";
import type { CostEstimate, CostTotals, RegionEstimate } from "./cost-estimate";
import { DEFAULT_PRICES_SOURCE, HOURS_PER_MONTH } from "./prices";
import { Column, count, formatTable, plural, roundToCents, usd } from "./text-format";

// ---------------------------------------------------------------------------------------------------
// For people

const ITEM_HEADERS: Readonly<Record<keyof CentralizedItems, string>> = {
  endpoints: "endpoints",
  resolverEndpoints: "resolver endpoints",
  hostedZones: "hosted zones",
  resolverQueries: "resolver queries",
  transitGateway: "transit gateway",
};
const ITEMS = Object.keys(ITEM_HEADERS) as (keyof CentralizedItems)[];

/** `source` names the configuration in the title (a path relative to the working directory reads best). */
export function formatCostReport(estimate: CostEstimate, source: string): string {
  const prices = estimate.pricesFileGiven
    ? `prices and traffic from the --prices file, else ${DEFAULT_PRICES_SOURCE}`
    : DEFAULT_PRICES_SOURCE;
  return [
    `Monthly cost of ${source} in USD (${HOURS_PER_MONTH} hours a month; ${prices})`,
    "",
    summaryTable(estimate),
    "",
    "baseline:    every spoke VPC keeps its own endpoints: spoke VPCs x services x AZs x endpoint hours",
    "centralized: hub endpoints + resolver endpoints + hosted zones + resolver queries + transit gateway",
    "break-even:  the fewest spoke VPCs in the region for which centralized costs less than baseline",
    "",
    itemsTable(estimate),
    "",
    `Resolver capacity, ${count(queriesPerSecondPerIp(estimate.organizationCidrs))} queries/s per IP:`,
    `${trackingExplanation(estimate.organizationCidrs)}.`,
    "",
    capacityTable(estimate),
    ...warnings(estimate),
  ].join("\n");
}

function summaryTable(estimate: CostEstimate): string {
  const columns: Column[] = [
    { header: "region" },
    { header: "spoke VPCs", align: "right" },
    { header: "services", align: "right" },
    { header: "AZs", align: "right" },
    { header: "zones", align: "right" },
    { header: "baseline", align: "right" },
    { header: "centralized", align: "right" },
    { header: "savings", align: "right" },
    { header: "break-even" },
  ];
  const money = (totals: CostTotals) => [
    usd(totals.baselineMonthlyUsd),
    usd(totals.centralizedMonthlyUsd),
    usd(totals.savingsMonthlyUsd),
  ];
  const rows = estimate.regions.map(({ region, figures, cost }) => [
    region,
    count(figures.spokeVpcs),
    count(figures.services),
    count(figures.availabilityZones),
    count(figures.privateHostedZones),
    ...money(cost),
    cost.breakEvenSpokeVpcs === null ? "never" : `from ${plural(cost.breakEvenSpokeVpcs, "spoke VPC")}`,
  ]);
  const spokeVpcs = estimate.regions.reduce((total, r) => total + r.figures.spokeVpcs, 0);
  return formatTable(columns, [...rows, ["total", count(spokeVpcs), "", "", "", ...money(estimate.total)]]);
}

/** The centralized cost item by item, each amount over the quantity it is for. */
function itemsTable(estimate: CostEstimate): string {
  const columns: Column[] = [
    { header: "centralized, by item" },
    ...ITEMS.map((item): Column => ({ header: ITEM_HEADERS[item], align: "right" })),
  ];
  const rows = estimate.regions.flatMap(({ region, figures, cost }) => {
    const quantities: Record<keyof CentralizedItems, string> = {
      endpoints: `${figures.services} x ${plural(figures.availabilityZones, "AZ")}`,
      resolverEndpoints: `${figures.inboundResolverIps} + ${figures.outboundResolverIps} IPs`,
      hostedZones: plural(figures.privateHostedZones, "zone"),
      resolverQueries: `${count(figures.queriesMillionsPerMonth)} M queries x 2`,
      transitGateway: `${count(figures.transferGbPerMonth)} GB`,
    };
    return [
      [region, ...ITEMS.map((item) => usd(cost.centralizedItems[item]))],
      ["", ...ITEMS.map((item) => quantities[item])],
    ];
  });
  return formatTable(columns, rows);
}

function capacityTable(estimate: CostEstimate): string {
  const columns: Column[] = [
    { header: "region" },
    { header: "inbound IPs", align: "right" },
    { header: "capacity (queries/s)", align: "right" },
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
            ? `too low even with ${capacity.recommendedInboundResolverIps} IPs (see below)`
            : `too low: use ${capacity.recommendedInboundResolverIps} IPs (see below)`;
    return [
      region,
      count(capacity.inboundResolverIps),
      count(capacity.capacityQueriesPerSecond),
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
// For programs (--json): money in USD rounded to cents, snake_case names.

export function costJson(estimate: CostEstimate): object {
  return {
    regions: Object.fromEntries(estimate.regions.map((r) => [r.region, regionJson(r)])),
    total: totalsJson(estimate.total),
  };
}

function totalsJson(totals: CostTotals) {
  return {
    baseline_monthly_usd: roundToCents(totals.baselineMonthlyUsd),
    centralized_monthly_usd: roundToCents(totals.centralizedMonthlyUsd),
    savings_monthly_usd: roundToCents(totals.savingsMonthlyUsd),
  };
}

function regionJson({ figures, prices, cost, capacity, capacityWarning }: RegionEstimate) {
  const items = cost.centralizedItems;
  return {
    ...totalsJson(cost),
    break_even_spoke_vpcs: cost.breakEvenSpokeVpcs,
    spoke_vpcs: figures.spokeVpcs,
    services: figures.services,
    availability_zones: figures.availabilityZones,
    private_hosted_zones: figures.privateHostedZones,
    inbound_resolver_ips: figures.inboundResolverIps,
    outbound_resolver_ips: figures.outboundResolverIps,
    queries_millions_per_month: figures.queriesMillionsPerMonth,
    transfer_gb_per_month: figures.transferGbPerMonth,
    centralized_items_monthly_usd: {
      endpoints: roundToCents(items.endpoints),
      resolver_endpoints: roundToCents(items.resolverEndpoints),
      hosted_zones: roundToCents(items.hostedZones),
      resolver_queries: roundToCents(items.resolverQueries),
      transit_gateway: roundToCents(items.transitGateway),
    },
    prices_usd: prices,
    capacity: {
      connection_tracked: capacity.connectionTracked,
      queries_per_second_per_ip: capacity.queriesPerSecondPerIp,
      capacity_queries_per_second: capacity.capacityQueriesPerSecond,
      peak_queries_per_second: capacity.peakQueriesPerSecond ?? null,
      recommended_inbound_resolver_ips: capacity.recommendedInboundResolverIps ?? null,
      exceeds_maximum_ips: capacity.exceedsMaximum ?? false,
      warning: capacityWarning ?? null,
    },
  };
}
