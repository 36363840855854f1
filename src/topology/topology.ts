/**
 * The organization's DNS topology: what every hub region shares and what every spoke VPC must resolve,
 * built once from the validated configuration and the service catalog. It is the one derivation of
 * services, zones, records, forward rules and endpoint policies in TypeScript: the hub and spoke stacks
 * render it, and the quota checks, the policy checks, the cost planner, the diagram and `verify` read it.
 *
 * Everything in it is sorted (regions, spokes, services by short name as configured, zones and rules by
 * domain, subnets by id, VPCs by id) and frozen: reordering the configuration yields the same topology,
 * and no consumer can change what another one reads.
 */
import { hubStackName, spokeStackName } from "../constructs/hub-outputs";
import { organizationOnlyPolicy } from "../constructs/hub-region/endpoint-policy";
import { terraformLiteral } from "../constructs/terraform-literal";
import { PrivateZone, privateZones } from "../catalog/private-zones";
import { ResolvedService, resolveService } from "../catalog/service-catalog";
import type { VpceShareConfig } from "../config/config-types";
import {
  DEFAULT_PROFILE_CONTENTS,
  HubSharing,
  hubBuilds,
  hubHostsZones,
  ProfileContents,
  SharingMechanism,
} from "./sharing-mechanism";

/** Resolver rule names: letters, digits, `-`, `_` and spaces, 64 characters at most. */
export const RULE_NAME_MAX = 64;
/** Prefix of every resource name the stacks create. */
export const NAME_PREFIX = "vpce-share";
const HTTPS_PORT = 443;

export interface Topology {
  readonly organization: {
    readonly id: string;
    readonly arn: string;
    readonly partition: string;
    readonly cidrs: readonly string[];
  };
  readonly hub: {
    readonly accountId: string;
    readonly roleArn?: string;
    /** Organization, OU ARNs or account ids the rules are shared with, as configured. */
    readonly shareWith: readonly string[];
  };
  /** Sorted by region. */
  readonly hubRegions: readonly HubRegionTopology[];
  /** Sorted by name. */
  readonly spokes: readonly SpokeTopology[];
  /** Tags on every taggable resource. */
  readonly tags: Readonly<Record<string, string>>;
  /** The hub region of a region code, or undefined. */
  hubRegion(region: string): HubRegionTopology | undefined;
  /** The spoke of a name, or undefined. */
  spoke(name: string): SpokeTopology | undefined;
}

/** One shared service of a hub region: its interface endpoint and what the endpoint admits. */
export interface SharedService extends ResolvedService {
  /**
   * The endpoint policy document as the stack writes it: the configuration's override (IAM policy
   * variables escaped for Terraform), the organization-only policy, or null when the service refuses
   * endpoint policies.
   */
  readonly policy: string | null;
  /** The override from `hub.endpointPolicies.<name>` as configured, when there is one. */
  readonly policyOverride?: object;
}

/** One FORWARD resolver rule: it matches its domain and every name under it. */
export interface ForwardRule {
  readonly domain: string;
  /** The service whose zone answers the rule's names. */
  readonly service: string;
  /** `vpce-share-dkr-ecr-eu-west-3-amazonaws-com`: no dots, 64 characters at most. */
  readonly name: string;
}

export interface HubSubnet {
  readonly subnetId: string;
  /** The pinned inbound resolver IP of this subnet, if pinned. */
  readonly inboundIp?: string;
}

/** What a hub region shares, as the hub region construct renders it. */
export interface HubRegionShare {
  /** The mechanism, and the retiring one while spokes move off it. Absent: resolver rules. */
  readonly sharing?: HubSharing;
  /** In the order of `hub.regions.<region>.services`. */
  readonly services: readonly SharedService[];
  /**
   * Sorted by domain: the private hosted zones the hub creates, associated with the hub VPC (none in a
   * Profile of endpoints, whose names AWS hosts).
   */
  readonly zones: readonly PrivateZone[];
  /**
   * Sorted by domain: the zones of the services' private DNS names, whoever hosts them (the hub's own
   * zones, or AWS's for endpoints with private DNS on): what every spoke VPC must resolve.
   */
  readonly dnsZones: readonly PrivateZone[];
  /** Sorted by domain: one per zone when the hub builds resolver rules, shared through RAM with `hub.shareWith`. */
  readonly rules: readonly ForwardRule[];
  /** TCP ports the endpoints' security group admits besides 443, sorted. */
  readonly extraPorts: readonly number[];
}

/** The spoke VPCs of one spoke in a hub region. */
export interface RegionConsumer {
  readonly spoke: string;
  readonly accountId: string;
  /** Sorted. */
  readonly vpcIds: readonly string[];
}

