/**
 * The rules of a valid configuration that relate several values (partitions of ARNs, inbound IPs within
 * organization.cidrs and one per subnet, spoke regions that the hub serves, hub VPC vs spoke VPCs,
 * shareWith coverage, services and their private DNS zones, workspace name lengths, ...). The schema
 * (config-schema.ts) applies them to the whole file after checking each value on its own, so
 * `ConfigSchema` alone says what a valid configuration is.
 *
 * They read only the values the schema accepted (`Accepted`, built from the schema's issues), so one
 * mistake is reported once and never crashes a rule.
 */
import { getDomain, parse as parseDomain } from "tldts";
import { hubStackName, spokeStackName } from "../constructs/hub-outputs";
import { AWS_DNS_SUFFIXES, isRegion, partitionOfRegion } from "../catalog/partitions";
import { zoneOfName } from "../catalog/private-zones";
import {
  CATALOG,
  CustomServiceDefinition,
  ResolvedService,
  resolveService,
  ServiceCatalogError,
} from "../catalog/service-catalog";
import { formatPath, quote } from "./config-error";
import { DEFAULT_MECHANISM } from "../topology/sharing-mechanism";
import type { ConfigInput, PathIssue } from "./config-schema";
import {
  ACCOUNT_ID,
  cidrContains,
  ORGANIZATION_ARN,
  OU_ARN,
  QUERY_LOG_DESTINATION,
  ROLE_ARN,
} from "./formats";

type Path = PathIssue["path"];
type Report = (path: Path, message: string) => void;

/** Which parts of the input the schema accepted, so the rules below read only well-formed values. */
class Accepted {
  /** The paths of the issues, and every path above one (indexed: a file may hold thousands of issues). */
  private readonly issueAt = new Set<string>();
  private readonly issueBelowOrAt = new Set<string>();

  constructor(schemaIssuePaths: readonly Path[]) {
    for (const path of schemaIssuePaths) {
      this.issueAt.add(pathKey(path));
      for (let length = 0; length <= path.length; length++)
        this.issueBelowOrAt.add(pathKey(path.slice(0, length)));
    }
  }

  /** The value at `path` passed the schema: nothing wrong at it, above it or below it. */
  value(path: Path): boolean {
    return !this.issueBelowOrAt.has(pathKey(path)) && this.shape(path);
  }

  /** The value at `path` has its schema type (nothing wrong at it or above it); its parts may not pass. */
  shape(path: Path): boolean {
    for (let length = 0; length <= path.length; length++) {
      if (this.issueAt.has(pathKey(path.slice(0, length)))) return false;
    }
    return true;
  }

  /** The accepted items of the list at `path`, with their paths. */
  items<T>(path: Path, list: readonly T[] | undefined): PathValue<T>[] {
    if (!this.shape(path) || list === undefined) return [];
    return list.map((value, i) => ({ path: [...path, i], value })).filter((item) => this.value(item.path));
  }
}

interface PathValue<T> {
  readonly path: Path;
  readonly value: T;
}

export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

/** Organization facts that other values must agree with. */
interface Organization {
  readonly arn: string;
  readonly partition: string;
  readonly id: string;
}

/** Parts of an ARN that passed the schema's pattern (so the match cannot fail). */
function arnParts(
  pattern: RegExp,
  arn: string,
): { partition: string; account: string; organizationId: string } {
  const match = pattern.exec(arn);
  if (!match) throw new Error(`${arn} was accepted by the schema but does not match ${pattern}`);
  return { partition: match[1], account: match[2], organizationId: match[3] };
}

/** The organization's id and partition, from an ARN that passed the schema's pattern. */
export function readOrganization(arn: string): Organization {
  const { partition, organizationId } = arnParts(ORGANIZATION_ARN, arn);
  return { arn, partition, id: organizationId };
}

