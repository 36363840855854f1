/**
 * One hub region: interface endpoints, and what publishes their names to the organization's VPCs by the
 * region's sharing mechanism (src/topology/sharing-mechanism.ts):
 *
 * - resolver rules: a private hosted zone per private DNS name with alias records to the endpoints
 *   (private DNS off), inbound and outbound resolver endpoints, one FORWARD rule per zone to the inbound
 *   endpoint, and a RAM share of every rule;
 * - a Route 53 Profile shared by RAM (association permission only), holding those zones, or the
 *   endpoints themselves with their private DNS on;
 * - zone association: the zones, each authorizing every spoke VPC of the region.
 *
 * While a region changes mechanism, the retiring one is built beside the new one.
 *
 * Collections are `for_each` resources over named locals keyed by service short name, zone domain,
 * record name, CIDR or principal, so addresses read `aws_vpc_endpoint.this["ecr.dkr"]` and adding,
 * removing or reordering one item never touches another item's resources.
 */
import {
  Construct,
  Fn,
  TerraformElement,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Token,
} from "../../framework";
import {
  DataAwsPartition,
  RamPrincipalAssociation,
  RamResourceAssociation,
  RamResourceShare,
  Route53ProfilesProfile,
  Route53ProfilesResourceAssociation,
  Route53Record,
  Route53ResolverEndpoint,
  Route53ResolverQueryLogConfig,
  Route53ResolverQueryLogConfigAssociation,
  Route53ResolverRule,
  Route53VpcAssociationAuthorization,
  Route53Zone,
  SecurityGroup,
  VpcEndpoint,
  VpcSecurityGroupEgressRule,
  VpcSecurityGroupIngressRule,
} from "../../framework/aws";
import { AWS_LIMITS } from "../../catalog/aws-limits";
import { HUB_OUTPUTS, HubOutputKey, hubOutputDescription, hubOutputKeys } from "../hub-outputs";
import { HubRegionShare, NAME_PREFIX, RULE_NAME_MAX } from "../../topology/topology";
import {
  HubSharing,
  hubBuilds,
  hubHostsZones,
  PROFILE_RAM_PERMISSION,
  SharingMechanism,
} from "../../topology/sharing-mechanism";
import type { EndpointPolicies } from "./endpoint-policy";
import { DNS_PROTOCOLS, SECURITY_GROUP_RULE_NAMES, endpointPortRuleKey } from "./security-group-rules";
import { catalogServiceMaps, resolvedServiceMaps } from "./service-maps";
import { serviceCheckBlock, serviceCheckName, TerraformBlock } from "./service-check";

/** Where the hub-region module finds the service-check module (both in dist/terraform/modules/). */
export const SERVICE_CHECK_MODULE_SOURCE = "../service-check";

/**
 * The locals that hold the region's literal data (service-maps.ts): its endpoints, its zones and records
 * when it hosts zones, the spoke VPCs it authorizes with zone association. verify reads them back.
 */
export const HUB_REGION_LOCALS = {
  endpoints: "endpoints",
  zones: "zones",
  records: "records",
  authorizedVpcIds: "authorized_vpc_ids",
} as const;

const { min: MIN_RESOLVER_IPS, max: MAX_RESOLVER_IPS } = AWS_LIMITS.resolverEndpointIps;
const DNS_PORT = 53;
const HTTPS_PORT = 443;

/**
 * Services known only to Terraform: short names (typically `var.services`) that Terraform resolves with
 * the catalog, for the region and partition of the provider, at plan time.
 */
export class ServicesFromCatalog {
  constructor(
    readonly shortNames: string[],
    /** The policy of every endpoint whose service accepts one: the organization's, or an override. */
    readonly policies: EndpointPolicies = {},
    /**
     * Services the catalog lacks or knows wrongly, as a Terraform value (`var.custom_services`):
     * name -> { service_name, private_dns_names, endpoint_policy }, `{region}` for the region.
     */
    readonly customServices: unknown = {},
  ) {}
}

