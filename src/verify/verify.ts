/**
 * Route 53 Resolver, modeled over the synthesized stacks: for every spoke VPC in every region, every
 * private DNS name of every shared service is resolved hop by hop, before anything is deployed.
 *
 *   spoke VPC -> the most specific associated FORWARD rule (a rule matches its domain and every subdomain)
 *   -> the rule is the hub's, in the same region, shared through RAM, sent through an outbound endpoint
 *   -> its targets are the IPs of the same hub's inbound endpoint (2 subnets at least), whose VPC is not
 *   the associated one (RSLVR-00804) -> the most specific private hosted zone associated with that VPC
 *   -> a record (exact, else Route 53 wildcard semantics) -> an alias to the service's endpoint
 *   (`aws_vpc_endpoint.<name>[<service>].dns_entry[0]`).
 *
 * The names come from the service catalog (`resolveService`) for the short names the hub's endpoints are
 * keyed by; a service the catalog does not know (a custom service) takes its names from the records the
 * hub synthesized for its endpoint. A spoke expects the services its hub region shares, and every domain it
 * has an association for. A resource type or expression outside the model is a failure, never a pass.
 */
import { AWS_LIMITS } from "../catalog/aws-limits";
import { HUB_OUTPUTS, hubStackName } from "../constructs/hub-outputs";
import { zoneOfName } from "../catalog/private-zones";
import { CATALOG, resolveService, ServiceCatalogError } from "../catalog/service-catalog";
import { parseTemplate, traversalsOf, UnsupportedSyntax } from "../terraform-model/expressions";
import {
  asList,
  asRecord,
  describeValue,
  Instance,
  isMap,
  ModelError,
  select,
  StackModel,
  StackSet,
  SynthesizedStack,
  Unknown,
  Value,
} from "../terraform-model/terraform-model";

/** The hop of a name's resolution that broke: what the matrix shows instead of `ok`. */
export type Hop =
  | "stack"
  | "unsupported"
  | "association"
  | "region"
  | "not shared"
  | "rule"
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
  /** The stack that holds the broken resource (or lacks the missing one). */
  readonly stack: string;
  /** Terraform address of that resource (or of the block that is wrong). */
  readonly address: string;
  readonly reason: string;
}

/** One spoke stack in one region: a cell per service, `null` when every name resolves. */
export interface MatrixRow {
  readonly stack: string;
  readonly region: string;
  readonly vpcs: readonly string[];
  readonly cells: Readonly<Record<string, Failure | null>>;
}

export interface VerifyReport {
  readonly rows: readonly MatrixRow[];
  /** Every distinct failure, cells' and stack-wide ones. */
  readonly failures: readonly Failure[];
  /** Names resolved: VPCs x names. */
  readonly resolutions: number;
}

/** Resource types the model follows. */
const MODELED_TYPES = new Set([
  "aws_vpc_endpoint",
  "aws_route53_zone",
  "aws_route53_record",
  "aws_route53_resolver_endpoint",
  "aws_route53_resolver_rule",
  "aws_route53_resolver_rule_association",
  "aws_ram_resource_share",
  "aws_ram_resource_association",
  "aws_ram_principal_association",
  "aws_security_group",
]);
/** Resource types that take no part in name resolution (packet filtering is not modeled). */
const OFF_PATH_TYPES = new Set(["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]);
/** `check` blocks (each service's plan-time check against AWS's answer) plan nothing and only warn. */
const TOP_LEVEL_BLOCKS = new Set([
  "//",
  "terraform",
  "provider",
  "locals",
  "resource",
  "data",
  "output",
  "check",
]);
/** The port of a forward rule's target when it names none (AWS's default). */
const DNS_PORT = 53;
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

export function verifyStacks(stacks: readonly SynthesizedStack[]): VerifyReport {
  return new Verifier(new StackSet(stacks)).run();
}

/** The names to resolve for one private DNS name: a host under a wildcard and the apex, or the name. */
export function namesToResolve(privateDnsName: string): string[] {
  const { domain, wildcard } = zoneOfName(normalize(privateDnsName));
  if (!wildcard) return [domain];
  const host = WILDCARD_HOSTS[domain.split(".")[0]] ?? DEFAULT_WILDCARD_HOST;
  return [`${host}.${domain}`, domain];
}

class HopFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.reason);
  }
}

/** A rule association, followed to its rule, or to the first hop that broke on the way. */
type Association = {
  readonly stack: StackModel;
  readonly instance: Instance;
  readonly region: string;
  readonly vpc: string;
  /** The rule's domain, or when the rule cannot be followed, the key it is looked up by. */
  readonly domain: string | undefined;
} & ({ readonly rule: Instance; readonly failure?: undefined } | { readonly failure: Failure });

interface Row {
  readonly stack: StackModel;
  readonly region: string;
  readonly byVpc: Map<string, Association[]>;
}