/**
 * The rules that relate values, as problems with their paths. `input` is what the schema parsed
 * (typed as its input), and `schemaIssuePaths` are where the schema found problems: only the parts
 * with no problem at, above or below them may be read, so every access below is behind a check of
 * `accepted`.
 */
export function checkRelations(input: ConfigInput, schemaIssuePaths: readonly Path[]): PathIssue[] {
  const accepted = new Accepted(schemaIssuePaths);
  const issues: PathIssue[] = [];
  const report: Report = (path, message) => issues.push({ path, message });
  const organization = accepted.value(["organization", "arn"])
    ? readOrganization(input.organization.arn)
    : undefined;
  const cidrs = accepted.value(["organization", "cidrs"]) ? input.organization.cidrs : undefined;

  if (accepted.shape(["hub"])) {
    const hub = input.hub;
    checkRoleAccount(["hub"], hub, organization, accepted, report);
    const hubAccount = accepted.value(["hub", "accountId"]) ? hub.accountId : undefined;
    checkShareWith(accepted.items(["hub", "shareWith"], hub.shareWith), organization, hubAccount, report);
    if (accepted.shape(["hub", "regions"])) {
      const customServices = acceptedCustomServices(input, accepted);
      const reportedNames = new Set<string>();
      for (const [region, spec] of Object.entries(hub.regions)) {
        const at = ["hub", "regions", region];
        if (!accepted.shape(at)) continue;
        if (organization && partitionOfRegion(region).name !== organization.partition) {
          report(
            at,
            `region ${quote(region)} is in partition ${quote(partitionOfRegion(region).name)}, but organization.arn is in ${quote(organization.partition)}; every region must be in the organization's partition`,
          );
        }
        checkHubNetwork(at, spec, cidrs, accepted, report);
        checkQueryLogDestination(at, region, spec, organization, accepted, report);
        checkMechanism(at, spec, accepted, report);
        const services = accepted.items([...at, "services"], spec.services);
        const resolved = checkServices(at, region, services, customServices, report);
        checkCustomNames(at, region, resolved, reportedNames, report);
      }
    }
  }
  if (accepted.shape(["spokes"]) && input.spokes !== undefined) {
    checkSpokes(input, organization, accepted, report);
    checkShareCoverage(input, accepted, report);
  }
  checkEndpointPolicies(input, accepted, report);
  checkWorkspaceNames(input, accepted, report);
  return issues;
}

/** An ARN's partition is the organization's: IAM, logs and RAM never cross partitions. */
function checkPartition(
  path: Path,
  arn: string,
  partition: string,
  organization: Organization | undefined,
  what: string,
  report: Report,
) {
  if (!organization || partition === organization.partition) return;
  report(
    path,
    `${quote(arn)} is ${what} in partition ${quote(partition)}, but organization.arn is in ${quote(organization.partition)}; expected an ARN starting "arn:${organization.partition}:"`,
  );
}

function checkRoleAccount(
  at: Path,
  owner: { accountId: string; roleArn?: string },
  organization: Organization | undefined,
  accepted: Accepted,
  report: Report,
) {
  if (owner.roleArn === undefined || !accepted.value([...at, "roleArn"])) return;
  const { partition, account } = arnParts(ROLE_ARN, owner.roleArn);
  checkPartition([...at, "roleArn"], owner.roleArn, partition, organization, "a role", report);
  if (!accepted.value([...at, "accountId"]) || account === owner.accountId) return;
  report(
    [...at, "roleArn"],
    `${quote(owner.roleArn)} is a role in account ${account}, but ${formatPath([...at, "accountId"])} is ${owner.accountId}; expected a role in that account, e.g. ${quote(owner.roleArn.replace(`::${account}:`, `::${owner.accountId}:`))}`,
  );
}