export interface HubRegionProps {
  /** The hub VPC that holds the endpoints, the zones and the resolver endpoints. */
  readonly vpcId: string;
  /** 2 to 6 subnets in distinct availability zones: one endpoint ENI and one resolver IP in each. */
  readonly subnetIds: readonly string[];
  /**
   * What the region shares: its services, zones, rules and endpoint policies as the topology
   * (src/topology/topology.ts) has them, or names for Terraform to resolve with the catalog.
   */
  readonly services: HubRegionShare | ServicesFromCatalog;
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
  /**
   * Where Route 53 Resolver logs the queries of the hub VPC (CloudWatch Logs group, S3 bucket or
   * Firehose stream ARN): with resolver rules, every spoke query passes the inbound endpoint there.
   * @default - no query logging
   */
  readonly queryLogDestinationArn?: string;
  /**
   * How the region shares its names: the mechanism, the retiring one, what a Profile holds.
   * @default - what `services` says (the topology's), else resolver rules
   */
  readonly sharing?: HubSharing;
  /**
   * With zone association: the spoke VPCs (of this region) that every zone authorizes.
   * @default - none
   */
  readonly authorizedVpcIds?: readonly string[];
  /**
   * The partition, for the ARN of RAM's Profile association permission.
   * @default - the provider's (data.aws_partition)
   */
  readonly partition?: string;
}

export class HubRegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HubRegionError";
  }
}

/**
 * Every input may also be a Terraform value (a variable of a generated module): the construct then
 * writes the Terraform expression where it would otherwise write the literal result.
 */
export class HubRegion extends Construct {
  /** What the region shares and how. */
  public readonly sharing: HubSharing;
  /** Terraform expressions for the hub output contract (see hub-outputs.ts); undefined where not built. */
  public readonly resolverRuleIds?: string;
  public readonly inboundResolverIps?: string | readonly string[];
  public readonly endpointIds: string;
  public readonly privateHostedZoneIds: string | Record<string, never>;
  /** The share of the active mechanism (of the retiring one when the active one has none). */
  public readonly ramResourceShareArn?: string;
  public readonly route53ProfileId?: string;

  /** Publishes the hub output contract (hub-outputs.ts) of the region's mechanisms as outputs of its stack. */
  public addContractOutputs(): void {
    const values: Record<HubOutputKey, unknown> = {
      resolverRuleIds: this.resolverRuleIds,
      inboundResolverIps: this.inboundResolverIps,
      endpointIds: this.endpointIds,
      privateHostedZoneIds: this.privateHostedZoneIds,
      ramResourceShareArn: this.ramResourceShareArn,
      route53ProfileId: this.route53ProfileId,
    };
    const stack = TerraformStack.of(this);
    for (const key of hubOutputKeys(this.sharing)) {
      const { name } = HUB_OUTPUTS[key];
      const description = hubOutputDescription(key, this.sharing.mechanism);
      new TerraformOutput(stack, name, { value: values[key], description, staticId: true });
    }
  }