/** What a rule forwards to, once its own hops are checked. */
interface RuleTarget {
  readonly inbound: Instance;
  readonly vpc: string;
}

interface Zone {
  readonly instance: Instance;
  readonly domain: string;
  readonly vpcs: readonly string[];
}

class Verifier {
  private readonly failures = new Map<string, Failure>();
  private readonly hubs = new Map<string, StackModel>();
  private readonly ruleTargets = new Map<Instance, RuleTarget | Failure>();
  private readonly recordsByZone = new Map<Instance, Map<string, Instance[]>>();
  private readonly catalogZones = new Map<string, Map<string, string>>();
  private zoneList?: Zone[];

  constructor(private readonly set: StackSet) {}

  run(): VerifyReport {
    for (const stack of this.set.stacks) this.scan(stack);
    for (const stack of this.set.stacks) this.registerHub(stack);
    for (const hub of this.hubs.values()) this.checkHubOutputs(hub);
    const rows = this.rows();
    let resolutions = 0;
    const matrix = rows.map((row): MatrixRow => {
      const cells: Record<string, Failure | null> = {};
      for (const [service, names] of this.expectedNames(row)) {
        let first: Failure | null = null;
        for (const vpc of [...row.byVpc.keys()].sort()) {
          for (const name of names) {
            resolutions += 1;
            first ??= this.failureOf(() => this.resolve(row, vpc, service, name)).failure;
          }
        }
        cells[service] = first;
      }
      return { stack: row.stack.name, region: row.region, vpcs: [...row.byVpc.keys()].sort(), cells };
    });
    return { rows: matrix, failures: [...this.failures.values()], resolutions };
  }

  // --- stacks -------------------------------------------------------------------------------------

  /** Refuses what the model does not cover: blocks, resource types, data sources, providers. */
  private scan(stack: StackModel): void {
    const unsupported = (address: string, reason: string) =>
      this.record({ hop: "unsupported", stack: stack.name, address, reason });
    for (const block of Object.keys(stack.json)) {
      if (!TOP_LEVEL_BLOCKS.has(block)) unsupported(block, `${block} blocks are not modeled by the verifier`);
    }
    this.recorded(() => this.attempt("unsupported", () => stack.writtenState()));
    for (const provider of Object.keys(asRecord(stack.json.provider) ?? {})) {
      if (provider !== "aws")
        unsupported(`provider.${provider}`, `provider ${provider} is not modeled by the verifier`);
    }
    for (const [type, byName] of Object.entries(asRecord(stack.json.data) ?? {})) {
      if (type === "terraform_remote_state") continue;
      for (const name of Object.keys(asRecord(byName) ?? {})) {
        unsupported(`data.${type}.${name}`, `data source type ${type} is not modeled by the verifier`);
      }
    }
    for (const resource of stack.resources()) {
      if (OFF_PATH_TYPES.has(resource.type)) continue;
      if (!MODELED_TYPES.has(resource.type)) {
        unsupported(resource.address, `resource type ${resource.type} is not modeled by the verifier`);
      } else {
        this.recorded(() => this.attempt("unsupported", () => resource.instances()));
      }
    }
  }

  /** A stack with endpoints or rules is the hub of its provider's region, named `hubStackName(region)`. */
  private registerHub(stack: StackModel): void {
    const hubResources = [
      ...stack.resources("aws_vpc_endpoint"),
      ...stack.resources("aws_route53_resolver_rule"),
    ];
    if (hubResources.length === 0) return;
    this.recorded(() => {
      const region = this.attempt("stack", () => stack.providerRegion(undefined, "provider.aws"));
      const fail = (reason: string) => this.fail("stack", stack.name, "provider.aws", reason);
      const other = this.hubs.get(region);
      if (other) fail(`holds a second hub of ${region}, beside ${other.name}`);
      this.hubs.set(region, stack);
      if (stack.name !== hubStackName(region)) {
        fail(`holds the hub of ${region} but is not named ${hubStackName(region)}`);
      }
    });
  }

