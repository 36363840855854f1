/**
 * The prices the cost planner uses: the project's single source of truth for AWS prices. Defaults are
 * the us-east-1 list prices in USD; a `--prices` file (prices-file.ts) overrides them per region (other
 * regions, China's prices in CNY, GovCloud's, your discounts).
 */

/** Hours in the month that AWS bills hourly resources by. */
export const HOURS_PER_MONTH = 730;

export const PRICE_KEYS = [
  "endpoint_hour",
  "resolver_ip_hour",
  "resolver_query_per_million",
  "hosted_zone_month",
  "hosted_zone_month_beyond_25",
  "profile_hour",
  "profile_association_hour_beyond_100",
  "tgw_gb",
] as const;

export type PriceKey = (typeof PRICE_KEYS)[number];

/** USD per unit, one figure per price key. */
export type Prices = Readonly<Record<PriceKey, number>>;

/** Hosted zones of one account billed at `hosted_zone_month`; the others at `hosted_zone_month_beyond_25`. */
export const HOSTED_ZONES_AT_FULL_PRICE = 25;

/** VPC associations that a Profile's `profile_hour` covers; each one beyond costs `profile_association_hour_beyond_100`. */
export const PROFILE_ASSOCIATIONS_INCLUDED = 100;

/** What each price is for, in USD per the unit named. */
export const PRICE_DESCRIPTIONS: Readonly<Record<PriceKey, string>> = {
  endpoint_hour: "interface VPC endpoint, per availability zone and hour",
  resolver_ip_hour: "Route 53 Resolver endpoint, per IP address and hour",
  resolver_query_per_million: "Route 53 Resolver endpoint queries, per million queries and endpoint passed",
  hosted_zone_month: "Route 53 hosted zone, per zone and month, for the first 25 zones of an account",
  hosted_zone_month_beyond_25: "Route 53 hosted zone, per zone and month, beyond the first 25 of an account",
  profile_hour:
    "Route 53 Profile, per owning account, region and hour; covers the first 100 VPC associations",
  profile_association_hour_beyond_100: "Route 53 Profile VPC association beyond the first 100, per hour",
  tgw_gb: "transit gateway data processing, per GB",
};

const ROUTE53_PRICING = "https://aws.amazon.com/route53/pricing/";

/** Where each default comes from. */
export const PRICE_SOURCES: Readonly<Record<PriceKey, string>> = {
  endpoint_hour: "https://aws.amazon.com/privatelink/pricing/",
  resolver_ip_hour: ROUTE53_PRICING,
  resolver_query_per_million: ROUTE53_PRICING,
  hosted_zone_month: ROUTE53_PRICING,
  hosted_zone_month_beyond_25: ROUTE53_PRICING,
  profile_hour: ROUTE53_PRICING,
  profile_association_hour_beyond_100: ROUTE53_PRICING,
  tgw_gb: "https://aws.amazon.com/transit-gateway/pricing/",
};

/** AWS list prices in us-east-1, USD. */
export const DEFAULT_PRICES: Prices = {
  endpoint_hour: 0.01,
  resolver_ip_hour: 0.125,
  resolver_query_per_million: 0.4,
  hosted_zone_month: 0.5,
  hosted_zone_month_beyond_25: 0.1,
  profile_hour: 0.75,
  profile_association_hour_beyond_100: 0.0014,
  tgw_gb: 0.02,
};

/** The currency of the defaults; a prices file may name another one (`currency`). */
export const DEFAULT_CURRENCY = "USD";

/** Where the defaults come from, for reports. */
export const DEFAULT_PRICES_SOURCE = "AWS us-east-1 list prices";

/** The partition whose prices the defaults are: others (aws-cn in CNY, aws-us-gov) need a prices file. */
export const DEFAULT_PRICES_PARTITION = "aws";
