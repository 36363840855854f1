/**
 * The moto AWS emulator for the emulator suite (`npm run test:emulator`): availability gate, phases,
 * server process, a few raw API calls (networks, inventory), the override file that connects a
 * synthesized stack to the emulator without changing it, and what a plan changes.
 *
 * moto (`python3 -m moto.server`) checks no signatures: a request names its account through the access
 * key id (test keys: 123456789012; keys from `sts:AssumeRole`: the role's account) and its region and
 * service through the credential scope of the Authorization header.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import { synthesize } from "../../src/stacks/synthesize";
import { terraformAvailable, type Availability } from "./terraform";

// ---------------------------------------------------------------------------------------------------
// Availability

const PYTHON = process.env.VPCE_EMULATOR_PYTHON ?? "python3";

let cachedAvailability: Availability | undefined;

/** Whether terraform with the provider mirror, and moto's server, can run here. */
export function emulatorAvailable(): Availability {
  if (!cachedAvailability) {
    const terraform = terraformAvailable();
    const moto = spawnSync(PYTHON, ["-c", "import moto.server, boto3"], {
      encoding: "utf8",
      timeout: 60_000,
    });
    cachedAvailability = !terraform.ok
      ? terraform
      : moto.error || moto.status !== 0
        ? {
            ok: false,
            reason: `cannot import moto's server with \`${PYTHON}\` (${moto.error?.message ?? moto.stderr.trim().split("\n").pop()})`,
          }
        : { ok: true };
  }
  return cachedAvailability;
}

/**
 * `describe` for the emulator suite: fails when CI is set and moto or terraform is missing, is skipped
 * with a message elsewhere.
 */
export function describeWithEmulator(name: string, fn: () => void): void {
  const availability = emulatorAvailable();
  if (availability.ok) {
    describe(name, fn);
    return;
  }
  const { reason } = availability;
  if (process.env.CI) {
    describe(name, () => {
      it("has moto and terraform available", () => {
        throw new Error(`the emulator suite needs moto and terraform in CI: ${reason}`);
      });
    });
    return;
  }
  console.warn(
    `Skipping the emulator suite: ${reason}.\n` +
      "It needs Python 3 with moto[server] and boto3 (`python3 -m moto.server`; another interpreter: " +
      "VPCE_EMULATOR_PYTHON), terraform 1.11.x and the hashicorp/aws provider mirror. With CI set it fails instead.",
  );
  describe.skip(name, fn);
}

// ---------------------------------------------------------------------------------------------------
// Phases

/**
 * The phases of an emulator test, run in order as jest tests: each prints its time (`<label> phase:
 * <name>: <s> s`), and once one fails every later one fails at once, naming it (each builds on the
 * state the earlier ones left). `summary()` lists every phase run with its time.
 */
export function phaseRunner(label: string): {
  phase: (name: string, limitMs: number, fn: () => Promise<void>) => void;
  summary: () => string;
} {
  let failed: string | undefined;
  const times: [string, number][] = [];
  const phase = (name: string, limitMs: number, fn: () => Promise<void>): void =>
    it(
      name,
      async () => {
        if (failed) throw new Error(`not run: the phase "${failed}" failed`);
        const start = Date.now();
        try {
          await fn();
        } catch (error) {
          failed = name;
          throw error;
        } finally {
          const seconds = (Date.now() - start) / 1000;
          times.push([name, seconds]);
          console.log(`${label} phase: ${name}: ${seconds.toFixed(1)} s`);
        }
      },
      limitMs,
    );
  const summary = () =>
    `${label} phases:\n` + times.map(([name, s]) => `  ${s.toFixed(1).padStart(6)} s  ${name}`).join("\n");
  return { phase, summary };
}

// ---------------------------------------------------------------------------------------------------
// The server

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  /** The last lines the server printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * moto's server with two gaps closed so that it reads back what Terraform applied as AWS would (private
 * zones, unnamed resolver associations): see the file. For tests that read the emulator with the SDK.
 */
export const MOTO_READS_LIKE_AWS = path.join(__dirname, "moto_reads_like_aws.py");

/**
 * The account the emulator suites deploy into: hub and spokes share it (through different roles), since
 * moto cannot associate a rule owned by another account and keeps hosted zones per account.
 */
