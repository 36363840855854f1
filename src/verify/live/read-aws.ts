/**
 * The readers of `verify --live`: what is deployed, read with the AWS SDK, as plain data (no SDK types
 * past this file). A hub region is read in the hub account (endpoints and their addresses, the private
 * zones of the hub VPC and their records, Resolver endpoints, rules, RAM shares, and with zone association
 * the VPCs each zone authorizes); a spoke region in the spoke account (the rule associations of its VPCs, the rules the account sees, the private zones
 * associated with its VPCs and its own interface endpoints). Every list is read to its last page.
 */
import {
  DescribeNetworkInterfacesCommand,
  paginateDescribeVpcEndpoints,
  type VpcEndpoint,
} from "@aws-sdk/client-ec2";
import { paginateGetResourceShareAssociations, paginateGetResourceShares } from "@aws-sdk/client-ram";
import {
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  ListVPCAssociationAuthorizationsCommand,
  type ListResourceRecordSetsCommandOutput,
  type VPCRegion,
} from "@aws-sdk/client-route-53";
import {
  paginateListResolverEndpointIpAddresses,
  paginateListResolverEndpoints,
  paginateListResolverRuleAssociations,
  paginateListResolverRules,
} from "@aws-sdk/client-route53resolver";
import type { AwsAccess, Reader } from "./aws-access";

/** An interface endpoint as read. */
export interface EndpointReading {
  readonly id: string;
  readonly vpcId: string;
  readonly serviceName: string;
  readonly state: string;
  readonly privateDnsEnabled: boolean;
  /** Its DNS names (`vpce-...amazonaws.com`, lower case, no trailing dot): what alias records name. */
  readonly dnsNames: readonly string[];
  /** The private IPs of its network interfaces. */
  readonly ips: readonly string[];
}

export interface RecordReading {
  /** Lower case, no trailing dot, `*` for a wildcard. */
  readonly name: string;
  readonly type: string;
  /** An alias record's target DNS name (lower case, no trailing dot). */
  readonly aliasTarget?: string;
}

export interface ZoneReading {
  /** `Z123...`, without `/hostedzone/`. */
  readonly id: string;
  /** Lower case, no trailing dot. */
  readonly domain: string;
  readonly ownerAccount?: string;
  /** Read only for the hub's zones. */
  readonly records?: readonly RecordReading[];
}

export interface ResolverEndpointReading {
  readonly id: string;
  readonly vpcId: string;
  readonly direction: string;
  readonly status: string;
  readonly ips: readonly { readonly ip: string; readonly subnetId: string }[];
}

export interface RuleReading {
  readonly id: string;
  readonly arn: string;
  readonly name?: string;
  readonly domain: string;
  readonly ruleType: string;
  readonly ownerId: string;
  readonly shareStatus?: string;
  readonly endpointId?: string;
  readonly targets: readonly string[];
}

export interface HubReading {
  readonly endpoints: readonly EndpointReading[];
  /** The private hosted zones associated with the hub VPC, with their records. */
  readonly zones: readonly ZoneReading[];
  readonly resolverEndpoints: readonly ResolverEndpointReading[];
  /** The FORWARD rules the hub account owns in the region. */
  readonly rules: readonly RuleReading[];
  /** Resource ARN (a rule's, a Profile's) -> the principals of the active shares that hold it. */
  readonly sharedWith: ReadonlyMap<string, readonly string[]>;
  /** Zone id -> the VPCs it authorizes to associate with it (read when the hub builds zone association). */
  readonly authorizations?: ReadonlyMap<string, readonly string[]>;
}

export interface HubReadOptions {
  /** Read the VPC association authorizations of every zone (a hub that builds zone association). */
  readonly authorizations?: boolean;
}

export interface AssociationReading {
  readonly id: string;
  readonly ruleId: string;
  readonly vpcId: string;
  readonly status: string;
}

