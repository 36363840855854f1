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