function checkShareWith(
  targets: PathValue<string>[],
  organization: Organization | undefined,
  hubAccount: string | undefined,
  report: Report,
) {
  reportDuplicates(targets, "RAM shares the rules once per principal", report);
  for (const { path, value } of targets) {
    if (value === hubAccount) {
      report(
        path,
        `${quote(value)} is the hub account (hub.accountId), which owns the rules: RAM cannot share them with their owner; remove it (the hub's own VPCs need no share)`,
      );
    }
  }
  if (!organization) return;
  for (const { path, value } of targets) {
    if (ORGANIZATION_ARN.test(value) && value !== organization.arn) {
      report(
        path,
        `${quote(value)} is not the organization in organization.arn; expected ${quote(organization.arn)}`,
      );
    } else if (OU_ARN.test(value)) {
      const { organizationId } = arnParts(OU_ARN, value);
      if (organizationId !== organization.id) {
        report(
          path,
          `${quote(value)} is an OU of organization ${quote(organizationId)}, not of ${quote(organization.id)} (organization.arn); expected an OU ARN with "/${organization.id}/"`,
        );
      }
    }
  }
}

type HubRegionInput = ConfigInput["hub"]["regions"][string];

/** Subnets and pinned resolver IPs of one hub region. */
function checkHubNetwork(
  at: Path,
  spec: HubRegionInput,
  cidrs: readonly string[] | undefined,
  accepted: Accepted,
  report: Report,
) {
  const subnetsAt = [...at, "subnetIds"];
  const ipsAt = [...at, "inboundResolverIps"];
  reportDuplicates(
    accepted.items(subnetsAt, spec.subnetIds),
    "each subnet holds one endpoint ENI and one resolver IP, so list it once",
    report,
  );
  const ips = accepted.items(ipsAt, spec.inboundResolverIps);
  reportDuplicates(ips, "each resolver IP is pinned in its own subnet", report);
  for (const { path, value } of ips) {
    if (reservedInEverySubnet(value)) {
      report(
        path,
        `${quote(value)} is reserved by AWS in every subnet that can hold it: a subnet is /16 to /28, and AWS reserves the first four addresses and the last of each, so an address ending in .0.0 to .0.3 or .255.255 is always one of them; expected another address of the subnet`,
      );
    }
  }
  if (spec.inboundResolverIps && accepted.value(ipsAt) && accepted.value(subnetsAt)) {
    const [ipCount, subnetCount] = [spec.inboundResolverIps.length, spec.subnetIds.length];
    if (ipCount !== subnetCount) {
      report(
        ipsAt,
        `has ${ipCount} IP${ipCount === 1 ? "" : "s"} but ${formatPath(subnetsAt)} has ${subnetCount} subnet${subnetCount === 1 ? "" : "s"}; expected one IP per subnet, the i-th IP in the i-th subnet`,
      );
    }
  }
  if (!cidrs) return;
  for (const { path, value } of ips) {
    if (!cidrs.some((cidr) => cidrContains(cidr, value))) {
      report(
        path,
        `${quote(value)} is outside organization.cidrs (${cidrs.map(quote).join(", ")}); the security groups admit only those networks, so the organization could not reach this resolver IP`,
      );
    }
  }
}

/**
 * Whether AWS reserves `ip` whatever subnet holds it. The configuration has no subnet CIDRs, but every
 * subnet is /16 to /28 and aligned, and AWS reserves its first four addresses and its last: an address
 * whose low 16 bits are 0 to 3 (or all ones) is at offset 0 to 3 (or the last) of every block from /16 to
 * /28 that holds it. Others (x.y.z.0, x.y.z.255 of a /24) depend on the subnet, which only AWS knows.
 */
function reservedInEverySubnet(ip: string): boolean {
  const [, , third, fourth] = ip.split(".").map(Number);
  const low16 = third * 256 + fourth;
  return low16 <= 3 || low16 === 65535;
}

interface CustomServices {
  /** Definitions that passed the schema, defaults filled in. */
  readonly definitions: Record<string, CustomServiceDefinition>;
  /** Names whose definition has problems of its own (already reported). */
  readonly broken: ReadonlySet<string>;
}