  /** The hub output contract (hub-outputs.ts): every output, rule ids and inbound IPs as the resources say. */
  private checkHubOutputs(hub: StackModel): void {
    const scope = hub.scope("output");
    for (const { name } of Object.values(HUB_OUTPUTS)) {
      this.recorded(() => {
        if (!hub.hasOutput(name)) {
          this.fail(
            "stack",
            hub.name,
            `output.${name}`,
            `does not publish ${name} of the hub output contract`,
          );
        }
        this.attempt("stack", () => hub.output(name, scope));
      });
    }
    this.recorded(() => {
      const name = HUB_OUTPUTS.resolverRuleIds.name;
      const value = this.attempt("stack", () => hub.output(name, scope));
      const rules = hub.instances("aws_route53_resolver_rule");
      const expected = rules.map((r) => [this.ruleDomain(r), `${r.address}.id`].join(" = ")).sort();
      const actual = isMap(value)
        ? Object.entries(value)
            .map(([k, v]) => `${k} = ${describeValue(v)}`)
            .sort()
        : [];
      if (expected.join("\n") !== actual.join("\n")) {
        this.fail("stack", hub.name, `output.${name}`, "is not the id of every forward rule by its domain");
      }
    });
    this.recorded(() => {
      const name = HUB_OUTPUTS.inboundResolverIps.name;
      const value = this.attempt("stack", () => hub.output(name, scope));
      const inbound = this.resolverEndpoints(hub, "INBOUND");
      const ips = inbound.length === 1 ? this.endpointIps(inbound[0]).map(describeValue) : [];
      const listed = asList(value).map(describeValue);
      if (inbound.length !== 1 || ips.join() !== listed.join()) {
        this.fail("stack", hub.name, `output.${name}`, "does not list the ips of the hub's inbound endpoint");
      }
    });
  }

  // --- spokes -------------------------------------------------------------------------------------

  /** Every stack with rule associations, by region, by VPC. */
  private rows(): Row[] {
    const rows = new Map<string, Row>();
    for (const stack of this.set.stacks) {
      for (const resource of stack.resources("aws_route53_resolver_rule_association")) {
        const region = this.recorded(() => this.attempt("unsupported", () => resource.region()));
        if (region === undefined) continue;
        for (const instance of this.recorded(() => this.attempt("unsupported", () => resource.instances())) ??
          []) {
          const association = this.recorded(() => this.association(stack, instance, region));
          if (!association) continue;
          const key = `${stack.name}\u0000${region}`;
          const row = rows.get(key) ?? { stack, region, byVpc: new Map() };
          rows.set(key, row);
          const list = row.byVpc.get(association.vpc) ?? [];
          row.byVpc.set(association.vpc, [...list, association]);
        }
      }
    }
    return [...rows.values()].sort(
      (a, b) => compare(a.stack.name, b.stack.name) || compare(a.region, b.region),
    );
  }

  /** An association instance, followed to its hub rule; a broken one keeps the first broken hop. */
  private association(stack: StackModel, instance: Instance, region: string): Association {
    const vpc = this.attempt("unsupported", () => instance.attribute("vpc_id"));
    if (typeof vpc !== "string") {
      this.fail(
        "unsupported",
        stack.name,
        instance.address,
        `vpc_id ${describeValue(vpc)} is not a literal vpc id`,
      );
    }
    const raw = instance.resource.json.resolver_rule_id;
    const lookupKey = typeof raw === "string" ? this.lookupKey(instance, raw) : undefined;
    const base = { stack, instance, region, vpc };
    try {
      const rule = this.followAssociation(stack, instance, region, raw, lookupKey);
      return { ...base, domain: this.ruleDomain(rule), rule };
    } catch (error) {
      if (!(error instanceof HopFailure)) throw error;
      this.record(error.failure);
      return { ...base, domain: lookupKey, failure: error.failure };
    }
  }

  private followAssociation(
    stack: StackModel,
    instance: Instance,
    region: string,
    raw: unknown,
    lookupKey: string | undefined,
  ): Instance {
    const fail = (hop: Hop, reason: string) => this.fail(hop, stack.name, instance.address, reason);
    // The hubs it reads, before the look-up: a rule of another region is not there to find.
    if (typeof raw === "string") {
      for (const traversal of this.attempt("unsupported", () => remoteStatesOf(raw))) {
        const hub = this.attempt("association", () => stack.remoteStateSource(traversal));
        const hubRegion = this.attempt("stack", () => hub.providerRegion(undefined, "provider.aws"));
        if (hubRegion !== region) {
          fail(
            "region",
            `reads its rule from ${hub.name} (${hubRegion}) through data.terraform_remote_state.${traversal}` +
              ` but associates it in ${region}: a resolver rule can only be associated in its own region`,
          );
        }
      }
    }
    let value: Value;
    try {
      value = instance.attribute("resolver_rule_id");
    } catch (error) {
      if (error instanceof ModelError && error.kind === "missing-key") {
        const service = lookupKey && (this.catalogServiceOf(lookupKey, region) ?? lookupKey);
        fail("not shared", `${service ?? "its rule"} is not shared in ${region}: ${error.reason}`);
      }
      throw this.asHopFailure(error, "association");
    }
    if (typeof value === "string") {
      fail(
        "unsupported",
        `resolver_rule_id is the literal ${value}: only rules of this output can be followed`,
      );
    }
    const rule = value instanceof Unknown ? value.instance : undefined;
    if (!(value instanceof Unknown) || !rule || !value.is("aws_route53_resolver_rule", "id")) {
      return fail(
        "association",
        `resolver_rule_id is ${describeValue(value)}, not the id of a resolver rule`,
      );
    }
    const ruleRegion = this.attempt("unsupported", () => rule.resource.region());
    if (ruleRegion !== region) {
      fail(
        "region",
        `associates ${rule.address} of ${rule.stack.name}, a rule in ${ruleRegion}, in ${region}:` +
          " a resolver rule can only be associated in its own region",
      );
    }
    return rule;
  }

