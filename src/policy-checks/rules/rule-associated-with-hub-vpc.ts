import type { PolicyRule } from "../policy-rule";

/** VPCE-R53-1: a forward rule is never associated with a hub VPC (RSLVR-00804, and a DNS loop). */
export const ruleAssociatedWithHubVpc: PolicyRule = {
  id: "VPCE-R53-1",
  description: "resolver rules are never associated with the hub VPC that holds their inbound endpoint",
  check: (stack, context) =>
    stack.instances("aws_route53_resolver_rule_association").flatMap((association) => {
      const vpcId = association.attribute("vpc_id");
      return typeof vpcId === "string" && context.hubVpcIds.has(vpcId)
        ? [
            {
              address: association.address,
              message: `associates a shared rule with the hub VPC ${vpcId}: a DNS loop that AWS refuses (RSLVR-00804)`,
            },
          ]
        : [];
    }),
};
