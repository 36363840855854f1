/**
 * Guards against Route 53 Resolver quotas, counted over the whole configuration: rules per hub region,
 * and rule associations per spoke account and region (several spokes may share an account).
 */
import { AWS_LIMITS } from "../../modules/aws-limits";
import { ConfigIssue, formatPath } from "./config-error";
import type { VpceShareConfig } from "./config-types";
import { hubRegionZones } from "../hub-region-share";

const count = (n: number) => n.toLocaleString("en-US");

/** Rules (zones) each hub region shares. */
export function rulesPerRegion(config: VpceShareConfig): Record<string, number> {
  return Object.fromEntries(
    Object.keys(config.hub.regions).map((region) => [region, hubRegionZones(config, region).length]),
  );
}

export function checkAwsLimits(config: VpceShareConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const rules = rulesPerRegion(config);
  for (const [region, n] of Object.entries(rules)) {
    if (n > AWS_LIMITS.resolverRulesPerRegion) {
      issues.push({
        path: formatPath(["hub", "regions", region, "services"]),
        message: `needs ${count(n)} resolver rules (one per private DNS zone); AWS allows ${count(AWS_LIMITS.resolverRulesPerRegion)} per account and region: share fewer services in ${region}`,
      });
    }
  }

  // account/region -> the spokes that associate rules there, and how many each needs
  const usage = new Map<string, { account: string; region: string; spokes: { name: string; n: number }[] }>();
  for (const [name, spoke] of Object.entries(config.spokes)) {
    for (const [region, { vpcIds }] of Object.entries(spoke.regions)) {
      const key = `${spoke.accountId}/${region}`;
      const entry = usage.get(key) ?? { account: spoke.accountId, region, spokes: [] };
      entry.spokes.push({ name, n: vpcIds.length * (rules[region] ?? 0) });
      usage.set(key, entry);
    }
  }
  for (const { account, region, spokes } of usage.values()) {
    const total = spokes.reduce((sum, s) => sum + s.n, 0);
    if (total <= AWS_LIMITS.ruleAssociationsPerRegion) continue;
    const breakdown = spokes.map((s) => `${s.name}: ${count(s.n)}`).join(", ");
    issues.push({
      path: formatPath(["spokes", spokes[0].name, "regions", region, "vpcIds"]),
      message: `account ${account} needs ${count(total)} resolver rule associations in ${region} (${breakdown}; VPCs x ${count(rules[region])} rules); AWS allows ${count(AWS_LIMITS.ruleAssociationsPerRegion)} per account and region: spread the VPCs over more accounts or share fewer services`,
    });
  }
  return issues;
}
