/**
 * The spoke Terraform modules, one per sharing mechanism of the hub region: `spoke` associates every
 * rule of a hub's `resolver_rule_ids` with every VPC, `spoke-profile` associates the hub's Route 53
 * Profile with every VPC, `spoke-zone-association` associates every zone of the hub's
 * `private_hosted_zone_ids` with every VPC.
 */
import { Construct, TerraformOutput, TerraformStack, TerraformVariable, Token } from "../framework";
import { SpokeAssociation } from "../constructs/spoke-association/spoke-association";
import { ProfileAssociation } from "../constructs/spoke-association/profile-association";
import { ZoneAssociation } from "../constructs/spoke-association/zone-association";
import { HUB_OUTPUTS, HubOutputKey } from "../constructs/hub-outputs";
import { VPC_ID } from "../config/formats";
import { matches, moduleSettings, moduleVariable } from "./module-settings";

/** `vpc_ids`, held to the configuration schema's VPC id pattern. */
function vpcIdsVariable(stack: TerraformStack, description: string): TerraformVariable {
  return moduleVariable(stack, "vpc_ids", {
    type: "list(string)",
    description,
    validation: [
      {
        condition: `\${length(distinct(var.vpc_ids)) == length(var.vpc_ids) && alltrue([for v in var.vpc_ids : ${matches(VPC_ID, "v")}])}`,
        errorMessage: 'vpc_ids must list distinct VPC ids like "vpc-0123456789abcdef0".',
      },
    ],
  });
}

/** The hub output a spoke module takes, as a variable of the same name. */
function hubOutputVariable(stack: TerraformStack, key: HubOutputKey, type: string): TerraformVariable {
  const output = HUB_OUTPUTS[key];
  return moduleVariable(stack, output.name, {
    type,
    description: `The hub's \`${output.name}\` output: ${output.description}`,
  });
}

export class SpokeModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);
    const vpcIds = vpcIdsVariable(
      this,
      "VPCs of the spoke, in the region of the provider. Never the hub VPC: AWS refuses to associate a rule with the VPC of its inbound endpoint (RSLVR-00804).",
    );
    const ruleIds = hubOutputVariable(this, "resolverRuleIds", "map(string)");

    const associations = new SpokeAssociation(this, "Associations", {
      vpcIds: vpcIds.listValue,
      resolverRuleIds: ruleIds.value,
    });
    new TerraformOutput(this, "association_ids", {
      staticId: true,
      value: associations.associationIds,
      description: 'Resolver rule association id per "<vpc id>/<zone domain>".',
    });
  }
}

export class SpokeProfileModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);
    const vpcIds = vpcIdsVariable(
      this,
      "VPCs of the spoke, in the region of the provider, each associated with the hub's Profile. A VPC takes one Profile: AWS refuses a second.",
    );
    const profileId = hubOutputVariable(this, "route53ProfileId", "string");
    const tags = moduleVariable(this, "tags", {
      type: "map(string)",
      default: {},
      description: "Tags on every Profile association.",
    });

    const associations = new ProfileAssociation(this, "Associations", {
      vpcIds: vpcIds.listValue,
      profileId: profileId.stringValue,
      tags: Token.asStringMap(tags.value),
    });
    new TerraformOutput(this, "association_ids", {
      staticId: true,
      value: associations.associationIds,
      description: "Route 53 Profile association id per VPC id.",
    });
  }
}

export class SpokeZoneAssociationModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);
    const vpcIds = vpcIdsVariable(
      this,
      "VPCs of the spoke, in the region of the provider, each associated with every zone of the hub (which must authorize each pair first).",
    );
    const zoneIds = hubOutputVariable(this, "privateHostedZoneIds", "map(string)");

    const associations = new ZoneAssociation(this, "Associations", {
      vpcIds: vpcIds.listValue,
      privateHostedZoneIds: zoneIds.value,
    });
    new TerraformOutput(this, "association_ids", {
      staticId: true,
      value: associations.associationIds,
      description: 'Private hosted zone association id per "<vpc id>/<zone domain>".',
    });
  }
}
