import type { PolicyRule } from "../policy-rule";

const RULE_TYPES = ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"];
const ANYWHERE = new Set(["0.0.0.0/0", "::/0"]);

/** VPCE-SG-1: no security group rule of ours is open to the whole internet. */
export const openSecurityGroup: PolicyRule = {
  id: "VPCE-SG-1",
  description: "security group rules admit only the organization's networks, never 0.0.0.0/0 or ::/0",
  check: (stack) =>
    RULE_TYPES.flatMap((type) => stack.instances(type)).flatMap((rule) => {
      const cidrs = [rule.attribute("cidr_ipv4"), rule.attribute("cidr_ipv6")];
      const open = cidrs.find((cidr) => typeof cidr === "string" && ANYWHERE.has(cidr));
      return open ? [{ address: rule.address, message: `admits ${open}: anyone who can route to it` }] : [];
    }),
};
