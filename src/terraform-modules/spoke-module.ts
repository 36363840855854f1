/** The `spoke` Terraform module: associates every rule of a hub's `resolver_rule_ids` with every VPC. */
import { Construct, TerraformOutput, TerraformStack } from "../framework";
import { SpokeAssociation } from "../constructs/spoke-association/spoke-association";
import { HUB_OUTPUTS } from "../constructs/hub-outputs";
import { VPC_ID } from "../config/formats";
import { matches, moduleSettings, moduleVariable } from "./module-settings";

export class SpokeModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);
    const vpcIds = moduleVariable(this, "vpc_ids", {
      type: "list(string)",
      description:
        "VPCs of the spoke, in the region of the provider. Never the hub VPC: AWS refuses to associate a rule with the VPC of its inbound endpoint (RSLVR-00804).",
      validation: [
        {
          condition: `\${length(distinct(var.vpc_ids)) == length(var.vpc_ids) && alltrue([for v in var.vpc_ids : ${matches(VPC_ID, "v")}])}`,
          errorMessage: 'vpc_ids must list distinct VPC ids like "vpc-0123456789abcdef0".',
        },
      ],
    });
    const ruleIds = moduleVariable(this, HUB_OUTPUTS.resolverRuleIds.name, {
      type: "map(string)",
      description: `The hub's \`${HUB_OUTPUTS.resolverRuleIds.name}\` output: ${HUB_OUTPUTS.resolverRuleIds.description}`,
    });

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
