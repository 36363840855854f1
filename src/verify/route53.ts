/**
 * Route 53 Resolver as a pure function over what it would see: one name, queried from one spoke VPC,
 * followed hop by hop to the hub endpoint that answers it, or to the first hop that breaks.
 *
 *   spoke VPC -> the most specific associated FORWARD rule (a rule matches its domain and every subdomain)
 *   -> the rule is in the VPC's region and shared through RAM, sent through an outbound endpoint
 *   -> its targets are the IPs of that region's hub inbound endpoint (2 subnets at least), whose VPC is
 *   not the querying one (RSLVR-00804) -> the most specific private hosted zone of the hub VPC
 *   -> the record of the name, else the `*` record of its closest encloser (none: NXDOMAIN, with no
 *   fallback to public DNS) -> an alias to the service's own interface endpoint.
 */
import { AWS_LIMITS } from "../catalog/aws-limits";

/** The hop of a name's resolution that broke: what the matrix shows instead of `ok`. */
export type Hop =
  | "stack"
  | "association"
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

/** One hub region: its VPC, inbound endpoint, rules, the private zones of its VPC and its endpoints. */
export interface HubView {
  readonly stack: string;
  readonly region: string;
  readonly vpcId: string;
  readonly inbound: ResolverEndpointView;
  readonly rules: readonly ForwardRuleView[];
  readonly zones: readonly PrivateZoneView[];
  /** Services with an interface endpoint (private DNS disabled) in the hub VPC. */
  readonly endpoints: ReadonlySet<string>;
}

/** One spoke VPC and the forward rules associated with it. */
export interface SpokeVpcView {
  readonly stack: string;
  readonly region: string;
  readonly vpcId: string;
  readonly rules: readonly ForwardRuleView[];
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
  const rule = mostSpecific(vpc.rules, name);
  if (!rule) {
    const hub = hubs.find((h) => h.region === vpc.region);
    const hubRule = hub && mostSpecific(hub.rules, name);
    return hubRule
      ? failure(
          "association",
          vpc.stack,
          `${vpc.vpcId} (${vpc.region}) lacks associations with rules of ${hubRule.stack}: the names of those rules resolve through public dns`,
        )
      : failure(
          "rule",
          hub?.stack ?? vpc.stack,
          `no forward rule of ${vpc.region} matches ${name}, a name of ${service}: it resolves through public dns`,
        );
  }
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
  const hub = hubs.find((h) => h.region === rule.region && sameSet(h.inbound.ips, rule.targets));
  if (!hub) {
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
  const answer = recordFor(zone, name);
  if (typeof answer !== "string") {
    return failure(
      "record",
      hub.stack,
      `no record of the zone ${zone.domain} answers ${name}: ${answer.none}, with no fallback to public dns`,
    );
  }
  if (answer !== service)
    return failure("alias", hub.stack, `${name} answers with the endpoint of ${answer}, not of ${service}`);
  if (!hub.endpoints.has(service))
    return failure(
      "endpoint",
      hub.stack,
      `${name} is an alias to the endpoint of ${service}, which ${hub.stack} does not have`,
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
function covers(domain: string, name: string): boolean {
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
