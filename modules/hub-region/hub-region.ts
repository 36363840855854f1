/**
 * One hub region: interface endpoints with private DNS disabled, a private hosted zone per private DNS
 * name with alias records to the endpoints, inbound and outbound resolver endpoints, one FORWARD rule per
 * zone to the inbound endpoint, and a RAM share of every rule.
 *
 * Collections are `for_each` resources over named locals keyed by service short name, zone domain,
 * record name, CIDR or principal, so addresses read `aws_vpc_endpoint.this["ecr.dkr"]` and adding,
 * removing or reordering one item never touches another item's resources.
 */
import { Construct } from "constructs";
import {
  TerraformElement,
  TerraformIterator,
  TerraformLocal,
  TerraformResource,
  TerraformStack,
} from "cdktf";
import { RamPrincipalAssociation } from "@cdktf/provider-aws/lib/ram-principal-association";
import { RamResourceAssociation } from "@cdktf/provider-aws/lib/ram-resource-association";
import { RamResourceShare } from "@cdktf/provider-aws/lib/ram-resource-share";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53ResolverEndpoint } from "@cdktf/provider-aws/lib/route53-resolver-endpoint";
import { Route53ResolverRule } from "@cdktf/provider-aws/lib/route53-resolver-rule";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { AWS_LIMITS } from "../aws-limits";
import type { ResolvedService } from "../service-catalog/service-catalog";
import { PrivateZone, privateZones } from "../service-catalog/private-zones";

const { min: MIN_RESOLVER_IPS, max: MAX_RESOLVER_IPS } = AWS_LIMITS.resolverEndpointIps;
const DNS_PORT = 53;
const HTTPS_PORT = 443;
/** Resolver rule names: letters, digits, `-`, `_` and spaces, 64 characters at most. */
const RULE_NAME_MAX = 64;

export interface HubRegionProps {
  /** The hub VPC that holds the endpoints, the zones and the resolver endpoints. */
  readonly vpcId: string;
  /** 2 to 6 subnets in distinct availability zones: one endpoint ENI and one resolver IP in each. */
  readonly subnetIds: readonly string[];
  /** The services to share, resolved for this region (see `resolveService`). */
  readonly services: readonly ResolvedService[];
  /** IPv4 CIDRs allowed to reach the endpoints (443) and the inbound resolver (53 tcp/udp). */
  readonly organizationCidrs: readonly string[];
  /** Principals the rules are shared with: organization ARN, OU ARNs or account ids. */
  readonly shareWith: readonly string[];
  /**
   * Pinned inbound resolver IPs, the i-th in the i-th subnet.
   * @default - AWS assigns them (and assigns new ones when the endpoint is re-created; the rules follow)
   */
  readonly inboundResolverIps?: readonly string[];
  /** @default - no tags but `Name` */
  readonly tags?: Readonly<Record<string, string>>;
  /** @default "vpce-share" - prefix of every resource name */
  readonly namePrefix?: string;
}

export class HubRegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HubRegionError";
  }
}

export class HubRegion extends Construct {
  /** Zones in domain order: what the rules, records and outputs are keyed by. */
  public readonly zones: readonly PrivateZone[];
  /** Terraform expressions for the hub output contract (see hub-outputs.ts). */
  public readonly resolverRuleIds: string;
  public readonly inboundResolverIps: string | readonly string[];
  public readonly endpointIds: string;
  public readonly privateHostedZoneIds: string;
  public readonly ramResourceShareArn: string;

