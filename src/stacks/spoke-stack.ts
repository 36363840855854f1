/**
 * The `spoke-<name>` workspace: for each region of the spoke, reads that region's hub workspace
 * through remote state and associates with every listed VPC what the region's mechanism shares: every
 * resolver rule, the Route 53 Profile, or every private hosted zone.
 */
import { Construct, TerraformOutput } from "../framework";
import { HUB_OUTPUTS } from "../constructs/hub-outputs";
import { SpokeAssociation } from "../constructs/spoke-association/spoke-association";
import { ProfileAssociation } from "../constructs/spoke-association/profile-association";
import { ZoneAssociation } from "../constructs/spoke-association/zone-association";
import type { SharingMechanism } from "../topology/sharing-mechanism";
import type { VpceShareConfig } from "../config/config-types";
import type { SpokeTopology } from "../topology/topology";
import { WorkspaceStack, accountProvider, configureWorkspace, readWorkspace } from "./workspace";

/** `eu-west-3` -> `eu_west_3`: provider alias, remote state and resource names per region. */
export function regionKey(region: string): string {
  return region.replace(/-/g, "_");
}

/** What a spoke region associates with each VPC, per its hub region's mechanism. */
export type RegionAssociation = SpokeAssociation | ProfileAssociation | ZoneAssociation;

/** The output of each mechanism's association ids: region -> key -> id. */
const ASSOCIATION_OUTPUTS: Readonly<Record<SharingMechanism, { name: string; description: string }>> = {
  "resolver-rules": {
    name: "resolver_rule_association_ids",
    description: 'Resolver rule association id per region, then per "<vpc id>/<zone domain>".',
  },
  profile: {
    name: "profile_association_ids",
    description: "Route 53 Profile association id per region, then per VPC id.",
  },
  "zone-association": {
    name: "zone_association_ids",
    description: 'Private hosted zone association id per region, then per "<vpc id>/<zone domain>".',
  },
};

export class SpokeStack extends WorkspaceStack {
  /** Per region: what its VPCs associate (the construct of the hub region's mechanism). */
  public readonly associations: Readonly<Record<string, RegionAssociation>>;
  /**
   * The hub workspaces this spoke reads, one per region: they must be applied before it and destroyed
   * after it (`cdktf deploy` and `cdktf destroy` order stacks by these, see src/stacks/synthesize.ts).
   */
  public readonly hubStackNames: readonly string[];

  constructor(scope: Construct, config: VpceShareConfig, spoke: SpokeTopology) {
    super(scope, spoke.stackName);
    configureWorkspace(this, config);

    const associations: Record<string, RegionAssociation> = {};
    const byMechanism = new Map<SharingMechanism, Record<string, string>>();
    this.hubStackNames = spoke.regions.map((r) => r.hubStackName);
    for (const { region, hubStackName, mechanism, vpcIds, rules, zones } of spoke.regions) {
      const key = regionKey(region);
      const provider = accountProvider(this, `aws_${key}`, {
        region,
        alias: key,
        accountId: spoke.accountId,
        roleArn: spoke.roleArn,
      });
      const hub = readWorkspace(this, `hub_${key}`, hubStackName, config);
      const hubWorkspace = { state: hub, stackName: hubStackName, spokeStackName: this.node.id };
      let association: RegionAssociation;
      switch (mechanism) {
        case "resolver-rules":
          association = new SpokeAssociation(this, `Associations-${region}`, {
            provider,
            name: key,
            vpcIds,
            domains: rules.map((r) => r.domain),
            resolverRuleIds: hub.get(HUB_OUTPUTS.resolverRuleIds.name),
            hubWorkspace,
          });
          break;
        case "profile":
          association = new ProfileAssociation(this, `ProfileAssociations-${region}`, {
            provider,
            name: key,
            vpcIds,
            profileId: hub.getString(HUB_OUTPUTS.route53ProfileId.name),
            tags: config.tags,
            hubWorkspace,
          });
          break;
        case "zone-association":
          association = new ZoneAssociation(this, `ZoneAssociations-${region}`, {
            provider,
            name: key,
            vpcIds,
            domains: zones.map((z) => z.domain),
            privateHostedZoneIds: hub.get(HUB_OUTPUTS.privateHostedZoneIds.name),
            hubWorkspace,
          });
          break;
      }
      associations[region] = association;
      const ids = byMechanism.get(mechanism) ?? {};
      ids[region] = association.associationIds;
      byMechanism.set(mechanism, ids);
    }
    this.associations = associations;

    for (const [mechanism, { name, description }] of Object.entries(ASSOCIATION_OUTPUTS)) {
      const ids = byMechanism.get(mechanism as SharingMechanism);
      if (ids) new TerraformOutput(this, name, { staticId: true, description, value: ids });
    }
  }
}
