/**
 * Guards against the AWS quotas of src/catalog/aws-limits.ts, counted over the whole configuration: resolver
 * rules per hub region, rule associations per spoke account and region (several spokes may share an
 * account), hosted zones of the hub account, interface endpoints per hub VPC, rules per security group,
 * VPCs per private hosted zone (zone association) and VPC associations per Route 53 Profile, each in the
 * regions whose hub builds what it counts (active or retiring). Each is checked against the quota the
 * configuration declares in `quotas`, else AWS's default; the fixed limits (resources per Profile) as AWS
 * sets them.
 */
import { AWS_LIMITS, AWS_QUOTAS, AwsQuotaName } from "../catalog/aws-limits";
import { SECURITY_GROUP_RULES_PER_CIDR } from "../constructs/hub-region/security-group-rules";
import { ConfigIssue, formatPath } from "./config-error";
import type { VpceShareConfig } from "./config-types";
import { HubRegionTopology, topologyOf } from "../topology/topology";
import { hubBuilds, SharingMechanism } from "../topology/sharing-mechanism";

const count = (n: number) => n.toLocaleString("en-US");

/** Rules (zones) each hub region shares. */
export function rulesPerRegion(config: VpceShareConfig): Record<string, number> {
  return Object.fromEntries(topologyOf(config).hubRegions.map((hub) => [hub.region, hub.rules.length]));
}

/** The quota in force: the one the configuration declares, else AWS's default. */
export function quotaOf(config: VpceShareConfig, name: AwsQuotaName): number {
  return config.quotas?.[name] ?? AWS_QUOTAS[name].default;
}

/**
 * `AWS allows 60 by default (<its AWS name>, each direction): <fix>, or declare ...`: what the quota is,
 * where it comes from, and the two ways out.
 */
function exceeds(config: VpceShareConfig, name: AwsQuotaName, per: string, fix: string): string {
  const quota = AWS_QUOTAS[name];
  const declared = config.quotas?.[name];
  const at = formatPath(["quotas", name]);
  return declared === undefined
    ? `AWS allows ${count(quota.default)} by default (${quota.awsName}, ${per}): ${fix}, or declare the quota AWS raised for you in ${at}`
    : `${at} declares ${count(declared)} (${quota.awsName}, ${per}): ${fix}, or declare the raised quota there`;
}

export function checkAwsLimits(config: VpceShareConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const rules = rulesPerRegion(config);
  for (const [region, n] of Object.entries(rules)) {
    if (n > quotaOf(config, "resolverRulesPerRegion")) {
      issues.push({
        path: formatPath(["hub", "regions", region, "services"]),
        message: `needs ${count(n)} resolver rules (one per private DNS zone); ${exceeds(config, "resolverRulesPerRegion", "per account and region", `share fewer services in ${region}`)}`,
      });
    }
  }
  for (const [region, { services }] of Object.entries(config.hub.regions)) {
    if (services.length > quotaOf(config, "interfaceEndpointsPerVpc")) {
      issues.push({
        path: formatPath(["hub", "regions", region, "services"]),
        message: `needs ${count(services.length)} interface endpoints (one per service) in one VPC; ${exceeds(config, "interfaceEndpointsPerVpc", "per VPC", `share fewer services in ${region}`)}`,
      });
    }
  }
  const zonesPerRegion = Object.fromEntries(
    topologyOf(config).hubRegions.map((hub) => [hub.region, hub.zones.length]),
  );
  issues.push(
    ...checkHostedZones(config, zonesPerRegion),
    ...checkSecurityGroupRules(config),
    ...checkMechanismQuotas(config),
  );

  // account/region -> the spokes that associate rules there, and how many each needs: only spokes of
  // regions whose active mechanism is resolver rules (a hub that retires its rules keeps them, but its
  // spokes associate the new mechanism).
  const usage = new Map<
    string,
    { account: string; region: string; rules: number; spokes: { name: string; n: number }[] }
  >();
  for (const spoke of topologyOf(config).spokes) {
    for (const { region, vpcIds, rules: associated } of spoke.regions) {
      if (associated.length === 0) continue;
      const key = `${spoke.accountId}/${region}`;
      const entry = usage.get(key) ?? {
        account: spoke.accountId,
        region,
        rules: associated.length,
        spokes: [],
      };
      entry.spokes.push({ name: spoke.name, n: vpcIds.length * associated.length });
      usage.set(key, entry);
    }
  }
  for (const { account, region, rules: perVpc, spokes } of usage.values()) {
    const total = spokes.reduce((sum, s) => sum + s.n, 0);
    if (total <= quotaOf(config, "ruleAssociationsPerRegion")) continue;
    const breakdown = spokes.map((s) => `${s.name}: ${count(s.n)}`).join(", ");
    issues.push({
      path: formatPath(["spokes", spokes[0].name, "regions", region, "vpcIds"]),
      message: `account ${account} needs ${count(total)} resolver rule associations in ${region} (${breakdown}; VPCs x ${count(perVpc)} rules); ${exceeds(config, "ruleAssociationsPerRegion", "per account and region", "spread the VPCs over more accounts or share fewer services")}`,
    });
  }
  return issues;
}

