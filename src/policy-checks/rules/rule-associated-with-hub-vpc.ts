import type { ConstructionGuarantee } from "../policy-rule";

/** VPCE-R53-1: a forward rule is never associated with a hub VPC (RSLVR-00804, and a DNS loop). */
export const ruleAssociatedWithHubVpc: ConstructionGuarantee = {
  id: "VPCE-R53-1",
  description: "resolver rules are never associated with the hub VPC that holds their inbound endpoint",
  guaranteedBy:
    "spoke stacks associate rules with spokes.<name>.regions.<region>.vpcIds only, and the configuration refuses a hub VPC there",
};
