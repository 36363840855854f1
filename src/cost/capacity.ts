/**
 * Whether a hub region's inbound resolver endpoint answers the expected peak of DNS queries.
 *
 * One resolver IP answers about 10,000 queries per second, but only about 1,500 when its security group
 * tracks connections. Our resolver security group admits DNS from the organization's CIDRs only, so
 * connections are tracked unless those CIDRs include 0.0.0.0/0 (rules open both ways).
 */
import { AWS_LIMITS } from "../catalog/aws-limits";

const ALL_IPV4 = "0.0.0.0/0";
const RESOLVER_IPS = AWS_LIMITS.resolverEndpointIps;
const QUERIES_PER_IP = AWS_LIMITS.resolverQueriesPerSecondPerIp;

export interface ResolverCapacity {
  readonly inboundResolverIps: number;
  readonly connectionTracked: boolean;
  readonly queriesPerSecondPerIp: number;
  readonly capacityQueriesPerSecond: number;
  /** Absent: the configuration gives no peak, so nothing is checked. */
  readonly peakQueriesPerSecond?: number;
  /** Set when the peak exceeds the capacity: the IPs it needs, at most the AWS maximum. */
  readonly recommendedInboundResolverIps?: number;
  /** Set when the peak exceeds the capacity even with the most IPs AWS allows. */
  readonly exceedsMaximum?: boolean;
}

/** Whether the resolver security group, which admits only `organizationCidrs`, tracks connections. */
export function connectionTracked(organizationCidrs: readonly string[]): boolean {
  return !organizationCidrs.includes(ALL_IPV4);
}

/** Queries per second that one resolver IP answers behind our security group. */
export function queriesPerSecondPerIp(organizationCidrs: readonly string[]): number {
  return connectionTracked(organizationCidrs) ? QUERIES_PER_IP.connectionTracked : QUERIES_PER_IP.untracked;
}

export function resolverCapacity(input: {
  readonly inboundResolverIps: number;
  readonly organizationCidrs: readonly string[];
  readonly peakQueriesPerSecond?: number;
}): ResolverCapacity {
  const perIp = queriesPerSecondPerIp(input.organizationCidrs);
  const capacity = input.inboundResolverIps * perIp;
  const base = {
    inboundResolverIps: input.inboundResolverIps,
    connectionTracked: connectionTracked(input.organizationCidrs),
    queriesPerSecondPerIp: perIp,
    capacityQueriesPerSecond: capacity,
  };
  const peak = input.peakQueriesPerSecond;
  if (peak === undefined) return base;
  if (peak <= capacity) return { ...base, peakQueriesPerSecond: peak };
  const needed = Math.max(RESOLVER_IPS.min, Math.ceil(peak / perIp));
  return {
    ...base,
    peakQueriesPerSecond: peak,
    recommendedInboundResolverIps: Math.min(needed, RESOLVER_IPS.max),
    exceedsMaximum: needed > RESOLVER_IPS.max,
  };
}

/** Why the capacity per IP is what it is, for reports. */
export function trackingExplanation(organizationCidrs: readonly string[]): string {
  return connectionTracked(organizationCidrs)
    ? `the resolver security group admits only organization.cidrs (${organizationCidrs.join(", ")}), so it tracks connections`
    : `organization.cidrs includes ${ALL_IPV4}: the resolver security group is assumed open both ways, so not to track connections`;
}

/** The warning for a region whose peak exceeds its capacity; undefined when it fits or is unknown. */
export function capacityWarning(region: string, capacity: ResolverCapacity): string | undefined {
  const { recommendedInboundResolverIps: recommended, peakQueriesPerSecond: peak } = capacity;
  if (recommended === undefined || peak === undefined) return undefined;
  const n = (value: number) => value.toLocaleString("en-US");
  const shortfall = `peak of ${n(peak)} queries/s exceeds the ${n(capacity.capacityQueriesPerSecond)} that ${capacity.inboundResolverIps} inbound resolver IPs answer (${n(capacity.queriesPerSecondPerIp)} each)`;
  const subnets = `hub.regions.${region}.subnetIds`;
  if (capacity.exceedsMaximum) {
    return `${region}: ${shortfall}; even ${RESOLVER_IPS.max} IPs, the most a resolver endpoint takes, answer only ${n(RESOLVER_IPS.max * capacity.queriesPerSecondPerIp)}: use ${RESOLVER_IPS.max} (one per hub subnet: list ${RESOLVER_IPS.max} subnets in ${subnets}) and keep local endpoints in the busiest spoke VPCs`;
  }
  return `${region}: ${shortfall}; use ${recommended} inbound resolver IPs (one per hub subnet: list ${recommended} subnets in ${subnets})`;
}
