/**
 * Test harness that runs the real Terraform CLI on synthesized stacks, offline.
 *
 * - `terraformAvailable()` / `describeWithTerraform()`: gate suites on terraform + the provider mirror
 *   (skip with a warning locally, fail loudly when `CI` is set).
 * - `prepareStackForOfflinePlan()`: rewrite a `cdk.tf.json` so it plans without AWS or a registry
 *   (local backend, fake provider credentials, remote state read from local state fixtures).
 * - `planStack()`: init + plan + show in a fresh dir under `<repo>/.tmp/terraform/`. The plan includes
 *   Terraform's validation of the configuration (what `terraform validate` checks, "an implied validation
 *   check" in Terraform's words), and its `-json` diagnostics are those `terraform validate -json` prints:
 *   a separate validate would load the provider schema once more for nothing.
 * - `plannedResources()` / `plannedOutputs()` / `resourceChanges()`: small readers for assertions.
 * - Every plan must keep what the code guarantees (plan-guarantees.ts), or the plan fails.
 *
 * Environment: `VPCE_TF_PLUGIN_DIR` = provider mirror root (the folder holding `registry.terraform.io/`),
 * `VPCE_KEEP_TF_DIRS` = keep the working dirs for debugging.
 */
import { execFile, spawnSync } from "child_process";
import { createHash, randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planGuaranteeViolations } from "./plan-guarantees";

// ---------------------------------------------------------------------------------------------------
// Locations

const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Project-local scratch root for everything Terraform (gitignored `.tmp/`). */
export const TERRAFORM_TMP_ROOT = path.join(REPO_ROOT, ".tmp", "terraform");
const PLUGIN_CACHE_DIR = path.join(TERRAFORM_TMP_ROOT, "plugin-cache");
const WORK_ROOT = path.join(TERRAFORM_TMP_ROOT, "work");
const DISCOVERY_CACHE_FILE = path.join(TERRAFORM_TMP_ROOT, "mirror-root.json");

/** Well-known mirror roots, checked before a (bounded) filesystem search. */
const CANDIDATE_MIRROR_ROOTS = [
  "/opt/tf-plugins",
  path.join(os.homedir(), ".terraform.d", "plugins"),
  path.join(os.homedir(), ".local", "share", "terraform", "plugins"),
  "/usr/share/terraform/plugins",
  "/usr/local/share/terraform/plugins",
];

const REQUIRED_PROVIDER = { host: "registry.terraform.io", namespace: "hashicorp", type: "aws" };
const STATE_LINEAGE = "6f1c2f3e-0b5a-4c1d-9a57-3f2a8e4b7c10";
const FIXTURE_TERRAFORM_VERSION = "1.11.4";
/**
 * Per-command kill limit, a hang guard: a command takes seconds on an idle machine, but `terraform test`
 * of the HCL example was killed at 5 minutes on a 2-core machine at load 20 to 30.
 */
const COMMAND_TIMEOUT_MS = 10 * 60_000;
/**
 * Jest timeout applied to suites declared with `describeWithTerraform`: two commands' worth. A test
 * plans two stacks side by side (init and plan each); on a 2-core machine at load 17, one such test
 * took more than 180 s. A command that hangs is killed at COMMAND_TIMEOUT_MS.
 */
export const TERRAFORM_TEST_TIMEOUT_MS = 2 * COMMAND_TIMEOUT_MS;

// ---------------------------------------------------------------------------------------------------
// Availability

export type Availability = { ok: true } | { ok: false; reason: string };

interface TerraformInfo {
  version: string;
  platform: string;
}

let cachedInfo: TerraformInfo | Error | undefined;

function terraformInfo(): TerraformInfo {
  if (cachedInfo === undefined) {
    const res = spawnSync("terraform", ["version", "-json"], {
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, TF_CLI_CONFIG_FILE: os.devNull, CHECKPOINT_DISABLE: "1" },
    });
    if (res.error) {
      cachedInfo = new Error(`cannot run \`terraform\` from PATH (${res.error.message})`);
    } else if (res.status !== 0) {
      cachedInfo = new Error(`\`terraform version -json\` exited ${res.status}: ${res.stderr.trim()}`);
    } else {
      try {
        const parsed = JSON.parse(res.stdout) as { terraform_version?: string; platform?: string };
        if (!parsed.terraform_version || !parsed.platform) throw new Error("missing fields");
        cachedInfo = { version: parsed.terraform_version, platform: parsed.platform };
      } catch (e) {
        cachedInfo = new Error(`unexpected \`terraform version -json\` output (${String(e)}): ${res.stdout}`);
      }
    }
  }
  if (cachedInfo instanceof Error) throw cachedInfo;
  return cachedInfo;
}

