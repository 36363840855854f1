/**
 * The synthesized stacks as Terraform sees them before anything exists: resources expanded into their
 * `for_each` instances, locals, outputs, providers, backends, and the expressions between them evaluated.
 *
 * What only apply can tell (an id, an ARN, an unpinned IP) is an `Unknown`: a symbol that names the
 * resource instance and attribute it stands for (`aws_route53_resolver_rule.this["ec2.eu-west-3.amazonaws.com"].id`),
 * so the verifier can follow it to the resource. An attribute that the configuration does not set is such
 * a symbol; one that it sets is evaluated from the configuration.
 *
 * A spoke's `terraform_remote_state` is followed to the stack that writes that state (the same local file,
 * or the same Terraform Cloud workspace), whose outputs are evaluated in that stack.
 *
 * Anything outside the modeled subset throws a ModelError of kind "unsupported"; it is never guessed.
 */
import * as path from "path";
import { Expression, ModeledFunction, parseTemplate, Traversal, UnsupportedSyntax } from "./expressions";

/** One stack of a cdktf output: its name, its cdk.tf.json, and its working directory in the output. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: unknown;
  /** Relative to the output folder (`stacks/<name>`): local state paths are relative to it. */
  readonly workingDirectory: string;
}

export type ModelErrorKind =
  /** The input uses something the verifier does not model. */
  | "unsupported"
  /** A map or resource has no element under the key an expression looks up. */
  | "missing-key"
  /** The input is inconsistent (a reference to nothing, a value of the wrong shape). */
  | "invalid";

