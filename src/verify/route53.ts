/**
 * Route 53 Resolver as a pure function over what it would see: one name, queried from one spoke VPC,
 * followed hop by hop to the hub endpoint that answers it, or to the first hop that breaks.
 *
 * A spoke VPC answers a name from the most specific of what is associated with it: a FORWARD rule (a rule
 * matches its domain and every subdomain), or a private hosted zone associated with it directly
 * (zone association) or through a Route 53 Profile. A forward rule wins over a zone of the same name; a
 * VPC's own zones (its own associations, its own private-DNS endpoint of the service) win over its
 * Profile's.
 *
 *   forward rule (resolver-rules) -> the rule is in the VPC's region and shared through RAM, sent through
 *   an outbound endpoint -> its targets are the IPs of that region's hub inbound endpoint (2 subnets at
 *   least), whose VPC is not the querying one (RSLVR-00804) -> the most specific private hosted zone of
 *   the hub VPC
 *
 *   zone association -> the zone is of the VPC's region and the hub authorized the VPC (cross-account)
 *
 *   Profile -> it is of the VPC's region and shared through RAM; it holds the hub's zones, or the hub's
 *   endpoints, whose private DNS names AWS hosts in a zone per name (no forwarding hop in either)
 *
 * -> the record of the name, else the `*` record of its closest encloser (none: NXDOMAIN, with no
 * fallback to public DNS) -> an alias to the service's own interface endpoint.
 */
import { AWS_LIMITS } from "../catalog/aws-limits";
import { mechanismLabel, ProfileContents, SharingMechanism } from "../topology/sharing-mechanism";

/** The hop of a name's resolution that broke: what the matrix shows instead of `ok`. */
export type Hop =
  | "stack"
  | "association"
  | "authorization"
  | "rule"
  | "region"
  | "share"
  | "outbound"
  | "inbound"
  | "targets"
  | "loop"
  | "zone"
  | "record"
  | "alias"
  | "endpoint";

export interface Failure {
  readonly hop: Hop;
  /** The stack that holds what broke (or lacks what is missing). */
  readonly stack: string;
  readonly reason: string;
}

export interface ResolverEndpointView {
  readonly vpcId: string;
  readonly subnetIds: readonly string[];
  /** Pinned IPs, or stand-ins for the IPs AWS assigns (one per subnet). */
  readonly ips: readonly string[];
}

export interface ForwardRuleView {
  readonly domain: string;
  readonly region: string;
  /** The hub stack that holds the rule. */
  readonly stack: string;
  /** In a RAM share with at least one principal: otherwise no spoke account can associate it. */
  readonly shared: boolean;
  readonly outbound?: ResolverEndpointView;
  /** The IPs the rule forwards to. */
  readonly targets: readonly string[];
}

export interface PrivateZoneView {
  readonly domain: string;
  /** Full record name (`*.<domain>` for a wildcard) -> the service whose endpoint its alias names. */
  readonly records: ReadonlyMap<string, string>;
}

/** A hub's Route 53 Profile: the zones it holds, or the names AWS hosts for the endpoints it holds. */
export interface ProfileView {
  /** The hub stack that holds the Profile. */
  readonly stack: string;
  readonly region: string;
  /** In a RAM share with at least one principal: otherwise no spoke account can associate it. */
  readonly shared: boolean;
  readonly contents: ProfileContents;
  /** The hub's zones (contents zones), or a zone per private DNS name of each endpoint (contents endpoints). */
  readonly zones: readonly PrivateZoneView[];
}

/** A hub's private hosted zone associated with a spoke VPC (zone association, cross-account). */
export interface ZoneAssociationView {
  /** The hub stack that holds the zone. */
  readonly stack: string;
  readonly region: string;
  /** The hub authorized the VPC's association with the zone. */
  readonly authorized: boolean;
  readonly zone: PrivateZoneView;
}

/**
 * One hub region: its VPC, inbound endpoint, rules, the private zones of its VPC and its endpoints, and
 * what it shares them by (a region that builds no resolver rules has no inbound endpoint and no rules).
 */
export interface HubView {
  readonly stack: string;
  readonly region: string;
  readonly vpcId: string;
  /** The mechanism the region's spokes use. @default "resolver-rules" */
  readonly mechanism?: SharingMechanism;
  readonly inbound?: ResolverEndpointView;
  readonly rules: readonly ForwardRuleView[];
  readonly zones: readonly PrivateZoneView[];
  /** Services with an interface endpoint in the hub VPC. */
  readonly endpoints: ReadonlySet<string>;
  /** The hub's Profile, when it builds one. */
  readonly profile?: ProfileView;
  /** The spoke VPCs the hub authorizes to associate its zones, when it builds zone association. */
  readonly authorizedVpcIds?: ReadonlySet<string>;
}