  constructor(scope: Construct, id: string, props: HubRegionProps) {
    super(scope, id);
    validateProps(props);
    const stack = TerraformStack.of(this);
    if (stack.node.findAll().some((c) => c instanceof HubRegion && c !== this)) {
      throw new HubRegionError(`stack ${stack.node.id} already has a hub region: use one stack per region`);
    }
    const prefix = NAME_PREFIX;
    const tags = props.tags;
    // A tags argument: the configured tags and a Name (merged by Terraform when the tags are a variable).
    const tagged: Tagged = (name) =>
      tags && Token.isUnresolved(tags)
        ? (Fn.merge([tags, { Name: name }]) as Record<string, string>)
        : { ...tags, Name: name };
    const sharing = sharingOf(props);
    this.sharing = sharing;
    const builds = (mechanism: SharingMechanism) => hubBuilds(sharing, mechanism);
    const profileOfEndpoints = builds("profile") && sharing.profileContents === "endpoints";

    // The maps every collection is keyed by, once each.
    const maps =
      props.services instanceof ServicesFromCatalog
        ? catalogServiceMaps(
            this,
            props.services.shortNames,
            prefix,
            props.services.policies,
            props.services.customServices,
          )
        : resolvedServiceMaps(props.services);
    const endpointsLocal = namedLocal(this, HUB_REGION_LOCALS.endpoints, maps.endpoints);
    const cidrs = forEachSet(props.organizationCidrs);
    // Literal subnets and IPs are written out, sorted by subnet (each IP stays with its subnet), so
    // reordering them in the configuration leaves the output byte-identical; Terraform values become
    // dynamic blocks over fixed locals.
    const literalNetwork =
      !Token.isUnresolved(props.subnetIds) && !Token.isUnresolved(props.inboundResolverIps);
    const network = literalNetwork
      ? props.subnetIds
          .map((subnetId, i) => ({ subnetId, ip: props.inboundResolverIps?.[i] }))
          .sort((a, b) => (a.subnetId < b.subnetId ? -1 : a.subnetId > b.subnetId ? 1 : 0))
      : undefined;
    const subnetIds = network ? network.map((n) => n.subnetId) : [...props.subnetIds];

    // Interface endpoints. Private DNS is off where our zones answer the names instead (the same names
    // in the hub VPC twice: ConflictingDomainExists), on in a Profile of endpoints, where AWS hosts them.
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
        tags,
      }),
      SECURITY_GROUP_RULE_NAMES.endpointsHttps,
    );
    // Ports besides 443 that a shared service listens on (email-smtp, cassandra, ...): one rule per
    // CIDR and port, keyed "<cidr> tcp/<port>", so adding a port or a service never replaces a rule.
    const extraPortRules = endpointPortRules(this, props.organizationCidrs, maps.extraPorts);
    if (extraPortRules !== undefined) {
      const portIngress = TerraformIterator.fromMap(extraPortRules);
      named(
        new VpcSecurityGroupIngressRule(this, "EndpointPortIngress", {
          forEach: portIngress,
          securityGroupId: endpointSecurityGroup.id,
          cidrIpv4: portIngress.getString("cidr"),
          ipProtocol: "tcp",
          fromPort: portIngress.getNumber("port"),
          toPort: portIngress.getNumber("port"),
          description: "${each.value.port}/tcp to the shared endpoints that listen on it",
          tags,
        }),
        SECURITY_GROUP_RULE_NAMES.endpointsPorts,
      );
    }
    const endpointIterator = TerraformIterator.fromMap(endpointsLocal.asAnyMap);
    const endpoints = named(
      new VpcEndpoint(this, "Endpoints", {
        forEach: endpointIterator,
        vpcId: props.vpcId,
        serviceName: endpointIterator.getString("service_name"),
        policy: endpointIterator.getString("policy"),
        vpcEndpointType: "Interface",
        privateDnsEnabled: profileOfEndpoints,
        subnetIds,
        securityGroupIds: [endpointSecurityGroup.id],
        tags: tagged(`${prefix}-${endpointIterator.key}`),
      }),
      "this",
    );
    this.endpointIds = `\${{ for service, endpoint in ${address(endpoints)} : service => endpoint.id }}`;

    // AWS's own answer at plan time: each service's names and policy support against the catalog's.
    if (maps.serviceChecks !== undefined) {
      new TerraformBlock(this, "ServiceChecks", {
        module: {
          service_checks: {
            source: SERVICE_CHECK_MODULE_SOURCE,
            for_each: maps.serviceChecks,
            service: "${each.key}",
            service_name: "${each.value.service_name}",
            private_dns_names: "${each.value.private_dns_names}",
            endpoint_policy: "${each.value.endpoint_policy}",
          },
        },
      });
    } else if (!(props.services instanceof ServicesFromCatalog)) {
      for (const service of props.services.services) {
        const name = serviceCheckName(service.name);
        new TerraformBlock(this, `ServiceCheck-${service.name}`, {
          check: {
            [name]: serviceCheckBlock(name, {
              service: service.name,
              serviceName: service.serviceName,
              privateDnsNames: service.privateDnsNames,
              endpointPolicy: service.endpointPolicy,
            }),
          },
        });
      }
    }

    // One private hosted zone per private DNS name, alias records to the endpoint's regional name.
    let zones: Route53Zone | undefined;
    let zonesLocal: TerraformLocal | undefined;
    if (hubHostsZones(sharing)) {
      zonesLocal = namedLocal(this, HUB_REGION_LOCALS.zones, maps.zones);
      const recordsLocal = namedLocal(this, HUB_REGION_LOCALS.records, maps.records);
      const zoneIterator = TerraformIterator.fromMap(zonesLocal.asAnyMap);
      zones = named(
        new Route53Zone(this, "Zones", {
          forEach: zoneIterator,
          name: zoneIterator.key,
          comment: `Private DNS of the shared ${"${each.value.service}"} endpoint`,
          vpc: [{ vpcId: props.vpcId }],
          tags: tagged(zoneIterator.key),
          // Spokes associate their VPCs with the zones: those are not the zone's to undo.
          ...(builds("zone-association") ? { lifecycle: { ignoreChanges: ["vpc"] } } : {}),
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
    }
    this.privateHostedZoneIds = zones
      ? `\${{ for domain, zone in ${address(zones)} : domain => zone.zone_id }}`
      : {};

    const shares: Partial<Record<SharingMechanism, string>> = {};
    if (builds("resolver-rules")) {
      if (!zones || !zonesLocal) throw new Error("resolver rules forward to the hub's zones, which it hosts");
      const rules = this.shareRules(props, { prefix, tagged, cidrs, network, subnetIds, zonesLocal });
      this.resolverRuleIds = rules.ruleIds;
      this.inboundResolverIps = rules.inboundIps;
      shares["resolver-rules"] = rules.shareArn;
    }
    if (builds("profile")) {
      const profile = this.shareProfile(props, {
        prefix,
        tagged,
        contents: profileOfEndpoints
          ? { kind: "endpoints", map: endpointsLocal, resource: endpoints }
          : { kind: "zones", map: zonesLocal as TerraformLocal, resource: zones as Route53Zone },
      });
      this.route53ProfileId = profile.profileId;
      shares.profile = profile.shareArn;
    }
    if (builds("zone-association")) {
      // Every (spoke VPC, zone) pair, keyed "<vpc id>/<zone domain>" like the spoke's association.
      const { authorizedVpcIds, zones: zoneMap } = HUB_REGION_LOCALS;
      namedLocal(this, authorizedVpcIds, sortedIfLiteral(props.authorizedVpcIds ?? []));
      const pairs = namedLocal(
        this,
        "zone_authorizations",
        `\${{ for pair in setproduct(local.${authorizedVpcIds}, keys(local.${zoneMap})) : "\${pair[0]}/\${pair[1]}" => { vpc_id = pair[0], domain = pair[1] } }}`,
      );
      const pair = TerraformIterator.fromMap(pairs.asAnyMap);
      named(
        new Route53VpcAssociationAuthorization(this, "ZoneAuthorizations", {
          forEach: pair,
          zoneId: `\${${address(zones as Route53Zone)}[each.value.domain].zone_id}`,
          vpcId: pair.getString("vpc_id"),
        }),
        "this",
      );
    }
    this.ramResourceShareArn =
      shares[sharing.mechanism] ??
      (sharing.retiringMechanism === undefined ? undefined : shares[sharing.retiringMechanism]);
  }

  /**
   * Resolver endpoints, forward rules and their share: spokes' queries leave through the outbound
   * endpoint and arrive at the inbound one, which answers from the hub VPC's view (our zones).
   */
  private shareRules(
    props: HubRegionProps,
    parts: {
      prefix: string;
      tagged: Tagged;
      cidrs: Record<string, string> | string[];
      network: { subnetId: string; ip?: string }[] | undefined;
      subnetIds: string[];
      zonesLocal: TerraformLocal;
    },
  ): { ruleIds: string; inboundIps: string | readonly string[]; shareArn: string } {
    const { prefix, tagged, cidrs, network, subnetIds, zonesLocal } = parts;
    const tags = props.tags;
    const pinnedIps = network && props.inboundResolverIps ? network.map((n) => n.ip as string) : undefined;
    const resolverSecurityGroup = named(
      new SecurityGroup(this, "ResolverSecurityGroup", {
        name: `${prefix}-resolver`,
        description: "Resolver endpoints: DNS from and to the organization",
        vpcId: props.vpcId,
        tags: tagged(`${prefix}-resolver`),
      }),
      "resolver",
    );
    for (const protocol of DNS_PROTOCOLS) {
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
          tags,
        }),
        SECURITY_GROUP_RULE_NAMES.resolverDns(protocol),
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
          tags,
        }),
        SECURITY_GROUP_RULE_NAMES.resolverDns(protocol),
      );
    }
    if (!network) {
      namedLocal(this, "hub_subnet_ids", props.subnetIds);
      namedLocal(this, "hub_inbound_resolver_ips", props.inboundResolverIps ?? null);
    }
    const inbound = named(
      new Route53ResolverEndpoint(this, "InboundEndpoint", {
        name: `${prefix}-inbound`,
        direction: "INBOUND",
        securityGroupIds: [resolverSecurityGroup.id],
        ipAddress: network ? network.map(({ subnetId, ip }) => ({ subnetId, ip })) : [],
        tags: tagged(`${prefix}-inbound`),
      }),
      "inbound",
    );
    const outbound = named(
      new Route53ResolverEndpoint(this, "OutboundEndpoint", {
        name: `${prefix}-outbound`,
        direction: "OUTBOUND",
        securityGroupIds: [resolverSecurityGroup.id],
        ipAddress: network ? subnetIds.map((subnetId) => ({ subnetId })) : [],
        tags: tagged(`${prefix}-outbound`),
      }),
      "outbound",
    );
    if (!network) {
      inbound.addOverride("ip_address", undefined);
      outbound.addOverride("ip_address", undefined);
      inbound.addOverride("dynamic.ip_address", {
        for_each:
          "${[for i, subnet_id in local.hub_subnet_ids : { subnet_id = subnet_id, ip = try(local.hub_inbound_resolver_ips[i], null) }]}",
        content: { subnet_id: "${ip_address.value.subnet_id}", ip: "${ip_address.value.ip}" },
      });
      outbound.addOverride("dynamic.ip_address", {
        for_each: "${local.hub_subnet_ids}",
        content: { subnet_id: "${ip_address.value}" },
      });
    }

    if (props.queryLogDestinationArn !== undefined) {
      // Every spoke query arrives at the inbound endpoint in the hub VPC: log them there.
      const queryLog = named(
        new Route53ResolverQueryLogConfig(this, "QueryLogConfig", {
          name: `${prefix}-queries`,
          destinationArn: props.queryLogDestinationArn,
          tags: tagged(`${prefix}-queries`),
        }),
        "hub",
      );
      named(
        new Route53ResolverQueryLogConfigAssociation(this, "QueryLogConfigAssociation", {
          resolverQueryLogConfigId: queryLog.id,
          resourceId: props.vpcId,
        }),
        "hub",
      );
    }

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
        tags: tagged(ruleIterator.key),
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
    this.sharePrincipals(props, "RuleSharePrincipals", share, "rules");

    // Reordering the subnets (with their IPs) must change nothing, not even an output: pinned IPs are
    // sorted, assigned ones come from a set (whose order does not follow the configuration's).
    const assignedIps = `[for a in ${address(inbound)}.ip_address : a.ip]`;
    return {
      ruleIds: `\${{ for domain, rule in ${address(rules)} : domain => rule.id }}`,
      inboundIps: pinnedIps
        ? [...pinnedIps].sort()
        : network
          ? `\${${assignedIps}}`
          : `\${local.hub_inbound_resolver_ips != null ? sort(local.hub_inbound_resolver_ips) : ${assignedIps}}`,
      shareArn: share.arn,
    };
  }

  /**
   * A Route 53 Profile holding the zones (keyed by domain) or the endpoints (keyed by service), shared
   * by RAM with the permission to associate it with a VPC and nothing more.
   */
  private shareProfile(
    props: HubRegionProps,
    parts: {
      prefix: string;
      tagged: Tagged;
      contents: {
        kind: "zones" | "endpoints";
        map: TerraformLocal;
        resource: Route53Zone | VpcEndpoint;
      };
    },
  ): { profileId: string; shareArn: string } {
    const { prefix, tagged, contents } = parts;
    const profile = named(
      new Route53ProfilesProfile(this, "Profile", { name: prefix, tags: tagged(prefix) }),
      "this",
    );
    // Association names allow letters, digits, "-", "_" and spaces: the key with "-" for ".".
    const item = TerraformIterator.fromMap(contents.map.asAnyMap);
    named(
      new Route53ProfilesResourceAssociation(this, `ProfileResources-${contents.kind}`, {
        forEach: item,
        profileId: profile.id,
        name: `\${substr("${prefix}-\${replace(each.key, ".", "-")}", 0, ${RULE_NAME_MAX})}`,
        resourceArn: `\${${address(contents.resource)}[each.key].arn}`,
      }),
      contents.kind,
    );
    const partition =
      props.partition ?? `\${data.aws_partition.${partitionOf(this).friendlyUniqueId}.partition}`;
    const share = named(
      new RamResourceShare(this, "ProfileShare", {
        name: `${prefix}-profile`,
        allowExternalPrincipals: false,
        permissionArns: [`arn:${partition}:ram::aws:permission/${PROFILE_RAM_PERMISSION}`],
        tags: tagged(`${prefix}-profile`),
      }),
      "profile",
    );
    named(
      new RamResourceAssociation(this, "ProfileShareResource", {
        resourceShareArn: share.arn,
        resourceArn: profile.arn,
      }),
      "profile",
    );
    this.sharePrincipals(props, "ProfileSharePrincipals", share, "profile");
    return { profileId: profile.id, shareArn: share.arn };
  }

  /** Shares with the organization (or the listed OUs/accounts), never outside it. */
  private sharePrincipals(props: HubRegionProps, id: string, share: RamResourceShare, name: string): void {
    const principalIterator = TerraformIterator.fromMap(forEachSet(props.shareWith));
    named(
      new RamPrincipalAssociation(this, id, {
        forEach: principalIterator,
        resourceShareArn: share.arn,
        principal: principalIterator.key,
      }),
      name,
    );
  }
}