  constructor(scope: Construct, id: string, props: HubRegionProps) {
    super(scope, id);
    validateProps(props);
    const stack = TerraformStack.of(this);
    if (stack.node.findAll().some((c) => c instanceof HubRegion && c !== this)) {
      throw new HubRegionError(`stack ${stack.node.id} already has a hub region: use one stack per region`);
    }
    const prefix = props.namePrefix ?? "vpce-share";
    const tagged = (name: string) => ({ ...props.tags, Name: name });
    this.zones = privateZones(props.services);

    // The maps every collection is keyed by, once each.
    const endpointsLocal = namedLocal(
      this,
      "endpoints",
      Object.fromEntries(props.services.map((s) => [s.name, { service_name: s.serviceName }])),
    );
    const zonesLocal = namedLocal(
      this,
      "zones",
      Object.fromEntries(
        this.zones.map((z) => [
          z.domain,
          { service: z.service, rule_name: resolverRuleName(prefix, z.domain) },
        ]),
      ),
    );
    const recordsLocal = namedLocal(
      this,
      "records",
      Object.fromEntries(
        this.zones.flatMap((z) => z.records.map((name) => [name, { zone: z.domain, service: z.service }])),
      ),
    );
    const cidrs = toSet(props.organizationCidrs);

    // Interface endpoints, private DNS off: our zones answer the names instead (ConflictingDomainExists).
    const endpointSecurityGroup = named(
      new SecurityGroup(this, "EndpointSecurityGroup", {
        name: `${prefix}-endpoints`,
        description: "Shared interface endpoints: HTTPS from the organization",
        vpcId: props.vpcId,
        tags: tagged(`${prefix}-endpoints`),
      }),
      "endpoints",
    );
    const httpsIngress = TerraformIterator.fromMap(cidrs);
    named(
      new VpcSecurityGroupIngressRule(this, "EndpointHttpsIngress", {
        forEach: httpsIngress,
        securityGroupId: endpointSecurityGroup.id,
        cidrIpv4: httpsIngress.key,
        ipProtocol: "tcp",
        fromPort: HTTPS_PORT,
        toPort: HTTPS_PORT,
        description: "HTTPS to the shared endpoints",
        tags: props.tags ? { ...props.tags } : undefined,
      }),
      "endpoints_https",
    );
    const endpointIterator = TerraformIterator.fromMap(endpointsLocal.asAnyMap);
    const endpoints = named(
      new VpcEndpoint(this, "Endpoints", {
        forEach: endpointIterator,
        vpcId: props.vpcId,
        serviceName: endpointIterator.getString("service_name"),
        vpcEndpointType: "Interface",
        privateDnsEnabled: false,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [endpointSecurityGroup.id],
        tags: tagged(`${prefix}-\${each.key}`),
      }),
      "this",
    );

    // One private hosted zone per private DNS name, alias records to the endpoint's regional name.
    const zoneIterator = TerraformIterator.fromMap(zonesLocal.asAnyMap);
    const zones = named(
      new Route53Zone(this, "Zones", {
        forEach: zoneIterator,
        name: zoneIterator.key,
        comment: `Private DNS of the shared ${"${each.value.service}"} endpoint`,
        vpc: [{ vpcId: props.vpcId }],
        tags: tagged("${each.key}"),
      }),
      "this",
    );
    const recordIterator = TerraformIterator.fromMap(recordsLocal.asAnyMap);
    const endpointDns = `${address(endpoints)}[each.value.service].dns_entry[0]`;
    named(
      new Route53Record(this, "Records", {
        forEach: recordIterator,
        zoneId: `\${${address(zones)}[each.value.zone].zone_id}`,
        name: recordIterator.key,
        type: "A",
        alias: {
          name: `\${${endpointDns}.dns_name}`,
          zoneId: `\${${endpointDns}.hosted_zone_id}`,
          evaluateTargetHealth: false,
        },
      }),
      "this",
    );

    // Resolver endpoints: spokes' queries leave through the outbound one and arrive at the inbound one,
    // which answers from the hub VPC's view (our zones).
    const resolverSecurityGroup = named(
      new SecurityGroup(this, "ResolverSecurityGroup", {
        name: `${prefix}-resolver`,
        description: "Resolver endpoints: DNS from and to the organization",
        vpcId: props.vpcId,
        tags: tagged(`${prefix}-resolver`),
      }),
      "resolver",
    );
    for (const protocol of ["tcp", "udp"] as const) {
      const ingress = TerraformIterator.fromMap(cidrs);
      named(
        new VpcSecurityGroupIngressRule(this, `ResolverDnsIngress${protocol.toUpperCase()}`, {
          forEach: ingress,
          securityGroupId: resolverSecurityGroup.id,
          cidrIpv4: ingress.key,
          ipProtocol: protocol,
          fromPort: DNS_PORT,
          toPort: DNS_PORT,
          description: `DNS (${protocol}) to the inbound resolver endpoint`,
          tags: props.tags ? { ...props.tags } : undefined,
        }),
        `resolver_dns_${protocol}`,
      );
      const egress = TerraformIterator.fromMap(cidrs);
      named(
        new VpcSecurityGroupEgressRule(this, `ResolverDnsEgress${protocol.toUpperCase()}`, {
          forEach: egress,
          securityGroupId: resolverSecurityGroup.id,
          cidrIpv4: egress.key,
          ipProtocol: protocol,
          fromPort: DNS_PORT,
          toPort: DNS_PORT,
          description: `DNS (${protocol}) from the outbound resolver endpoint`,
          tags: props.tags ? { ...props.tags } : undefined,
        }),
        `resolver_dns_${protocol}`,
      );
    }
    const pinnedIps = props.inboundResolverIps;
    const inbound = named(
      new Route53ResolverEndpoint(this, "InboundEndpoint", {
        name: `${prefix}-inbound`,
        direction: "INBOUND",
        securityGroupIds: [resolverSecurityGroup.id],
        ipAddress: props.subnetIds.map((subnetId, i) => ({ subnetId, ip: pinnedIps?.[i] })),
        tags: tagged(`${prefix}-inbound`),
      }),
      "inbound",
    );
    const outbound = named(
      new Route53ResolverEndpoint(this, "OutboundEndpoint", {
        name: `${prefix}-outbound`,
        direction: "OUTBOUND",
        securityGroupIds: [resolverSecurityGroup.id],
        ipAddress: props.subnetIds.map((subnetId) => ({ subnetId })),
        tags: tagged(`${prefix}-outbound`),
      }),
      "outbound",
    );

    // One FORWARD rule per zone; a rule matches its domain and every subdomain.
    const ruleIterator = TerraformIterator.fromMap(zonesLocal.asAnyMap);
    const rules = named(
      new Route53ResolverRule(this, "Rules", {
        forEach: ruleIterator,
        name: ruleIterator.getString("rule_name"),
        domainName: ruleIterator.key,
        ruleType: "FORWARD",
        resolverEndpointId: outbound.id,
        targetIp: pinnedIps?.map((ip) => ({ ip, port: DNS_PORT })),
        tags: tagged("${each.key}"),
      }),
      "this",
    );
    if (!pinnedIps) {
      // The inbound IPs are known only after apply: follow the endpoint's addresses.
      rules.addOverride("dynamic.target_ip", {
        for_each: `\${${address(inbound)}.ip_address}`,
        content: { ip: "${target_ip.value.ip}", port: DNS_PORT },
      });
    }

    // Share every rule with the organization (or the listed OUs/accounts), never outside it.
    const share = named(
      new RamResourceShare(this, "RuleShare", {
        name: `${prefix}-resolver-rules`,
        allowExternalPrincipals: false,
        tags: tagged(`${prefix}-resolver-rules`),
      }),
      "rules",
    );
    const shareIterator = TerraformIterator.fromMap(zonesLocal.asAnyMap);
    named(
      new RamResourceAssociation(this, "RuleShareResources", {
        forEach: shareIterator,
        resourceShareArn: share.arn,
        resourceArn: `\${${address(rules)}[each.key].arn}`,
      }),
      "rules",
    );
    const principalIterator = TerraformIterator.fromMap(toSet(props.shareWith));
    named(
      new RamPrincipalAssociation(this, "RuleSharePrincipals", {
        forEach: principalIterator,
        resourceShareArn: share.arn,
        principal: principalIterator.key,
      }),
      "rules",
    );

    this.resolverRuleIds = `\${{ for domain, rule in ${address(rules)} : domain => rule.id }}`;
    this.endpointIds = `\${{ for service, endpoint in ${address(endpoints)} : service => endpoint.id }}`;
    this.privateHostedZoneIds = `\${{ for domain, zone in ${address(zones)} : domain => zone.zone_id }}`;
    this.inboundResolverIps = pinnedIps ?? `\${[for a in ${address(inbound)}.ip_address : a.ip]}`;
    this.ramResourceShareArn = share.arn;
  }
}