  /** `...resolver_rule_ids[each.value.domain]`: the key the rule id is looked up by, for reports. */
  private lookupKey(instance: Instance, raw: string): string | undefined {
    try {
      const expression = parseTemplate(raw);
      const last = expression.kind === "traversal" ? expression.steps.at(-1) : undefined;
      if (last?.kind !== "index") return undefined;
      const key = instance.stack.evaluateExpression(last.key, instance.scope(), raw);
      return typeof key === "string" ? normalize(key) : undefined;
    } catch (error) {
      if (error instanceof ModelError || error instanceof UnsupportedSyntax) return undefined;
      throw error;
    }
  }

  /**
   * The names a row resolves, by service: the services of its region's hub, and the service of every
   * domain it has an association for (a domain the catalog does not know stands for itself).
   */
  private expectedNames(row: Row): Map<string, string[]> {
    const hub = this.hubs.get(row.region);
    const expected = new Map<string, readonly string[]>();
    for (const service of hub ? this.hubServices(hub) : []) {
      expected.set(service, hub ? this.privateDnsNames(hub, service, row.region) : []);
    }
    const zones = new Set([...expected.values()].flat().map((name) => zoneOfName(normalize(name)).domain));
    const associated = [...row.byVpc.values()].flat().map((a) => a.domain);
    for (const domain of unique(associated.filter((d): d is string => d !== undefined && !zones.has(d)))) {
      const service = this.catalogServiceOf(domain, row.region);
      const names = service ? resolveService(service, row.region).privateDnsNames : [domain];
      expected.set(service ?? domain, [...(expected.get(service ?? domain) ?? []), ...names]);
    }
    return new Map(
      [...expected.entries()]
        .sort(([a], [b]) => compare(a, b))
        .map(([service, names]) => [service, unique(names.flatMap(namesToResolve))]),
    );
  }

  /** The services a hub shares: the keys of its endpoints (`aws_vpc_endpoint.this["ecr.dkr"]`). */
  private hubServices(hub: StackModel): string[] {
    const endpoints = hub.resources("aws_vpc_endpoint").flatMap((resource) => {
      if (!resource.hasForEach) {
        this.record({
          hop: "unsupported",
          stack: hub.name,
          address: resource.address,
          reason: "has no for_each: endpoints are keyed by service short name",
        });
      }
      return this.recorded(() => this.attempt("unsupported", () => resource.instances())) ?? [];
    });
    return unique(endpoints.flatMap((i) => (i.key === undefined ? [] : [i.key])));
  }

  /** The catalog's names for a service, else (a custom service) the names of the records aliasing its endpoint. */
  private privateDnsNames(hub: StackModel, service: string, region: string): readonly string[] {
    try {
      return resolveService(service, region).privateDnsNames;
    } catch (error) {
      if (!(error instanceof ServiceCatalogError)) throw error;
    }
    return hub
      .instances("aws_route53_record")
      .filter((record) => this.recorded(() => this.aliasedEndpoint(record))?.key === service)
      .flatMap((record) => {
        const zone = this.recorded(() => this.zoneOfRecord(record));
        const name = this.recorded(() => this.attempt("unsupported", () => record.attribute("name")));
        return zone && typeof name === "string" ? [fqdn(name, zone.domain)] : [];
      });
  }

  private catalogServiceOf(domain: string, region: string): string | undefined {
    let zones = this.catalogZones.get(region);
    if (!zones) {
      zones = new Map();
      for (const name of Object.keys(CATALOG)) {
        try {
          for (const dnsName of resolveService(name, region).privateDnsNames)
            zones.set(zoneOfName(dnsName).domain, name);
        } catch (error) {
          if (!(error instanceof ServiceCatalogError)) throw error;
        }
      }
      this.catalogZones.set(region, zones);
    }
    return zones.get(domain);
  }

  // --- resolution ---------------------------------------------------------------------------------

  /** One name from one VPC: throws the first broken hop. */
  private resolve(row: Row, vpc: string, service: string, name: string): void {
    const associations = row.byVpc.get(vpc) ?? [];
    const matching = associations.filter((a) => a.domain === undefined || covers(a.domain, name));
    const chosen = matching.sort((a, b) => (b.domain?.length ?? -1) - (a.domain?.length ?? -1))[0];
    if (!chosen) return this.noRule(row, vpc, service, name, associations[0]);
    if (chosen.failure) throw new HopFailure(chosen.failure);
    const rule = chosen.rule;
    const target = this.ruleTarget(rule);
    if (target.vpc === vpc) {
      this.fail(
        "loop",
        row.stack.name,
        chosen.instance.address,
        `associates ${rule.address} of ${rule.stack.name} with ${vpc}, the vpc of its target inbound endpoint` +
          ` ${target.inbound.address}: a dns loop that aws refuses (RSLVR-00804)`,
      );
    }
    const zone = this.zoneFor(target, name, rule);
    const record = this.recordFor(zone, name);
    this.checkAlias(record, name, service, rule);
  }

