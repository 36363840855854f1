/**
 * The `spoke-<name>` workspace: for each region of the spoke, reads that region's hub workspace
 * through remote state and associates every shared rule with every listed VPC.
 */
import { Construct, TerraformOutput } from "../framework";
import { HUB_OUTPUTS } from "../constructs/hub-outputs";
import { SpokeAssociation } from "../constructs/spoke-association/spoke-association";
import type { VpceShareConfig } from "../config/config-types";
import type { SpokeTopology } from "../topology/topology";
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

  constructor(scope: Construct, config: VpceShareConfig, spoke: SpokeTopology) {
    super(scope, spoke.stackName);
    configureWorkspace(this, config);

    const associations: Record<string, SpokeAssociation> = {};
    this.hubStackNames = spoke.regions.map((r) => r.hubStackName);
    for (const { region, hubStackName, vpcIds, rules } of spoke.regions) {
      const key = regionKey(region);
      const provider = accountProvider(this, `aws_${key}`, {
        region,
        alias: key,
        accountId: spoke.accountId,
        roleArn: spoke.roleArn,
      });
      const hub = readWorkspace(this, `hub_${key}`, hubStackName, config);
      associations[region] = new SpokeAssociation(this, `Associations-${region}`, {
        provider,
        name: key,
        vpcIds,
        domains: rules.map((r) => r.domain),
        resolverRuleIds: hub.get(HUB_OUTPUTS.resolverRuleIds.name),
        hubWorkspace: { state: hub, stackName: hubStackName, spokeStackName: this.node.id },
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
