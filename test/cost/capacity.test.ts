/**
 * Resolver capacity: 1,500 queries/s per inbound IP behind a connection-tracking security group (ours,
 * unless organization.cidrs includes 0.0.0.0/0), 10,000 otherwise; planned for half of it, as AWS
 * advises; recommendations capped at 6 IPs.
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
      scaleAtQueriesPerSecond: 1500,
    });
  });

  it("GIVEN 0.0.0.0/0 among the CIDRs THEN untracked: 10,000 per IP", () => {
    const capacity = resolverCapacity({ ...UNTRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 10_000 });
    expect(capacity).toMatchObject({ connectionTracked: false, capacityQueriesPerSecond: 20_000 });
    expect(capacity.recommendedInboundResolverIps).toBeUndefined();
  });

  it("GIVEN a peak equal to half the capacity THEN no warning", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 1500 });
    expect(capacity.recommendedInboundResolverIps).toBeUndefined();
    expect(capacityWarning("eu-west-3", capacity)).toBeUndefined();
  });

  it("GIVEN no peak THEN nothing is checked", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2 });
    expect(capacity.peakQueriesPerSecond).toBeUndefined();
    expect(capacityWarning("eu-west-3", capacity)).toBeUndefined();
  });

  it("GIVEN a peak above half the capacity THEN the IPs it needs, and a warning naming the subnets to list", () => {
    // GIVEN 1,501 q/s on 2 tracked IPs (3,000, plan for 1,500) WHEN checked
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 1501 });
    // THEN ceil(1,501 / 750) = 3 IPs
    expect(capacity).toMatchObject({ recommendedInboundResolverIps: 3, exceedsMaximum: false });
    expect(capacityWarning("eu-west-3", capacity)).toBe(
      "eu-west-3: peak of 1,501 queries/s exceeds 1,500, half of the 3,000 that 2 inbound resolver IPs answer (1,500 each; AWS advises adding IPs at half); use 3 inbound resolver IPs (one per hub subnet: list 3 subnets in hub.regions.eu-west-3.subnetIds)",
    );
  });

  it("GIVEN a peak that exactly half of 6 IPs answer THEN 6, without saying it is not enough", () => {
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 4, peakQueriesPerSecond: 4500 });
    expect(capacity).toMatchObject({ recommendedInboundResolverIps: 6, exceedsMaximum: false });
  });

  it("GIVEN a peak above half of what 6 IPs answer THEN 6, the AWS maximum, and says that even 6 are not enough", () => {
    // 4,501 q/s needs ceil(4,501 / 750) = 7 IPs; a resolver endpoint takes at most 6 (9,000 q/s, half 4,500)
    const capacity = resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: 4501 });
    expect(capacity).toMatchObject({
      recommendedInboundResolverIps: 6,
      exceedsMaximum: true,
      exceedsMaximumCapacity: false,
    });
    const warning = capacityWarning("us-east-1", capacity);
    expect(warning).toContain(
      "even 6 IPs, the most a resolver endpoint takes, answer only 9,000 (half: 4,500)",
    );
    expect(warning).toContain("use 6");
  });

  it("GIVEN a peak above what 6 IPs answer at all THEN beyond the maximum capacity", () => {
    const at = (peak: number) =>
      resolverCapacity({ ...TRACKED, inboundResolverIps: 2, peakQueriesPerSecond: peak })
        .exceedsMaximumCapacity;
    expect([at(9000), at(9001)]).toEqual([false, true]);
  });
});

describe("the capacity part of the report", () => {
  it("GIVEN the test configuration (2,000 q/s on 3 IPs in eu-west-3) THEN ok, and says why 1,500 per IP", () => {
    const config = testConfig((c) => (c.hub.regions["eu-west-3"].traffic.peakQueriesPerSecond = 2000));
    const report = formatCostReport(estimateCosts(config), "test.json");
    expect(report).toContain("Resolver capacity, 1,500 queries/s per IP (plan for half, as AWS advises):");
    expect(report).toContain(
      "the resolver security group admits only organization.cidrs (10.0.0.0/8), so it tracks connections.",
    );
    expect(report).toMatch(/eu-west-3 +3 +4,500 +2,250 +2,000 +ok\n/);
    expect(report).toMatch(
      /us-east-1 +2 +3,000 +1,500 +- +not checked: no hub\.regions\.us-east-1\.traffic\.peakQueriesPerSecond/,
    );
    expect(report).not.toContain("warning:");
  });

  it("GIVEN a peak above half the capacity THEN a status in the table and a warning below it", () => {
    const config = testConfig((c) => (c.hub.regions["us-east-1"].traffic = { peakQueriesPerSecond: 2500 }));
    const report = formatCostReport(estimateCosts(config), "test.json");
    expect(report).toMatch(/us-east-1 +2 +3,000 +1,500 +2,500 +too low: use 4 IPs\n/);
    expect(report).toMatch(
      /\nwarning: us-east-1: peak of 2,500 queries\/s exceeds 1,500, half of the 3,000 .* use 4 inbound/,
    );
  });

  it("GIVEN 0.0.0.0/0 in organization.cidrs THEN the report says it assumes untracked connections", () => {
    const config = testConfig((c) => (c.organization.cidrs = ["0.0.0.0/0"]));
    const report = formatCostReport(estimateCosts(config), "test.json");
    expect(report).toContain("Resolver capacity, 10,000 queries/s per IP (plan for half, as AWS advises):");
    expect(report).toContain("organization.cidrs includes 0.0.0.0/0");
  });
});
