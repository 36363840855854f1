/**
 * Terraform addresses are API (README): growing, shrinking and reordering the configuration, checked on
 * the synthesized JSON of every stack, without Terraform.
 *
 * Why the JSON is enough here. `terraform plan` of a stack is a function of its configuration (the
 * synthesized `cdk.tf.json`), of the provider (pinned), of the prior state and, for a spoke, of the hub
 * outputs it reads through remote state. So:
 *
 * - A stack whose JSON is byte-identical before and after plans identically: same addresses, same values.
 *   A new hub region adds a `hub-<region>` stack, a new spoke a `spoke-<name>` stack, and reordering a
 *   list of the configuration changes nothing a stack is built from: when every other stack's JSON stays
 *   byte-identical (and so do the hubs that the spokes read), there is nothing to plan.
 * - Where a stack's JSON changes, the change is add-only when every block (provider, data source, local,
 *   resource body) is unchanged and every `for_each` map only gains keys (outputs may change: they plan no
 *   resource, and the tests list each output that does): an existing instance is then
 *   evaluated from the same body with the same `each.key` and `each.value`, and what it refers to keeps
 *   its value, because resources refer to `for_each` collections and hub outputs only by key (checked
 *   below, so the argument cannot silently stop holding). A new key is a new instance, at the address
 *   `<type>.<name>["<key>"]`, and a removed key removes exactly that instance.
 *
 * The instances of a `for_each` resource, and the part of the configuration each one renders (its
 * `each.value` stands for it), are the topology's (src/stacks/resource-instances.ts): the synthesized
 * Terraform is not evaluated here. test/terraform/address-stability.test.ts plans with Terraform the
 * cases where a stack's JSON changes (a new service in a hub, a new VPC in a spoke, reordered subnets)
 * and checks that Terraform plans exactly the instances the topology names.
 */
import * as fs from "fs";
import * as path from "path";
import { loadConfig, parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { HUB_OUTPUTS } from "../../src/constructs/hub-outputs";
import { resourceInstances, StackInstances } from "../../src/stacks/resource-instances";
import { topologyOf } from "../../src/topology/topology";
import { synthesizeStacks } from "../support/synthesize-stacks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLE_FILE = path.join(REPO_ROOT, "config", "example.json");
const EXAMPLE_TEXT = fs.readFileSync(EXAMPLE_FILE, "utf8");

// ---------------------------------------------------------------------------------------------------
// Configurations and their stacks

/** The example configuration file, edited as a user would edit it, then loaded (validated, normalized). */
function exampleWith(...edits: ((raw: Json) => void)[]): VpceShareConfig {
  const raw = JSON.parse(EXAMPLE_TEXT);
  for (const edit of edits) edit(raw);
  return parseConfig(JSON.stringify(raw, null, 2), `${EXAMPLE_FILE} (edited)`);
}

/** `fn()`, computed on first use: a broken configuration fails the tests that use it, not the whole file. */
function lazy<T>(fn: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: fn() }).v;
}

const synthesized = new Map<VpceShareConfig, Record<string, Json>>();
/** The resource instances of each synthesized stack, as its configuration's topology names them. */
const instancesOfStack = new WeakMap<Json, StackInstances>();
/** Every stack of a configuration (stack name -> cdk.tf.json content), synthesized once per test file. */
function stacksOf(config: VpceShareConfig): Record<string, Json> {
  let stacks = synthesized.get(config);
  if (!stacks) {
    synthesized.set(config, (stacks = synthesizeStacks(config)));
    const instances = resourceInstances(topologyOf(config));
    for (const [name, stack] of Object.entries(stacks)) instancesOfStack.set(stack, instances.get(name)!);
  }
  return stacks;
}

/** The stack as `cdk.tf.json` holds it: the text, key order included. */
const text = (stack: Json): string => JSON.stringify(stack, null, 2);

const reversed = <T>(list: readonly T[]): T[] => [...list].reverse();
/** `[a, b, c]` -> `[b, c, a]`: moves every element, where reversing three keeps the middle one in place. */
const rotated = <T>(list: readonly T[]): T[] => [...list.slice(1), ...list.slice(0, 1)];
const reversedKeys = (map: Json): Json => Object.fromEntries(reversed(Object.entries(map)));