export interface HubRegionTopology extends HubRegionShare {
  readonly sharing: HubSharing;
  /** The active mechanism: what every spoke VPC of the region uses. */
  readonly mechanism: SharingMechanism;
  readonly region: string;
  /** `hub-<region>`: the workspace that holds the region. */
  readonly stackName: string;
  readonly vpcId: string;
  /** Sorted by subnet id, each with its pinned IP. */
  readonly subnets: readonly HubSubnet[];
  /** True when every subnet has a pinned inbound IP. */
  readonly pinnedInboundIps: boolean;
  readonly queryLogDestinationArn?: string;
  /** The spokes that use the region, sorted by spoke name. */
  readonly consumers: readonly RegionConsumer[];
  /** Every spoke VPC of the region, sorted: the Profile's associations, the zones' authorizations. */
  readonly spokeVpcIds: readonly string[];
  /** The service of a short name, or undefined. */
  service(name: string): SharedService | undefined;
}

export interface SpokeRegionTopology {
  readonly region: string;
  /** `hub-<region>`: the workspace whose outputs this region reads. */
  readonly hubStackName: string;
  /** The hub region's active mechanism: what each VPC associates. */
  readonly mechanism: SharingMechanism;
  /** With a Profile: what it holds. */
  readonly profileContents?: ProfileContents;
  /** Sorted. */
  readonly vpcIds: readonly string[];
  /** With resolver rules: the hub region's rules, each associated with every VPC. */
  readonly rules: readonly ForwardRule[];
  /** With zone association: the hub region's zones, each associated with every VPC. */
  readonly zones: readonly PrivateZone[];
  /** The hub region's services: every private DNS name of each must resolve from every VPC. */
  readonly services: readonly SharedService[];
}

export interface SpokeTopology {
  readonly name: string;
  /** `spoke-<name>`. */
  readonly stackName: string;
  readonly accountId: string;
  readonly roleArn?: string;
  /** Sorted by region. */
  readonly regions: readonly SpokeRegionTopology[];
}

/** `vpce-share-dkr-ecr-eu-west-3-amazonaws-com`: rule names allow no dots and 64 characters at most. */
export function resolverRuleName(prefix: string, domain: string): string {
  return `${prefix}-${domain.replace(/\./g, "-")}`.slice(0, RULE_NAME_MAX);
}

/** The ports an endpoint security group admits besides 443 (HTTPS, which every endpoint serves). */
export function extraPortsOf(services: readonly ResolvedService[]): number[] {
  const ports = new Set(services.flatMap((s) => s.ports).filter((p) => p !== HTTPS_PORT));
  return [...ports].sort((a, b) => a - b);
}

/**
 * The policy an endpoint gets: none when the service refuses policies, the override as a Terraform
 * literal (so IAM's `${aws:username}` stays as written), else the organization-only policy, which also
 * lets anyone read the AWS-owned buckets the spokes need through the service (s3: ECR image layers,
 * Amazon Linux repositories).
 */
export function endpointPolicyOf(
  service: ResolvedService,
  organizationId: string | undefined,
  override: string | undefined,
): string | null {
  if (!service.endpointPolicy) return null;
  if (override !== undefined) return terraformLiteral(override);
  return organizationId ? organizationOnlyPolicy(organizationId, service.awsOwnedObjectArns) : null;
}

/**
 * The services, zones and rules of a set of resolved services: what a hub region shares, also for the
 * constructs' own tests (which pass services without a configuration).
 */
export function sharedServices(
  services: readonly ResolvedService[],
  organizationId: string | undefined,
  overrides: Readonly<Record<string, string>> = {},
  sharing: HubSharing = { mechanism: "resolver-rules" },
  prefix = NAME_PREFIX,
): HubRegionShare {
  const dnsZones = privateZones(services);
  const zones = hubHostsZones(sharing) ? dnsZones : [];
  return {
    sharing,
    services: services.map((s) => ({ ...s, policy: endpointPolicyOf(s, organizationId, overrides[s.name]) })),
    zones,
    dnsZones,
    rules: hubBuilds(sharing, "resolver-rules")
      ? zones.map((z) => ({
          domain: z.domain,
          service: z.service,
          name: resolverRuleName(prefix, z.domain),
        }))
      : [],
    extraPorts: extraPortsOf(services),
  };
}

/** The sharing of a configured hub region: a retiring Profile holds zones. */
function sharingOf(hub: VpceShareConfig["hub"]["regions"][string]): HubSharing {
  const profileContents =
    hub.mechanism === "profile"
      ? (hub.profileContents ?? DEFAULT_PROFILE_CONTENTS)
      : hub.retiringMechanism === "profile"
        ? "zones"
        : undefined;
  return {
    mechanism: hub.mechanism,
    ...(hub.retiringMechanism === undefined ? {} : { retiringMechanism: hub.retiringMechanism }),
    ...(profileContents === undefined ? {} : { profileContents }),
  };
}