/** The version of the `terraform` on PATH, e.g. `"1.11.4"`. Throws when it cannot be run. */
export function terraformVersion(): string {
  return terraformInfo().version;
}

interface MirrorEntry {
  host: string;
  namespace: string;
  type: string;
  version: string;
}

/** Providers a mirror offers for `platform` (e.g. `linux_amd64`), in unpacked or packed layout. */
function listMirror(root: string, platform: string): MirrorEntry[] {
  const entries: MirrorEntry[] = [];
  const dirs = (p: string): string[] => {
    try {
      return fs
        .readdirSync(p, { withFileTypes: true })
        .filter((d) => d.isDirectory() || d.isSymbolicLink())
        .map((d) => d.name);
    } catch {
      return [];
    }
  };
  for (const host of dirs(root)) {
    for (const namespace of dirs(path.join(root, host))) {
      for (const type of dirs(path.join(root, host, namespace))) {
        const typeDir = path.join(root, host, namespace, type);
        let names: string[];
        try {
          names = fs.readdirSync(typeDir);
        } catch {
          continue;
        }
        for (const name of names) {
          // unpacked: <type>/<version>/<platform>/terraform-provider-<type>_*
          const platformDir = path.join(typeDir, name, platform);
          try {
            if (fs.readdirSync(platformDir).some((f) => f.startsWith(`terraform-provider-${type}`))) {
              entries.push({ host, namespace, type, version: name });
              continue;
            }
          } catch {
            // not an unpacked version dir
          }
          // packed: <type>/terraform-provider-<type>_<version>_<platform>.zip
          const prefix = `terraform-provider-${type}_`;
          const suffix = `_${platform}.zip`;
          if (name.startsWith(prefix) && name.endsWith(suffix)) {
            entries.push({ host, namespace, type, version: name.slice(prefix.length, -suffix.length) });
          }
        }
      }
    }
  }
  return entries;
}

function mirrorHasRequiredProvider(root: string, platform: string): boolean {
  const { host, namespace, type } = REQUIRED_PROVIDER;
  return listMirror(root, platform).some(
    (e) => e.host === host && e.namespace === namespace && e.type === type,
  );
}

/** Bounded search for a provider binary or package; returns the mirror root holding it. */
function searchMirrorRoot(platform: string): string | undefined {
  const res = spawnSync(
    "find",
    [
      "/",
      "-maxdepth",
      "10",
      "(",
      ...["/proc", "/sys", "/dev", "/run"].flatMap((p, i) => [...(i ? ["-o"] : []), "-path", p]),
      ...["node_modules", ".git", ".terraform", ".tmp"].flatMap((n) => ["-o", "-name", n]),
      ")",
      "-prune",
      "-o",
      "-name",
      `terraform-provider-${REQUIRED_PROVIDER.type}_*`,
      "-print",
    ],
    { encoding: "utf8", timeout: 20_000, maxBuffer: 16 * 1024 * 1024 },
  );
  for (const hit of (res.stdout ?? "").split("\n").filter(Boolean)) {
    const parts = hit.split(path.sep);
    const i = parts.lastIndexOf(REQUIRED_PROVIDER.host);
    if (i <= 0) continue;
    const root = parts.slice(0, i).join(path.sep) || path.sep;
    if (mirrorHasRequiredProvider(root, platform)) return root;
  }
  return undefined;
}

let cachedMirror: { root: string } | Error | undefined;

function mirrorRoot(): string {
  if (cachedMirror === undefined) cachedMirror = findMirrorRoot();
  if (cachedMirror instanceof Error) throw cachedMirror;
  return cachedMirror.root;
}

function findMirrorRoot(): { root: string } | Error {
  const { platform } = terraformInfo();
  const what = `${REQUIRED_PROVIDER.namespace}/${REQUIRED_PROVIDER.type} for ${platform}`;
  const fromEnv = process.env.VPCE_TF_PLUGIN_DIR;
  if (fromEnv) {
    return mirrorHasRequiredProvider(fromEnv, platform)
      ? { root: path.resolve(fromEnv) }
      : new Error(`VPCE_TF_PLUGIN_DIR=${fromEnv} holds no ${REQUIRED_PROVIDER.host}/${what}`);
  }
  for (const root of CANDIDATE_MIRROR_ROOTS) {
    if (mirrorHasRequiredProvider(root, platform)) return { root };
  }
  // The search result is shared with the other jest workers through a small file.
  try {
    const cached = JSON.parse(fs.readFileSync(DISCOVERY_CACHE_FILE, "utf8")) as { root?: string };
    if (cached.root && mirrorHasRequiredProvider(cached.root, platform)) return { root: cached.root };
  } catch {
    // no usable cached result
  }
  const found = searchMirrorRoot(platform);
  if (!found) {
    return new Error(
      `no provider mirror with ${what} found (looked in ${CANDIDATE_MIRROR_ROOTS.join(", ")} and searched /)`,
    );
  }
  fs.mkdirSync(TERRAFORM_TMP_ROOT, { recursive: true });
  writeFileAtomic(DISCOVERY_CACHE_FILE, JSON.stringify({ root: found }));
  return { root: found };
}