/** The custom services that resolveService may use; undefined when the section itself is unusable. */
function acceptedCustomServices(input: ConfigInput, accepted: Accepted): CustomServices | undefined {
  if (!accepted.shape(["customServices"])) return undefined;
  const definitions: Record<string, CustomServiceDefinition> = {};
  const broken = new Set<string>();
  for (const [name, definition] of Object.entries(input.customServices ?? {})) {
    if (accepted.value(["customServices", name])) {
      definitions[name] = { ...definition, endpointPolicy: definition.endpointPolicy ?? true };
    } else {
      broken.add(name);
    }
  }
  return { definitions, broken };
}

/**
 * Each service resolves in the region, once, and no two services claim the same private DNS zone.
 * Returns the services that resolve.
 */
function checkServices(
  at: Path,
  region: string,
  services: PathValue<string>[],
  custom: CustomServices | undefined,
  report: Report,
): ResolvedService[] {
  reportDuplicates(services, "each service gets one endpoint per region", report);
  if (!custom) return []; // without the custom definitions, any name might be one of them
  const resolved: ResolvedService[] = [];
  const zoneOwners = new Map<string, PathValue<string>>();
  const listed = new Set<string>();
  for (const service of services) {
    if (listed.has(service.value) || custom.broken.has(service.value)) continue;
    listed.add(service.value);
    let dnsNames: readonly string[];
    try {
      const found = resolveService(service.value, region, custom.definitions);
      resolved.push(found);
      dnsNames = found.privateDnsNames;
    } catch (error) {
      if (!(error instanceof ServiceCatalogError)) throw error;
      report(service.path, error.message);
      continue;
    }
    const clashes = new Set<string>();
    for (const dnsName of dnsNames) {
      const zone = zoneOfName(dnsName).domain;
      const owner = zoneOwners.get(zone);
      if (!owner) {
        zoneOwners.set(zone, service);
      } else if (owner.value !== service.value && !clashes.has(owner.value)) {
        clashes.add(owner.value);
        report(
          service.path,
          `${quote(service.value)} and ${quote(owner.value)} (${formatPath(owner.path)}) both claim the private DNS zone ${quote(zone)} in ${formatPath(at)}; a region can serve each zone once, so keep one of them`,
        );
      }
    }
  }
  return resolved;
}

/**
 * Zones and the services they belong to, looked up by the zone itself or by any of its ancestors, so
 * a rule can ask in one step which zones a zone is or encloses (a file may share thousands of services).
 */
class ZoneIndex {
  /** zone -> the services it belongs to */
  private readonly exact = new Map<string, string[]>();
  /** proper ancestor -> zones under it, at most one per service and three services */
  private readonly under = new Map<string, { zone: string; service: string }[]>();

  add(zone: string, service: string): void {
    const owners = this.exact.get(zone);
    if (!owners) this.exact.set(zone, [service]);
    else if (!owners.includes(service)) owners.push(service);
    let dot = zone.indexOf(".");
    while (dot >= 0) {
      const ancestor = zone.slice(dot + 1);
      let entries = this.under.get(ancestor);
      if (!entries) this.under.set(ancestor, (entries = []));
      if (entries.length < 3 && !entries.some((entry) => entry.service === service)) {
        entries.push({ zone, service });
      }
      dot = zone.indexOf(".", dot + 1);
    }
  }

  /** The services whose zone is `zone`. */
  owners(zone: string): readonly string[] {
    return this.exact.get(zone) ?? [];
  }

  /** A zone strictly under `zone` of a service other than `service`. */
  enclosed(zone: string, service: string): { zone: string; service: string } | undefined {
    return this.under.get(zone)?.find((entry) => entry.service !== service);
  }
}

/** The zones of every catalog service, by region. */
const catalogZonesByRegion = new Map<string, ZoneIndex>();