/** One spoke VPC and what is associated with it: forward rules, a Profile, private hosted zones. */
export interface SpokeVpcView {
  readonly stack: string;
  readonly region: string;
  readonly vpcId: string;
  readonly rules: readonly ForwardRuleView[];
  /** The Profile associated with the VPC (one at most). */
  readonly profile?: ProfileView;
  /** The zones associated with the VPC. */
  readonly zones?: readonly ZoneAssociationView[];
  /**
   * Services of which the VPC has an interface endpoint of its own, private DNS on: AWS answers their
   * names in the VPC from that endpoint where nothing associated with the VPC answers them.
   * @default - none (the stacks do not say; what is deployed does)
   */
  readonly ownEndpoints?: ReadonlySet<string>;
}

/** How a name was answered (or where it broke), with the mechanism that answered it (or was meant to). */
export interface Resolution {
  readonly failure: Failure | null;
  /** `resolver-rules`, `profile (zones)`, `profile (endpoints)`, `zone-association`; undefined when nothing answered. */
  readonly mechanism?: string;
}

const MIN_RESOLVER_SUBNETS = AWS_LIMITS.resolverEndpointIps.min;

/**
 * The concrete host tested for a wildcard name, by the first label of its zone (`*.s3.<r>...` ->
 * `my-bucket.s3.<r>...`); any label resolves the same, these only read well in reports.
 */
const WILDCARD_HOSTS: Readonly<Record<string, string>> = {
  dkr: "123456789012",
  s3: "my-bucket",
  "s3-control": "123456789012",
  "s3-accesspoint": "my-ap-123456789012",
  "execute-api": "a1b2c3d4e5",
};
const DEFAULT_WILDCARD_HOST = "example";

/** The names to query for one private DNS name: a host under a wildcard and the apex, or the name. */
export function namesToResolve(privateDnsName: string): string[] {
  if (!privateDnsName.startsWith("*.")) return [privateDnsName];
  const apex = privateDnsName.slice(2);
  return [`${WILDCARD_HOSTS[apex.split(".")[0]] ?? DEFAULT_WILDCARD_HOST}.${apex}`, apex];
}

/**
 * Resolves `name` from `vpc`, expecting the endpoint of `service`: null when it arrives there, else the
 * first hop that broke. `hubs` are every hub region Route 53 could forward to.
 */
export function resolve(
  hubs: readonly HubView[],
  vpc: SpokeVpcView,
  service: string,
  name: string,
): Failure | null {
  return resolveName(hubs, vpc, service, name).failure;
}

/** A zone the VPC answers from by itself: associated directly, or through its Profile. */
interface LocalZone {
  readonly domain: string;
  readonly zone: PrivateZoneView;
  readonly mechanism: string;
  /** Associated through the VPC's Profile, not directly. */
  readonly viaProfile: boolean;
  /** The first hop that breaks the association, if one does. */
  readonly broken: Failure | null;
  /** The hub stack that holds the zone (or the Profile). */
  readonly stack: string;
}

/**
 * Where a name of `service` goes from `vpc` when nothing associated with the VPC answers it: to the VPC's
 * own endpoint of the service, else to public DNS. `names` says it of the names `subject` stands for,
 * `name` of the one name queried.
 */
function fallback(vpc: SpokeVpcView, service: string): { names(subject: string): string; name: string } {
  const own = vpc.ownEndpoints?.has(service) ? `${vpc.vpcId}'s own endpoint` : undefined;
  return own
    ? {
        names: () => `the names of ${service} answer from ${own}, not the hub's`,
        name: `it answers from ${own} of ${service}, not the hub's`,
      }
    : { names: (subject) => `${subject} resolve through public dns`, name: "it resolves through public dns" };
}

/** resolve, also saying which mechanism answered (or was meant to, when a hop broke). */
export function resolveName(
  hubs: readonly HubView[],
  vpc: SpokeVpcView,
  service: string,
  name: string,
): Resolution {
  const rule = mostSpecific(vpc.rules, name);
  const local = mostSpecific(localZones(vpc, service), name);
  // A forward rule wins over a private hosted zone of the same name; the more specific one wins otherwise.
  if (local && (!rule || local.domain.length > rule.domain.length)) {
    // The VPC's own endpoint of the service (private DNS on) is a zone of the VPC itself, of the same
    // names: it wins over its Profile's (a VPC's own associations do), and only a Profile can be beside it
    // (AWS refuses a zone association of the same name: ConflictingDomainExists).
    if (local.viaProfile && vpc.ownEndpoints?.has(service)) {
      return {
        failure: failure(
          "endpoint",
          vpc.stack,
          `${name} answers from ${vpc.vpcId}'s own endpoint of ${service}, not the hub's: a vpc's own zones win over its route 53 profile's`,
        ),
        mechanism: local.mechanism,
      };
    }
    const answered =
      local.broken ??
      answer(
        hubs.find((h) => h.stack === local.stack),
        local.stack,
        local.zone,
        service,
        name,
      );
    return { failure: answered, mechanism: local.mechanism };
  }
  if (!rule) return { failure: unanswered(hubs, vpc, service, name) };
  return { failure: forward(hubs, vpc, rule, service, name), mechanism: "resolver-rules" };
}

