/**
 * The prices the cost planner uses: the project's single source of truth for AWS prices. Defaults are
 * the us-east-1 list prices; a `--prices` file (prices-file.ts) overrides them per region.
 */

/** Hours in the month that AWS bills hourly resources by. */
export const HOURS_PER_MONTH = 730;

export const PRICE_KEYS = [
  "endpoint_hour",
  "resolver_ip_hour",
  "resolver_query_per_million",
  "hosted_zone_month",
  "tgw_gb",
] as const;

export type PriceKey = (typeof PRICE_KEYS)[number];

/** USD per unit, one figure per price key. */
export type Prices = Readonly<Record<PriceKey, number>>;

/** What each price is for, in USD per the unit named. */
export const PRICE_DESCRIPTIONS: Readonly<Record<PriceKey, string>> = {
  endpoint_hour: "interface VPC endpoint, per availability zone and hour",
  resolver_ip_hour: "Route 53 Resolver endpoint, per IP address and hour",
  resolver_query_per_million: "Route 53 Resolver endpoint queries, per million queries and endpoint passed",
  hosted_zone_month: "Route 53 private hosted zone, per zone and month",
  tgw_gb: "transit gateway data processing, per GB",
};

/** AWS list prices in us-east-1. */
export const DEFAULT_PRICES: Prices = {
  endpoint_hour: 0.01,
  resolver_ip_hour: 0.125,
  resolver_query_per_million: 0.4,
  hosted_zone_month: 0.5,
  tgw_gb: 0.02,
};

/** Where the defaults come from, for reports. */
export const DEFAULT_PRICES_SOURCE = "AWS us-east-1 list prices";