function catalogZones(region: string): ZoneIndex {
  let zones = catalogZonesByRegion.get(region);
  if (!zones) {
    zones = new ZoneIndex();
    for (const name of Object.keys(CATALOG)) {
      let dnsNames: readonly string[];
      try {
        dnsNames = resolveService(name, region).privateDnsNames;
      } catch (error) {
        if (error instanceof ServiceCatalogError) continue; // global or without private DNS: no zone
        throw error;
      }
      for (const dnsName of dnsNames) zones.add(zoneOfName(dnsName).domain, name);
    }
    catalogZonesByRegion.set(region, zones);
  }
  return zones;
}

/** `zone` is `other` or one of its ancestors, so a rule for `zone` captures every name of `other`. */
function encloses(zone: string, other: string): boolean {
  return zone === other || other.endsWith(`.${zone}`);
}

/**
 * Why a custom service's zone would capture names that are not its own, or undefined. The hub answers
 * every name under a shared zone for every spoke VPC (NXDOMAIN, or this one endpoint), so the zone must
 * be the service's own name: not a public suffix, an AWS DNS suffix or a region's apex under one, and
 * neither the zone of another service nor an ancestor of one (the catalog's services of the region,
 * shared or not, and the services shared there).
 */
function zoneCapture(zone: string, service: string, region: string, shared: ZoneIndex): string | undefined {
  const domain = parseDomain(zone);
  if (domain.isIp) return "is an IP address, not a DNS name";
  if (getDomain(zone) === null) {
    return `is a public suffix (${quote(domain.publicSuffix)}): it holds the names of every domain registered under it`;
  }
  for (const suffix of AWS_DNS_SUFFIXES) {
    if (encloses(zone, suffix)) {
      return `${zone === suffix ? "is" : "encloses"} ${quote(suffix)}, under which AWS names the services of every region: it holds every AWS API name`;
    }
    const apex = zone.slice(0, zone.indexOf("."));
    if (zone.endsWith(`.${suffix}`) && isRegion(apex)) {
      return `is the apex of region ${quote(apex)} under ${quote(suffix)}: it holds every AWS service name of ${apex}`;
    }
  }
  const catalog = catalogZones(region);
  // A zone the catalog gives this very service is its own (AWS nests some: codeartifact), and the same
  // zone as another shared service's is reported where the services are listed (checkServices).
  const sharedOwners = shared.owners(zone).filter((owner) => owner !== service);
  if (!catalog.owners(zone).includes(service) && sharedOwners.length === 0) {
    const owner = catalog.owners(zone).find((name) => name !== service);
    if (owner !== undefined) {
      return `is the zone of the catalog's service ${quote(owner)}; to correct that service's definition, name the custom service ${quote(owner)}`;
    }
    const inside = catalog.enclosed(zone, service);
    if (inside) {
      return `encloses ${quote(inside.zone)}, the zone of the catalog's service ${quote(inside.service)}: spoke VPCs would get NXDOMAIN (or this endpoint) for its names`;
    }
  }
  const inside = shared.enclosed(zone, service);
  if (inside) {
    return `encloses ${quote(inside.zone)}, the zone of ${quote(inside.service)}, also shared in ${region}: the hub would answer its names from two zones`;
  }
  return undefined;
}

/** Every private DNS name of a shared custom service is the service's own name (see zoneCapture). */
function checkCustomNames(
  at: Path,
  region: string,
  shared: readonly ResolvedService[],
  reported: Set<string>,
  report: Report,
) {
  if (!shared.some((service) => service.source === "custom")) return;
  const zones = new ZoneIndex();
  for (const service of shared) {
    for (const dnsName of service.privateDnsNames) zones.add(zoneOfName(dnsName).domain, service.name);
  }
  for (const service of shared) {
    if (service.source !== "custom") continue;
    service.privateDnsNames.forEach((dnsName, i) => {
      const path = ["customServices", service.name, "privateDnsNames", i];
      const key = pathKey(path);
      if (reported.has(key)) return; // once, for the first region that shows it
      const zone = zoneOfName(dnsName).domain;
      const why = zoneCapture(zone, service.name, region, zones);
      if (why === undefined) return;
      reported.add(key);
      report(
        path,
        `makes the private hosted zone ${quote(zone)} in ${formatPath(at)}, which ${why}. The zone's forward rule sends every name under it from every spoke VPC to the hub; expected the service's own name, e.g. ${quote(`${service.name}.${region}.amazonaws.com`)}`,
      );
    });
  }
}

