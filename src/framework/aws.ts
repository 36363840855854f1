/**
 * The AWS provider bindings of the selected framework (select.ts): @cdktf/provider-aws 21.x on cdktf,
 * @cdktn/provider-aws 25.x on cdktn, each resource loaded from its own module (`<package>/lib/<resource>`:
 * the package root loads every AWS resource, 7x slower synthesis). The type names are those of
 * @cdktf/provider-aws; where a binding differed between the two, the difference would be bridged here.
 */
import type * as DataAwsPartitionModule from "@cdktf/provider-aws/lib/data-aws-partition";
import type * as DataAwsRegionModule from "@cdktf/provider-aws/lib/data-aws-region";
import type * as ProviderModule from "@cdktf/provider-aws/lib/provider";
import type * as RamPrincipalAssociationModule from "@cdktf/provider-aws/lib/ram-principal-association";
import type * as RamResourceAssociationModule from "@cdktf/provider-aws/lib/ram-resource-association";
import type * as RamResourceShareModule from "@cdktf/provider-aws/lib/ram-resource-share";
import type * as Route53RecordModule from "@cdktf/provider-aws/lib/route53-record";
import type * as Route53ResolverEndpointModule from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import type * as Route53ResolverQueryLogConfigModule from "@cdktf/provider-aws/lib/route53-resolver-query-log-config";
import type * as Route53ResolverQueryLogConfigAssociationModule from "@cdktf/provider-aws/lib/route53-resolver-query-log-config-association";
import type * as Route53ResolverRuleModule from "@cdktf/provider-aws/lib/route53-resolver-rule";
import type * as Route53ResolverRuleAssociationModule from "@cdktf/provider-aws/lib/route53-resolver-rule-association";
import type * as Route53ProfilesProfileModule from "@cdktf/provider-aws/lib/route53profiles-profile";
import type * as Route53ProfilesResourceAssociationModule from "@cdktf/provider-aws/lib/route53profiles-resource-association";
import type * as Route53VpcAssociationAuthorizationModule from "@cdktf/provider-aws/lib/route53-vpc-association-authorization";
import type * as Route53ZoneModule from "@cdktf/provider-aws/lib/route53-zone";
import type * as Route53ZoneAssociationModule from "@cdktf/provider-aws/lib/route53-zone-association";
import type * as Route53ProfilesAssociationModule from "@cdktf/provider-aws/lib/route53profiles-association";
import type * as SecurityGroupModule from "@cdktf/provider-aws/lib/security-group";
import type * as VpcEndpointModule from "@cdktf/provider-aws/lib/vpc-endpoint";
import type * as VpcSecurityGroupEgressRuleModule from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import type * as VpcSecurityGroupIngressRuleModule from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { FRAMEWORK } from "./select";

/**
 * The provider source a stack declares in `required_providers`: @cdktf/provider-aws 21.x writes `aws`,
 * @cdktn/provider-aws 25.x `hashicorp/aws`, the same provider (registry.terraform.io/hashicorp/aws);
 * stacks declare it one way, so both frameworks synthesize the same stacks.
 */
export const AWS_PROVIDER_SOURCE = "aws";

