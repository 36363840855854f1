/**
 * The `spoke-<name>` workspace: for each region of the spoke, reads that region's hub workspace
 * through remote state and associates every shared rule with every listed VPC.
 */
import { Construct } from "constructs";
import { TerraformOutput } from "cdktf";
import { HUB_OUTPUTS, hubStackName, spokeStackName } from "../constructs/hub-outputs";
import { SpokeAssociation } from "../constructs/spoke-association/spoke-association";
import type { VpceShareConfig } from "../config/config-types";
import { hubRegionZones } from "../topology/hub-region-share";
import { WorkspaceStack, accountProvider, configureWorkspace, readWorkspace } from "./workspace";

/** `eu-west-3` -> `eu_west_3`: provider alias, remote state and resource names per region. */
export function regionKey(region: string): string {
  return region.replace(/-/g, "_");
}

export class SpokeStack extends WorkspaceStack {
  public readonly associations: Readonly<Record<string, SpokeAssociation>>;
  /**
   * The hub workspaces this spoke reads, one per region: they must be applied before it and destroyed
   * after it (`cdktf deploy` and `cdktf destroy` order stacks by these, see src/stacks/synthesize.ts).
   */
  public readonly hubStackNames: readonly string[];

  constructor(scope: Construct, config: VpceShareConfig, spokeName: string) {
    super(scope, spokeStackName(spokeName));
    const spoke = config.spokes[spokeName];
    configureWorkspace(this, config);

    const associations: Record<string, SpokeAssociation> = {};
    const regions = Object.keys(spoke.regions).sort();
    this.hubStackNames = regions.map(hubStackName);
    for (const region of regions) {
      const key = regionKey(region);
      const provider = accountProvider(this, `aws_${key}`, {
        region,
        alias: key,
        accountId: spoke.accountId,
        roleArn: spoke.roleArn,
      });
      const hub = readWorkspace(this, `hub_${key}`, hubStackName(region), config);
      associations[region] = new SpokeAssociation(this, `Associations-${region}`, {
        provider,
        name: key,
        vpcIds: spoke.regions[region].vpcIds,
        domains: hubRegionZones(config, region).map((z) => z.domain),
        resolverRuleIds: hub.get(HUB_OUTPUTS.resolverRuleIds.name),
        hubWorkspace: { state: hub, stackName: hubStackName(region), spokeStackName: this.node.id },
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