/**
 * Query logs go to a destination of the organization's partition; a CloudWatch Logs group or a Firehose
 * stream must be in the hub region (an S3 bucket ARN carries no region).
 */
function checkQueryLogDestination(
  at: Path,
  region: string,
  spec: HubRegionInput,
  organization: Organization | undefined,
  accepted: Accepted,
  report: Report,
) {
  const path = [...at, "queryLogDestinationArn"];
  const arn = spec.queryLogDestinationArn;
  if (arn === undefined || !accepted.value(path)) return;
  const match = QUERY_LOG_DESTINATION.exec(arn);
  if (!match)
    throw new Error(`${arn} was accepted by the schema but does not match ${QUERY_LOG_DESTINATION}`);
  const [, partition, service, arnRegion] = match;
  checkPartition(path, arn, partition, organization, "a query log destination", report);
  if (service !== "s3" && arnRegion !== region) {
    report(
      path,
      `${quote(arn)} is ${arnRegion === "" ? "a destination without a region" : `in region ${quote(arnRegion)}`}, but Route 53 Resolver logs the queries of ${region} only to a CloudWatch Logs group or Firehose stream of that region; expected ${quote(`arn:${partition}:${service}:${region}:...`)}`,
    );
  }
}

/**
 * `profileContents` belongs to a Profile; a retiring mechanism differs from the new one; and a Profile of
 * endpoints (private DNS on) cannot sit beside our zones of the same names in the hub VPC
 * (ConflictingDomainExists), so it retires nothing: move to a Profile of zones first.
 */
function checkMechanism(at: Path, spec: HubRegionInput, accepted: Accepted, report: Report) {
  const mechanismAt = [...at, "mechanism"];
  if (!accepted.value(mechanismAt)) return;
  const mechanism = spec.mechanism ?? DEFAULT_MECHANISM;
  const contentsAt = [...at, "profileContents"];
  if (spec.profileContents !== undefined && accepted.value(contentsAt) && mechanism !== "profile") {
    report(
      contentsAt,
      `applies only to mechanism "profile", but this region's mechanism is ${quote(mechanism)}; remove it, or set ${formatPath(mechanismAt)} to "profile"`,
    );
  }
  const retiring = spec.retiringMechanism;
  const logAt = [...at, "queryLogDestinationArn"];
  const rules = mechanism === "resolver-rules" || retiring === "resolver-rules";
  if (spec.queryLogDestinationArn !== undefined && accepted.value(logAt) && !rules) {
    report(
      logAt,
      `logs the queries that reach the hub VPC's inbound resolver endpoint, which only resolver rules have; with ${quote(mechanism)} each spoke VPC's own Resolver answers: remove it (log queries in the spoke VPCs instead)`,
    );
  }
  const ipsAt = [...at, "inboundResolverIps"];
  if (spec.inboundResolverIps !== undefined && accepted.value(ipsAt) && !rules) {
    report(
      ipsAt,
      `pins the inbound resolver endpoint's IPs, which only resolver rules have; with ${quote(mechanism)} the hub has no resolver endpoint: remove it`,
    );
  }
  const retiringAt = [...at, "retiringMechanism"];
  if (retiring === undefined || !accepted.value(retiringAt)) return;
  if (retiring === mechanism) {
    report(
      retiringAt,
      `${quote(retiring)} is also ${formatPath(mechanismAt)}; a retiring mechanism is the one the region is moving away from: remove it once every spoke has moved`,
    );
  } else if (mechanism === "profile" && spec.profileContents === "endpoints") {
    report(
      retiringAt,
      `cannot be kept beside a Profile of endpoints: their private DNS names would conflict with the hub's zones of the same names in the hub VPC (ConflictingDomainExists); move to profileContents "zones" first, then to "endpoints" once ${quote(retiring)} is gone`,
    );
  }
}