/** The configuration path that makes a hub region build `mechanism`: its mechanism, or its retiring one. */
function mechanismPath(hub: HubRegionTopology, mechanism: SharingMechanism): string {
  const key = hub.sharing.mechanism === mechanism ? "mechanism" : "retiringMechanism";
  return formatPath(["hub", "regions", hub.region, key]);
}

/**
 * What each mechanism a hub region builds (active or retiring) counts: VPCs per private hosted zone with
 * zone association (every spoke VPC and the hub VPC), VPC associations per Profile (every spoke VPC), and
 * zones per Profile (a fixed limit).
 */
function checkMechanismQuotas(config: VpceShareConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const hub of topologyOf(config).hubRegions) {
    const spokeVpcs = hub.spokeVpcIds.length;
    if (hubBuilds(hub.sharing, "zone-association") && hub.zones.length > 0) {
      const vpcs = spokeVpcs + 1;
      if (vpcs > quotaOf(config, "vpcsPerHostedZone")) {
        issues.push({
          path: mechanismPath(hub, "zone-association"),
          message: `"zone-association" associates each of the ${count(hub.zones.length)} private hosted zones of ${hub.region} with ${count(vpcs)} VPCs (${count(spokeVpcs)} spoke VPCs and the hub VPC); ${exceeds(config, "vpcsPerHostedZone", "per zone", `share ${hub.region} by "profile" (${count(quotaOf(config, "profileVpcAssociations"))} VPCs per Profile) or "resolver-rules"`)}`,
        });
      }
    }
    if (!hubBuilds(hub.sharing, "profile")) continue;
    if (spokeVpcs > quotaOf(config, "profileVpcAssociations")) {
      issues.push({
        path: mechanismPath(hub, "profile"),
        message: `"profile" associates the Route 53 Profile of ${hub.region} with ${count(spokeVpcs)} spoke VPCs; ${exceeds(config, "profileVpcAssociations", "per Profile", "ask AWS to raise it (Service Quotas)")}`,
      });
    }
    const zonesMax = AWS_LIMITS.profileResources.privateHostedZones;
    if (hub.sharing.profileContents !== "endpoints" && hub.zones.length > zonesMax) {
      issues.push({
        path: formatPath(["hub", "regions", hub.region, "services"]),
        message: `puts ${count(hub.zones.length)} private hosted zones in the Route 53 Profile of ${hub.region}; a Profile holds at most ${count(zonesMax)} (a fixed AWS limit): share fewer services in ${hub.region}`,
      });
    }
  }
  return issues;
}

/** Every hub region's zones (those the hub creates, whatever its mechanism) are hosted zones of the one hub account. */
function checkHostedZones(config: VpceShareConfig, zonesPerRegion: Record<string, number>): ConfigIssue[] {
  const total = Object.values(zonesPerRegion).reduce((sum, n) => sum + n, 0);
  if (total <= quotaOf(config, "hostedZonesPerAccount")) return [];
  const largest = Object.entries(zonesPerRegion)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 3)
    .map(([region, n]) => `${region}: ${count(n)}`)
    .join(", ");
  return [
    {
      path: formatPath(["hub", "regions"]),
      message: `needs ${count(total)} private hosted zones in hub account ${config.hub.accountId} over ${count(Object.keys(zonesPerRegion).length)} regions (most: ${largest}), besides the zones the account already has; ${exceeds(config, "hostedZonesPerAccount", "per account", "share fewer services or regions")}`,
    },
  ];
}

/** Every hub region's security groups get their rules per organization CIDR. */
function checkSecurityGroupRules(config: VpceShareConfig): ConfigIssue[] {
  const cidrs = config.organization.cidrs.length;
  // The group and direction with the most rules per CIDR is the first to reach the quota.
  const [group, direction, perCidr] = Object.entries(SECURITY_GROUP_RULES_PER_CIDR)
    .flatMap(([name, rules]) => Object.entries(rules).map(([way, n]) => [name, way, n] as const))
    .reduce((most, next) => (next[2] > most[2] ? next : most));
  const quota = quotaOf(config, "rulesPerSecurityGroup");
  if (cidrs * perCidr <= quota) return [];
  return [
    {
      path: formatPath(["organization", "cidrs"]),
      message: `has ${count(cidrs)} CIDRs, which make ${count(cidrs * perCidr)} ${direction} rules in the ${group} security group of every hub region (${perCidr} per CIDR); ${exceeds(config, "rulesPerSecurityGroup", "each direction", `list at most ${count(Math.floor(quota / perCidr))} CIDRs (summarize adjacent ones)`)}`,
    },
  ];
}
