/**
 * The security group rules a hub region creates per organization CIDR, by group and direction: the
 * construct (hub-region.ts) builds its rules from these, and the configuration's quota check
 * (src/config/aws-limit-checks.ts, rules per security group) counts them.
 */

/** DNS reaches the resolver endpoints over both. */
export const DNS_PROTOCOLS = ["tcp", "udp"] as const;

/** Rules per organization CIDR: HTTPS into the endpoints; DNS into and out of the resolver endpoints. */
export const SECURITY_GROUP_RULES_PER_CIDR = {
  endpoints: { inbound: 1, outbound: 0 },
  resolver: { inbound: DNS_PROTOCOLS.length, outbound: DNS_PROTOCOLS.length },
} as const;

/** Names of the hub region's security group rule resources (`for_each` keyed by CIDR, or CIDR and port). */
export const SECURITY_GROUP_RULE_NAMES = {
  endpointsHttps: "endpoints_https",
  endpointsPorts: "endpoints_ports",
  resolverDns: (protocol: (typeof DNS_PROTOCOLS)[number]) => `resolver_dns_${protocol}`,
} as const;

/** `"10.0.0.0/8 tcp/587"`: the key of an endpoint rule for a port besides 443. */
export function endpointPortRuleKey(cidr: string, port: number | string): string {
  return `${cidr} tcp/${port}`;
}

/**
 * The Terraform addresses of every security group rule a hub region creates for one organization CIDR,
 * given the endpoints' ports besides 443 and whether it has resolver endpoints (resolver rules only):
 * what that CIDR is admitted through.
 */
export function securityGroupRuleAddresses(
  cidr: string,
  extraPorts: readonly number[],
  resolverEndpoints = true,
): string[] {
  const at = (type: string, name: string, key: string) => `${type}.${name}[${JSON.stringify(key)}]`;
  const ingress = "aws_vpc_security_group_ingress_rule";
  const egress = "aws_vpc_security_group_egress_rule";
  return [
    at(ingress, SECURITY_GROUP_RULE_NAMES.endpointsHttps, cidr),
    ...extraPorts.map((port) =>
      at(ingress, SECURITY_GROUP_RULE_NAMES.endpointsPorts, endpointPortRuleKey(cidr, port)),
    ),
    ...(resolverEndpoints ? DNS_PROTOCOLS : []).flatMap((protocol) => [
      at(ingress, SECURITY_GROUP_RULE_NAMES.resolverDns(protocol), cidr),
      at(egress, SECURITY_GROUP_RULE_NAMES.resolverDns(protocol), cidr),
    ]),
  ];
}