// ---------------------------------------------------------------------------------------------------
// What Terraform plans a stack from, element by element

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Without any `for_each`: the text that references are searched in. */
const withoutForEach = (value: unknown): string =>
  JSON.stringify(withoutRemoteStateDefaults(value), (key, v) => (key === "for_each" ? undefined : v));

/**
 * A stack without the `defaults` of its remote states: they stand in for outputs a hub's state lacks
 * (a spoke's teardown after its hub's), so they never reach a plan made against hubs that publish their
 * outputs, as a plan here is (a hub always publishes the output contract).
 */
function withoutRemoteStateDefaults(stack: unknown): unknown {
  const remoteStates = isMap(stack) && isMap(stack.data) ? stack.data.terraform_remote_state : undefined;
  if (!isMap(stack) || !isMap(stack.data) || !isMap(remoteStates)) return stack;
  const stripped = Object.fromEntries(
    Object.entries(remoteStates).map(([name, body]) => {
      if (!isMap(body)) return [name, body];
      return [name, Object.fromEntries(Object.entries(body).filter(([key]) => key !== "defaults"))];
    }),
  );
  return { ...stack, data: { ...stack.data, terraform_remote_state: stripped } };
}

/**
 * A synthesized stack as the elements Terraform plans from, by address:
 * - every resource instance: `aws_vpc_endpoint.this["ec2"]` -> `{ body, each }` (the block without its
 *   `for_each`, and what the instance renders, as the topology names the instances of the stack; a
 *   resource without `for_each` is `<type>.<name>` -> body);
 * - every other block: `provider.aws.eu_west_3`, `data.terraform_remote_state.hub_eu_west_3`,
 *   `output.resolver_rule_ids`, `check.endpoint_service_ec2`, `terraform`, and the locals that do not only feed `for_each`
 *   (`local.<name>`; what only feeds a `for_each` is compared key by key, through the instances above).
 */
function elements(stack: Json): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const instances = instancesOfStack.get(stack);
  if (!instances) throw new Error("a stack of stacksOf() was expected");
  const claimed = new Set<string>();
  for (const [type, byName] of Object.entries<Record<string, Json>>(stack.resource ?? {})) {
    for (const [name, block] of Object.entries<Json>(byName)) {
      const { for_each: forEach, ...body } = block;
      const address = `${type}.${name}`;
      const own = [...instances].filter(([a]) => a === address || a.startsWith(`${address}[`));
      if (
        forEach === undefined ? own.length !== 1 || own[0][0] !== address : own.some(([a]) => a === address)
      ) {
        throw new Error(`${address}: the topology names other instances: ${own.map(([a]) => a).join(", ")}`);
      }
      for (const [instance, renders] of own) {
        claimed.add(instance);
        out.set(instance, forEach === undefined ? body : { body, each: renders });
      }
    }
  }
  const unclaimed = [...instances.keys()].filter((a) => !claimed.has(a));
  if (unclaimed.length > 0) throw new Error(`the stack has no resource for ${unclaimed.join(", ")}`);
  const feedsForEachOnly = localsFeedingForEachOnly(stack);
  for (const [name, value] of Object.entries<unknown>(stack.locals ?? {})) {
    if (!feedsForEachOnly.has(name)) out.set(`local.${name}`, value);
  }
  for (const [provider, configs] of Object.entries<Json>(stack.provider ?? {})) {
    for (const config of Array.isArray(configs) ? configs : [configs]) {
      out.set(`provider.${provider}${config.alias ? `.${config.alias}` : ""}`, config);
    }
  }
  for (const [type, byName] of Object.entries<Record<string, Json>>(
    (withoutRemoteStateDefaults(stack) as Json).data ?? {},
  )) {
    for (const [name, body] of Object.entries(byName)) out.set(`data.${type}.${name}`, body);
  }
  for (const [name, body] of Object.entries(stack.output ?? {})) out.set(`output.${name}`, body);
  for (const [name, body] of Object.entries(stack.check ?? {})) out.set(`check.${name}`, body);
  for (const [key, value] of Object.entries<unknown>(stack)) {
    if (!["resource", "locals", "provider", "data", "output", "check", "//"].includes(key))
      out.set(key, value);
  }
  return out;
}