  /** No associated rule matches: the name leaves through the spoke's own resolver, to public DNS. */
  private noRule(
    row: Row,
    vpc: string,
    service: string,
    name: string,
    first: Association | undefined,
  ): never {
    const stack = row.stack.name;
    const address = first?.instance.resource.address ?? "aws_route53_resolver_rule_association";
    const hub = this.hubs.get(row.region);
    if (!hub)
      return this.fail(
        "not shared",
        stack,
        address,
        `${service} is not shared in ${row.region}: no hub stack serves ${row.region}`,
      );
    const rule = mostSpecific(
      hub.instances("aws_route53_resolver_rule").flatMap((r) => {
        const domain = this.recorded(() => this.ruleDomain(r));
        return domain ? [{ domain, value: r }] : [];
      }),
      name,
    );
    if (rule) {
      return this.fail(
        "association",
        stack,
        address,
        `${vpc} has no association for ${rule.address} of ${hub.name}: ${name} resolves through public dns`,
      );
    }
    if (this.hubServices(hub).includes(service)) {
      const rules = hub.resources("aws_route53_resolver_rule").map((r) => r.address);
      return this.fail(
        "rule",
        hub.name,
        rules.join(", ") || "aws_route53_resolver_rule",
        `no forward rule matches ${name}, a private dns name of ${service}: it resolves through public dns`,
      );
    }
    return this.fail(
      "not shared",
      stack,
      address,
      `${service} is not shared in ${row.region}: ${hub.name} has no forward rule for ${name}`,
    );
  }

  /** The rule's own hops, once per rule: type, RAM share, outbound endpoint, inbound endpoint, targets. */
  private ruleTarget(rule: Instance): RuleTarget {
    let target = this.ruleTargets.get(rule);
    if (!target) {
      try {
        target = this.checkRule(rule);
      } catch (error) {
        if (!(error instanceof HopFailure)) throw error;
        target = error.failure;
      }
      this.ruleTargets.set(rule, target);
    }
    if ("hop" in target) throw new HopFailure(target);
    return target;
  }

  private checkRule(rule: Instance): RuleTarget {
    const stack = rule.stack.name;
    const ruleType = this.attempt("rule", () => rule.attribute("rule_type"));
    if (ruleType !== "FORWARD") {
      this.fail(
        "rule",
        stack,
        rule.address,
        `rule_type is ${describeValue(ruleType)}, not FORWARD: it does not forward to the hub`,
      );
    }
    this.checkShare(rule);
    const region = this.attempt("unsupported", () => rule.resource.region());
    const outbound = this.referencedEndpoint(rule, "outbound");
    this.checkEndpointSubnets(outbound, "outbound");
    const inboundEndpoints = this.resolverEndpoints(rule.stack, "INBOUND").filter(
      (e) => this.attempt("unsupported", () => e.resource.region()) === region,
    );
    if (inboundEndpoints.length === 0) {
      this.fail(
        "inbound",
        stack,
        rule.address,
        `${stack} has no inbound resolver endpoint in ${region} to forward to`,
      );
    }
    const targets = this.attempt("targets", () => rule.attribute("target_ip"));
    const targetKeys = asList(targets).map((t) => {
      const ip = this.attempt("targets", () => select(t, "ip", rule.scope(), "target_ip", true));
      const port = isMap(t) && t.port !== undefined && t.port !== null ? t.port : DNS_PORT;
      return `${describeValue(ip)}:${describeValue(port)}`;
    });
    const ipsOf = (e: Instance) => this.endpointIps(e).map((ip) => `${describeValue(ip)}:${DNS_PORT}`);
    const inbound = inboundEndpoints.find((e) => sameSet(ipsOf(e), targetKeys)) ?? inboundEndpoints[0];
    this.checkEndpointSubnets(inbound, "inbound");
    if (!sameSet(ipsOf(inbound), targetKeys)) {
      this.fail(
        "targets",
        stack,
        rule.address,
        `forwards to ${targetKeys.join(", ") || "nothing"}, not to the ips of the inbound endpoint` +
          ` ${inbound.address} (${ipsOf(inbound).join(", ")})`,
      );
    }
    return { inbound, vpc: this.endpointVpc(inbound) };
  }