let cachedAvailability: Availability | undefined;

/** Whether `terraform` is on PATH and a filesystem mirror with the hashicorp/aws provider was found. */
export function terraformAvailable(): Availability {
  if (!cachedAvailability) {
    try {
      mirrorRoot();
      cachedAvailability = { ok: true };
    } catch (e) {
      cachedAvailability = { ok: false, reason: (e as Error).message };
    }
  }
  return cachedAvailability;
}

let warnedUnavailable = false;

/**
 * `describe` for suites that run Terraform. When Terraform is unavailable the suite fails if `CI` is set,
 * and is skipped with a one-time warning otherwise. Sets the jest timeout of the file to
 * `TERRAFORM_TEST_TIMEOUT_MS` (jest's 5 s default is too short for init + plan).
 */
export function describeWithTerraform(name: string, fn: () => void): void {
  const availability = terraformAvailable();
  if (availability.ok) {
    describe(name, () => {
      jest.setTimeout(TERRAFORM_TEST_TIMEOUT_MS);
      fn();
    });
    return;
  }
  const { reason } = availability;
  if (process.env.CI) {
    describe(name, () => {
      it("has terraform available", () => {
        throw new Error(`terraform is required in CI: ${reason}`);
      });
    });
    return;
  }
  if (!warnedUnavailable) {
    warnedUnavailable = true;
    console.warn(
      `Skipping Terraform-backed tests: ${reason}.\n` +
        "To run them, install terraform 1.11.x on PATH and a filesystem mirror of the hashicorp/aws provider, " +
        "and point VPCE_TF_PLUGIN_DIR at the mirror root (the folder holding registry.terraform.io/). " +
        "With CI set these tests fail instead of being skipped.",
    );
  }
  describe.skip(name, fn);
}

// ---------------------------------------------------------------------------------------------------
// Stack preparation

type Json = Record<string, unknown>;

export interface PrepareOptions {
  /**
   * Terraform state v4 documents (see `stateWithOutputs`) keyed by the name of a
   * `data.terraform_remote_state.<name>` entry; that entry is rewritten to read the fixture locally.
   */
  localStateFixtures?: Record<string, object>;
  /**
   * Replaces the stack's AWS provider version range, for a stack that declares a range the offline
   * mirror (5.100) is outside of: a Profile of endpoints declares ">= 6.3.0". Only the test harness does
   * this, and a test that does must say what the plan then proves (the schema of 5.100, not 6.3's).
   */
  awsProviderVersion?: string;
}

/**
 * Provider arguments that would make the AWS provider reach for real credentials or metadata, or check
 * an account id that the fake credentials cannot have.
 */
const AWS_CREDENTIAL_ARGS = [
  "allowed_account_ids",
  "forbidden_account_ids",
  "assume_role",
  "assume_role_with_web_identity",
  "profile",
  "shared_config_files",
  "shared_credentials_files",
  "token",
];

const OFFLINE_AWS_ARGS = {
  access_key: "test",
  secret_key: "test",
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
};

