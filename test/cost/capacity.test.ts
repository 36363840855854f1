/**
 * Resolver capacity: 1,500 queries/s per inbound IP behind a connection-tracking security group (ours,
 * unless organization.cidrs includes 0.0.0.0/0), 10,000 otherwise; recommendations capped at 6 IPs.
 */
import { capacityWarning, resolverCapacity } from "../../src/cost/capacity";
import { estimateCosts } from "../../src/cost/cost-estimate";
import { formatCostReport } from "../../src/cost/cost-report";
import { testConfig } from "./cost-fixtures";

const TRACKED = { organizationCidrs: ["10.0.0.0/8", "172.16.0.0/12"] };
const UNTRACKED = { organizationCidrs: ["0.0.0.0/0"] };

describe("resolverCapacity", () => {
  it("GIVEN organization CIDRs without 0.0.0.0/0 THEN connections are tracked: 1,500 per IP", () => {
    expect(resolverCapacity({ ...TRACKED, inboundResolverIps: 2 })).toEqual({
      inboundResolverIps: 2,
      connectionTracked: true,
      queriesPerSecondPerIp: 1500,
      capacityQueriesPerSecond: 3000,
    });
  });

  it("GIVEN 0.0.0.0/0 among the CIDRs THEN untracked: 10,000 per IP", () => {
    const capacity = resolverCapacity({ ...UNTRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 15_000 });
    expect(capacity).toMatchObject({ connectionTracked: false, capacityQueriesPerSecond: 20_000 });
    expect(capacity.recommendedInboundResolverIps).toBeUndefined();
  });

  it("GIVEN a peak equal to the capacity THEN no warning", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 3000 });
    expect(capacity.recommendedInboundResolverIps).toBeUndefined();
    expect(capacityWarning("eu-west-3", capacity)).toBeUndefined();
  });

  it("GIVEN no peak THEN nothing is checked", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2 });
    expect(capacity.peakQueriesPerSecond).toBeUndefined();
    expect(capacityWarning("eu-west-3", capacity)).toBeUndefined();
  });

  it("GIVEN a peak above the capacity THEN the IPs it needs, and a warning naming the subnets to list", () => {
    // GIVEN 3,001 q/s on 2 tracked IPs (3,000) WHEN checked
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 3001 });
    // THEN ceil(3,001 / 1,500) = 3 IPs
    expect(capacity).toMatchObject({ recommendedInboundResolverIps: 3, exceedsMaximum: false });
    expect(capacityWarning("eu-west-3", capacity)).toBe(
      "eu-west-3: peak of 3,001 queries/s exceeds the 3,000 that 2 inbound resolver IPs answer (1,500 each); use 3 inbound resolver IPs (one per hub subnet: list 3 subnets in hub.regions.eu-west-3.subnetIds)",
    );
  });

  it("GIVEN a peak that exactly 6 IPs answer THEN 6, without saying it is not enough", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 4, peakQueriesPerSecond: 9000 });
    expect(capacity).toMatchObject({ recommendedInboundResolverIps: 6, exceedsMaximum: false });
  });

  it("GIVEN a peak above what 6 IPs answer THEN 6, the AWS maximum, and says that even 6 are not enough", () => {
    // 9,001 q/s needs ceil(9,001 / 1,500) = 7 IPs; a resolver endpoint takes at most 6 (9,000 q/s)
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 9001 });
    expect(capacity).toMatchObject({ recommendedInboundResolverIps: 6, exceedsMaximum: true });
    const warning = capacityWarning("us-east-1", capacity);
    expect(warning).toContain("even 6 IPs, the most a resolver endpoint takes, answer only 9,000");
    expect(warning).toContain("use 6");
  });
});

describe("the capacity part of the report", () => {
  it("GIVEN the test configuration (4,000 q/s on 3 IPs in eu-west-3) THEN ok, and says why 1,500 per IP", () => {
    const report = formatCostReport(estimateCosts(testConfig()), "test.json");
    expect(report).toContain("Resolver capacity, 1,500 queries/s per IP:");
    expect(report).toContain(
      "the resolver security group admits only organization.cidrs (10.0.0.0/8), so it tracks connections.",
    );
    expect(report).toMatch(/eu-west-3 +3 +4,500 +4,000 +ok\n/);
    expect(report).toMatch(
      /us-east-1 +2 +3,000 +- +not checked: no hub\.regions\.us-east-1\.traffic\.peakQueriesPerSecond/,
    );
    expect(report).not.toContain("warning:");
  });

  it("GIVEN a peak above the capacity THEN a status in the table and a warning below it", () => {
    const config = testConfig((c) => (c.hub.regions["us-east-1"].traffic = { peakQueriesPerSecond: 5000 }));
    const report = formatCostReport(estimateCosts(config), "test.json");
    expect(report).toMatch(/us-east-1 +2 +3,000 +5,000 +too low: use 4 IPs \(see below\)/);
    expect(report).toMatch(
      /\nwarning: us-east-1: peak of 5,000 queries\/s exceeds the 3,000 .* use 4 inbound/,
    );
  });

  it("GIVEN 0.0.0.0/0 in organization.cidrs THEN the report says it assumes untracked connections", () => {
    const config = testConfig((c) => (c.organization.cidrs = ["0.0.0.0/0"]));
    const report = formatCostReport(estimateCosts(config), "test.json");
    expect(report).toContain("Resolver capacity, 10,000 queries/s per IP:");
    expect(report).toContain("organization.cidrs includes 0.0.0.0/0");
  });
});
