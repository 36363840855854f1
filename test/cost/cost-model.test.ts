/**
 * The formulas of one region on figures given directly, and the break-even edge cases: at equal cost
 * centralizing has not paid off yet, whatever floating-point rounding says.
 */
import { regionCost as costOf, RegionFigures } from "../../src/cost/cost-model";
import { DEFAULT_PRICES, Prices } from "../../src/cost/prices";

/** Today's mechanism: resolver rules. */
const regionCost = (figures: RegionFigures, prices: Prices) =>
  costOf({ mechanism: "resolver-rules" }, figures, prices);

const NO_TRAFFIC = { queriesMillionsPerMonth: 0, transferGbPerMonth: 0 };

function figures(change: Partial<RegionFigures>): RegionFigures {
  return {
    services: 1,
    availabilityZones: 2,
    spokeVpcs: 1,
    largestAccountSpokeVpcs: 1,
    dnsZones: 0,
    hubAlreadyPaysProfile: false,
    onPremisesInboundEndpoint: false,
    inboundResolverIps: 2,
    outboundResolverIps: 2,
    ...NO_TRAFFIC,
    ...change,
  };
}

/** Prices where only endpoints and resolver IPs cost something, both 0.125 an hour: sums are exact. */
const EXACT_PRICES: Prices = {
  endpoint_hour: 0.125,
  resolver_ip_hour: 0.125,
  resolver_query_per_million: 0,
  hosted_zone_month: 0,
  hosted_zone_month_beyond_25: 0,
  profile_hour: 0,
  profile_association_hour_beyond_100: 0,
  tgw_gb: 0,
};

describe("break-even", () => {
  it("GIVEN a V at which centralized == baseline THEN that V is not yet break-even, V + 1 is", () => {
    // GIVEN 1 service in 2 AZs: one VPC's endpoints cost 1 x 2 x 0.125 x 730 = 182.50;
    // centralized = 182.50 + 4 IPs x 0.125 x 730 = 547.50 = baseline at V = 3
    const atThree = regionCost(figures({ spokeVpcs: 3 }), EXACT_PRICES);
    expect(atThree.baselineMonthlyUsd).toBe(547.5);
    expect(atThree.centralizedMonthlyUsd).toBe(547.5);
    expect(atThree.savingsMonthlyUsd).toBe(0);
    // THEN
    expect(atThree.breakEvenSpokeVpcs).toBe(4);
    expect(regionCost(figures({ spokeVpcs: 4 }), EXACT_PRICES).savingsMonthlyUsd).toBe(182.5);
  });

  it("GIVEN equal costs in exact arithmetic that floating point puts a hair apart THEN still not break-even", () => {
    // GIVEN default prices, 9 services in 3 AZs, 46 zones, 26 M queries: one VPC's endpoints
    // 9 x 3 x 0.01 x 730 = 197.10; centralized 197.10 + 6 x 0.125 x 730 + (25 x 0.50 + 21 x 0.10) + 26 x 0.40 x 2
    // = 197.10 + 547.50 + 14.60 + 20.80 = 780.00; with 8.40 of transit gateway (420 GB) 788.40
    // = 4 x 197.10 (in floating point 4 x 197.1 is 788.4000000000001)
    const region = figures({
      services: 9,
      availabilityZones: 3,
      spokeVpcs: 4,
      dnsZones: 46,
      inboundResolverIps: 3,
      outboundResolverIps: 3,
      queriesMillionsPerMonth: 26,
      transferGbPerMonth: 420,
    });
    // WHEN
    const cost = regionCost(region, DEFAULT_PRICES);
    // THEN
    expect(cost.baselineMonthlyUsd).toBeCloseTo(788.4, 9);
    expect(cost.centralizedMonthlyUsd).toBeCloseTo(788.4, 9);
    expect(cost.breakEvenSpokeVpcs).toBe(5);
  });

  it("GIVEN nothing but endpoints costs THEN one spoke VPC only matches the hub's own set: from 2", () => {
    const prices = { ...EXACT_PRICES, resolver_ip_hour: 0 };
    expect(regionCost(figures({}), prices).breakEvenSpokeVpcs).toBe(2);
  });

  it("GIVEN free endpoints THEN centralizing never pays off: null", () => {
    const prices = { ...DEFAULT_PRICES, endpoint_hour: 0 };
    const cost = regionCost(figures({ spokeVpcs: 100 }), prices);
    expect(cost.baselineMonthlyUsd).toBe(0);
    expect(cost.breakEvenSpokeVpcs).toBeNull();
  });

  it("does not depend on the region's current number of spoke VPCs", () => {
    const breakEvens = [0, 1, 7, 500].map(
      (spokeVpcs) => regionCost(figures({ spokeVpcs }), DEFAULT_PRICES).breakEvenSpokeVpcs,
    );
    // 14.60 per VPC; centralized 14.60 + 365 = 379.60 = 26 x 14.60, so 27
    expect(breakEvens).toEqual([27, 27, 27, 27]);
  });
});

describe("centralized items", () => {
  it("GIVEN queries THEN they are paid at both resolver endpoints", () => {
    const cost = regionCost(figures({ queriesMillionsPerMonth: 1000 }), DEFAULT_PRICES);
    expect(cost.centralizedItems.resolverQueries).toBeCloseTo(1000 * 0.4 * 2, 9);
  });

  it("GIVEN transfer THEN it is paid at the transit gateway", () => {
    const cost = regionCost(figures({ transferGbPerMonth: 12345 }), DEFAULT_PRICES);
    expect(cost.centralizedItems.transitGateway).toBeCloseTo(12345 * 0.02, 9);
  });

  it("GIVEN different inbound and outbound IP counts THEN each IP is paid", () => {
    const cost = regionCost(figures({ inboundResolverIps: 3, outboundResolverIps: 2 }), DEFAULT_PRICES);
    expect(cost.centralizedItems.resolverEndpoints).toBeCloseTo(5 * 0.125 * 730, 9);
  });
});
