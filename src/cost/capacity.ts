/**
 * Whether a hub region's inbound resolver endpoint answers the expected peak of DNS queries.
 *
 * One resolver IP answers about 10,000 queries per second, but only about 1,500 when its security group
 * tracks connections. Our resolver security group admits DNS from the organization's CIDRs only, so
 * connections are tracked unless those CIDRs include 0.0.0.0/0 (rules open both ways). AWS advises
 * adding IPs once the queries reach half of what the endpoint answers ("Resolver endpoint scaling"
 * best practices), so we plan for the peak to stay at or under 50%. A Profile and zone association
 * answer in each spoke VPC's own Resolver: no endpoint, no such limit.
 */
import { AWS_LIMITS } from "../catalog/aws-limits";

const ALL_IPV4 = "0.0.0.0/0";
const RESOLVER_IPS = AWS_LIMITS.resolverEndpointIps;
const QUERIES_PER_IP = AWS_LIMITS.resolverQueriesPerSecondPerIp;

/** The share of an endpoint's capacity at which AWS advises adding IPs. */
export const SCALE_AT_SHARE = 0.5;

export interface ResolverCapacity {
  readonly inboundResolverIps: number;
  readonly connectionTracked: boolean;
  readonly queriesPerSecondPerIp: number;
  readonly capacityQueriesPerSecond: number;
  /** SCALE_AT_SHARE of the capacity: the peak to plan for. */
  readonly scaleAtQueriesPerSecond: number;
  /** Absent: the configuration gives no peak, so nothing is checked. */
  readonly peakQueriesPerSecond?: number;
  /** Set when the peak exceeds the share to plan for: the IPs it needs, at most the AWS maximum. */
  readonly recommendedInboundResolverIps?: number;
  /** Set when the peak exceeds the share to plan for even with the most IPs AWS allows. */
  readonly exceedsMaximum?: boolean;
  /** Set when the peak exceeds what the most IPs AWS allows answer at all: resolver rules cannot carry it. */
  readonly exceedsMaximumCapacity?: boolean;
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
    scaleAtQueriesPerSecond: capacity * SCALE_AT_SHARE,
  };
  const peak = input.peakQueriesPerSecond;
  if (peak === undefined) return base;
  if (peak <= base.scaleAtQueriesPerSecond) return { ...base, peakQueriesPerSecond: peak };
  const needed = Math.max(RESOLVER_IPS.min, Math.ceil(peak / (perIp * SCALE_AT_SHARE)));
  return {
    ...base,
    peakQueriesPerSecond: peak,
    recommendedInboundResolverIps: Math.min(needed, RESOLVER_IPS.max),
    exceedsMaximum: needed > RESOLVER_IPS.max,
    exceedsMaximumCapacity: peak > RESOLVER_IPS.max * perIp,
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
  const shortfall = `peak of ${n(peak)} queries/s exceeds ${n(capacity.scaleAtQueriesPerSecond)}, half of the ${n(capacity.capacityQueriesPerSecond)} that ${capacity.inboundResolverIps} inbound resolver IPs answer (${n(capacity.queriesPerSecondPerIp)} each; AWS advises adding IPs at half)`;
  const subnets = `hub.regions.${region}.subnetIds`;
  if (capacity.exceedsMaximum) {
    const most = RESOLVER_IPS.max * capacity.queriesPerSecondPerIp;
    return `${region}: ${shortfall}; even ${RESOLVER_IPS.max} IPs, the most a resolver endpoint takes, answer only ${n(most)} (half: ${n(most * SCALE_AT_SHARE)}): use ${RESOLVER_IPS.max} (one per hub subnet: list ${RESOLVER_IPS.max} subnets in ${subnets}), a Profile or zone association, or keep local endpoints in the busiest spoke VPCs`;
  }
  return `${region}: ${shortfall}; use ${recommended} inbound resolver IPs (one per hub subnet: list ${recommended} subnets in ${subnets})`;
}