/** Terraform Cloud refuses workspace names longer than this. */
const TFC_WORKSPACE_NAME_MAX = 90;

/** Every workspace name (prefix + stack name) fits Terraform Cloud's limit. */
function checkWorkspaceNames(input: ConfigInput, accepted: Accepted, report: Report) {
  const prefixAt = ["terraformCloud", "workspacePrefix"];
  if (!accepted.value(prefixAt) || input.terraformCloud === undefined) return;
  const prefix = input.terraformCloud.workspacePrefix ?? "";
  const stacks: PathValue<string>[] = [];
  if (accepted.shape(["hub", "regions"])) {
    for (const region of Object.keys(input.hub.regions).filter(isRegion))
      stacks.push({ path: ["hub", "regions", region], value: hubStackName(region) });
  }
  if (accepted.shape(["spokes"])) {
    for (const name of Object.keys(input.spokes ?? {}))
      stacks.push({ path: ["spokes", name], value: spokeStackName(name) });
  }
  const tooLong = stacks.filter(({ value }) => prefix.length + value.length > TFC_WORKSPACE_NAME_MAX);
  if (tooLong.length === 0) return;
  const longest = tooLong.reduce((a, b) => (b.value.length > a.value.length ? b : a));
  const room = TFC_WORKSPACE_NAME_MAX - longest.value.length;
  if (tooLong.length === stacks.length) {
    // Every workspace is too long: the prefix is what to shorten.
    report(
      prefixAt,
      `${quote(prefix)} makes workspace names of up to ${prefix.length + longest.value.length} characters (${quote(prefix + longest.value)}); Terraform Cloud allows ${TFC_WORKSPACE_NAME_MAX}: expected a prefix of at most ${Math.max(room, 0)} characters`,
    );
    return;
  }
  for (const { path, value } of tooLong) {
    const name = prefix + value;
    report(
      path,
      `makes the Terraform Cloud workspace name ${quote(name)}, ${name.length} characters; Terraform Cloud allows ${TFC_WORKSPACE_NAME_MAX}: expected a name ${name.length - TFC_WORKSPACE_NAME_MAX} characters shorter, or a shorter terraformCloud.workspacePrefix`,
    );
  }
}

/**
 * RAM shares the rules with hub.shareWith only. When it lists nothing but account ids, a spoke account
 * that is not among them can never associate the rules; an organization or OU in the list may hold the
 * account, which the configuration cannot tell, so then nothing is refused.
 */
function checkShareCoverage(input: ConfigInput, accepted: Accepted, report: Report) {
  if (!accepted.value(["hub", "shareWith"]) || input.hub.shareWith === undefined) return; // default: the organization
  const shareWith = input.hub.shareWith;
  if (shareWith.some((target) => !ACCOUNT_ID.test(target))) return;
  const hubAccount = accepted.value(["hub", "accountId"]) ? input.hub.accountId : undefined;
  for (const [name, spoke] of Object.entries(input.spokes ?? {})) {
    const path = ["spokes", name, "accountId"];
    if (!accepted.value(path) || shareWith.includes(spoke.accountId) || spoke.accountId === hubAccount)
      continue;
    report(
      path,
      `${quote(spoke.accountId)} is not in hub.shareWith (${shareWith.map(quote).join(", ")}), which lists only accounts, so RAM never shares the rules with it and its rule associations would fail; add it to hub.shareWith, or share with the organization or an OU that holds it`,
    );
  }
}

