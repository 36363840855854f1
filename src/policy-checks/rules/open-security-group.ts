import { securityGroupRuleAddresses } from "../../constructs/hub-region/security-group-rules";
import type { ConfigurationRule } from "../policy-rule";

/** What `organization.cidrs` may not hold: the whole IPv4 internet (the schema admits IPv4 CIDRs only). */
const ANYWHERE = "0.0.0.0/0";

/**
 * VPCE-SG-1: the security groups admit `organization.cidrs` and nothing else, so that CIDR list must not
 * be the whole internet. One finding per rule instance it would open, in every hub region.
 */
export const openSecurityGroup: ConfigurationRule = {
  id: "VPCE-SG-1",
  description: "security group rules admit only the organization's networks, never 0.0.0.0/0 or ::/0",
  check: (topology) =>
    topology.organization.cidrs.flatMap((cidr, i) => {
      if (cidr !== ANYWHERE) return [];
      const configPath = `organization.cidrs[${i}]`;
      return topology.hubRegions.flatMap((hub) =>
        securityGroupRuleAddresses(cidr, hub.extraPorts, hub.rules.length > 0).map((address) => ({
          stack: hub.stackName,
          address,
          configPath,
          message: `${configPath}: admits ${cidr}: anyone who can route to the hub VPC`,
        })),
      );
    }),
};