/**
 * The zones associated with the VPC, directly or through its Profile, each with what breaks its
 * association (a broken one says where the names of `service` go instead).
 */
function localZones(vpc: SpokeVpcView, service: string): LocalZone[] {
  const wrongRegion = (what: string, region: string) =>
    failure(
      "region",
      vpc.stack,
      `${vpc.vpcId} (${vpc.region}) is associated with ${what}, of ${region}: it can only be associated in its own region`,
    );
  const zones = (vpc.zones ?? []).map((association): LocalZone => {
    const what = `the zone ${association.zone.domain} of ${association.stack}`;
    return {
      domain: association.zone.domain,
      zone: association.zone,
      mechanism: "zone-association",
      viaProfile: false,
      stack: association.stack,
      broken:
        association.region !== vpc.region
          ? wrongRegion(what, association.region)
          : association.authorized
            ? null
            : failure(
                "authorization",
                association.stack,
                `${association.stack} does not authorize ${vpc.vpcId} (${vpc.stack}) to associate ${what}: the association fails and ${fallback(vpc, service).names("the zone's names")}`,
              ),
    };
  });
  const profile = vpc.profile;
  if (!profile) return zones;
  const what = `the route 53 profile of ${profile.stack}`;
  const broken =
    profile.region !== vpc.region
      ? wrongRegion(what, profile.region)
      : profile.shared
        ? null
        : failure(
            "share",
            profile.stack,
            `${what} is in no ram share with a principal: spoke accounts cannot associate it`,
          );
  return [
    ...zones,
    ...profile.zones.map((zone): LocalZone => ({
      domain: zone.domain,
      zone,
      mechanism: mechanismLabel({ mechanism: "profile", profileContents: profile.contents }),
      viaProfile: true,
      stack: profile.stack,
      broken,
    })),
  ];
}

/** Why nothing associated with the VPC answers `name`: what the spoke lacks, else what the hub lacks. */
function unanswered(hubs: readonly HubView[], vpc: SpokeVpcView, service: string, name: string): Failure {
  const hub = hubs.find((h) => h.region === vpc.region);
  const hubRule = hub && mostSpecific(hub.rules, name);
  const mechanism = hub?.mechanism ?? "resolver-rules";
  const elsewhere = fallback(vpc, service);
  if (hub && mechanism === "profile" && hub.profile && mostSpecific(hub.profile.zones, name)) {
    return failure(
      "association",
      vpc.stack,
      `${vpc.vpcId} (${vpc.region}) is not associated with the route 53 profile of ${hub.stack}: ${elsewhere.names("the names it holds")}`,
    );
  }
  const hubZone = hub && mostSpecific(hub.zones, name);
  if (hub && mechanism === "zone-association" && hubZone) {
    return failure(
      "association",
      vpc.stack,
      `${vpc.vpcId} (${vpc.region}) is not associated with the zone ${hubZone.domain} of ${hub.stack}: ${elsewhere.names("its names")}`,
    );
  }
  if (hubRule) {
    return failure(
      "association",
      vpc.stack,
      `${vpc.vpcId} (${vpc.region}) lacks associations with rules of ${hubRule.stack}: ${elsewhere.names("the names of those rules")}`,
    );
  }
  if (mechanism === "resolver-rules") {
    return failure(
      "rule",
      hub?.stack ?? vpc.stack,
      `no forward rule of ${vpc.region} matches ${name}, a name of ${service}: ${elsewhere.name}`,
    );
  }
  const shares =
    mechanism === "profile"
      ? `the route 53 profile of ${hub?.stack}`
      : `the zones ${hub?.stack} shares by zone association`;
  return failure(
    "zone",
    hub?.stack ?? vpc.stack,
    `nothing in ${shares} contains ${name}, a name of ${service}: ${elsewhere.name}`,
  );
}