  /** The rule is in a RAM share that has a principal: otherwise no spoke account can associate it. */
  private checkShare(rule: Instance): void {
    const stack = rule.stack;
    const shares = stack.instances("aws_ram_resource_association").flatMap((association) => {
      const arn = this.attempt("share", () => association.attribute("resource_arn"));
      if (!(arn instanceof Unknown) || arn.instance !== rule || !arn.is(rule.resource.type, "arn")) return [];
      const share = this.attempt("share", () => association.attribute("resource_share_arn"));
      return share instanceof Unknown && share.instance && share.is("aws_ram_resource_share", "arn")
        ? [share.instance]
        : [];
    });
    if (shares.length === 0) {
      this.fail(
        "share",
        stack.name,
        rule.address,
        "is in no ram resource share: spoke accounts cannot associate it",
      );
    }
    for (const share of shares) {
      if (this.attempt("share", () => share.attribute("allow_external_principals")) === true) {
        this.fail(
          "share",
          stack.name,
          share.address,
          "allows external principals: share rules within the organization only",
        );
      }
      const principals = stack.instances("aws_ram_principal_association").filter((p) => {
        const arn = this.attempt("share", () => p.attribute("resource_share_arn"));
        return arn instanceof Unknown && arn.instance === share && arn.is(share.resource.type, "arn");
      });
      if (principals.length > 0) return;
    }
    this.fail("share", stack.name, shares[0].address, `shares ${rule.address} with no principal`);
  }

  /** The outbound endpoint the rule is sent through (`resolver_endpoint_id`). */
  private referencedEndpoint(rule: Instance, hop: "outbound"): Instance {
    const id = this.attempt(hop, () => rule.attribute("resolver_endpoint_id"));
    const endpoint =
      id instanceof Unknown && id.is("aws_route53_resolver_endpoint", "id") ? id.instance : undefined;
    const direction = endpoint && this.attempt(hop, () => endpoint.attribute("direction"));
    if (!endpoint || direction !== "OUTBOUND") {
      return this.fail(
        hop,
        rule.stack.name,
        rule.address,
        `resolver_endpoint_id ${describeValue(id)} is not an outbound resolver endpoint`,
      );
    }
    return endpoint;
  }

  private resolverEndpoints(stack: StackModel, direction: "INBOUND" | "OUTBOUND"): Instance[] {
    return stack
      .instances("aws_route53_resolver_endpoint")
      .filter((e) => this.attempt("unsupported", () => e.attribute("direction")) === direction);
  }

  private checkEndpointSubnets(endpoint: Instance, hop: "inbound" | "outbound"): void {
    const subnets = new Set(
      this.endpointAddresses(endpoint).map((a) =>
        describeValue(this.attempt(hop, () => select(a, "subnet_id", endpoint.scope(), "ip_address", true))),
      ),
    );
    if (subnets.size < MIN_RESOLVER_SUBNETS) {
      this.fail(
        hop,
        endpoint.stack.name,
        endpoint.address,
        `has its ips in ${subnets.size} subnet(s); route 53 resolver needs at least ${MIN_RESOLVER_SUBNETS}, in distinct availability zones`,
      );
    }
  }

  private endpointAddresses(endpoint: Instance): readonly Value[] {
    const addresses = this.attempt("unsupported", () => endpoint.attribute("ip_address"));
    return asList(addresses);
  }

  /** The endpoint's IPs: pinned ones, or Unknowns that name the IP AWS will assign. */
  private endpointIps(endpoint: Instance): Value[] {
    return this.endpointAddresses(endpoint).map((a) =>
      this.attempt("unsupported", () => select(a, "ip", endpoint.scope(), "ip_address", true)),
    );
  }

  /** A resolver endpoint's VPC: the VPC of its security groups (AWS requires them in the subnets' VPC). */
  private endpointVpc(endpoint: Instance): string {
    const groups = this.attempt("inbound", () => endpoint.attribute("security_group_ids"));
    const vpcs = unique(
      asList(groups).map((group) => {
        const securityGroup =
          group instanceof Unknown && group.is("aws_security_group", "id") && group.instance;
        const vpc = securityGroup && this.attempt("inbound", () => securityGroup.attribute("vpc_id"));
        return typeof vpc === "string" ? vpc : "";
      }),
    );
    if (vpcs.length !== 1 || !vpcs[0]) {
      this.fail(
        "inbound",
        endpoint.stack.name,
        endpoint.address,
        "its vpc cannot be told: security_group_ids must be security groups of this output with a literal vpc_id",
      );
    }
    return vpcs[0];
  }

  /** The most specific private hosted zone associated with the inbound endpoint's VPC. */
  private zoneFor(target: RuleTarget, name: string, rule: Instance): Zone {
    const zones = this.zones().filter((z) => z.vpcs.includes(target.vpc));
    const zone = mostSpecific(
      zones.map((z) => ({ domain: z.domain, value: z })),
      name,
    );
    if (!zone) {
      const resources = rule.stack.resources("aws_route53_zone").map((r) => r.address);
      return this.fail(
        "zone",
        rule.stack.name,
        resources.join(", ") || "aws_route53_zone",
        `no private hosted zone associated with ${target.vpc} contains ${name}: the inbound endpoint answers it from public dns`,
      );
    }
    return zone;
  }

