/**
 * The benchmark's generated configuration (scripts/bench/organization-config.ts) is what it claims to
 * be: a valid configuration file of the advertised shape. Checked at 1/100 of the full scale.
 */
import type { VpceShareConfig } from "../../src/config/config-types";
import { parseConfig } from "../../src/config/load-config";
import { rulesPerRegion } from "../../src/config/aws-limit-checks";
import { AWS_QUOTAS } from "../../src/catalog/aws-limits";
import { partitionOfRegion } from "../../src/catalog/partitions";
import {
  BENCH_REGIONS,
  BENCH_SERVICES,
  FULL_SCALE_SPOKES,
  organizationConfig,
} from "../../scripts/bench/organization-config";

const SPOKES = FULL_SCALE_SPOKES / 100;

describe("the benchmark's organization", () => {
  const text = JSON.stringify(organizationConfig({ spokes: SPOKES }), null, 2);
  let config: VpceShareConfig;

  it("passes every validation of the loader, quotas included", () => {
    // parseConfig throws a ConfigError listing every problem
    config = parseConfig(text, "bench-config.json");
    expect(Object.keys(config.spokes)).toHaveLength(SPOKES);
  });

  it("has 20 hub regions of the aws partition with 30 services, 2 subnets and 2 pinned IPs each", () => {
    expect(Object.keys(config.hub.regions).sort()).toEqual([...BENCH_REGIONS].sort());
    for (const [region, hub] of Object.entries(config.hub.regions)) {
      expect(partitionOfRegion(region).name).toBe("aws");
      expect(hub.services).toEqual([...BENCH_SERVICES]);
      expect(hub.subnetIds).toHaveLength(2);
      expect(hub.inboundResolverIps).toHaveLength(2);
    }
    expect(new Set(BENCH_SERVICES).size).toBe(30);
  });

  it("gives every spoke its own account and 3 regions with 2 VPCs of its own", () => {
    const spokes = Object.values(config.spokes);
    expect(new Set(spokes.map((s) => s.accountId)).size).toBe(SPOKES);
    const vpcs = spokes.flatMap((s) => Object.values(s.regions).flatMap((r) => r.vpcIds));
    expect(vpcs).toHaveLength(SPOKES * 3 * 2);
    expect(new Set(vpcs).size).toBe(vpcs.length);
    for (const spoke of spokes) {
      expect(Object.keys(spoke.regions)).toHaveLength(3);
      for (const region of Object.values(spoke.regions)) expect(region.vpcIds).toHaveLength(2);
    }
  });

  it("stays well inside the resolver quotas: 36 or 39 rules a region, 72 or 78 associations a spoke region", () => {
    const rules = rulesPerRegion(config);
    for (const [region, n] of Object.entries(rules)) expect(n).toBe(region === "us-east-1" ? 39 : 36);
    expect(2 * Math.max(...Object.values(rules))).toBeLessThan(AWS_QUOTAS.ruleAssociationsPerRegion.default);
  });

  it("declares the hosted zone quota it needs: without it, the loader refuses its 723 zones", () => {
    // GIVEN the organization without its quotas
    const { quotas, ...withoutQuotas } = organizationConfig({ spokes: SPOKES });
    expect(quotas).toEqual({ hostedZonesPerAccount: 1000 });
    // WHEN loaded THEN refused: 20 regions x 36 zones + 3 more in us-east-1 is above AWS's default of 500
    expect(() => parseConfig(JSON.stringify(withoutQuotas), "bench-config.json")).toThrow(
      /hub\.regions: needs 723 private hosted zones in hub account 111111111111 .*AWS allows 500 by default/,
    );
  });

  it("is deterministic", () => {
    expect(JSON.stringify(organizationConfig({ spokes: SPOKES }), null, 2)).toBe(text);
  });
});