function validateProps(props: HubRegionProps): void {
  const subnets = props.subnetIds.length;
  if (subnets < MIN_RESOLVER_IPS || subnets > MAX_RESOLVER_IPS) {
    throw new HubRegionError(
      `subnetIds has ${subnets} subnet(s); resolver endpoints need ${MIN_RESOLVER_IPS} to ${MAX_RESOLVER_IPS}, in distinct availability zones`,
    );
  }
  if (props.inboundResolverIps && props.inboundResolverIps.length !== subnets) {
    throw new HubRegionError(
      `inboundResolverIps has ${props.inboundResolverIps.length} IP(s) for ${subnets} subnet(s); give one IP per subnet, the i-th in the i-th subnet`,
    );
  }
  if (props.services.length === 0) throw new HubRegionError("services is empty; share at least one service");
  if (props.organizationCidrs.length === 0) throw new HubRegionError("organizationCidrs is empty");
  if (props.shareWith.length === 0) throw new HubRegionError("shareWith is empty");
}

/** `vpce-share-dkr-ecr-eu-west-3-amazonaws-com`: rule names allow no dots and 64 characters at most. */
export function resolverRuleName(prefix: string, domain: string): string {
  return `${prefix}-${domain.replace(/\./g, "-")}`.slice(0, RULE_NAME_MAX);
}

/** A local with a fixed name (`local.<name>`), so raw expressions and readers can rely on it. */
function namedLocal(scope: Construct, name: string, value: unknown): TerraformLocal {
  const local = new TerraformLocal(scope, name, value);
  local.overrideLogicalId(name);
  return local;
}

/** Gives an element its readable Terraform name: `aws_vpc_endpoint.<name>`. */
function named<T extends TerraformElement>(element: T, name: string): T {
  element.overrideLogicalId(name);
  return element;
}

/** `aws_vpc_endpoint.this`: the address used inside raw Terraform expressions. */
function address(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** A Terraform set-like map keyed by the values themselves (`for_each` needs string keys). */
function toSet(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((v) => [v, v]));
}