/** Path, relative to the working dir, where `planStack` writes the state fixture of a remote state. */
export function stateFixtureFile(name: string): string {
  return `remote-state-${name}.tfstate`;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Deep copy of a synthesized `cdk.tf.json`, made plannable offline: local backend, AWS providers with
 * fake credentials and skip flags (no `assume_role`; region, alias, default_tags kept), and every
 * `terraform_remote_state` reading a local state fixture. Throws if a remote state has no fixture or a
 * fixture names no remote state.
 */
export function prepareStackForOfflinePlan(stackJson: object, opts: PrepareOptions = {}): object {
  const stack = structuredClone(stackJson) as Json;

  const terraform = isObject(stack.terraform) ? stack.terraform : {};
  delete terraform.cloud;
  terraform.backend = { local: { path: "terraform.tfstate" } };
  stack.terraform = terraform;
  if (opts.awsProviderVersion !== undefined) {
    const aws = (terraform.required_providers as Json | undefined)?.aws as Json | undefined;
    if (!isObject(aws)) throw new Error("awsProviderVersion given, but the stack requires no aws provider");
    aws.version = opts.awsProviderVersion;
  }

  const providers = isObject(stack.provider) ? stack.provider : undefined;
  if (providers && providers.aws !== undefined) {
    const offline = (cfg: unknown): Json => {
      const copy: Json = isObject(cfg) ? { ...cfg } : {};
      for (const arg of AWS_CREDENTIAL_ARGS) delete copy[arg];
      return { ...copy, ...OFFLINE_AWS_ARGS };
    };
    providers.aws = Array.isArray(providers.aws) ? providers.aws.map(offline) : offline(providers.aws);
  }

  const fixtures = opts.localStateFixtures ?? {};
  const data = isObject(stack.data) ? stack.data : undefined;
  const remoteStates = data && isObject(data.terraform_remote_state) ? data.terraform_remote_state : {};
  const missing: string[] = [];
  for (const [name, entry] of Object.entries(remoteStates)) {
    if (!isObject(entry)) continue;
    if (!(name in fixtures)) {
      missing.push(`${name} (backend "${String(entry.backend)}")`);
      continue;
    }
    const rewritten: Json = { ...entry, backend: "local", config: { path: stateFixtureFile(name) } };
    delete rewritten.workspace; // a non-default workspace would make the local backend look elsewhere
    remoteStates[name] = rewritten;
  }
  if (missing.length > 0) {
    throw new Error(
      `terraform_remote_state cannot be read offline without a state fixture: ${missing.join(", ")}; ` +
        "pass opts.localStateFixtures[<name>] = stateWithOutputs({...})",
    );
  }
  const unused = Object.keys(fixtures).filter((name) => !(name in remoteStates));
  if (unused.length > 0) {
    throw new Error(
      `localStateFixtures names no data.terraform_remote_state entry: ${unused.join(", ")}` +
        ` (the stack has: ${Object.keys(remoteStates).join(", ") || "none"})`,
    );
  }
  return stack;
}

/** A Terraform state v4 document with only outputs, for `localStateFixtures`. */
export function stateWithOutputs(
  outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>,
): object {
  return {
    version: 4,
    terraform_version: FIXTURE_TERRAFORM_VERSION,
    serial: 1,
    lineage: STATE_LINEAGE,
    outputs: Object.fromEntries(
      Object.entries(outputs).map(([name, o]) => [
        name,
        { value: o.value, type: o.type, ...(o.sensitive ? { sensitive: true } : {}) },
      ]),
    ),
    resources: [],
    check_results: null,
  };
}

// ---------------------------------------------------------------------------------------------------
// Running terraform

export interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  /** The address of the resource or data source the diagnostic is about, when there is one. */
  address?: string;
  range?: { filename: string; start: { line: number; column: number } };
  snippet?: { context?: string | null; code?: string };
}

export interface PlanModule {
  address?: string;
  resources?: PlanResourceJson[];
  child_modules?: PlanModule[];
}

export interface PlanResourceJson {
  address: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: string | number;
  provider_name: string;
  values?: Json;
  sensitive_values?: Json;
}

export interface ResourceChangeJson {
  address: string;
  module_address?: string;
  mode: "managed" | "data";
  type: string;
  name: string;
  index?: string | number;
  provider_name: string;
  change: {
    actions: string[];
    before: unknown;
    after: unknown;
    after_unknown: unknown;
    before_sensitive?: unknown;
    after_sensitive?: unknown;
  };
  action_reason?: string;
}

interface ConfigModule {
  resources?: { address: string; provider_config_key?: string }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/** The subset of `terraform show -json <plan>` the readers use; everything else is still there. */
export interface PlanJson {
  format_version: string;
  terraform_version: string;
  planned_values?: {
    outputs?: Record<string, { sensitive: boolean; value?: unknown }>;
    root_module?: PlanModule;
  };
  resource_changes?: ResourceChangeJson[];
  output_changes?: Record<
    string,
    { actions: string[]; after?: unknown; after_unknown?: unknown; after_sensitive?: unknown }
  >;
  configuration?: { root_module?: ConfigModule; provider_config?: Record<string, Json> };
  [key: string]: unknown;
}

export interface PlanResult {
  /** The plan's diagnostics (validation included): warnings only, as a plan with errors rejects. */
  diagnostics: Diagnostic[];
  plan: PlanJson;
  /** The working dir; already removed unless `VPCE_KEEP_TF_DIRS` is set. */
  dir: string;
  /** Wall time of each terraform command, in milliseconds. */
  timingsMs: { init: number; plan: number; show: number };
}

interface CommandResult {
  stdout: string;
  stderr: string;
  ms: number;
  exitCode: number;
}

class TerraformCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | string | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "TerraformCommandError";
  }
}