export interface SpokeRegionReading {
  readonly associations: readonly AssociationReading[];
  /** The rules the spoke account sees in the region (its own and those shared with it), by id. */
  readonly rules: ReadonlyMap<string, RuleReading>;
  /** VPC id -> the private hosted zones associated with it. */
  readonly zones: ReadonlyMap<string, readonly ZoneReading[]>;
  /** The interface endpoints in the spoke's VPCs. */
  readonly endpoints: readonly EndpointReading[];
}

/** The largest page each API gives (fewer calls; the paginators follow every next token). */
const RESOLVER_PAGE = 100;
const EC2_PAGE = 1000;
const RAM_PAGE = 500;

/** Endpoint states that no longer serve (AWS keeps deleted endpoints listed for a while). */
const GONE = new Set(["deleting", "deleted", "rejected", "failed", "expired"]);

const dnsName = (name: string) => name.replace(/\.$/, "").replace(/\\052/g, "*").toLowerCase();

/** The interface endpoints of `vpcIds`, with the IPs of their interfaces. */
export async function readEndpoints(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  vpcIds: readonly string[],
): Promise<EndpointReading[]> {
  const { ec2 } = aws.clientsFor(reader, region);
  const pages = await aws.pages(
    reader,
    paginateDescribeVpcEndpoints(
      { client: ec2, pageSize: EC2_PAGE },
      {
        Filters: [
          { Name: "vpc-id", Values: [...vpcIds] },
          { Name: "vpc-endpoint-type", Values: ["Interface"] },
        ],
      },
    ),
  );
  const endpoints = pages
    .flatMap((p) => p.VpcEndpoints ?? [])
    .filter((e: VpcEndpoint) => !GONE.has(String(e.State ?? "").toLowerCase()))
    // moto ignores the type filter; AWS applies it
    .filter((e) => !e.VpcEndpointType || e.VpcEndpointType === "Interface");
  const eniIds = endpoints.flatMap((e) => e.NetworkInterfaceIds ?? []);
  const ipOf = new Map<string, string>();
  // DescribeNetworkInterfaces takes ids in batches; its paginator refuses NetworkInterfaceIds with MaxResults.
  for (let i = 0; i < eniIds.length; i += 200) {
    const ids = eniIds.slice(i, i + 200);
    const out = await aws.call(reader, () =>
      ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ids })),
    );
    for (const eni of out.NetworkInterfaces ?? []) {
      if (eni.NetworkInterfaceId && eni.PrivateIpAddress)
        ipOf.set(eni.NetworkInterfaceId, eni.PrivateIpAddress);
    }
  }
  return endpoints.map((e) => ({
    id: e.VpcEndpointId ?? "",
    vpcId: e.VpcId ?? "",
    serviceName: e.ServiceName ?? "",
    state: String(e.State ?? ""),
    privateDnsEnabled: e.PrivateDnsEnabled === true,
    dnsNames: (e.DnsEntries ?? []).map((d) => dnsName(d.DnsName ?? "")).filter((n) => n !== ""),
    ips: (e.NetworkInterfaceIds ?? []).flatMap((id) => (ipOf.has(id) ? [ipOf.get(id) as string] : [])),
  }));
}

/** Every page of a list that continues at `NextToken` (the Route 53 lists the SDK has no paginator for). */
async function tokenPages<Page extends { NextToken?: string }>(
  aws: AwsAccess,
  reader: Reader,
  page: (token: { NextToken?: string }) => Promise<Page>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let token: string | undefined;
  do {
    const out = await aws.call(reader, () => page(token ? { NextToken: token } : {}));
    pages.push(out);
    token = out.NextToken;
  } while (token);
  return pages;
}

