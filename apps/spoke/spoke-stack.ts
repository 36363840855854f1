/**
 * The `spoke-<name>` workspace: for each region of the spoke, reads that region's hub workspace
 * through remote state and associates every shared rule with every listed VPC.
 */
import { Construct } from "constructs";
import { TerraformOutput, TerraformStack } from "cdktf";
import { HUB_OUTPUTS, hubStackName, spokeStackName } from "../../modules/hub-outputs";
import { privateZones } from "../../modules/service-catalog/private-zones";
import { resolveService } from "../../modules/service-catalog/service-catalog";
import { SpokeAssociation } from "../../modules/spoke-association/spoke-association";
import type { VpceShareConfig } from "../config/config-types";
import { accountProvider, configureWorkspace, readWorkspace } from "../workspace";

/** `eu-west-3` -> `eu_west_3`: provider alias, remote state and resource names per region. */
export function regionKey(region: string): string {
  return region.replace(/-/g, "_");
}

export class SpokeStack extends TerraformStack {
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
      const services = config.hub.regions[region].services.map((s) =>
        resolveService(s, region, config.customServices),
      );
      associations[region] = new SpokeAssociation(this, `Associations-${region}`, {
        provider,
        name: key,
        vpcIds: spoke.regions[region].vpcIds,
        domains: privateZones(services).map((z) => z.domain),
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