export const ACCOUNT = "111111111111";
/** A role of ACCOUNT, as the suites' configurations name them (`vpce-share-<name>`). */
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/vpce-share-${name}`;
/** Terraform's parallelism per workspace: the provider waits 5-15 s before its first poll of each change. */
export const PARALLELISM = "-parallelism=30";
export const MINUTE = 60_000;

/**
 * Starts `python3 -m moto.server` (or `script`, which takes the same arguments) on a free port of
 * 127.0.0.1 and waits until it answers.
 */
export async function startEmulator(readyWithinMs = 60_000, script?: string): Promise<Emulator> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const server = script ? [script] : ["-m", "moto.server"];
  const child = spawn(PYTHON, [...server, "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on("exit", (code) => {
      exited = code;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited !== undefined) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exit;
    clearTimeout(timer);
  };
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (exited !== undefined) throw new Error(`moto's server exited with code ${exited}:\n${output}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`moto's server did not answer within ${readyWithinMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { endpoint, log: () => output, stop };
}

// ---------------------------------------------------------------------------------------------------
// Raw API calls

/** Plain test keys: moto's default account. */
export const DEFAULT_ACCOUNT = "123456789012";

export class EmulatorClient {
  constructor(
    readonly endpoint: string,
    readonly accessKeyId = "test",
  ) {}

  private headers(region: string, service: string): Record<string, string> {
    return {
      Authorization: `AWS4-HMAC-SHA256 Credential=${this.accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    };
  }

  private async send(what: string, url: string, init: RequestInit): Promise<string> {
    const res = await fetch(url, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${what} answered HTTP ${res.status}: ${text.slice(0, 500)}`);
    return text;
  }

  /** An EC2 or STS query action; the XML answer. */
  query(service: "ec2" | "sts", region: string, action: string, params: Record<string, string> = {}) {
    const version = service === "ec2" ? "2016-11-15" : "2011-06-15";
    return this.send(`${service}:${action} in ${region}`, `${this.endpoint}/`, {
      method: "POST",
      headers: { ...this.headers(region, service), "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ Action: action, Version: version, ...params }).toString(),
    });
  }

  /** A Route 53 Resolver action (JSON 1.1). */
  async resolver(region: string, action: string, body: object = {}): Promise<Record<string, unknown>> {
    const text = await this.send(`route53resolver:${action} in ${region}`, `${this.endpoint}/`, {
      method: "POST",
      headers: {
        ...this.headers(region, "route53resolver"),
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": `Route53Resolver.${action}`,
      },
      body: JSON.stringify(body),
    });
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** A Route 53 GET (REST XML), e.g. `hostedzone`. */
  route53(pathAndQuery: string): Promise<string> {
    return this.send(`route53 GET ${pathAndQuery}`, `${this.endpoint}/2013-04-01/${pathAndQuery}`, {
      headers: this.headers("us-east-1", "route53"),
    });
  }

  /** A client with the credentials moto issues for `roleArn`: it acts in the role's account. */
  async assumeRole(roleArn: string): Promise<EmulatorClient> {
    const xml = await this.query("sts", "us-east-1", "AssumeRole", {
      RoleArn: roleArn,
      RoleSessionName: "vpce-share-emulator",
    });
    const [keyId] = xmlValues(xml, "AccessKeyId");
    if (!keyId) throw new Error(`sts:AssumeRole returned no AccessKeyId: ${xml.slice(0, 300)}`);
    return new EmulatorClient(this.endpoint, keyId);
  }

  async createVpc(region: string, cidr: string): Promise<string> {
    const [vpcId] = xmlValues(await this.query("ec2", region, "CreateVpc", { CidrBlock: cidr }), "vpcId");
    return vpcId;
  }

  async createSubnet(region: string, vpcId: string, cidr: string, zone: string): Promise<string> {
    const xml = await this.query("ec2", region, "CreateSubnet", {
      VpcId: vpcId,
      CidrBlock: cidr,
      AvailabilityZone: zone,
    });
    return xmlValues(xml, "subnetId")[0];
  }

  /**
   * What our stacks create, by kind, in the client's account: interface endpoints, security groups
   * other than `default`, resolver endpoints, rules (not the system ones), associations, hosted zones.
   * Associations are read per rule: moto's ListResolverRuleAssociations fails (HTTP 500) once two of
   * them have no name, as ours do.
   */
  async inventory(regions: readonly string[]): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    const add = (kind: string, items: string[]) => (found[kind] = [...(found[kind] ?? []), ...items].sort());
    for (const region of regions) {
      // Deleted endpoints stay listed, in state "deleted", as in AWS.
      const vpcEndpoints = (await this.query("ec2", region, "DescribeVpcEndpoints")).split("<vpcEndpointId>");
      add(
        "vpc endpoints",
        vpcEndpoints
          .slice(1)
          .filter((item) => xmlValues(item, "state")[0] !== "deleted")
          .map((item) => item.slice(0, item.indexOf("<"))),
      );
      const groups = xmlValues(await this.query("ec2", region, "DescribeSecurityGroups"), "groupName");
      add(
        "security groups",
        groups.filter((g) => g !== "default").map((g) => `${region}/${g}`),
      );
      const endpoints = (await this.resolver(region, "ListResolverEndpoints")).ResolverEndpoints as {
        Id: string;
      }[];
      add(
        "resolver endpoints",
        endpoints.map((e) => e.Id),
      );
      const rules = (
        (await this.resolver(region, "ListResolverRules")).ResolverRules as { Id: string; RuleType: string }[]
      ).filter((r) => r.RuleType !== "SYSTEM");
      add(
        "resolver rules",
        rules.map((r) => r.Id),
      );
    }
    add("hosted zones", xmlValues(await this.route53("hostedzone"), "Id"));
    return found;
  }
}

/** The texts of every `<tag>...</tag>` element (no attributes, no nesting of the same tag). */
export function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, "g"))].map((m) => m[1]);
}