const topologies = new WeakMap<VpceShareConfig, Topology>();

/** The topology of a validated configuration, built once per configuration object. */
export function topologyOf(config: VpceShareConfig): Topology {
  let topology = topologies.get(config);
  if (!topology) topologies.set(config, (topology = buildTopology(config)));
  return topology;
}

function buildTopology(config: VpceShareConfig): Topology {
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const policyOverrides = config.hub.endpointPolicies ?? {};
  const overrideTexts = Object.fromEntries(
    Object.entries(policyOverrides).map(([name, document]) => [name, JSON.stringify(document)]),
  );
  const spokeNames = Object.keys(config.spokes).sort(byCode);
  const hubRegions = Object.keys(config.hub.regions)
    .sort(byCode)
    .map((region): HubRegionTopology => {
      const hub = config.hub.regions[region];
      const sharing = sharingOf(hub);
      const resolved = hub.services.map((name) => resolveService(name, region, config.customServices));
      const shared = sharedServices(resolved, config.organization.id, overrideTexts, sharing);
      const services = shared.services.map((s) =>
        policyOverrides[s.name] === undefined ? s : { ...s, policyOverride: policyOverrides[s.name] },
      );
      const subnets = hub.subnetIds
        .map((subnetId, i) => ({
          subnetId,
          ...(hub.inboundResolverIps ? { inboundIp: hub.inboundResolverIps[i] } : {}),
        }))
        .sort((a, b) => byCode(a.subnetId, b.subnetId));
      const byName = new Map(services.map((s) => [s.name, s]));
      const consumers = spokeNames.flatMap((spoke): RegionConsumer[] => {
        const vpcs = config.spokes[spoke].regions[region]?.vpcIds;
        if (vpcs === undefined) return [];
        return [{ spoke, accountId: config.spokes[spoke].accountId, vpcIds: [...vpcs].sort(byCode) }];
      });
      return {
        sharing,
        mechanism: sharing.mechanism,
        region,
        stackName: hubStackName(region),
        vpcId: hub.vpcId,
        subnets,
        pinnedInboundIps: hub.inboundResolverIps !== undefined,
        services,
        zones: shared.zones,
        dnsZones: shared.dnsZones,
        rules: shared.rules,
        extraPorts: shared.extraPorts,
        ...(hub.queryLogDestinationArn === undefined
          ? {}
          : { queryLogDestinationArn: hub.queryLogDestinationArn }),
        consumers,
        spokeVpcIds: consumers.flatMap((c) => c.vpcIds).sort(byCode),
        service: (name) => byName.get(name),
      };
    });
  const hubByRegion = new Map(hubRegions.map((h) => [h.region, h]));
  const spokes = spokeNames.map((name): SpokeTopology => {
    const spoke = config.spokes[name];
    return {
      name,
      stackName: spokeStackName(name),
      accountId: spoke.accountId,
      ...(spoke.roleArn === undefined ? {} : { roleArn: spoke.roleArn }),
      regions: Object.keys(spoke.regions)
        .sort(byCode)
        .map((region) => {
          const hub = hubByRegion.get(region);
          if (!hub) throw new Error(`spokes.${name}.regions.${region} is not a hub region`);
          return {
            region,
            hubStackName: hub.stackName,
            mechanism: hub.mechanism,
            ...(hub.mechanism === "profile" ? { profileContents: hub.sharing.profileContents } : {}),
            vpcIds: [...spoke.regions[region].vpcIds].sort(byCode),
            rules: hub.mechanism === "resolver-rules" ? hub.rules : [],
            zones: hub.mechanism === "zone-association" ? hub.zones : [],
            services: hub.services,
          };
        }),
    };
  });
  const spokeByName = new Map(spokes.map((s) => [s.name, s]));
  return deepFreeze({
    organization: {
      id: config.organization.id,
      arn: config.organization.arn,
      partition: config.organization.partition,
      cidrs: config.organization.cidrs,
    },
    hub: {
      accountId: config.hub.accountId,
      ...(config.hub.roleArn === undefined ? {} : { roleArn: config.hub.roleArn }),
      shareWith: config.hub.shareWith,
    },
    hubRegions,
    spokes,
    tags: config.tags,
    hubRegion: (region: string) => hubByRegion.get(region),
    spoke: (name: string) => spokeByName.get(name),
  });
}

/** Freezes an object and everything it holds (shared parts once). */
function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  for (const child of Object.values(value)) deepFreeze(child, seen);
  return Object.freeze(value);
}
