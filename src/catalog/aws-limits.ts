/**
 * The AWS limits this design runs into: the fixed ones (AWS_LIMITS), and the quotas that AWS raises on
 * request (AWS_QUOTAS, AWS defaults), which a configuration may declare raised in `quotas`.
 */
export const AWS_LIMITS = {
  /** IP addresses of one resolver endpoint, in at least 2 availability zones. */
  resolverEndpointIps: { min: 2, max: 6 },
  /**
   * DNS queries per second that one resolver endpoint IP answers: about 10,000, but as low as 1,500
   * when its security group tracks connections (any rule narrower than 0.0.0.0/0 in and out).
   */
  resolverQueriesPerSecondPerIp: { untracked: 10_000, connectionTracked: 1_500 },
  /**
   * Resources one Route 53 Profile holds (fixed): private hosted zones and resolver rules (Route 53
   * Profiles API reference; ../shared/aws/SHARING-MODES.md).
   */
  profileResources: { privateHostedZones: 5_000, resolverRules: 1_000 },
} as const;

/** A quota that AWS raises on request (Service Quotas, or a support case). */
export interface AwsQuota {
  /** The AWS default. */
  readonly default: number;
  /** The AWS service and the quota's name there, as the Service Quotas console shows it. */
  readonly awsName: string;
  /** What one unit is, and what it is counted over. */
  readonly counts: string;
}

/** The quotas the configuration is checked against (src/config/aws-limit-checks.ts), keyed by the name `quotas` uses. */
export const AWS_QUOTAS = {
  resolverRulesPerRegion: {
    default: 1000,
    awsName: 'Route 53 Resolver "Rules per AWS Region"',
    counts: "resolver rules (one per shared zone) of the hub account in one region",
  },
  ruleAssociationsPerRegion: {
    default: 2000,
    awsName: 'Route 53 Resolver "Associations between rules and VPCs per AWS Region"',
    counts: "rule-to-VPC associations of one spoke account in one region (rules x VPCs)",
  },
  hostedZonesPerAccount: {
    default: 500,
    awsName: 'Route 53 "Hosted zones"',
    counts: "hosted zones of the hub account, public and private, over every region",
  },
  interfaceEndpointsPerVpc: {
    default: 50,
    awsName: 'Amazon VPC "Interface and Gateway Load Balancer endpoints per VPC" (L-29B6F2EB)',
    counts: "interface endpoints (one per service) in one hub VPC",
  },
  rulesPerSecurityGroup: {
    default: 60,
    awsName: 'Amazon VPC "Inbound or outbound rules per security group" (L-0EA8095F)',
    counts: "inbound rules, and separately outbound rules, of one security group",
  },
  vpcsPerHostedZone: {
    default: 300,
    awsName: 'Route 53 "VPCs that you can associate with a private hosted zone"',
    counts: "VPCs associated with one private hosted zone (the spoke VPCs of its region and the hub VPC)",
  },
  profileVpcAssociations: {
    default: 1000,
    awsName: 'Route 53 Profiles "VPC associations per Profile"',
    counts: "VPCs associated with one Route 53 Profile (the spoke VPCs of its region)",
  },
} as const satisfies Record<string, AwsQuota>;

export type AwsQuotaName = keyof typeof AWS_QUOTAS;
