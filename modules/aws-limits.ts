/**
 * Route 53 Resolver quotas this design runs into, per account and region (AWS defaults; the rule and
 * association quotas can be raised through Service Quotas), and the resolver endpoints' throughput.
 */
export const AWS_LIMITS = {
  /** IP addresses of one resolver endpoint, in at least 2 availability zones. */
  resolverEndpointIps: { min: 2, max: 6 },
  /** Resolver rules per account and region: one per shared zone in the hub. */
  resolverRulesPerRegion: 1000,
  /** Rule-to-VPC associations per account and region: rules x VPCs in each spoke account. */
  ruleAssociationsPerRegion: 2000,
  /**
   * DNS queries per second that one resolver endpoint IP answers: about 10,000, but as low as 1,500
   * when its security group tracks connections (any rule narrower than 0.0.0.0/0 in and out).
   */
  resolverQueriesPerSecondPerIp: { untracked: 10_000, connectionTracked: 1_500 },
} as const;