  private zones(): Zone[] {
    this.zoneList ??= this.set.stacks.flatMap((stack) =>
      stack.instances("aws_route53_zone").flatMap((instance) => {
        const zone = this.recorded(() => this.zone(instance));
        return zone ? [zone] : [];
      }),
    );
    return this.zoneList;
  }

  private zone(instance: Instance): Zone {
    const name = this.attempt("unsupported", () => instance.attribute("name"));
    if (typeof name !== "string") {
      this.fail(
        "unsupported",
        instance.stack.name,
        instance.address,
        `name ${describeValue(name)} is not a literal`,
      );
    }
    const blocks = this.attempt("unsupported", () => instance.attribute("vpc"));
    const vpcs = asList(blocks).map((block) => {
      const vpc = this.attempt("unsupported", () => select(block, "vpc_id", instance.scope(), "vpc", true));
      if (typeof vpc !== "string") {
        this.fail(
          "unsupported",
          instance.stack.name,
          instance.address,
          `vpc_id ${describeValue(vpc)} is not a literal`,
        );
      }
      return vpc;
    });
    return { instance, domain: normalize(name), vpcs };
  }

  /**
   * The A record that answers `name` in `zone`: the record of that name, else the `*` record of its
   * closest encloser (the nearest existing name above it, RFC 4592), which covers any depth below.
   */
  private recordFor(zone: Zone, name: string): Instance {
    const nodes = this.records(zone);
    const exists = (n: string) =>
      n === zone.domain || nodes.has(n) || [...nodes.keys()].some((k) => k.endsWith(`.${n}`));
    let answers = nodes.get(name);
    if (!answers && !exists(name)) {
      let encloser = parentOf(name);
      while (!exists(encloser)) encloser = parentOf(encloser);
      answers = nodes.get(`*.${encloser}`);
    }
    const a = answers?.find((r) => this.attempt("unsupported", () => r.attribute("type")) === "A");
    if (!a) {
      // A name that exists without an A record answers no data; one that does not, NXDOMAIN.
      const answer = exists(name) ? "no data" : "nxdomain";
      this.fail(
        "record",
        zone.instance.stack.name,
        zone.instance.address,
        `no record answers ${name}: ${answer}, with no fallback to public dns`,
      );
    }
    return a;
  }

  /** The zone's records by full name. */
  private records(zone: Zone): Map<string, Instance[]> {
    let nodes = this.recordsByZone.get(zone.instance);
    if (!nodes) {
      nodes = new Map();
      for (const record of zone.instance.stack.instances("aws_route53_record")) {
        if (this.recorded(() => this.zoneOfRecord(record))?.instance !== zone.instance) continue;
        const name = this.recorded(() => this.attempt("unsupported", () => record.attribute("name")));
        if (typeof name !== "string") continue;
        const full = fqdn(name, zone.domain);
        nodes.set(full, [...(nodes.get(full) ?? []), record]);
      }
      this.recordsByZone.set(zone.instance, nodes);
    }
    return nodes;
  }

  private zoneOfRecord(record: Instance): Zone | undefined {
    const id = this.attempt("unsupported", () => record.attribute("zone_id"));
    const zone =
      id instanceof Unknown && (id.is("aws_route53_zone", "zone_id") || id.is("aws_route53_zone", "id"))
        ? id.instance
        : undefined;
    if (!zone) {
      this.fail(
        "unsupported",
        record.stack.name,
        record.address,
        `zone_id ${describeValue(id)} is not a zone of this output`,
      );
    }
    return this.zones().find((z) => z.instance === zone);
  }

  /** The endpoint a record aliases (`dns_entry[0]` name and zone of one `aws_vpc_endpoint` instance). */
  private aliasedEndpoint(record: Instance): Instance {
    const alias = this.attempt("alias", () => record.attribute("alias"));
    const block = Array.isArray(alias) ? asList(alias)[0] : alias;
    const fail = (what: string) =>
      this.fail(
        "alias",
        record.stack.name,
        record.address,
        `answers with ${what}, not an alias to an endpoint's dns_entry[0]`,
      );
    if (!isMap(block)) return fail(describeValue(this.attempt("alias", () => record.attribute("records"))));
    const name = block.name;
    const zoneId = block.zone_id;
    if (
      !(name instanceof Unknown) ||
      !name.is("aws_vpc_endpoint", "dns_entry", 0, "dns_name") ||
      !name.instance
    ) {
      return fail(`an alias to ${describeValue(name ?? null)}`);
    }
    if (
      !(zoneId instanceof Unknown) ||
      zoneId.instance !== name.instance ||
      !zoneId.is("aws_vpc_endpoint", "dns_entry", 0, "hosted_zone_id")
    ) {
      return fail(`an alias in zone ${describeValue(zoneId ?? null)}`);
    }
    return name.instance;
  }