/**
 * The locals that only feed `for_each` arguments: referenced by a `for_each` or by such a local, and
 * nowhere else (`local.associations_eu_west_3` and the two lists it pairs).
 */
function localsFeedingForEachOnly(stack: Json): Set<string> {
  const locals: Record<string, unknown> = stack.locals ?? {};
  const forEachArguments = Object.values<Record<string, Json>>(stack.resource ?? {}).flatMap((byName) =>
    Object.values(byName).flatMap((body) => (body.for_each === undefined ? [] : [body.for_each])),
  );
  const referenced = (name: string, value: unknown) =>
    new RegExp(`local\\.${name}(?![\\w-])`).test(JSON.stringify(value));
  const only = new Set<string>();
  for (;;) {
    const feeders = [...forEachArguments, ...[...only].map((name) => locals[name])];
    const next = Object.keys(locals).find((name) => {
      if (only.has(name) || !referenced(name, feeders)) return false;
      const others = Object.entries(locals).filter(([other]) => other !== name && !only.has(other));
      return !referenced(name, withoutForEach({ ...stack, locals: Object.fromEntries(others) }));
    });
    if (next === undefined) return only;
    only.add(next);
  }
}

/** JSON with every object's keys sorted: equal for equal content, whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    isMap(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

interface StackDiff {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

function diff(before: Json, after: Json): StackDiff {
  const [a, b] = [elements(before), elements(after)];
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...a.keys()].filter((k) => b.has(k) && canonical(a.get(k)) !== canonical(b.get(k))).sort(),
  };
}

/** The Terraform address of every resource instance of a stack. */
const instanceAddresses = (stack: Json): string[] =>
  [...elements(stack).keys()].filter((k) => /^[a-z0-9]+_[a-z0-9_]+\./.test(k)).sort();

// ---------------------------------------------------------------------------------------------------
// Addresses, as the README writes them

const cidrAddresses = (cidr: string) => [
  `aws_vpc_security_group_ingress_rule.endpoints_https["${cidr}"]`,
  `aws_vpc_security_group_ingress_rule.resolver_dns_tcp["${cidr}"]`,
  `aws_vpc_security_group_ingress_rule.resolver_dns_udp["${cidr}"]`,
  `aws_vpc_security_group_egress_rule.resolver_dns_tcp["${cidr}"]`,
  `aws_vpc_security_group_egress_rule.resolver_dns_udp["${cidr}"]`,
];
const associationAddresses = (regionKey: string, vpcIds: readonly string[], domains: readonly string[]) =>
  vpcIds.flatMap((vpc) =>
    domains.map((d) => `aws_route53_resolver_rule_association.${regionKey}["${vpc}/${d}"]`),
  );

const EU_WEST_3_DOMAINS = [
  "api.ecr.eu-west-3.amazonaws.com",
  "dkr.ecr.eu-west-3.amazonaws.com",
  "ec2.eu-west-3.amazonaws.com",
  "ssm.eu-west-3.amazonaws.com",
  "sts.eu-west-3.amazonaws.com",
];
const US_EAST_1_DOMAINS = [
  "ec2.us-east-1.amazonaws.com",
  "ec2.us-east-1.api.aws",
  "ec2messages.us-east-1.amazonaws.com",
  "execute-api.us-east-1.amazonaws.com",
  "kms.us-east-1.amazonaws.com",
  "logs.us-east-1.amazonaws.com",
  "s3-accesspoint.us-east-1.amazonaws.com",
  "s3-control.us-east-1.amazonaws.com",
  "s3.us-east-1.amazonaws.com",
  "ssm.us-east-1.amazonaws.com",
  "ssmmessages.us-east-1.amazonaws.com",
  "sts.us-east-1.amazonaws.com",
];
const S3_EU_WEST_3_DOMAINS = [
  "s3-accesspoint.eu-west-3.amazonaws.com",
  "s3-control.eu-west-3.amazonaws.com",
  "s3.eu-west-3.amazonaws.com",
];
const NEW_OU = "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-99999999";
const NEW_CIDR = "172.16.0.0/12";
const NEW_VPC = "vpc-0fedcba9876543213";

// ---------------------------------------------------------------------------------------------------
// Growing and shrinking

const example = lazy(() => exampleWith());