function childEnv(cliConfig: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Nothing from the developer's shell may steer terraform or the AWS provider (profiles, roles,
    // extra CLI args, workspaces), so runs are the same everywhere.
    if (/^(TF_|AWS_)/.test(k) && k !== "TF_LOG" && k !== "TF_LOG_PATH") continue;
    env[k] = v;
  }
  return {
    ...env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    AWS_EC2_METADATA_DISABLED: "true",
    ...extra,
  };
}

function runTerraform(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  okCodes = [0],
): Promise<CommandResult> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      "terraform",
      args,
      { cwd, env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        const ms = Date.now() - start;
        const code = error ? ((error as NodeJS.ErrnoException & { code?: unknown }).code ?? null) : 0;
        if (!error || okCodes.includes(code as number)) {
          resolve({ stdout, stderr, ms, exitCode: code as number });
          return;
        }
        const killed = (error as { killed?: boolean }).killed
          ? ` (killed after ${COMMAND_TIMEOUT_MS} ms)`
          : "";
        const output = stderr.trim() || stdout.trim() || error.message;
        reject(
          new TerraformCommandError(
            `\`terraform ${args.join(" ")}\` failed with exit code ${String(code)}${killed} in ${cwd}:\n${output}`,
            code as number | string | null,
            stdout,
            stderr,
          ),
        );
      },
    );
  });
}