  private checkAlias(record: Instance, name: string, service: string, rule: Instance): void {
    const endpoint = this.aliasedEndpoint(record);
    if (endpoint.key !== service) {
      this.fail(
        "alias",
        record.stack.name,
        record.address,
        `answers ${name} with ${endpoint.address}, not the endpoint of ${service}`,
      );
    }
    const fail = (reason: string) => this.fail("endpoint", endpoint.stack.name, endpoint.address, reason);
    const region = this.attempt("unsupported", () => endpoint.resource.region());
    const ruleRegion = this.attempt("unsupported", () => rule.resource.region());
    if (region !== ruleRegion)
      fail(`is in ${region}, not in ${ruleRegion} with the rule that serves ${name}`);
    const type = this.attempt("endpoint", () => endpoint.attribute("vpc_endpoint_type"));
    if (type !== "Interface")
      fail(`vpc_endpoint_type is ${describeValue(type)}: only interface endpoints have a dns_entry`);
    if (this.attempt("endpoint", () => endpoint.attribute("private_dns_enabled")) === true) {
      fail("keeps private dns enabled beside the private hosted zone of its names (ConflictingDomainExists)");
    }
  }

  private ruleDomain(rule: Instance): string {
    const domain = this.attempt("unsupported", () => rule.attribute("domain_name"));
    if (typeof domain !== "string") {
      this.fail(
        "unsupported",
        rule.stack.name,
        rule.address,
        `domain_name ${describeValue(domain)} is not a literal`,
      );
    }
    return normalize(domain);
  }

  // --- failures -----------------------------------------------------------------------------------

  private fail(hop: Hop, stack: string, address: string, reason: string): never {
    throw new HopFailure({ hop, stack, address, reason });
  }

  /** Runs a model step; its ModelError becomes a failure of `hop` (of "unsupported" when it is one). */
  private attempt<T>(hop: Hop, step: () => T): T {
    try {
      return step();
    } catch (error) {
      throw this.asHopFailure(error, hop);
    }
  }

  private asHopFailure(error: unknown, hop: Hop): unknown {
    if (!(error instanceof ModelError)) return error;
    return new HopFailure({
      hop: error.kind === "unsupported" ? "unsupported" : hop,
      stack: error.stack,
      address: error.address,
      reason: error.reason,
    });
  }

  /** Runs a check and records its failure: the check's result, or undefined when it failed. */
  private recorded<T>(check: () => T): T | undefined {
    return this.failureOf(() => check()).result;
  }

  /** Runs a check and records its failure: the failure, or null. */
  private failureOf<T>(check: () => T): { result?: T; failure: Failure | null } {
    try {
      return { result: check(), failure: null };
    } catch (error) {
      if (!(error instanceof HopFailure)) throw error;
      this.record(error.failure);
      return { failure: error.failure };
    }
  }

  private record(failure: Failure): void {
    this.failures.set(`${failure.stack}\u0000${failure.address}\u0000${failure.reason}`, failure);
  }
}

/** The remote states an expression reads (`data.terraform_remote_state.<name>`). */
function remoteStatesOf(raw: string): string[] {
  return unique(
    traversalsOf(parseTemplate(raw)).flatMap((t) => {
      const [type, name] = t.steps;
      return t.root === "data" &&
        type?.kind === "attribute" &&
        type.name === "terraform_remote_state" &&
        name?.kind === "attribute"
        ? [name.name]
        : [];
    }),
  );
}

function mostSpecific<T>(candidates: readonly { domain: string; value: T }[], name: string): T | undefined {
  return candidates.filter((c) => covers(c.domain, name)).sort((a, b) => b.domain.length - a.domain.length)[0]
    ?.value;
}

/** A rule or zone for `domain` covers the domain and every name below it. */
function covers(domain: string, name: string): boolean {
  return name === domain || name.endsWith(`.${domain}`);
}

function parentOf(name: string): string {
  return name.slice(name.indexOf(".") + 1);
}

/** Lower case, no trailing dot, `\052` as `*`: names as Route 53 compares them. */
function normalize(name: string): string {
  return name
    .toLowerCase()
    .replace(/\.$/, "")
    .replace(/^\\052/, "*");
}

/** A record name as Route 53 stores it: relative names are completed with the zone's. */
function fqdn(name: string, zone: string): string {
  const full = normalize(name);
  return covers(zone, full) ? full : `${full}.${zone}`;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = unique(a).sort();
  const right = unique(b).sort();
  return left.length === right.length && left.every((x, i) => x === right[i]);
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
