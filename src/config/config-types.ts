/**
 * The validated, normalized configuration that the apps build stacks from.
 * `load-config.ts` turns the user's JSON file into this shape (defaults filled in) or fails with a
 * `ConfigError` that lists every problem with its config path.
 */
export type { PolicySuppression } from "../policy-checks/policy-checks";
import type { PolicySuppression } from "../policy-checks/policy-checks";
import type { AwsQuotaName } from "../catalog/aws-limits";

export interface VpceShareConfig {
  readonly organization: OrganizationConfig;
  readonly hub: HubConfig;
  /** Keyed by spoke name; each spoke is one `spoke-<name>` workspace. Default: no spokes. */
  readonly spokes: Readonly<Record<string, SpokeConfig>>;
  /** Absent: local state next to the project, relative paths only. */
  readonly terraformCloud?: TerraformCloudConfig;
  /** Applied to every taggable resource. Default: no tags. */
  readonly tags: Readonly<Record<string, string>>;
  /** Policy check findings accepted on purpose, each with a written reason. Default: none. */
  readonly policySuppressions: readonly PolicySuppression[];
  /** Services that the catalog does not know (or knows wrongly), keyed by the short name used in `services`. */
  readonly customServices: Readonly<Record<string, CustomServiceConfig>>;
  /** AWS quotas raised for the accounts; absent ones are AWS's defaults (src/catalog/aws-limits.ts). */
  readonly quotas?: Readonly<Partial<Record<AwsQuotaName, number>>>;
}

export interface OrganizationConfig {
  /** `arn:<partition>:organizations::<management account>:organization/o-xxxxxxxxxx` */
  readonly arn: string;
  /** `o-xxxxxxxxxx`, taken from `arn`. */
  readonly id: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, taken from `arn`. */
  readonly partition: string;
  /** IPv4 CIDRs of every network that may use the shared endpoints (security groups admit only these). */
  readonly cidrs: readonly string[];
}

export interface HubConfig {
  readonly accountId: string;
  /** Role that Terraform assumes in the hub account. Default: the caller's credentials. */
  readonly roleArn?: string;
  /** Organization, OU ARNs or account ids that receive the rules through RAM. Default: `[organization.arn]`. */
  readonly shareWith: readonly string[];
  /** Keyed by region code; each region is one `hub-<region>` workspace. */
  readonly regions: Readonly<Record<string, HubRegionConfig>>;
  /** IAM policy documents that replace the organization-only endpoint policy, by service short name. */
  readonly endpointPolicies?: Readonly<Record<string, object>>;
}

export interface HubRegionConfig {
  readonly vpcId: string;
  /** 2 to 6 subnets in distinct availability zones: one endpoint ENI and one resolver IP in each. */
  readonly subnetIds: readonly string[];
  /** Pinned inbound resolver IPs, the i-th in the i-th subnet. Default: AWS picks them. */
  readonly inboundResolverIps?: readonly string[];
  /** Short service names (`ec2`, `ecr.dkr`, ...), from the catalog or `customServices`. */
  readonly services: readonly string[];
  /** Expected traffic, for the cost and capacity planner (`npm run cost`) only. */
  readonly traffic?: TrafficConfig;
  /** CloudWatch Logs group, S3 bucket or Firehose stream ARN for resolver query logs. Default: none. */
  readonly queryLogDestinationArn?: string;
}

/** Figures of one hub region's expected traffic; absent ones count as 0 (peak: not checked). */
export interface TrafficConfig {
  /** DNS queries a month to the shared names, in millions (each passes both resolver endpoints). */
  readonly queriesMillionsPerMonth?: number;
  /** GB a month from the spokes to the hub endpoints, over the transit gateway. */
  readonly transferGbPerMonth?: number;
  /** Peak DNS queries per second, against the inbound resolver IPs' capacity. */
  readonly peakQueriesPerSecond?: number;
}

export interface SpokeConfig {
  readonly accountId: string;
  /** Role that Terraform assumes in the spoke account. Default: the caller's credentials. */
  readonly roleArn?: string;
  /** Keyed by region code; every region must be a hub region. */
  readonly regions: Readonly<Record<string, SpokeRegionConfig>>;
}

export interface SpokeRegionConfig {
  readonly vpcIds: readonly string[];
}

export interface TerraformCloudConfig {
  readonly organization: string;
  /** Workspace name = prefix + stack name. Default: "". */
  readonly workspacePrefix: string;
  /** Default: app.terraform.io. */
  readonly hostname: string;
}

export interface CustomServiceConfig {
  /** Endpoint service name; `{region}` is replaced by the hub region. */
  readonly serviceName: string;
  /** Private DNS names, `*.` wildcards allowed; `{region}` is replaced by the hub region. */
  readonly privateDnsNames: readonly string[];
  /** Whether the service accepts a VPC endpoint policy. Default: true. */
  readonly endpointPolicy: boolean;
}