/** An endpoint policy override names a shared service that accepts endpoint policies. */
function checkEndpointPolicies(input: ConfigInput, accepted: Accepted, report: Report) {
  if (!accepted.shape(["hub", "endpointPolicies"]) || !accepted.shape(["hub", "regions"])) return;
  const custom = acceptedCustomServices(input, accepted);
  if (!custom) return;
  for (const service of Object.keys(input.hub.endpointPolicies ?? {})) {
    const at = ["hub", "endpointPolicies", service];
    const regions = Object.entries(input.hub.regions)
      .filter(
        ([region, spec]) =>
          accepted.value(["hub", "regions", region, "services"]) && spec.services.includes(service),
      )
      .map(([region]) => region);
    if (regions.length === 0) {
      report(
        at,
        `${quote(service)} is not shared in any hub region; expected one of hub.regions.<region>.services`,
      );
      continue;
    }
    try {
      if (!resolveService(service, regions[0], custom.definitions).endpointPolicy) {
        report(at, `${quote(service)} does not accept VPC endpoint policies; remove this policy`);
      }
    } catch (error) {
      if (!(error instanceof ServiceCatalogError)) throw error; // reported where the service is listed
    }
  }
}

/** Spoke regions must be hub regions, and a VPC belongs to one spoke region and is never a hub VPC. */
function checkSpokes(
  input: ConfigInput,
  organization: Organization | undefined,
  accepted: Accepted,
  report: Report,
) {
  const hubRegions = accepted.shape(["hub", "regions"]) ? Object.keys(input.hub.regions) : undefined;
  const hubVpcs = new Map<string, Path>();
  for (const region of hubRegions ?? []) {
    const vpcAt = ["hub", "regions", region, "vpcId"];
    if (accepted.value(vpcAt)) hubVpcs.set(input.hub.regions[region].vpcId, vpcAt);
  }
  const spokeVpcs: PathValue<string>[] = [];
  for (const [name, spoke] of Object.entries(input.spokes ?? {})) {
    const at = ["spokes", name];
    if (!accepted.shape(at)) continue;
    checkRoleAccount(at, spoke, organization, accepted, report);
    if (!accepted.shape([...at, "regions"])) continue;
    for (const [region, spec] of Object.entries(spoke.regions)) {
      const regionAt = [...at, "regions", region];
      if (!accepted.shape(regionAt)) continue;
      if (hubRegions && !hubRegions.includes(region)) {
        report(
          regionAt,
          `the hub does not serve ${quote(region)}; it serves ${servedList(hubRegions)}: add the region to hub.regions or remove it here`,
        );
      }
      spokeVpcs.push(...accepted.items([...regionAt, "vpcIds"], spec.vpcIds));
    }
  }
  reportDuplicates(
    spokeVpcs,
    "a VPC belongs to one spoke region, since each rule can be associated with it once",
    report,
  );
  for (const { path, value } of spokeVpcs) {
    const hubVpcAt = hubVpcs.get(value);
    if (hubVpcAt) {
      report(
        path,
        `${quote(value)} is the hub VPC (${formatPath(hubVpcAt)}); forward rules must not be associated with it: AWS refuses (RSLVR-00804) and queries would loop back to the inbound resolver`,
      );
    }
  }
}

/** The hub's valid regions, as a message lists them (a few, then how many more). */
function servedList(hubRegions: readonly string[]): string {
  const valid = hubRegions.filter(isRegion);
  const shown = valid.slice(0, 8).map(quote).join(", ");
  return valid.length > 8 ? `${shown} and ${valid.length - 8} more` : shown || "no valid region";
}

/** Reports every repeat of a value, naming the position of its first occurrence. */
function reportDuplicates(items: readonly PathValue<string>[], why: string, report: Report) {
  const first = new Map<string, Path>();
  for (const { path, value } of items) {
    const firstAt = first.get(value);
    if (firstAt) report(path, `${quote(value)} is listed twice: also at ${formatPath(firstAt)}; ${why}`);
    else first.set(value, path);
  }
}
