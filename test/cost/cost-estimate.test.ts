/**
 * The cost figures of a configuration against the formulas, with every expectation computed here by
 * hand (literal arithmetic, default prices: endpoint 0.01/AZ-hour, resolver IP 0.125/hour, queries
 * 0.40/million per endpoint, zone 0.50/month, transit gateway 0.02/GB, 730 hours).
 */
import { estimateCosts } from "../../src/cost/cost-estimate";
import { costJson } from "../../src/cost/cost-report";
import { parsePricesFile } from "../../src/cost/prices-file";
import { testConfig } from "./cost-fixtures";

const HUB_REGIONS = ["eu-west-3", "us-east-1"];

// eu-west-3: S = 4 services, A = 3 AZs, V = 6 spoke VPCs, 5 zones, 25 M queries, 400 GB
const EU_BASELINE = 6 * 4 * 3 * 0.01 * 730; // 525.60
const EU_CENTRALIZED =
  4 * 3 * 0.01 * 730 + // endpoints: 87.60
  (3 + 3) * 0.125 * 730 + // resolver endpoints: 547.50
  5 * 0.5 + // zones: 2.50
  25 * 0.4 * 2 + // queries through both endpoints: 20.00
  400 * 0.02; // transit gateway: 8.00  -> 665.60
// us-east-1: S = 2, A = 2, V = 1, 3 zones, no traffic
const US_BASELINE = 1 * 2 * 2 * 0.01 * 730; // 29.20
const US_CENTRALIZED = 2 * 2 * 0.01 * 730 + (2 + 2) * 0.125 * 730 + 3 * 0.5; // 29.20 + 365 + 1.50 = 395.70

describe("estimateCosts on a configuration computed by hand", () => {
  it("GIVEN the test configuration and default prices THEN each region's figures match the formulas", () => {
    // WHEN
    const json = costJson(estimateCosts(testConfig())) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    // THEN
    expect(json.regions["eu-west-3"]).toMatchObject({
      baseline_monthly_usd: 525.6,
      centralized_monthly_usd: 665.6,
      savings_monthly_usd: -140,
      // 665.60 / 87.60 per VPC = 7.6: 7 VPCs cost 613.20, 8 cost 700.80
      break_even_spoke_vpcs: 8,
      spoke_vpcs: 6,
      services: 4,
      availability_zones: 3,
      private_hosted_zones: 5,
      inbound_resolver_ips: 3,
      outbound_resolver_ips: 3,
      centralized_items_monthly_usd: {
        endpoints: 87.6,
        resolver_endpoints: 547.5,
        hosted_zones: 2.5,
        resolver_queries: 20,
        transit_gateway: 8,
      },
    });
    expect(json.regions["us-east-1"]).toMatchObject({
      baseline_monthly_usd: 29.2,
      centralized_monthly_usd: 395.7,
      savings_monthly_usd: -366.5,
      // 395.70 / 29.20 = 13.55: 13 VPCs cost 379.60, 14 cost 408.80
      break_even_spoke_vpcs: 14,
      private_hosted_zones: 3,
    });
    // literal arithmetic agrees with the literals above
    expect(EU_BASELINE).toBeCloseTo(525.6, 9);
    expect(EU_CENTRALIZED).toBeCloseTo(665.6, 9);
    expect(US_CENTRALIZED).toBeCloseTo(395.7, 9);
  });

  it("GIVEN two regions THEN the totals are the sums of the regions", () => {
    const { total } = costJson(estimateCosts(testConfig())) as Record<string, Record<string, number>>;
    expect(total.baseline_monthly_usd).toBeCloseTo(EU_BASELINE + US_BASELINE, 2);
    expect(total.centralized_monthly_usd).toBeCloseTo(EU_CENTRALIZED + US_CENTRALIZED, 2);
    expect(total.savings_monthly_usd).toBeCloseTo(
      EU_BASELINE + US_BASELINE - EU_CENTRALIZED - US_CENTRALIZED,
      2,
    );
    expect(total).toEqual({
      baseline_monthly_usd: 554.8,
      centralized_monthly_usd: 1061.3,
      savings_monthly_usd: -506.5,
    });
  });

  it("GIVEN a hub region without spoke VPCs THEN its baseline is 0 and its break-even unchanged", () => {
    const config = testConfig((c) => delete c.spokes.alpha.regions["us-east-1"]);
    const us = estimateCosts(config).regions.find((r) => r.region === "us-east-1");
    expect(us?.cost.baselineMonthlyUsd).toBe(0);
    expect(us?.cost.savingsMonthlyUsd).toBeCloseTo(-395.7, 9);
    expect(us?.cost.breakEvenSpokeVpcs).toBe(14);
  });
});

describe("prices files", () => {
  const pricesFile = (value: unknown) => parsePricesFile(JSON.stringify(value), "prices.json", HUB_REGIONS);

  it("GIVEN default and regional prices THEN the region's price wins over the default, which wins over the list", () => {
    // GIVEN endpoints at 0.02 everywhere, resolver IPs at 0.25 in us-east-1 only
    const file = pricesFile({
      default: { endpoint_hour: 0.02 },
      regions: { "us-east-1": { resolver_ip_hour: 0.25 } },
    });
    // WHEN
    const { regions } = estimateCosts(testConfig(), file);
    // THEN
    const [eu, us] = regions;
    expect(eu.cost.baselineMonthlyUsd).toBeCloseTo(6 * 4 * 3 * 0.02 * 730, 9);
    expect(eu.cost.centralizedItems.resolverEndpoints).toBeCloseTo(6 * 0.125 * 730, 9);
    expect(us.cost.centralizedMonthlyUsd).toBeCloseTo(2 * 2 * 0.02 * 730 + 4 * 0.25 * 730 + 3 * 0.5, 9);
    expect(us.prices).toEqual({
      endpoint_hour: 0.02,
      resolver_ip_hour: 0.25,
      resolver_query_per_million: 0.4,
      hosted_zone_month: 0.5,
      hosted_zone_month_beyond_25: 0.1,
      profile_hour: 0.75,
      profile_association_hour_beyond_100: 0.0014,
      tgw_gb: 0.02,
    });
  });

  it("GIVEN traffic in both the configuration and the prices file THEN the prices file wins, figure by figure", () => {
    // GIVEN the configuration says 25 M queries and 400 GB in eu-west-3; the file says 100 M queries
    const file = pricesFile({ regions: { "eu-west-3": { queries_millions: 100 } } });
    // WHEN
    const [eu] = estimateCosts(testConfig(), file).regions;
    // THEN queries come from the file, transfer still from the configuration
    expect(eu.figures.queriesMillionsPerMonth).toBe(100);
    expect(eu.figures.transferGbPerMonth).toBe(400);
    expect(eu.cost.centralizedItems.resolverQueries).toBeCloseTo(100 * 0.4 * 2, 9);
    expect(eu.cost.centralizedItems.transitGateway).toBeCloseTo(400 * 0.02, 9);
  });

  it("GIVEN traffic only in the prices file THEN it is used for a region without traffic", () => {
    const file = pricesFile({ regions: { "us-east-1": { queries_millions: 10, transfer_gb: 50 } } });
    const us = estimateCosts(testConfig(), file).regions[1];
    expect(us.cost.centralizedMonthlyUsd).toBeCloseTo(29.2 + 365 + 1.5 + 10 * 0.4 * 2 + 50 * 0.02, 9);
  });

  it("GIVEN an empty prices file THEN the list prices apply", () => {
    expect(estimateCosts(testConfig(), pricesFile({})).total).toEqual(estimateCosts(testConfig()).total);
  });
});