/** One resource module of the selected bindings. */
function binding<T>(resource: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${FRAMEWORK.awsPackage}/lib/${resource}`) as T;
}

export const { AwsProvider } = binding<typeof ProviderModule>("provider");
export type AwsProvider = ProviderModule.AwsProvider;
export const { DataAwsPartition } = binding<typeof DataAwsPartitionModule>("data-aws-partition");
export type DataAwsPartition = DataAwsPartitionModule.DataAwsPartition;
export const { DataAwsRegion } = binding<typeof DataAwsRegionModule>("data-aws-region");
export type DataAwsRegion = DataAwsRegionModule.DataAwsRegion;
export const { RamPrincipalAssociation } =
  binding<typeof RamPrincipalAssociationModule>("ram-principal-association");
export type RamPrincipalAssociation = RamPrincipalAssociationModule.RamPrincipalAssociation;
export const { RamResourceAssociation } =
  binding<typeof RamResourceAssociationModule>("ram-resource-association");
export type RamResourceAssociation = RamResourceAssociationModule.RamResourceAssociation;
export const { RamResourceShare } = binding<typeof RamResourceShareModule>("ram-resource-share");
export type RamResourceShare = RamResourceShareModule.RamResourceShare;
export const { Route53Record } = binding<typeof Route53RecordModule>("route53-record");
export type Route53Record = Route53RecordModule.Route53Record;
export const { Route53ResolverEndpoint } =
  binding<typeof Route53ResolverEndpointModule>("route53-resolver-endpoint");
export type Route53ResolverEndpoint = Route53ResolverEndpointModule.Route53ResolverEndpoint;
export const { Route53ResolverQueryLogConfig } = binding<typeof Route53ResolverQueryLogConfigModule>(
  "route53-resolver-query-log-config",
);
export type Route53ResolverQueryLogConfig = Route53ResolverQueryLogConfigModule.Route53ResolverQueryLogConfig;
export const { Route53ResolverQueryLogConfigAssociation } = binding<
  typeof Route53ResolverQueryLogConfigAssociationModule
>("route53-resolver-query-log-config-association");
export type Route53ResolverQueryLogConfigAssociation =
  Route53ResolverQueryLogConfigAssociationModule.Route53ResolverQueryLogConfigAssociation;
export const { Route53ResolverRule } = binding<typeof Route53ResolverRuleModule>("route53-resolver-rule");
export type Route53ResolverRule = Route53ResolverRuleModule.Route53ResolverRule;
export const { Route53ResolverRuleAssociation } = binding<typeof Route53ResolverRuleAssociationModule>(
  "route53-resolver-rule-association",
);
export type Route53ResolverRuleAssociation =
  Route53ResolverRuleAssociationModule.Route53ResolverRuleAssociation;
export const { Route53ProfilesProfile } =
  binding<typeof Route53ProfilesProfileModule>("route53profiles-profile");
export type Route53ProfilesProfile = Route53ProfilesProfileModule.Route53ProfilesProfile;
export const { Route53ProfilesResourceAssociation } = binding<
  typeof Route53ProfilesResourceAssociationModule
>("route53profiles-resource-association");
export type Route53ProfilesResourceAssociation =
  Route53ProfilesResourceAssociationModule.Route53ProfilesResourceAssociation;
export const { Route53VpcAssociationAuthorization } = binding<
  typeof Route53VpcAssociationAuthorizationModule
>("route53-vpc-association-authorization");
export type Route53VpcAssociationAuthorization =
  Route53VpcAssociationAuthorizationModule.Route53VpcAssociationAuthorization;
export const { Route53Zone } = binding<typeof Route53ZoneModule>("route53-zone");
export type Route53Zone = Route53ZoneModule.Route53Zone;
export const { Route53ZoneAssociation } =
  binding<typeof Route53ZoneAssociationModule>("route53-zone-association");
export type Route53ZoneAssociation = Route53ZoneAssociationModule.Route53ZoneAssociation;
export const { Route53ProfilesAssociation } = binding<typeof Route53ProfilesAssociationModule>(
  "route53profiles-association",
);
export type Route53ProfilesAssociation = Route53ProfilesAssociationModule.Route53ProfilesAssociation;
export const { SecurityGroup } = binding<typeof SecurityGroupModule>("security-group");
export type SecurityGroup = SecurityGroupModule.SecurityGroup;
export const { VpcEndpoint } = binding<typeof VpcEndpointModule>("vpc-endpoint");
export type VpcEndpoint = VpcEndpointModule.VpcEndpoint;
export const { VpcSecurityGroupEgressRule } = binding<typeof VpcSecurityGroupEgressRuleModule>(
  "vpc-security-group-egress-rule",
);
export type VpcSecurityGroupEgressRule = VpcSecurityGroupEgressRuleModule.VpcSecurityGroupEgressRule;
export const { VpcSecurityGroupIngressRule } = binding<typeof VpcSecurityGroupIngressRuleModule>(
  "vpc-security-group-ingress-rule",
);
export type VpcSecurityGroupIngressRule = VpcSecurityGroupIngressRuleModule.VpcSecurityGroupIngressRule;