// ---------------------------------------------------------------------------------------------------
// Connecting a synthesized stack

/** Services the AWS provider reaches while our stacks are applied. */
const ENDPOINT_SERVICES = [
  "ec2",
  "route53",
  "route53resolver",
  "ram",
  "sts",
  "iam",
  "logs",
  "organizations",
  "s3",
];

/** Stands in for the RAM share's ARN where the emulator run removes the share (see emulatorOverride). */
export const EMULATOR_SHARE_ARN = "arn:aws:ram:us-east-1:123456789012:resource-share/emulator-has-no-ram";

export interface EmulatorOverrideOptions {
  /**
   * Ignore changes to the `vpc` blocks of hosted zones: moto stores our private zones as public (it reads
   * "private" from `HostedZoneConfig.PrivateZone`, which the provider never sends).
   */
  readonly ignoreZoneVpc: boolean;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A Terraform override file (`*_override.tf.json`) for a synthesized `cdk.tf.json` that points every AWS
 * provider configuration at the emulator (matched by alias: test keys, endpoints, few retries since moto
 * answers a missing operation with HTTP 500, which the SDK retries 25 times), keeps region,
 * `allowed_account_ids` and `assume_role` as synthesized, and removes what moto cannot run:
 * - RAM resources get zero instances (moto implements 8 of 35 RAM operations; the provider's need
 *   ListResourceSharePermissions, AssociateResourceShare and DisassociateResourceShare), and what refers
 *   to the share gets a literal ARN;
 * - optionally, changes to hosted zones' `vpc` blocks are ignored (see EmulatorOverrideOptions).
 * `removed` lists the addresses the override takes out.
 */
export function emulatorOverride(
  stack: object,
  endpoint: string,
  options: EmulatorOverrideOptions,
): { override: object; removed: string[] } {
  const json = stack as Json;
  const override: Json = {};
  const removed: string[] = [];

  const providers = isObject(json.provider) ? json.provider.aws : undefined;
  const configs = (Array.isArray(providers) ? providers : providers ? [providers] : []) as Json[];
  override.provider = {
    aws: configs.map((config) => ({
      ...(config.alias ? { alias: config.alias } : {}),
      access_key: "test",
      secret_key: "test",
      skip_metadata_api_check: true,
      skip_region_validation: true,
      max_retries: 2,
      endpoints: [Object.fromEntries(ENDPOINT_SERVICES.map((s) => [s, endpoint]))],
    })),
  };

  const resources = isObject(json.resource) ? json.resource : {};
  const resourceOverrides: Record<string, Record<string, Json>> = {};
  const set = (type: string, name: string, values: Json) =>
    ((resourceOverrides[type] ??= {})[name] = { ...resourceOverrides[type]?.[name], ...values });
  for (const [type, byName] of Object.entries(resources)) {
    if (!isObject(byName)) continue;
    for (const [name, block] of Object.entries(byName)) {
      if (!isObject(block)) continue;
      if (type.startsWith("aws_ram_")) {
        removed.push(`${type}.${name}`);
        set(type, name, "for_each" in block ? { for_each: {} } : { count: 0 });
        for (const [attribute, value] of Object.entries(block)) {
          if (typeof value === "string" && value.includes("aws_ram_resource_share.")) {
            set(type, name, { [attribute]: EMULATOR_SHARE_ARN });
          }
        }
      }
      if (type === "aws_route53_zone" && options.ignoreZoneVpc) {
        set(type, name, { lifecycle: { ignore_changes: ["vpc"] } });
      }
    }
  }
  if (Object.keys(resourceOverrides).length > 0) override.resource = resourceOverrides;

  const outputs = isObject(json.output) ? json.output : {};
  const outputOverrides: Json = {};
  for (const [name, block] of Object.entries(outputs)) {
    if (isObject(block) && JSON.stringify(block.value).includes("aws_ram_")) {
      outputOverrides[name] = { value: EMULATOR_SHARE_ARN };
    }
  }
  if (Object.keys(outputOverrides).length > 0) override.output = outputOverrides;
  return { override, removed };
}

/** A synthesized workspace connected to the emulator. */
export interface EmulatorWorkspace {
  /** The stack's name, e.g. `hub-eu-west-3`. */
  readonly name: string;
  /** Terraform's working folder (the stack's, with the override beside it). */
  readonly dir: string;
  /** The synthesized `cdk.tf.json`. */
  readonly json: object;
}

/**
 * Synthesizes `configFile` into `<projectDir>/cdktf.out` as `npm run synth` does, and writes the emulator
 * override (`emulator_override.tf.json`, see emulatorOverride) beside each stack.
 */
export function synthesizeForEmulator(
  configFile: string,
  projectDir: string,
  endpoint: string,
  options: EmulatorOverrideOptions,
): Record<string, EmulatorWorkspace> {
  const outdir = path.join(projectDir, "cdktf.out");
  synthesize(loadConfig(configFile), "cdktf.out", { projectDir, configFile });
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { workingDirectory: string; synthesizedStackPath: string }>;
  };
  const workspaces: Record<string, EmulatorWorkspace> = {};
  for (const [name, entry] of Object.entries(manifest.stacks)) {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, entry.synthesizedStackPath), "utf8")) as object;
    const dir = path.join(outdir, entry.workingDirectory);
    const { override } = emulatorOverride(json, endpoint, options);
    fs.writeFileSync(path.join(dir, "emulator_override.tf.json"), JSON.stringify(override, null, 2));
    workspaces[name] = { name, dir, json };
  }
  return workspaces;
}

// ---------------------------------------------------------------------------------------------------
// What a plan changes

/** The resource and output changes of a plan, e.g. `create aws_vpc_endpoint.this["ssm"]`. */
export interface PlannedChanges {
  readonly changes: string[];
  readonly outputs: string[];
}

/**
 * The changes in the machine-readable output of `terraform plan -json` (no `terraform show`: one provider
 * start less), sorted; data source reads are not changes.
 */
export function plannedChanges(planJsonStdout: string): PlannedChanges {
  const changes: string[] = [];
  const outputs: string[] = [];
  for (const line of planJsonStdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const message = JSON.parse(line) as {
      type: string;
      change?: { action: string; resource: { addr: string } };
      outputs?: Record<string, { action: string }>;
    };
    if (
      message.type === "planned_change" &&
      message.change &&
      !["noop", "read"].includes(message.change.action)
    ) {
      changes.push(`${message.change.action} ${message.change.resource.addr}`);
    }
    if (message.type === "outputs") {
      for (const [name, output] of Object.entries(message.outputs ?? {})) {
        if (output.action !== "noop") outputs.push(name);
      }
    }
  }
  return { changes: changes.sort(), outputs: outputs.sort() };
}
