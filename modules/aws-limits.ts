/**
 * Route 53 Resolver quotas this design runs into, per account and region (AWS defaults; the rule and
 * association quotas can be raised through Service Quotas).
 */
export const AWS_LIMITS = {
  /** IP addresses of one resolver endpoint, in at least 2 availability zones. */
  resolverEndpointIps: { min: 2, max: 6 },
  /** Resolver rules per account and region: one per shared zone in the hub. */
  resolverRulesPerRegion: 1000,
  /** Rule-to-VPC associations per account and region: rules x VPCs in each spoke account. */
  ruleAssociationsPerRegion: 2000,
} as const;