interface Growth {
  /** What is added to the example (and removed again). */
  readonly item: string;
  readonly edit: (raw: Json) => void;
  /** Stacks that only the grown configuration has. */
  readonly newStacks: readonly string[];
  /** Per stack whose JSON changes: the elements the item adds (instance addresses, or blocks). */
  readonly added: Readonly<Record<string, readonly string[]>>;
  /** Per stack: elements that change and are no resource (outputs that gain a key). */
  readonly changedOutputs?: Readonly<Record<string, readonly string[]>>;
}

const GROWTH_SPECS: readonly Growth[] = [
  {
    item: "a new hub region",
    edit: (raw) => {
      raw.hub.regions["eu-central-1"] = {
        vpcId: "vpc-0c1d2e3f4a5b67890",
        subnetIds: ["subnet-0c1d2e3f4a5b60001", "subnet-0c1d2e3f4a5b60002"],
        inboundResolverIps: ["10.30.1.10", "10.30.2.10"],
        services: ["ec2", "sts", "logs"],
      };
    },
    newStacks: ["hub-eu-central-1"],
    added: {},
  },
  {
    item: "a new spoke",
    edit: (raw) => {
      raw.spokes["analytics-dev"] = {
        accountId: "444444444444",
        regions: { "us-east-1": { vpcIds: ["vpc-0aaaabbbbccccdddd"] } },
      };
    },
    newStacks: ["spoke-analytics-dev"],
    added: {},
  },
  {
    item: "a new service in a hub region (s3 in eu-west-3: three zones, wildcard records)",
    edit: (raw) => raw.hub.regions["eu-west-3"].services.push("s3"),
    newStacks: [],
    added: {
      "hub-eu-west-3": [
        'aws_vpc_endpoint.this["s3"]',
        "check.endpoint_service_s3",
        'aws_route53_zone.this["s3-accesspoint.eu-west-3.amazonaws.com"]',
        'aws_route53_zone.this["s3-control.eu-west-3.amazonaws.com"]',
        'aws_route53_zone.this["s3.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["s3-accesspoint.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["*.s3-accesspoint.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["s3-control.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["*.s3-control.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["s3.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["*.s3.eu-west-3.amazonaws.com"]',
        'aws_route53_resolver_rule.this["s3-accesspoint.eu-west-3.amazonaws.com"]',
        'aws_route53_resolver_rule.this["s3-control.eu-west-3.amazonaws.com"]',
        'aws_route53_resolver_rule.this["s3.eu-west-3.amazonaws.com"]',
        'aws_ram_resource_association.rules["s3-accesspoint.eu-west-3.amazonaws.com"]',
        'aws_ram_resource_association.rules["s3-control.eu-west-3.amazonaws.com"]',
        'aws_ram_resource_association.rules["s3.eu-west-3.amazonaws.com"]',
      ],
      "spoke-payments-prod": associationAddresses(
        "eu_west_3",
        ["vpc-0123456789abcdef0"],
        S3_EU_WEST_3_DOMAINS,
      ),
      "spoke-data-platform": associationAddresses(
        "eu_west_3",
        ["vpc-0fedcba9876543210", "vpc-0fedcba9876543211"],
        S3_EU_WEST_3_DOMAINS,
      ),
    },
  },
  {
    item: "a new VPC in a spoke region",
    edit: (raw) => raw.spokes["data-platform"].regions["eu-west-3"].vpcIds.push(NEW_VPC),
    newStacks: [],
    added: { "spoke-data-platform": associationAddresses("eu_west_3", [NEW_VPC], EU_WEST_3_DOMAINS) },
  },
  {
    item: "a new organization CIDR",
    edit: (raw) => raw.organization.cidrs.push(NEW_CIDR),
    newStacks: [],
    added: { "hub-eu-west-3": cidrAddresses(NEW_CIDR), "hub-us-east-1": cidrAddresses(NEW_CIDR) },
  },
  {
    item: "a new share principal",
    edit: (raw) => raw.hub.shareWith.push(NEW_OU),
    newStacks: [],
    added: {
      "hub-eu-west-3": [`aws_ram_principal_association.rules["${NEW_OU}"]`],
      "hub-us-east-1": [`aws_ram_principal_association.rules["${NEW_OU}"]`],
    },
  },
  {
    item: "an existing spoke in one more hub region",
    edit: (raw) => {
      raw.spokes["payments-prod"].regions["us-east-1"] = { vpcIds: ["vpc-0123456789abcdef9"] };
    },
    newStacks: [],
    added: {
      "spoke-payments-prod": [
        "provider.aws.us_east_1",
        "data.terraform_remote_state.hub_us_east_1",
        ...associationAddresses("us_east_1", ["vpc-0123456789abcdef9"], US_EAST_1_DOMAINS),
      ],
    },
    changedOutputs: { "spoke-payments-prod": ["output.resolver_rule_association_ids"] },
  },
];

