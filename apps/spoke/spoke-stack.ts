/**
 * The `spoke-<name>` workspace: for each region of the spoke, reads that region's hub workspace
 * through remote state and associates every shared rule with every listed VPC.
 */
import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { HUB_OUTPUTS, hubStackName, spokeStackName } from "../../modules/hub-outputs";
import { privateZones } from "../../modules/service-catalog/private-zones";
import { resolveService } from "../../modules/service-catalog/service-catalog";
import { SpokeAssociation } from "../../modules/spoke-association/spoke-association";
import type { VpceShareConfig } from "../config/config-types";
import { WorkspaceStack, accountProvider, configureWorkspace, readWorkspace } from "../workspace";

/** `eu-west-3` -> `eu_west_3`: provider alias, remote state and resource names per region. */
export function regionKey(region: string): string {
  return region.replace(/-/g, "_");
}

const domainsByConfig = new WeakMap<VpceShareConfig, Map<string, readonly string[]>>();

/**
 * The zone domains the hub shares in `region`: one resolver rule each. Every spoke of the region
 * associates the same ones, so they are computed once per configuration and region, not per spoke.
 */
export function sharedDomains(config: VpceShareConfig, region: string): readonly string[] {
  let byRegion = domainsByConfig.get(config);
  if (!byRegion) domainsByConfig.set(config, (byRegion = new Map()));
  let domains = byRegion.get(region);
  if (!domains) {
    const services = config.hub.regions[region].services.map((s) =>
      resolveService(s, region, config.customServices),
    );
    domains = privateZones(services).map((z) => z.domain);
    byRegion.set(region, domains);
  }
  return domains;
}

export class SpokeStack extends WorkspaceStack {
  public readonly associations: Readonly<Record<string, SpokeAssociation>>;

  constructor(scope: Construct, config: VpceShareConfig, spokeName: string) {
    super(scope, spokeStackName(spokeName));
    const spoke = config.spokes[spokeName];
    configureWorkspace(this, config.terraformCloud);

    const associations: Record<string, SpokeAssociation> = {};
    for (const region of Object.keys(spoke.regions).sort()) {
      const key = regionKey(region);
      const provider = accountProvider(this, `aws_${key}`, {
        region,
        alias: key,
        accountId: spoke.accountId,
        roleArn: spoke.roleArn,
      });
      const hub = readWorkspace(this, `hub_${key}`, hubStackName(region), config.terraformCloud);
      associations[region] = new SpokeAssociation(this, `Associations-${region}`, {
        provider,
        name: key,
        vpcIds: spoke.regions[region].vpcIds,
        domains: sharedDomains(config, region),
        resolverRuleIds: hub.get(HUB_OUTPUTS.resolverRuleIds.name),
      });
    }
    this.associations = associations;

    new TerraformOutput(this, "resolver_rule_association_ids", {
      staticId: true,
      description: 'Resolver rule association id per region, then per "<vpc id>/<zone domain>".',
      value: Object.fromEntries(
        Object.entries(associations).map(([region, a]) => [region, a.associationIds]),
      ),
    });
  }
}