/** The tags of a resource named `name`. */
type Tagged = (name: string) => Record<string, string>;

/** How the region shares its names: as the props say, else as its services (the topology's) say, else by resolver rules. */
function sharingOf(props: HubRegionProps): HubSharing {
  const fromServices = props.services instanceof ServicesFromCatalog ? undefined : props.services.sharing;
  return props.sharing ?? fromServices ?? { mechanism: "resolver-rules" };
}

/** Checks what is known at synthesis; Terraform values are checked by the module's variable validations. */
function validateProps(props: HubRegionProps): void {
  if (!Token.isUnresolved(props.subnetIds)) validateNetwork(props.subnetIds, props.inboundResolverIps);
  if (!(props.services instanceof ServicesFromCatalog) && props.services.services.length === 0) {
    throw new HubRegionError("services is empty; share at least one service");
  }
  const sharing = sharingOf(props);
  const shares = hubBuilds(sharing, "resolver-rules") || hubBuilds(sharing, "profile");
  const lists = {
    organizationCidrs: props.organizationCidrs,
    ...(shares ? { shareWith: props.shareWith } : {}),
  };
  for (const [name, list] of Object.entries(lists)) {
    if (!Token.isUnresolved(list) && list.length === 0) throw new HubRegionError(`${name} is empty`);
  }
}