/** Each growth, with the example grown by it. */
const GROWTHS = GROWTH_SPECS.map((g) => ({ ...g, grown: lazy(() => exampleWith(g.edit)) }));

/** Expects `after` to hold `before`'s stacks plus `newStacks`, and each stack to differ only as listed. */
function expectOnly(
  before: Record<string, Json>,
  after: Record<string, Json>,
  newStacks: readonly string[],
  added: Readonly<Record<string, readonly string[]>>,
  changed: Readonly<Record<string, readonly string[]>>,
): void {
  expect(Object.keys(after).sort()).toEqual([...Object.keys(before), ...newStacks].sort());
  for (const name of Object.keys(before)) {
    if (!added[name] && !changed[name]) {
      // byte-identical JSON: the same plan, nothing to ask Terraform
      expect({ stack: name, json: text(after[name]) }).toEqual({ stack: name, json: text(before[name]) });
      continue;
    }
    expect({ stack: name, ...diff(before[name], after[name]) }).toEqual({
      stack: name,
      added: [...(added[name] ?? [])].sort(),
      removed: [],
      changed: [...(changed[name] ?? [])].sort(),
    });
  }
}

describe("a grown configuration only adds to the synthesized stacks", () => {
  for (const growth of GROWTHS) {
    it(`${growth.item}: every existing element keeps its address and content, only the item's are added`, () => {
      // GIVEN the example and the example with the new item
      const [config, grown] = [example(), growth.grown()];
      // WHEN both are synthesized
      const [before, after] = [stacksOf(config), stacksOf(grown)];
      // THEN the stacks that do not hold the item are byte-identical, and the others only gain its elements
      expectOnly(before, after, growth.newStacks, growth.added, growth.changedOutputs ?? {});
    });

    it(`${growth.item}, removed again: only the item's elements (or stack) go, the rest is unchanged`, () => {
      // GIVEN a configuration that holds the item
      const [grown, config] = [growth.grown(), example()];
      // WHEN the item is removed (back to the example)
      const [before, after] = [stacksOf(grown), stacksOf(config)];
      // THEN exactly the item's elements disappear, and its stacks with everything in them
      expect(Object.keys(after).sort()).toEqual(
        Object.keys(before)
          .filter((s) => !growth.newStacks.includes(s))
          .sort(),
      );
      for (const name of Object.keys(after)) {
        const expected = { added: [], removed: [...(growth.added[name] ?? [])].sort() };
        const changed = [...(growth.changedOutputs?.[name] ?? [])].sort();
        expect({ stack: name, ...diff(before[name], after[name]) }).toEqual({
          stack: name,
          ...expected,
          changed,
        });
      }
    });
  }

  it("a spoke in one more hub region: its association output only gains that region", () => {
    // GIVEN the example and the example with payments-prod also in us-east-1
    const grown = GROWTHS.find((g) => g.changedOutputs)!.grown();
    // WHEN both are synthesized
    const before = stacksOf(example())["spoke-payments-prod"].output.resolver_rule_association_ids.value;
    const after = stacksOf(grown)["spoke-payments-prod"].output.resolver_rule_association_ids.value;
    // THEN the output keeps the existing region's value and adds the new region's
    expect(after).toEqual({
      ...before,
      "us-east-1":
        "${{ for key, association in aws_route53_resolver_rule_association.us_east_1 : key => association.id }}",
    });
  });

  it("every stack: instances refer to for_each collections and hub outputs only by key", () => {
    // GIVEN every stack of the example, and of the example with every growth above at once
    const all = exampleWith(...GROWTHS.map((g) => g.edit));
    const mapOutputs = Object.values(HUB_OUTPUTS)
      .filter((o) => Array.isArray(o.type) && o.type[0] === "map")
      .map((o) => o.name);
    for (const stacks of [stacksOf(example()), stacksOf(all)]) {
      for (const [name, stack] of Object.entries(stacks)) {
        // WHEN every resource body is searched for references
        const forEachResources = Object.entries<Record<string, Json>>(stack.resource ?? {}).flatMap(
          ([type, byName]) =>
            Object.entries(byName)
              .filter(([, body]) => body.for_each !== undefined)
              .map(([n, body]) => ({ address: `${type}.${n}`, forEach: String(body.for_each) })),
        );
        const forEachLocals = forEachResources.flatMap(
          (r) => /^\$\{(local\.[\w-]+)\}$/.exec(r.forEach)?.[1] ?? [],
        );
        const bodies = withoutForEach(stack.resource ?? {});
        const wholeReferences = [
          ...forEachResources.map((r) => r.address),
          ...forEachLocals,
          ...mapOutputs.map((o) => `outputs.${o}`),
        ].filter((ref) => new RegExp(`${ref.replace(/\./g, "\\.")}(?![\\w\\[-])`).test(bodies));
        // THEN none refers to a whole collection that a new item would grow
        expect({ stack: name, wholeReferences }).toEqual({ stack: name, wholeReferences: [] });
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Reordering

/** The example with two items in every list that has one, so that every list can be reordered. */
const twoOfEach = (raw: Json) => {
  raw.organization.cidrs.push(NEW_CIDR);
  raw.hub.shareWith.push(NEW_OU);
  raw.spokes["payments-prod"].regions["eu-west-3"].vpcIds.push("vpc-0123456789abcdef1");
  raw.tags["cost-center"] = "network";
  raw.customServices = {
    "acme-api": {
      serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0a1b2c3d4e5f60001",
      privateDnsNames: ["api.acme.example.com", "*.api.acme.example.com"],
    },
    "acme-auth": {
      serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0a1b2c3d4e5f60002",
      privateDnsNames: ["auth.acme.example.com", "login.acme.example.com"],
    },
  };
  raw.hub.regions["eu-west-3"].services.push("acme-api", "acme-auth");
};

const REORDERINGS: readonly { list: string; edit: (raw: Json) => void }[] = [
  {
    list: "the services of every hub region",
    edit: (raw) => Object.values<Json>(raw.hub.regions).forEach((r) => (r.services = reversed(r.services))),
  },
  { list: "hub.shareWith", edit: (raw) => (raw.hub.shareWith = reversed(raw.hub.shareWith)) },
  { list: "organization.cidrs", edit: (raw) => (raw.organization.cidrs = reversed(raw.organization.cidrs)) },
  {
    list: "the VPCs of every spoke region",
    edit: (raw) =>
      Object.values<Json>(raw.spokes).forEach((s) =>
        Object.values<Json>(s.regions).forEach((r) => (r.vpcIds = reversed(r.vpcIds))),
      ),
  },
  { list: "the hub regions (object keys)", edit: (raw) => (raw.hub.regions = reversedKeys(raw.hub.regions)) },
  { list: "the spokes (object keys)", edit: (raw) => (raw.spokes = reversedKeys(raw.spokes)) },
  {
    list: "the regions of every spoke (object keys)",
    edit: (raw) => Object.values<Json>(raw.spokes).forEach((s) => (s.regions = reversedKeys(s.regions))),
  },
  { list: "the tags (object keys)", edit: (raw) => (raw.tags = reversedKeys(raw.tags)) },
  {
    list: "the custom services (object keys) and their private DNS names",
    edit: (raw) => {
      raw.customServices = reversedKeys(raw.customServices);
      Object.values<Json>(raw.customServices).forEach(
        (c) => (c.privateDnsNames = reversed(c.privateDnsNames)),
      );
    },
  },
];

/** The subnets of every hub region rotated, each inbound resolver IP with its subnet (the i-th in the i-th). */
const rotateSubnets = (raw: Json) =>
  Object.values<Json>(raw.hub.regions).forEach((r) => {
    r.subnetIds = rotated(r.subnetIds);
    r.inboundResolverIps = rotated(r.inboundResolverIps);
  });

describe("a reordered configuration synthesizes the same stacks", () => {
  const base = lazy(() => exampleWith(twoOfEach));
  const subnetsRotated = lazy(() => exampleWith(twoOfEach, rotateSubnets));

  for (const { list, edit } of REORDERINGS) {
    it(`${list} reordered: every stack is byte-identical`, () => {
      // GIVEN the example with two items in each list, and the same with ${list} reordered
      const reordered = exampleWith(twoOfEach, edit);
      // WHEN both are synthesized
      const [before, after] = [stacksOf(base()), stacksOf(reordered)];
      // THEN every stack's JSON is byte-identical: the same plans, nothing to ask Terraform
      expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
      for (const name of Object.keys(before)) {
        expect({ stack: name, json: text(after[name]) }).toEqual({ stack: name, json: text(before[name]) });
      }
    });
  }

  it("subnets reordered with their IPs: every stack is byte-identical", () => {
    // GIVEN the example, and the same with every hub region's subnets and inbound IPs rotated together
    // WHEN both are synthesized
    const [before, after] = [stacksOf(base()), stacksOf(subnetsRotated())];
    // THEN every stack's JSON is byte-identical (the hub writes subnets and IPs sorted by subnet)
    for (const name of Object.keys(before)) {
      expect({ stack: name, json: text(after[name]) }).toEqual({ stack: name, json: text(before[name]) });
    }
  });

  it("subnets reordered with their IPs: each inbound resolver IP stays in its subnet", () => {
    // GIVEN the example, and the same with every hub region's subnets and inbound IPs rotated together
    const reordered = subnetsRotated();
    for (const [region, hub] of Object.entries(reordered.hub.regions)) {
      // WHEN the hub is synthesized
      const inbound = stacksOf(reordered)[`hub-${region}`].resource.aws_route53_resolver_endpoint.inbound;
      // THEN the i-th IP of the configuration is in the i-th subnet
      const pairs = (inbound.ip_address as { subnet_id: string; ip: string }[]).map((a) => [
        a.subnet_id,
        a.ip,
      ]);
      const configured = hub.subnetIds.map((subnet, i) => [subnet, hub.inboundResolverIps?.[i]]);
      expect(pairs.sort()).toEqual(configured.sort());
      expect(pairs.sort()).toEqual(
        base()
          .hub.regions[region].subnetIds.map((s, i) => [
            s,
            base().hub.regions[region].inboundResolverIps?.[i],
          ])
          .sort(),
      );
    }
  });

  // The hub output `inbound_resolver_ips` is a list: it is sorted, so that reordering the subnets (with
  // their IPs) plans no output change either.
  it("subnets reordered with their IPs: the hub output inbound_resolver_ips keeps its value", () => {
    // GIVEN the example, and the same with every hub region's subnets and inbound IPs rotated together
    const reordered = subnetsRotated();
    // WHEN both are synthesized
    const [before, after] = [stacksOf(base()), stacksOf(reordered)];
    // THEN every hub's inbound_resolver_ips output is unchanged
    for (const name of Object.keys(before).filter((n) => n.startsWith("hub-"))) {
      expect({ stack: name, output: after[name].output.inbound_resolver_ips }).toEqual({
        stack: name,
        output: before[name].output.inbound_resolver_ips,
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// The README's addresses

describe("the addresses of the README", () => {
  it("are addresses of the example's stacks, sharing with the organization (the default of hub.shareWith), or of the mechanisms example's", () => {
    // GIVEN the table of README section "Terraform addresses are API"
    const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.split("## Terraform addresses are API")[1].split("\n## ")[0];
    const documented = [...section.matchAll(/^\| [^|]+ \| `([^`]+)` \|$/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThanOrEqual(8);
    // WHEN the example is synthesized without hub.shareWith, and the example of every sharing mechanism
    const config = exampleWith((raw) => delete raw.hub.shareWith);
    const mechanisms = loadConfig(path.join(REPO_ROOT, "config", "example-mechanisms.json"));
    const addresses = new Set(
      [...Object.values(stacksOf(config)), ...Object.values(stacksOf(mechanisms))].flatMap(instanceAddresses),
    );
    // THEN each documented address is the address of one of its resource instances
    expect(documented.filter((a) => !addresses.has(a))).toEqual([]);
  });
});