/** The hops of a forward rule: region, share, outbound endpoint, targets, inbound endpoint, then the hub's zones. */
function forward(
  hubs: readonly HubView[],
  vpc: SpokeVpcView,
  rule: ForwardRuleView,
  service: string,
  name: string,
): Failure | null {
  const ruleOf = `the rule of ${rule.domain} of ${rule.stack}`;
  if (rule.region !== vpc.region) {
    return failure(
      "region",
      vpc.stack,
      `${vpc.vpcId} (${vpc.region}) is associated with ${ruleOf}, a rule of ${rule.region}: a resolver rule can only be associated in its own region`,
    );
  }
  if (!rule.shared)
    return failure(
      "share",
      rule.stack,
      `${ruleOf} is in no ram share with a principal: spoke accounts cannot associate it`,
    );
  if (!rule.outbound)
    return failure("outbound", rule.stack, `${ruleOf} is sent through no outbound endpoint`);
  if (distinctCount(rule.outbound.subnetIds) < MIN_RESOLVER_SUBNETS) {
    return failure("outbound", rule.stack, subnetsProblem("outbound", rule.outbound));
  }
  const hub = hubs.find(
    (h) => h.region === rule.region && h.inbound !== undefined && sameSet(h.inbound.ips, rule.targets),
  );
  if (!hub?.inbound) {
    return failure(
      "targets",
      rule.stack,
      `${ruleOf} forwards to ${rule.targets.join(", ") || "nothing"}, not to the ips of the inbound endpoint of a hub of ${rule.region}`,
    );
  }
  if (distinctCount(hub.inbound.subnetIds) < MIN_RESOLVER_SUBNETS) {
    return failure("inbound", hub.stack, subnetsProblem("inbound", hub.inbound));
  }
  if (hub.inbound.vpcId === vpc.vpcId) {
    return failure(
      "loop",
      vpc.stack,
      `${vpc.vpcId} is associated with ${ruleOf}, whose inbound endpoint is in that vpc: a dns loop that aws refuses (RSLVR-00804)`,
    );
  }
  const zone = mostSpecific(hub.zones, name);
  if (!zone) {
    return failure(
      "zone",
      hub.stack,
      `no private hosted zone of ${hub.vpcId} contains ${name}: the inbound endpoint answers it from public dns`,
    );
  }
  return answer(hub, hub.stack, zone, service, name);
}

/** The zone's answer to `name`: an alias to the endpoint of `service`, which `hub` (of stack `stack`) must have. */
function answer(
  hub: HubView | undefined,
  stack: string,
  zone: PrivateZoneView,
  service: string,
  name: string,
): Failure | null {
  const answered = recordFor(zone, name);
  if (typeof answered !== "string") {
    return failure(
      "record",
      stack,
      `no record of the zone ${zone.domain} answers ${name}: ${answered.none}, with no fallback to public dns`,
    );
  }
  if (answered !== service)
    return failure("alias", stack, `${name} answers with the endpoint of ${answered}, not of ${service}`);
  if (!hub?.endpoints.has(service))
    return failure(
      "endpoint",
      stack,
      `${name} is an alias to the endpoint of ${service}, which ${stack} does not have`,
    );
  return null;
}

/**
 * The service that answers `name` in `zone`: the record of that name, else the `*` record of its closest
 * encloser (the nearest existing name above it, RFC 4592), which covers any depth below. A name that
 * exists without a record answers no data; one that does not, NXDOMAIN.
 */
function recordFor(zone: PrivateZoneView, name: string): string | { none: "nxdomain" | "no data" } {
  const exact = zone.records.get(name);
  if (exact !== undefined) return exact;
  const exists = (n: string) =>
    n === zone.domain || [...zone.records.keys()].some((r) => r === n || r.endsWith(`.${n}`));
  if (exists(name)) return { none: "no data" };
  let encloser = parentOf(name);
  while (!exists(encloser)) encloser = parentOf(encloser);
  return zone.records.get(`*.${encloser}`) ?? { none: "nxdomain" };
}

/** The candidate for the longest domain that covers `name` (the domain itself or a name under it). */
function mostSpecific<T extends { readonly domain: string }>(
  candidates: readonly T[],
  name: string,
): T | undefined {
  let best: T | undefined;
  for (const c of candidates) {
    if (covers(c.domain, name) && c.domain.length > (best?.domain.length ?? -1)) best = c;
  }
  return best;
}

/** A domain covers itself and every name under it. */
export function covers(domain: string, name: string): boolean {
  return name === domain || (name.endsWith(domain) && name[name.length - domain.length - 1] === ".");
}

function subnetsProblem(direction: string, endpoint: ResolverEndpointView): string {
  const count = distinctCount(endpoint.subnetIds);
  return `the ${direction} resolver endpoint of ${endpoint.vpcId} has its ips in ${count} subnet(s); route 53 resolver needs at least ${MIN_RESOLVER_SUBNETS}, in distinct availability zones`;
}

const failure = (hop: Hop, stack: string, reason: string): Failure => ({ hop, stack, reason });
const parentOf = (name: string) => name.slice(name.indexOf(".") + 1);
const distinctCount = (values: readonly string[]) => new Set(values).size;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}