/** The private hosted zones associated with `vpcId` (every owner's). */
export async function readZonesOfVpc(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  vpcId: string,
): Promise<ZoneReading[]> {
  const { route53 } = aws.clientsFor(reader, region);
  const pages = await tokenPages(aws, reader, (token) =>
    route53.send(new ListHostedZonesByVPCCommand({ VPCId: vpcId, VPCRegion: region as VPCRegion, ...token })),
  );
  return pages
    .flatMap((p) => p.HostedZoneSummaries ?? [])
    .map((z) => ({
      id: (z.HostedZoneId ?? "").replace(/^\/hostedzone\//, ""),
      domain: dnsName(z.Name ?? ""),
      ...(z.Owner?.OwningAccount ? { ownerAccount: z.Owner.OwningAccount } : {}),
    }));
}

/** Every record of a zone. Route 53 has no paginator for it: pages continue at the next name and type. */
export async function readRecords(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  zoneId: string,
): Promise<RecordReading[]> {
  const { route53 } = aws.clientsFor(reader, region);
  const records: RecordReading[] = [];
  let next: Pick<ListResourceRecordSetsCommandOutput, "NextRecordName" | "NextRecordType"> = {};
  for (;;) {
    const out = await aws.call(reader, () =>
      route53.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ...(next.NextRecordName ? { StartRecordName: next.NextRecordName } : {}),
          ...(next.NextRecordType ? { StartRecordType: next.NextRecordType } : {}),
        }),
      ),
    );
    for (const r of out.ResourceRecordSets ?? []) {
      records.push({
        name: dnsName(r.Name ?? ""),
        type: String(r.Type ?? ""),
        ...(r.AliasTarget?.DNSName ? { aliasTarget: dnsName(r.AliasTarget.DNSName) } : {}),
      });
    }
    if (!out.IsTruncated) return records;
    next = { NextRecordName: out.NextRecordName, NextRecordType: out.NextRecordType };
  }
}

/** The VPCs a zone authorizes to associate with it. */
export async function readAuthorizations(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  zoneId: string,
): Promise<string[]> {
  const { route53 } = aws.clientsFor(reader, region);
  const pages = await tokenPages(aws, reader, (token) =>
    route53.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: zoneId, ...token })),
  );
  return pages.flatMap((p) => p.VPCs ?? []).flatMap((v) => (v.VPCId ? [v.VPCId] : []));
}

/** The FORWARD rules `reader`'s account sees in `region` (its own and those shared with it). */
export async function readRules(aws: AwsAccess, reader: Reader, region: string): Promise<RuleReading[]> {
  const { resolver } = aws.clientsFor(reader, region);
  const pages = await aws.pages(
    reader,
    paginateListResolverRules({ client: resolver, pageSize: RESOLVER_PAGE }, {}),
  );
  return pages
    .flatMap((p) => p.ResolverRules ?? [])
    .filter((r) => r.RuleType === "FORWARD")
    .map((r) => ({
      id: r.Id ?? "",
      arn: r.Arn ?? "",
      ...(r.Name ? { name: r.Name } : {}),
      domain: dnsName(r.DomainName ?? ""),
      ruleType: String(r.RuleType),
      ownerId: r.OwnerId ?? "",
      ...(r.ShareStatus ? { shareStatus: String(r.ShareStatus) } : {}),
      ...(r.ResolverEndpointId ? { endpointId: r.ResolverEndpointId } : {}),
      targets: (r.TargetIps ?? []).flatMap((t) => (t.Ip ? [t.Ip] : t.Ipv6 ? [t.Ipv6] : [])),
    }));
}