function validateNetwork(subnetIds: readonly string[], ips: readonly string[] | undefined): void {
  const subnets = subnetIds.length;
  if (subnets < MIN_RESOLVER_IPS || subnets > MAX_RESOLVER_IPS) {
    throw new HubRegionError(
      `subnetIds has ${subnets} subnet(s); resolver endpoints need ${MIN_RESOLVER_IPS} to ${MAX_RESOLVER_IPS}, in distinct availability zones`,
    );
  }
  if (ips && !Token.isUnresolved(ips) && ips.length !== subnets) {
    throw new HubRegionError(
      `inboundResolverIps has ${ips.length} IP(s) for ${subnets} subnet(s); give one IP per subnet, the i-th in the i-th subnet`,
    );
  }
}

/**
 * `"<cidr> tcp/<port>" => { cidr, port }` for every CIDR and extra port: literal (none when no shared
 * service needs a port besides 443), or a Terraform expression over the module's inputs.
 */
function endpointPortRules(
  scope: Construct,
  cidrs: readonly string[],
  extraPorts: readonly string[] | string,
): Record<string, unknown> | undefined {
  if (typeof extraPorts !== "string" && !Token.isUnresolved(cidrs)) {
    if (extraPorts.length === 0) return undefined;
    return Object.fromEntries(
      cidrs.flatMap((cidr) =>
        extraPorts.map((port) => [endpointPortRuleKey(cidr, port), { cidr, port: Number(port) }]),
      ),
    );
  }
  const ports = namedLocal(scope, "endpoint_extra_ports", extraPorts);
  namedLocal(scope, "endpoint_port_pairs", Fn.setproduct([cidrs, ports.asList]));
  return namedLocal(
    scope,
    "endpoint_port_rules",
    '${{ for pair in local.endpoint_port_pairs : "${pair[0]} tcp/${pair[1]}" => { cidr = pair[0], port = tonumber(pair[1]) } }}',
  ).asAnyMap;
}

/** A list the caller fixes, sorted (reordering the configuration changes nothing); Terraform values as they are. */
function sortedIfLiteral(list: readonly string[]): readonly string[] {
  return Token.isUnresolved(list) ? list : [...list].sort();
}

/** The stack's `data.aws_partition.current` (the module's service maps may have made it already). */
function partitionOf(scope: Construct): DataAwsPartition {
  const existing = scope.node.tryFindChild("Partition");
  if (existing instanceof DataAwsPartition) return existing;
  const partition = new DataAwsPartition(scope, "Partition");
  partition.overrideLogicalId("current");
  return partition;
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

/** `for_each` over strings: a literal map keyed by the values themselves, or `toset()` of a Terraform value. */
function forEachSet(values: readonly string[]): Record<string, string> | string[] {
  return Token.isUnresolved(values) ? Fn.toset(values) : Object.fromEntries(values.map((v) => [v, v]));
}