function cliConfigText(mirror: string, pluginCacheDir: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/*/*"]',
    "  }",
    "}",
    `plugin_cache_dir   = ${JSON.stringify(pluginCacheDir)}`,
    "disable_checkpoint = true",
    "",
  ].join("\n");
}

function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

let sharedCliConfig: string | undefined;

/** The CLI config shared by every run (mirror + shared plugin cache), written once per mirror. */
function cliConfigFile(): string {
  if (!sharedCliConfig) {
    const mirror = mirrorRoot();
    fs.mkdirSync(TERRAFORM_TMP_ROOT, { recursive: true });
    const text = cliConfigText(mirror, PLUGIN_CACHE_DIR);
    const file = path.join(TERRAFORM_TMP_ROOT, `cli-${hash(text)}.tfrc`);
    if (!fs.existsSync(file)) writeFileAtomic(file, text);
    sharedCliConfig = file;
  }
  return sharedCliConfig;
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

let pluginCacheReady: Promise<void> | undefined;

/**
 * Fills the shared plugin cache with every provider of the mirror, safely under concurrency.
 *
 * Terraform's plugin cache is not concurrency-safe: an install into it deletes then re-creates the
 * entry, so parallel `terraform init`s (jest workers) can see it missing. So each run inits with
 * TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE=true, which only *reads* a cache entry when present,
 * and missing entries are installed here into a private staging cache by a warm-up init, then moved
 * into the shared cache with an atomic rename (a racing worker renames an equivalent entry; a reader
 * never sees a half-made one).
 */
function ensurePluginCache(): Promise<void> {
  pluginCacheReady ??= fillPluginCache().catch((e) => {
    pluginCacheReady = undefined;
    throw e;
  });
  return pluginCacheReady;
}

function cacheEntry(cacheDir: string, e: MirrorEntry, platform: string): string {
  return path.join(cacheDir, e.host, e.namespace, e.type, e.version, platform);
}

async function fillPluginCache(): Promise<void> {
  const { platform } = terraformInfo();
  const mirror = mirrorRoot();
  const missing = listMirror(mirror, platform).filter(
    (e) => !fs.existsSync(cacheEntry(PLUGIN_CACHE_DIR, e, platform)),
  );
  if (missing.length === 0) return;

  fs.mkdirSync(TERRAFORM_TMP_ROOT, { recursive: true });
  const staging = fs.mkdtempSync(path.join(TERRAFORM_TMP_ROOT, "cache-staging-"));
  try {
    const stagingCache = path.join(staging, "cache");
    fs.mkdirSync(stagingCache);
    const cli = path.join(staging, "cli.tfrc");
    fs.writeFileSync(cli, cliConfigText(mirror, stagingCache));
    // One init per batch holding at most one version of each provider.
    const batches: MirrorEntry[][] = [];
    for (const e of missing) {
      const source = `${e.host}/${e.namespace}/${e.type}`;
      let batch = batches.find((b) => !b.some((x) => `${x.host}/${x.namespace}/${x.type}` === source));
      if (!batch) batches.push((batch = []));
      batch.push(e);
    }
    for (const [i, batch] of batches.entries()) {
      const dir = path.join(staging, `warmup-${i}`);
      fs.mkdirSync(dir);
      const requiredProviders = Object.fromEntries(
        batch.map((e, j) => [`p${j}`, { source: `${e.host}/${e.namespace}/${e.type}`, version: e.version }]),
      );
      fs.writeFileSync(
        path.join(dir, "main.tf.json"),
        JSON.stringify({ terraform: { required_providers: requiredProviders } }),
      );
      await runTerraform(["init", "-input=false", "-backend=false", "-no-color"], dir, childEnv(cli));
    }
    for (const e of missing) {
      const from = cacheEntry(stagingCache, e, platform);
      const to = cacheEntry(PLUGIN_CACHE_DIR, e, platform);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      try {
        fs.renameSync(from, to);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // Another worker won the race with an equivalent entry.
        if (code !== "EEXIST" && code !== "ENOTEMPTY") throw err;
      }
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.range ? ` (${d.range.filename}:${d.range.start.line}:${d.range.start.column})` : "";
      const detail = d.detail ? `\n  ${d.detail.replace(/\n/g, "\n  ")}` : "";
      return `${d.severity}: ${d.summary}${where}${detail}`;
    })
    .join("\n");
}

/** Files of a Terraform working tree, by path relative to its root. */
export type TerraformFiles = Record<string, string>;

/**
 * Writes `files` into a fresh working tree, runs `terraform init` in `cwd` (relative to the tree) with
 * the offline mirror, then `fn`; removes the tree afterwards unless VPCE_KEEP_TF_DIRS is set.
 */
async function inWorkTree<T>(
  files: TerraformFiles,
  cwd: string,
  fn: (dir: string, env: NodeJS.ProcessEnv, initMs: number) => Promise<T>,
): Promise<T> {
  const cli = cliConfigFile();
  await ensurePluginCache();
  fs.mkdirSync(WORK_ROOT, { recursive: true });
  const root = fs.mkdtempSync(path.join(WORK_ROOT, "tree-"));
  const dir = path.join(root, cwd);
  const keep = Boolean(process.env.VPCE_KEEP_TF_DIRS);
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const env = childEnv(cli, { TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true" });
    const init = await runTerraform(["init", "-input=false", "-backend=true", "-no-color"], dir, env).catch(
      (e: Error) => {
        if (/no available releases match/.test(e.message)) {
          const offered = listMirror(mirrorRoot(), terraformInfo().platform)
            .map((m) => `${m.namespace}/${m.type} ${m.version}`)
            .join(", ");
          e.message += `\n(the provider mirror ${mirrorRoot()} offers only: ${offered})`;
        }
        throw e;
      },
    );
    return await fn(dir, env, init.ms);
  } catch (e) {
    if (e instanceof Error) {
      e.message += keep
        ? `\n(working dir kept: ${dir})`
        : "\n(set VPCE_KEEP_TF_DIRS=1 to keep the working dir)";
    }
    throw e;
  } finally {
    if (!keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** What one terraform command printed, its wall time and exit code. */
export type TerraformRun = CommandResult;

/**
 * The terraform CLI for working dirs that live longer than one plan (the emulator suite applies the
 * synthesized stacks in place): the offline mirror and the shared plugin cache, as for `planFiles`.
 * `run` rejects on an exit code not in `okCodes`, with the command, the code and Terraform's output.
 */
export async function terraformCli(): Promise<{
  env: NodeJS.ProcessEnv;
  run: (
    args: string[],
    cwd: string,
    okCodes?: number[],
    env?: Record<string, string>,
  ) => Promise<TerraformRun>;
}> {
  const cli = cliConfigFile();
  await ensurePluginCache();
  const env = childEnv(cli, { TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE: "true" });
  return {
    env,
    run: (args, cwd, okCodes = [0], extra = {}) => runTerraform(args, cwd, { ...env, ...extra }, okCodes),
  };
}

/**
 * Plans the root module in `cwd` of a working tree offline with the real Terraform CLI and provider
 * schema: init, plan -refresh=false (validating the configuration first), show -json. Rejects with the
 * command, exit code and Terraform's diagnostics on any failure.
 */
export function planFiles(files: TerraformFiles, cwd = "."): Promise<PlanResult> {
  return sharedResult(`plan-${hash(JSON.stringify({ files, cwd }))}`, () => planWorkTree(files, cwd));
}

/** The plan cache of this test run (cleared by test/global-setup.ts): jest workers share identical plans. */
export const PLAN_CACHE_DIR = path.join(TERRAFORM_TMP_ROOT, "plan-cache");
const POLL_MS = 200;

/**
 * Computes `produce()` once per test run and key, across jest workers: the first caller takes a lock
 * file and writes the result; the others wait for it (and take over if the first one fails).
 */
async function sharedResult<T>(key: string, produce: () => Promise<T>): Promise<T> {
  fs.mkdirSync(PLAN_CACHE_DIR, { recursive: true });
  const resultFile = path.join(PLAN_CACHE_DIR, `${key}.json`);
  const lockFile = path.join(PLAN_CACHE_DIR, `${key}.lock`);
  const deadline = Date.now() + COMMAND_TIMEOUT_MS * 4;
  for (;;) {
    if (fs.existsSync(resultFile)) return JSON.parse(fs.readFileSync(resultFile, "utf8")) as T;
    let owner = false;
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      owner = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    if (owner) {
      try {
        const result = await produce();
        fs.mkdirSync(PLAN_CACHE_DIR, { recursive: true }); // another run's global setup may have cleared it
        writeFileAtomic(resultFile, JSON.stringify(result));
        return result;
      } finally {
        fs.rmSync(lockFile, { force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for another worker's ${resultFile}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function planWorkTree(files: TerraformFiles, cwd: string): Promise<PlanResult> {
  return inWorkTree(files, cwd, async (dir, env, initMs) => {
    // plan exits 1 on an invalid configuration; its JSON lines say why.
    const plan = await runTerraform(
      ["plan", "-json", "-refresh=false", "-input=false", "-lock=false", "-out=plan.bin"],
      dir,
      env,
      [0, 1],
    );
    const diagnostics = plan.stdout.split("\n").flatMap((line): Diagnostic[] => {
      if (!line.startsWith("{")) return [];
      const message = JSON.parse(line) as { type?: string; diagnostic?: Diagnostic };
      return message.type === "diagnostic" && message.diagnostic ? [message.diagnostic] : [];
    });
    if (plan.exitCode !== 0 || diagnostics.some((d) => d.severity === "error")) {
      throw new Error(
        `\`terraform plan\` failed with exit code ${plan.exitCode} in ${dir}:\n` +
          (formatDiagnostics(diagnostics) || plan.stderr || plan.stdout),
      );
    }
    const show = await runTerraform(["show", "-json", "-no-color", "plan.bin"], dir, env);
    const planJson = JSON.parse(show.stdout) as PlanJson;
    const broken = planGuaranteeViolations(planJson);
    if (broken.length > 0) {
      throw new Error(`the plan in ${dir} breaks what the code guarantees:\n  ${broken.join("\n  ")}`);
    }
    return {
      diagnostics,
      plan: planJson,
      dir,
      timingsMs: { init: initMs, plan: plan.ms, show: show.ms },
    };
  });
}

/** Plans a synthesized stack (see `prepareStackForOfflinePlan`), with its remote state fixtures. */
export function planStack(stackJson: object, opts: PrepareOptions = {}): Promise<PlanResult> {
  const files: TerraformFiles = {
    "main.tf.json": JSON.stringify(prepareStackForOfflinePlan(stackJson, opts), null, 2),
  };
  for (const [name, state] of Object.entries(opts.localStateFixtures ?? {})) {
    files[stateFixtureFile(name)] = JSON.stringify(state, null, 2);
  }
  return planFiles(files, ".");
}

/**
 * Runs `terraform test` (offline: the suites must mock the provider) in `cwd`; resolves with its output.
 * `suites` (`tests/x.tftest.hcl`) limits the run to those files. Default: every suite.
 */
export function testFiles(files: TerraformFiles, cwd = ".", suites: readonly string[] = []): Promise<string> {
  return inWorkTree(files, cwd, async (dir, env) => {
    const filters = suites.map((suite) => `-filter=${suite}`);
    const run = await runTerraform(["test", "-no-color", ...filters], dir, env);
    return run.stdout;
  });
}

/** Every file below `dir`, keyed by `<prefix>/<path relative to dir>`; skips Terraform's own folders. */
export function filesBelow(dir: string, prefix: string): TerraformFiles {
  const files: TerraformFiles = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (relative.split(path.sep).some((part) => part === ".terraform" || part.endsWith(".tfstate"))) continue;
    files[path.posix.join(prefix, ...relative.split(path.sep))] = fs.readFileSync(full, "utf8");
  }
  return files;
}

/**
 * An override file that makes the named provider configurations of a hand-written root module plan
 * offline: fake credentials and skip flags, and no account check (`allowed_account_ids = null`).
 */
export function offlineProviderOverride(aliases: readonly (string | undefined)[]): string {
  const configs = aliases.map((alias) => ({
    ...(alias ? { alias } : {}),
    ...OFFLINE_AWS_ARGS,
    allowed_account_ids: null,
  }));
  return JSON.stringify({ provider: { aws: configs } }, null, 2);
}

// ---------------------------------------------------------------------------------------------------
// Plan readers

export interface PlannedResource {
  type: string;
  name: string;
  mode: "managed" | "data";
  index?: string | number;
  values: Json;
  /** e.g. `registry.terraform.io/hashicorp/aws` (the same for every alias). */
  providerName: string;
  /** The provider configuration used, e.g. `aws` or `aws.us_east_1` (`module.x:aws` inside modules). */
  providerConfigKey?: string;
}

/** Splits a module instance address (`module.a["k"].module.b[0]`) into call names (`["a", "b"]`). */
function moduleCallPath(moduleAddress: string | undefined): string[] {
  if (!moduleAddress) return [];
  const names: string[] = [];
  let rest = moduleAddress;
  while (rest.startsWith("module.")) {
    rest = rest.slice("module.".length);
    const m = /^[A-Za-z0-9_-]+/.exec(rest);
    if (!m) break;
    names.push(m[0]);
    rest = rest.slice(m[0].length);
    if (rest.startsWith("[")) rest = rest.slice(rest.indexOf("]", indexOfKeyEnd(rest)) + 1);
    if (rest.startsWith(".")) rest = rest.slice(1);
  }
  return names;
}

/** Index just past the instance key that starts at rest[0] === "[" (a quoted string may hold `]`). */
function indexOfKeyEnd(rest: string): number {
  if (rest[1] !== '"') return 1;
  for (let i = 2; i < rest.length; i++) {
    if (rest[i] === "\\") i++;
    else if (rest[i] === '"') return i + 1;
  }
  return rest.length;
}

function providerConfigKeys(plan: PlanJson): Map<string, string> {
  const keys = new Map<string, string>();
  const walk = (mod: ConfigModule | undefined, callPath: string[]): void => {
    if (!mod) return;
    for (const r of mod.resources ?? []) {
      if (r.provider_config_key) keys.set([...callPath, r.address].join("/"), r.provider_config_key);
    }
    for (const [call, m] of Object.entries(mod.module_calls ?? {})) walk(m.module, [...callPath, call]);
  };
  walk(plan.configuration?.root_module, []);
  return keys;
}

/** Every resource in `planned_values`, child modules included, by instance address. */
export function plannedResources(plan: PlanJson): Map<string, PlannedResource> {
  const configKeys = providerConfigKeys(plan);
  const out = new Map<string, PlannedResource>();
  const walk = (mod: PlanModule | undefined): void => {
    if (!mod) return;
    const callPath = moduleCallPath(mod.address);
    for (const r of mod.resources ?? []) {
      const configAddress = `${r.mode === "data" ? "data." : ""}${r.type}.${r.name}`;
      out.set(r.address, {
        type: r.type,
        name: r.name,
        mode: r.mode,
        ...(r.index !== undefined ? { index: r.index } : {}),
        values: r.values ?? {},
        providerName: r.provider_name,
        providerConfigKey: configKeys.get([...callPath, configAddress].join("/")),
      });
    }
    for (const child of mod.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module);
  return out;
}

export interface PlannedOutput {
  /** Absent when not (fully) known at plan time or sensitive-and-unknown. */
  value?: unknown;
  /** True when the value, or any part of it, is only known after apply. */
  unknown: boolean;
  sensitive: boolean;
}

function anyUnknown(afterUnknown: unknown): boolean {
  if (afterUnknown === true) return true;
  if (Array.isArray(afterUnknown)) return afterUnknown.some(anyUnknown);
  if (isObject(afterUnknown)) return Object.values(afterUnknown).some(anyUnknown);
  return false;
}

/** Root module outputs as planned. */
export function plannedOutputs(plan: PlanJson): Record<string, PlannedOutput> {
  const planned = plan.planned_values?.outputs ?? {};
  const changes = plan.output_changes ?? {};
  const out: Record<string, PlannedOutput> = {};
  for (const name of new Set([...Object.keys(planned), ...Object.keys(changes)])) {
    const p = planned[name];
    const c = changes[name];
    const unknown = anyUnknown(c?.after_unknown) || (p !== undefined && !("value" in p));
    const sensitive = Boolean(p?.sensitive) || c?.after_sensitive === true;
    out[name] = {
      ...(!unknown && p && "value" in p ? { value: p.value } : {}),
      unknown,
      sensitive,
    };
  }
  return out;
}

/** `resource_changes` by instance address. */
export function resourceChanges(plan: PlanJson): Map<string, ResourceChangeJson> {
  return new Map((plan.resource_changes ?? []).map((rc) => [rc.address, rc]));
}