/** The hub account's reading of one region: everything the hub VPC resolves and shares. */
export async function readHubRegion(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  vpcId: string,
  options: HubReadOptions = {},
): Promise<HubReading> {
  const { resolver, ram } = aws.clientsFor(reader, region);
  const [endpoints, zoneList, endpointPages, rules, shares] = await Promise.all([
    readEndpoints(aws, reader, region, [vpcId]),
    readZonesOfVpc(aws, reader, region, vpcId),
    aws.pages(reader, paginateListResolverEndpoints({ client: resolver, pageSize: RESOLVER_PAGE }, {})),
    readRules(aws, reader, region),
    aws.pages(
      reader,
      paginateGetResourceShares(
        { client: ram, pageSize: RAM_PAGE },
        { resourceOwner: "SELF", resourceShareStatus: "ACTIVE" },
      ),
    ),
  ]);
  const zones = await Promise.all(
    zoneList.map(async (z) => ({ ...z, records: await readRecords(aws, reader, region, z.id) })),
  );
  const ownZones = zones.filter((z) => (z.ownerAccount ?? reader.accountId) === reader.accountId);
  const authorizations = options.authorizations
    ? new Map(
        await Promise.all(
          ownZones.map(async (z) => [z.id, await readAuthorizations(aws, reader, region, z.id)] as const),
        ),
      )
    : undefined;
  const resolverEndpoints = await Promise.all(
    endpointPages
      .flatMap((p) => p.ResolverEndpoints ?? [])
      .filter((e) => e.HostVPCId === vpcId)
      .map(async (e): Promise<ResolverEndpointReading> => {
        const pages = await aws.pages(
          reader,
          paginateListResolverEndpointIpAddresses(
            { client: resolver, pageSize: RESOLVER_PAGE },
            { ResolverEndpointId: e.Id },
          ),
        );
        return {
          id: e.Id ?? "",
          vpcId,
          direction: String(e.Direction ?? ""),
          status: String(e.Status ?? ""),
          ips: pages
            .flatMap((p) => p.IpAddresses ?? [])
            .flatMap((a) => (a.Ip ? [{ ip: a.Ip, subnetId: a.SubnetId ?? "" }] : [])),
        };
      }),
  );
  const shareArns = shares.flatMap((p) => p.resourceShares ?? []).flatMap((s) => s.resourceShareArn ?? []);
  const sharedWith = new Map<string, string[]>();
  if (shareArns.length > 0) {
    const associations = async (associationType: "RESOURCE" | "PRINCIPAL") =>
      (
        await aws.pages(
          reader,
          paginateGetResourceShareAssociations(
            { client: ram, pageSize: RAM_PAGE },
            { associationType, resourceShareArns: shareArns, associationStatus: "ASSOCIATED" },
          ),
        )
      ).flatMap((p) => p.resourceShareAssociations ?? []);
    const [resources, principals] = await Promise.all([associations("RESOURCE"), associations("PRINCIPAL")]);
    for (const resource of resources) {
      const to = principals
        .filter((p) => p.resourceShareArn === resource.resourceShareArn)
        .flatMap((p) => p.associatedEntity ?? []);
      const arn = resource.associatedEntity ?? "";
      sharedWith.set(arn, [...(sharedWith.get(arn) ?? []), ...to]);
    }
  }
  return {
    endpoints,
    zones,
    resolverEndpoints,
    rules: rules.filter((r) => r.ownerId === reader.accountId),
    sharedWith,
    ...(authorizations ? { authorizations } : {}),
  };
}

/** The spoke account's reading of one region, for its configured `vpcIds`. */
export async function readSpokeRegion(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  vpcIds: readonly string[],
): Promise<SpokeRegionReading> {
  const { resolver } = aws.clientsFor(reader, region);
  const wanted = new Set(vpcIds);
  const [associationPages, rules, endpoints, zones] = await Promise.all([
    aws.pages(
      reader,
      paginateListResolverRuleAssociations({ client: resolver, pageSize: RESOLVER_PAGE }, {}),
    ),
    readRules(aws, reader, region),
    readEndpoints(aws, reader, region, vpcIds),
    Promise.all(vpcIds.map(async (vpc) => [vpc, await readZonesOfVpc(aws, reader, region, vpc)] as const)),
  ]);
  return {
    associations: associationPages
      .flatMap((p) => p.ResolverRuleAssociations ?? [])
      .filter((a) => wanted.has(a.VPCId ?? "") && !["DELETING", "FAILED"].includes(String(a.Status)))
      .map((a) => ({
        id: a.Id ?? "",
        ruleId: a.ResolverRuleId ?? "",
        vpcId: a.VPCId ?? "",
        status: String(a.Status ?? ""),
      })),
    rules: new Map(rules.map((r) => [r.id, r])),
    zones: new Map(zones),
    endpoints,
  };
}