export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    readonly stack: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${stack} ${address}: ${reason}`);
    this.name = "ModelError";
  }
}

export type Key = string | number;

/** A value known only after apply: `path` of `instance` (or a template that contains one). */
export class Unknown {
  constructor(
    readonly instance: Instance | undefined,
    readonly path: readonly Key[],
    private readonly base: string,
  ) {}

  get text(): string {
    return this.base + renderPath(this.path);
  }

  child(key: Key): Unknown {
    return new Unknown(this.instance, [...this.path, key], this.base);
  }

  /** Whether this is `attribute` of an instance of `type` (`["dns_entry", 0, "dns_name"]`). */
  is(type: string, ...attribute: readonly Key[]): boolean {
    return (
      this.instance?.resource.type === type &&
      this.path.length === attribute.length &&
      this.path.every((k, i) => k === attribute[i])
    );
  }
}

/** `data.terraform_remote_state.<name>`: its `outputs` are the outputs of the stack that writes that state. */
export class RemoteState {
  constructor(
    readonly stack: StackModel,
    readonly name: string,
  ) {}
}

/** The outputs of a stack, read through a remote state. */
export class StackOutputs {
  constructor(
    readonly stack: StackModel,
    readonly via: string,
  ) {}
}

export type Value =
  | null
  | boolean
  | number
  | string
  | Unknown
  | Resource
  | Instance
  | RemoteState
  | StackOutputs
  | readonly Value[]
  | { readonly [key: string]: Value };

/** Where a value was written: the instance and attribute path whose unset parts are Unknown. */
interface Origin {
  readonly instance: Instance;
  readonly path: readonly Key[];
}

const ORIGINS = new WeakMap<object, Origin>();

/** Where an expression is evaluated: the stack, the address it belongs to, and the variables in scope. */
export interface Scope {
  readonly stack: StackModel;
  readonly address: string;
  readonly variables: ReadonlyMap<string, Value>;
}

/** Meta-arguments of a resource: never attributes. */
const META_ARGUMENTS = new Set(["//", "for_each", "count", "provider", "depends_on", "lifecycle", "dynamic"]);

export class Resource {
  private instanceList?: readonly Instance[];

  constructor(
    readonly stack: StackModel,
    readonly type: string,
    readonly name: string,
    readonly json: Readonly<Record<string, unknown>>,
  ) {}

  get address(): string {
    return `${this.type}.${this.name}`;
  }

  get hasForEach(): boolean {
    return "for_each" in this.json;
  }

  /** The instances Terraform plans: one per `for_each` key, or one. */
  instances(): readonly Instance[] {
    if (!this.instanceList) {
      if ("count" in this.json) this.fail("unsupported", "count is not modeled; use for_each");
      this.instanceList = this.hasForEach
        ? this.forEachEntries().map(([key, value]) => new Instance(this, key, value))
        : [new Instance(this, undefined, null)];
    }
    return this.instanceList;
  }

  instance(key: string): Instance | undefined {
    return this.instances().find((i) => i.key === key);
  }

  /** The provider's region: `provider = "aws.<alias>"`, or the default provider. */
  region(): string {
    const reference = this.json.provider;
    if (reference !== undefined && typeof reference !== "string") {
      this.fail("unsupported", "provider is not a provider reference");
    }
    return this.stack.providerRegion(reference, this.address);
  }

  fail(kind: ModelErrorKind, reason: string): never {
    throw new ModelError(kind, this.stack.name, this.address, reason);
  }

  private forEachEntries(): [string, Value][] {
    const scope = this.stack.scope(this.address);
    const value = this.stack.evaluate(this.json.for_each, scope);
    if (value instanceof Unknown) this.fail("unsupported", "for_each is known only after apply");
    if (Array.isArray(value)) {
      return value.map((v) => {
        if (typeof v !== "string") this.fail("invalid", "for_each is a list of non-strings");
        return [v, v];
      });
    }
    if (isMap(value)) return Object.entries(value);
    return this.fail("invalid", "for_each is neither a map nor a set of strings");
  }
}

export class Instance {
  // Made on first use: a thousand spokes' stacks hold hundreds of thousands of instances.
  private attributes?: Map<string, Value>;
  private evaluating?: Set<string>;
  private addressText?: string;
  private ownScope?: Scope;

  constructor(
    readonly resource: Resource,
    readonly key: string | undefined,
    /** `each.value` of this instance (null without for_each). */
    readonly eachValue: Value,
  ) {}

  get stack(): StackModel {
    return this.resource.stack;
  }

  get address(): string {
    return (this.addressText ??=
      this.resource.address + (this.key === undefined ? "" : `[${JSON.stringify(this.key)}]`));
  }

  /** The configured value of an attribute (blocks included, `dynamic` ones expanded), else Unknown. */
  attribute(name: string): Value {
    const attributes = (this.attributes ??= new Map());
    const evaluating = (this.evaluating ??= new Set());
    const cached = attributes.get(name);
    if (cached !== undefined) return cached;
    if (evaluating.has(name)) this.fail("unsupported", `${name} refers to itself`);
    evaluating.add(name);
    try {
      const value = this.evaluateAttribute(name);
      attributes.set(name, value);
      return value;
    } finally {
      evaluating.delete(name);
    }
  }

  /** The instance's scope: `each` when it has a `for_each`. */
  scope(extra?: ReadonlyMap<string, Value>): Scope {
    if (!extra && this.ownScope) return this.ownScope;
    const variables = new Map(extra);
    if (this.key !== undefined) variables.set("each", { key: this.key, value: this.eachValue });
    const scope = { stack: this.stack, address: this.address, variables };
    if (!extra) this.ownScope = scope;
    return scope;
  }

  fail(kind: ModelErrorKind, reason: string): never {
    throw new ModelError(kind, this.stack.name, this.address, reason);
  }

  private evaluateAttribute(name: string): Value {
    const json = this.resource.json;
    const dynamicBlocks = asRecord(json.dynamic) ?? {};
    const dynamic = META_ARGUMENTS.has(name) ? undefined : dynamicBlocks[name];
    const configured = !META_ARGUMENTS.has(name) && name in json;
    if (!configured && dynamic === undefined) return new Unknown(this, [name], this.address);
    const configuredValue = configured
      ? this.stack.evaluate(json[name], this.scope(), { instance: this, path: [name] })
      : [];
    if (dynamic === undefined) return configuredValue;
    if (!Array.isArray(configuredValue)) this.fail("unsupported", `${name} is both a block and dynamic`);
    return [...configuredValue, ...this.expandDynamic(name, dynamic, configuredValue.length)];
  }

  private expandDynamic(name: string, block: unknown, first: number): Value[] {
    const record = asRecord(block);
    const extra = record && Object.keys(record).find((k) => !["for_each", "content", "iterator"].includes(k));
    if (!record || extra) this.fail("unsupported", `dynamic.${name} ${extra ?? ""} is not modeled`);
    const iterator = typeof record.iterator === "string" ? record.iterator : name;
    const collection = this.stack.evaluate(record.for_each, this.scope());
    return entriesOf(collection, this.scope(), `dynamic.${name}.for_each`).map(([key, value], i) =>
      this.stack.evaluate(record.content, this.scope(new Map([[iterator, { key, value }]])), {
        instance: this,
        path: [name, first + i],
      }),
    );
  }
}

/** One stack, evaluated lazily. */
export class StackModel {
  private readonly resourceList: readonly Resource[];
  private readonly locals = new Map<string, Value>();
  private readonly outputs = new Map<string, Value>();
  private readonly remoteStates = new Map<string, StackModel>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly set: StackSet,
    readonly name: string,
    readonly json: Readonly<Record<string, unknown>>,
    readonly workingDirectory: string,
  ) {
    this.resourceList = Object.entries(asRecord(json.resource) ?? {}).flatMap(([type, byName]) =>
      Object.entries(asRecord(byName) ?? {}).map(
        ([name, body]) => new Resource(this, type, name, asRecord(body) ?? {}),
      ),
    );
  }

  resources(type?: string): readonly Resource[] {
    return type === undefined ? this.resourceList : this.resourceList.filter((r) => r.type === type);
  }

  /** Every instance of every resource of a type. */
  instances(type: string): Instance[] {
    return this.resources(type).flatMap((r) => r.instances());
  }

  scope(address: string): Scope {
    return { stack: this, address, variables: new Map() };
  }

  hasOutput(name: string): boolean {
    return name in (asRecord(this.json.output) ?? {});
  }

  local(name: string, scope: Scope): Value {
    return this.memo(this.locals, name, `local.${name}`, scope, () => asRecord(this.json.locals)?.[name]);
  }

  output(name: string, scope: Scope): Value {
    return this.memo(
      this.outputs,
      name,
      `output.${name}`,
      scope,
      () => asRecord(asRecord(this.json.output)?.[name])?.value,
    );
  }

  /** The region of `aws` (reference undefined) or `aws.<alias>`. */
  providerRegion(reference: string | undefined, address: string): string {
    const [provider, alias] = (reference ?? "aws").replace(/^\$\{(.*)\}$/, "$1").split(".");
    const fail = (kind: ModelErrorKind, reason: string): never => {
      throw new ModelError(kind, this.name, address, reason);
    };
    if (provider !== "aws") fail("unsupported", `provider ${provider} is not modeled`);
    const raw = asRecord(this.json.provider)?.aws;
    const configurations = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(asRecord);
    const configuration = configurations.find((c) => c?.alias === alias);
    const shown = alias ? `aws.${alias}` : "aws";
    if (!configuration) return fail("invalid", `uses provider ${shown}, which the stack does not configure`);
    const region = this.evaluate(configuration.region, this.scope(`provider.${shown}`));
    if (typeof region !== "string")
      return fail("unsupported", `the region of provider ${shown} is not a literal`);
    return region;
  }

  /** The state this stack writes: its backend or `cloud` block (default: local `terraform.tfstate`). */
  writtenState(): StateLocation {
    const terraform = asRecord(this.json.terraform) ?? {};
    const scope = this.scope("terraform");
    if (terraform.cloud !== undefined) return this.workspaceState(terraform.cloud, scope, "terraform.cloud");
    const backends = Object.entries(asRecord(terraform.backend) ?? { local: {} });
    if (backends.length !== 1)
      throw new ModelError("invalid", this.name, "terraform.backend", "has no single backend");
    const [kind, config] = backends[0];
    return this.stateOf(kind, config, scope, `terraform.backend.${kind}`);
  }

  /** The stack whose state `data.terraform_remote_state.<name>` reads. */
  remoteStateSource(name: string): StackModel {
    const cached = this.remoteStates.get(name);
    if (cached) return cached;
    const address = `data.terraform_remote_state.${name}`;
    const fail = (kind: ModelErrorKind, reason: string): never => {
      throw new ModelError(kind, this.name, address, reason);
    };
    const data = asRecord(asRecord(asRecord(this.json.data)?.terraform_remote_state)?.[name]);
    if (!data) return fail("invalid", "does not exist");
    const extra = Object.keys(data).find((k) => !["//", "backend", "config", "defaults"].includes(k));
    if (extra) fail("unsupported", `${extra} is not modeled`);
    const defaults = data.defaults === undefined ? {} : asRecord(data.defaults);
    if (!defaults) fail("unsupported", "defaults that are not an object are not modeled");
    if (typeof data.backend !== "string") return fail("unsupported", "backend is not a literal");
    const location = this.stateOf(data.backend, data.config ?? {}, this.scope(address), address);
    const writers = this.set.stacks.filter(
      (s) => s !== this && sameState(s.writtenStateOrUndefined(), location),
    );
    if (writers.length !== 1) {
      fail(
        "invalid",
        writers.length === 0
          ? `reads ${location.description}, which no stack of this output writes`
          : `reads ${location.description}, which ${writers.map((s) => s.name).join(", ")} all write`,
      );
    }
    // Defaults stand in for outputs a state lacks; the writer's state, as modeled, has every output the
    // writer declares, so only defaults of other outputs would be read.
    const undeclared = Object.keys(defaults ?? {}).find((output) => !writers[0].hasOutput(output));
    if (undeclared !== undefined) {
      fail(
        "unsupported",
        `defaults.${undeclared}: ${writers[0].name} has no such output, and defaults are not modeled`,
      );
    }
    this.remoteStates.set(name, writers[0]);
    return writers[0];
  }

  writtenStateOrUndefined(): StateLocation | undefined {
    try {
      return this.writtenState();
    } catch (error) {
      if (error instanceof ModelError) return undefined;
      throw error;
    }
  }

  /** Evaluates a JSON value of the stack: strings are templates; objects and arrays remember `origin`. */
  evaluate(json: unknown, scope: Scope, origin?: Origin): Value {
    if (typeof json === "string") return this.evaluateString(json, scope);
    if (json === null || typeof json === "number" || typeof json === "boolean") return json;
    if (json === undefined) return null;
    const child = (key: Key): Origin | undefined => origin && { ...origin, path: [...origin.path, key] };
    if (origin && asRecord(json)?.dynamic !== undefined) {
      throw new ModelError(
        "unsupported",
        this.name,
        scope.address,
        "dynamic blocks inside blocks are not modeled",
      );
    }
    const value: Value = Array.isArray(json)
      ? json.map((item, i) => this.evaluate(item, scope, child(i)))
      : Object.fromEntries(
          Object.entries(json as Record<string, unknown>)
            .filter(([key]) => key !== "//")
            .map(([key, item]) => [key, this.evaluate(item, scope, child(key))]),
        );
    if (origin) ORIGINS.set(value as object, origin);
    return value;
  }

  /** Evaluates a parsed expression; `source` is the string it was parsed from, for messages. */
  evaluateExpression(expression: Expression, scope: Scope, source: string): Value {
    return evaluateExpression(expression, scope, source);
  }

  private evaluateString(text: string, scope: Scope): Value {
    let expression: Expression;
    try {
      expression = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof UnsupportedSyntax)) throw error;
      throw new ModelError("unsupported", this.name, scope.address, error.message);
    }
    return evaluateExpression(expression, scope, text);
  }

  private memo(
    cache: Map<string, Value>,
    name: string,
    address: string,
    caller: Scope,
    read: () => unknown,
  ): Value {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const json = read();
    if (json === undefined) {
      throw new ModelError(
        "invalid",
        caller.stack.name,
        caller.address,
        `${address} does not exist in ${this.name}`,
      );
    }
    if (this.evaluating.has(address)) {
      throw new ModelError("unsupported", this.name, address, "refers to itself");
    }
    this.evaluating.add(address);
    try {
      const value = this.evaluate(json, this.scope(address));
      cache.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(address);
    }
  }

  private stateOf(kind: string, config: unknown, scope: Scope, address: string): StateLocation {
    const fail = (reason: string): never => {
      throw new ModelError("unsupported", this.name, address, reason);
    };
    const settings = asRecord(this.evaluate(config, scope));
    if (!settings) return fail("config is not an object");
    if (kind === "local") {
      const extra = Object.keys(settings).find((k) => k !== "path");
      if (extra) fail(`${extra} of the local backend is not modeled`);
      const file = settings.path ?? "terraform.tfstate";
      if (typeof file !== "string") return fail("path is not a literal");
      const resolved = path.posix.normalize(path.posix.join(this.workingDirectory, file));
      return {
        key: `local:${path.posix.isAbsolute(file) ? path.posix.normalize(file) : resolved}`,
        description: `the local state ${file}`,
      };
    }
    if (kind === "remote") return this.workspaceState(settings, scope, address);
    return fail(`backend ${kind} is not modeled (local, remote and cloud are)`);
  }

  private workspaceState(config: unknown, scope: Scope, address: string): StateLocation {
    const settings = asRecord(this.evaluate(config, scope)) ?? {};
    const workspaces = asRecord(settings.workspaces) ?? {};
    const { organization } = settings;
    const hostname = settings.hostname ?? DEFAULT_TFC_HOSTNAME;
    if (
      typeof organization !== "string" ||
      typeof hostname !== "string" ||
      typeof workspaces.name !== "string"
    ) {
      throw new ModelError(
        "unsupported",
        this.name,
        address,
        "only a literal organization and a single named workspace are modeled",
      );
    }
    return {
      key: `workspace:${hostname}/${organization}/${workspaces.name}`,
      description: `the workspace ${organization}/${workspaces.name}`,
    };
  }
}

const DEFAULT_TFC_HOSTNAME = "app.terraform.io";

export interface StateLocation {
  /** The same key means the same state. */
  readonly key: string;
  readonly description: string;
}

function sameState(a: StateLocation | undefined, b: StateLocation): boolean {
  return a?.key === b.key;
}

/** Every stack of one cdktf output. */
export class StackSet {
  readonly stacks: readonly StackModel[];

  constructor(stacks: readonly SynthesizedStack[]) {
    this.stacks = stacks.map((s) => new StackModel(this, s.name, asRecord(s.json) ?? {}, s.workingDirectory));
  }
}

function evaluateExpression(expression: Expression, scope: Scope, source: string): Value {
  switch (expression.kind) {
    case "literal":
      return expression.value;
    case "template": {
      let text = "";
      let unknown = false;
      let invalid = false;
      for (const part of expression.parts) {
        const value = typeof part === "string" ? part : evaluateExpression(part, scope, source);
        if (value instanceof Unknown) unknown = true;
        else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
          text += String(value);
        else invalid = true;
      }
      if (unknown) return new Unknown(undefined, [], JSON.stringify(source));
      if (invalid) {
        fail(scope, "invalid", `${JSON.stringify(source)} interpolates a value that is not a string`);
      }
      return text;
    }
    case "traversal":
      return evaluateTraversal(expression, scope, source);
    case "for": {
      const collection = evaluateExpression(expression.collection, scope, source);
      // One scope for every element: each is evaluated to the end before the next is bound.
      const variables = new Map(scope.variables);
      const inner = { ...scope, variables };
      const entries = entriesOf(collection, scope, source).map(([key, value]) => {
        if (expression.keyVariable) variables.set(expression.keyVariable, key);
        variables.set(expression.valueVariable, value);
        return [
          expression.key && evaluateExpression(expression.key, inner, source),
          evaluateExpression(expression.value, inner, source),
        ] as const;
      });
      if (expression.result === "tuple") return entries.map(([, value]) => value);
      return objectOf(entries, scope, source);
    }
    case "tuple":
      return expression.items.map((item) => evaluateExpression(item, scope, source));
    case "object":
      return objectOf(
        expression.items.map((item) => [
          evaluateExpression(item.key, scope, source),
          evaluateExpression(item.value, scope, source),
        ]),
        scope,
        source,
      );
    case "call": {
      const args = expression.args.map((arg) => evaluateExpression(arg, scope, source));
      if (args.some((arg) => arg instanceof Unknown))
        return new Unknown(undefined, [], JSON.stringify(source));
      return FUNCTIONS[expression.name](args, scope, `${JSON.stringify(source)}: ${expression.name}`);
    }
  }
}

/** An object from keys and values; like Terraform, a key known only after apply or a key twice fails. */
function objectOf(
  entries: readonly (readonly [Value | undefined, Value])[],
  scope: Scope,
  source: string,
): Value {
  const result: Record<string, Value> = {};
  for (const [key, value] of entries) {
    if (typeof key !== "string" && typeof key !== "number") {
      fail(scope, "unsupported", `${JSON.stringify(source)} has keys known only after apply`);
    }
    if (key === "__proto__") {
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      result[key] = value;
    }
  }
  // A key given twice leaves fewer keys than entries (one look-up per key, not two: maps of a thousand
  // spokes' associations hold hundreds of thousands).
  if (Object.keys(result).length !== entries.length) {
    const seen = new Set<string>();
    const key = entries.map(([k]) => String(k)).find((k) => seen.size === seen.add(k).size);
    fail(scope, "invalid", `${JSON.stringify(source)} has the key ${key} twice`);
  }
  return result;
}

/** Terraform's functions of MODELED_FUNCTIONS, over known arguments; `described` names the call. */
const FUNCTIONS: Readonly<
  Record<ModeledFunction, (args: readonly Value[], scope: Scope, described: string) => Value>
> = {
  keys([map, ...extra], scope, described) {
    if (extra.length > 0 || !isMap(map)) return fail(scope, "invalid", `${described} takes one map`);
    return Object.keys(map).sort();
  },
  setproduct(lists, scope, described) {
    if (lists.length < 2 || !lists.every(Array.isArray)) {
      return fail(scope, "invalid", `${described} takes two or more lists`);
    }
    return (lists as readonly (readonly Value[])[]).reduce<Value[][]>(
      (product, list) => product.flatMap((prefix) => list.map((element) => [...prefix, element])),
      [[]],
    );
  },
};

function evaluateTraversal(traversal: Traversal, scope: Scope, source: string): Value {
  const { stack } = scope;
  const steps = traversal.steps;
  const attributeStep = (i: number): string => {
    const step = steps[i];
    if (step?.kind !== "attribute")
      fail(scope, "unsupported", `${JSON.stringify(source)}: ${traversal.root} needs a name`);
    return step.name;
  };
  let value: Value;
  let consumed: number;
  let described = traversal.root;
  if (scope.variables.has(traversal.root)) {
    value = scope.variables.get(traversal.root) ?? null;
    consumed = 0;
  } else if (traversal.root === "local") {
    value = stack.local(attributeStep(0), scope);
    consumed = 1;
  } else if (traversal.root === "data") {
    const type = attributeStep(0);
    if (type !== "terraform_remote_state")
      fail(scope, "unsupported", `data source type ${type} is not modeled`);
    value = new RemoteState(stack, attributeStep(1));
    consumed = 2;
  } else if (stack.resources(traversal.root).length > 0) {
    const name = attributeStep(0);
    const resource = stack.resources(traversal.root).find((r) => r.name === name);
    if (!resource) fail(scope, "invalid", `refers to ${traversal.root}.${name}, which does not exist`);
    value = resource;
    consumed = 1;
  } else {
    return fail(
      scope,
      "unsupported",
      `${JSON.stringify(source)}: the reference ${traversal.root} is not modeled`,
    );
  }
  for (let i = 0; i < consumed; i++) described += `.${attributeStep(i)}`;
  for (const step of steps.slice(consumed)) {
    const key = step.kind === "attribute" ? step.name : evaluateExpression(step.key, scope, source);
    if (typeof key !== "string" && typeof key !== "number") {
      return fail(scope, "unsupported", `${JSON.stringify(source)} looks up a key known only after apply`);
    }
    value = select(value, key, scope, described, step.kind === "attribute");
    described += step.kind === "attribute" ? `.${key}` : renderPath([key]);
  }
  return value;
}

/**
 * `value.key` (attribute) or `value[key]` (index). Unset attributes of a resource's configuration are
 * Unknown; a missing map key is a "missing-key" error.
 */
export function select(value: Value, key: Key, scope: Scope, described: string, attribute = false): Value {
  if (value instanceof Unknown) return value.child(key);
  if (value instanceof Instance) return value.attribute(String(key));
  if (value instanceof Resource) {
    if (!value.hasForEach) return value.instances()[0].attribute(String(key));
    if (attribute)
      return fail(scope, "invalid", `${described} has instances by key: index it, do not read .${key}`);
    const instance = value.instance(String(key));
    if (!instance) return fail(scope, "missing-key", `${described} has no instance ${renderPath([key])}`);
    return instance;
  }
  if (value instanceof RemoteState) {
    if (key !== "outputs") return fail(scope, "unsupported", `${described}.${key} is not modeled`);
    return new StackOutputs(value.stack.remoteStateSource(value.name), described);
  }
  if (value instanceof StackOutputs) {
    if (!value.stack.hasOutput(String(key))) {
      return fail(scope, "invalid", `${value.stack.name} has no output ${key} (read as ${described}.${key})`);
    }
    return value.stack.output(String(key), scope);
  }
  if (Array.isArray(value)) {
    const list = value as readonly Value[];
    if (typeof key === "number" && key >= 0 && key < list.length) return list[key];
    return fail(scope, "missing-key", `${described} has no element ${renderPath([key])}`);
  }
  if (isMap(value)) {
    if (Object.prototype.hasOwnProperty.call(value, key)) return value[key];
    const origin = ORIGINS.get(value);
    if (origin && attribute) {
      return new Unknown(origin.instance, [...origin.path, key], origin.instance.address);
    }
    return fail(
      scope,
      "missing-key",
      `${described} has no ${attribute ? "attribute" : "key"} ${renderPath([key])}`,
    );
  }
  return fail(scope, "invalid", `${described} is ${JSON.stringify(value)}, not an object`);
}

/** The elements a `for` or `dynamic` iterates over: key and value. */
export function entriesOf(value: Value, scope: Scope, described: string): [Key, Value][] {
  if (value instanceof Unknown)
    return fail(scope, "unsupported", `${described} iterates over a value known only after apply`);
  if (value instanceof Resource && value.hasForEach) return value.instances().map((i) => [i.key ?? "", i]);
  if (Array.isArray(value)) return (value as readonly Value[]).map((v, i) => [i, v]);
  if (isMap(value)) return Object.entries(value);
  return fail(scope, "invalid", `${described} is not a collection`);
}

export function isMap(value: Value): value is { readonly [key: string]: Value } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Unknown) &&
    !(value instanceof Resource) &&
    !(value instanceof Instance) &&
    !(value instanceof RemoteState) &&
    !(value instanceof StackOutputs)
  );
}

/** A value as the verifier prints it and compares it: Unknowns by what they stand for. */
export function describeValue(value: Value): string {
  if (value instanceof Unknown) return value.text;
  if (value instanceof Instance || value instanceof Resource) return value.address;
  if (value instanceof RemoteState) return `data.terraform_remote_state.${value.name}`;
  if (value instanceof StackOutputs) return `${value.via}`;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${(value as readonly Value[]).map(describeValue).join(", ")}]`;
  if (isMap(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${k} = ${describeValue(v)}`)
      .join(", ")}}`;
  return JSON.stringify(value);
}

/** `["ec2"]`, `[0]`: a key as Terraform prints it in an address. */
export function renderPath(path: readonly Key[]): string {
  return path
    .map((k) =>
      typeof k === "number"
        ? `[${k}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(k)
          ? `.${k}`
          : `[${JSON.stringify(k)}]`,
    )
    .join("");
}

function fail(scope: Scope, kind: ModelErrorKind, reason: string): never {
  throw new ModelError(kind, scope.stack.name, scope.address, reason);
}

export function asList(value: Value): readonly Value[] {
  return Array.isArray(value) ? (value as readonly Value[]) : [];
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
