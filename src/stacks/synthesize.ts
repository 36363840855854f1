/**
 * Synthesizes every stack of a configuration into `outdir`, all or nothing: stacks are synthesized into
 * a staging folder beside `outdir`, which replaces `outdir` only when every one of them succeeded, and
 * only where `outdir` is ours to replace (see previousSynthesis).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  App,
  CloudBackend,
  type Construct,
  DISABLE_STACK_TRACE_IN_METADATA,
  FRAMEWORK,
  Manifest,
} from "../framework";
import { withShortTokenTraces } from "../framework/internals";
import type { VpceShareConfig } from "../config/config-types";
import { PolicyCheckError, PolicyReport, policyReport } from "../policy-checks/policy-checks";
import { allStacks, buildStacks, stackBatches } from "./build-stacks";
import { hubStackName, spokeStackName } from "../constructs/hub-outputs";
import {
  oldStateProblem,
  recordStateOwner,
  stateFolder,
  stateFolderFromStack,
  stateOwnerProblem,
} from "./local-state";
import { STATE_FOLDER_CONTEXT } from "./workspace";

/** Stacks built and synthesized together, in one app (see synthesize). */
export const STACKS_PER_APP = 50;

/** Where the output folder keeps the last synthesis of stacks gone from the configuration. */
export const RETIRED_FOLDER = "retired";

/** What a synthesis of ours writes at the top of the output folder: nothing else is there. */
const OUTPUT_ENTRIES = new Set(["manifest.json", Manifest.stacksFolder, RETIRED_FOLDER]);

export interface SynthesizeOptions {
  /** Where a relative `outdir` and the default state folder are. @default - the working directory */
  readonly projectDir?: string;
  /** See STACKS_PER_APP (tests use small batches). @default STACKS_PER_APP */
  readonly stacksPerApp?: number;
  /** Where VPCE_STATE_DIR is read (local-state.ts). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The configuration file, as `npm run synth` names it. Given, synthesis checks the local state folder
   * before writing anything (another configuration's, or state left at the old place, is refused) and
   * records the file as its owner.
   * @default - the state folder is neither checked nor touched
   */
  readonly configFile?: string;
  /**
   * The output folder the stacks are meant for, when they are written elsewhere: their relative state
   * paths are computed from it (verify synthesizes into a temporary folder what it compares with one).
   * @default outdir
   */
  readonly placedAt?: string;
}

export interface SynthesisResult {
  readonly outdir: string;
  readonly stacks: readonly string[];
  /**
   * Stacks of earlier syntheses that are gone from the configuration: their last synthesis is kept in
   * `<outdir>/retired/<stack>` until the user destroys their resources and deletes the folder. Spokes
   * first, the order to destroy them in.
   */
  readonly retired: readonly string[];
  /** The local state folder; undefined with Terraform Cloud. */
  readonly stateFolder?: string;
  /** The policy checks' suppressed findings and unused suppressions (there are no violations). */
  readonly policy: PolicyReport;
}

export function synthesize(
  config: VpceShareConfig,
  outdir: string,
  options: SynthesizeOptions = {},
): SynthesisResult {
  // Policy findings are facts of the configuration: refused before anything is built or written.
  const policy = policyReport(config);
  if (policy.violations.length > 0) throw new PolicyCheckError(policy.violations);
  const projectDir = options.projectDir ?? process.cwd();
  const stacksPerApp = options.stacksPerApp ?? STACKS_PER_APP;
  const target = path.resolve(projectDir, outdir);
  const placedAt = path.resolve(projectDir, options.placedAt ?? outdir);
  const state = config.terraformCloud ? undefined : stateFolder(config, { projectDir, env: options.env });
  const previousStacks = previousSynthesis(target, projectDir, state);
  if (state && options.configFile) {
    const { hubRegions, spokes } = allStacks(config);
    const names = [...hubRegions.map(hubStackName), ...spokes.map(spokeStackName)];
    const problems = [stateOwnerProblem(state, options.configFile), oldStateProblem(target, state, names)];
    const found = problems.filter((p): p is string => p !== undefined);
    if (found.length > 0) throw new SynthesisError(`local state: ${found.join("\n  ")}`);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Created, not mkdtemp'd: the folder becomes the output, with the usual permissions (mkdtemp: 0700).
  const staging = nameBeside(target, "staging");
  fs.mkdirSync(staging);
  try {
    // Workspaces never reference each other (see WorkspaceStack), so they are built and synthesized
    // `stacksPerApp` at a time, each batch in an app of its own that is dropped once written: with
    // every stack of a large organization alive at once, each one synthesized about 3x slower (the
    // garbage collector's work grows with the live construct trees). The manifest lists them all.
    let manifest: Manifest | undefined;
    const stacks: string[] = [];
    const validation: ValidationState = { cloudBackendChecked: false };
    for (const batch of stackBatches(config, stacksPerApp)) {
      // Validation runs after synthesis (see validateApp), into the staging folder, so a failure
      // still writes nothing.
      // Annotations (suppressed policy findings) keep no stack trace: it would put absolute paths of
      // this machine into manifest.json.
      const app = new App({
        outdir: staging,
        skipValidation: true,
        context: {
          [DISABLE_STACK_TRACE_IN_METADATA]: true,
          ...(state ? { [STATE_FOLDER_CONTEXT]: stateFolderFromStack(placedAt, state) } : {}),
        },
      });
      const built = withShortTokenTraces(TOKEN_TRACE_FRAMES, () => buildStacks(app, config, batch));
      withShortTokenTraces(0, () => app.synth());
      validateApp(app, validation);
      manifest ??= new Manifest(app.manifest.version, staging, app.hclOutput);
      for (const [name, entry] of Object.entries(app.manifest.stacks)) {
        if (name in manifest.stacks) throw new Error(`two stacks are named ${name}`);
        manifest.stacks[name] = entry;
      }
      // cdktf deploys and destroys the stacks of one command in the order of these dependencies (hubs
      // before their spokes, spokes before their hubs); a hub of another batch is not in this app.
      for (const spoke of Object.values(built.spokes)) {
        const entry = manifest.stacks[spoke.node.id];
        manifest.stacks[spoke.node.id] = { ...entry, dependencies: [...spoke.hubStackNames] };
      }
      stacks.push(...[...Object.values(built.hubs), ...Object.values(built.spokes)].map((s) => s.node.id));
    }
    manifest?.writeToFile();
    const retired = replaceOutputFolder(staging, target, stacks, previousStacks);
    if (state && options.configFile) recordStateOwner(state, options.configFile);
    return { outdir: target, stacks, retired, stateFolder: state, policy };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Whether `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The stacks of the synthesis that `target` holds, or none when it does not exist or is empty. Throws a
 * SynthesisError, before anything is written, when `target` is not ours to replace: the root, the home
 * folder, the project, a folder that holds the state, a file, or a folder with anything but a
 * synthesis of ours (a cdktf manifest whose stacks are in `stacks/`, and nothing else at the top).
 */
function previousSynthesis(target: string, projectDir: string, state: string | undefined): string[] {
  const refuse = (why: string) =>
    new SynthesisError(
      `output folder ${target} ${why}; point CDKTF_OUTDIR at a new or empty folder, or at one that holds ` +
        "an earlier synthesis (default: cdktf.out in the project)",
    );
  if (target === path.parse(target).root) throw refuse("is the root of the file system");
  if (target === os.homedir()) throw refuse("is the home folder");
  if (isWithin(path.resolve(projectDir), target)) {
    throw refuse(target === path.resolve(projectDir) ? "is the project folder" : "holds the project folder");
  }
  if (state && isWithin(state, target)) throw refuse(`holds the local state folder ${state}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    throw refuse(`cannot be read (${code ?? (error as Error).message})`);
  }
  if (!stat.isDirectory()) throw refuse("is a file, not a folder");
  const entries = fs.readdirSync(target);
  if (entries.length === 0) return [];
  const foreign = entries.filter((entry) => !OUTPUT_ENTRIES.has(entry)).sort();
  const stacks = manifestStacks(path.join(target, "manifest.json"));
  if (stacks === undefined || foreign.length > 0) {
    const shown = (foreign.length > 0 ? foreign : entries).slice(0, 5).join(", ");
    throw refuse(
      `holds files that are not a synthesis of this project (${shown}${entries.length > 5 ? ", ..." : ""})`,
    );
  }
  return stacks;
}

/** The stacks a cdktf manifest of ours lists, or undefined when the file is not one. */
function manifestStacks(file: string): string[] | undefined {
  try {
    const stacks: unknown = JSON.parse(fs.readFileSync(file, "utf8")).stacks;
    if (typeof stacks !== "object" || stacks === null || Array.isArray(stacks)) return undefined;
    const entries = Object.entries(stacks as Record<string, { synthesizedStackPath?: unknown }>);
    const ours = entries.every(
      ([name, entry]) =>
        typeof entry?.synthesizedStackPath === "string" &&
        entry.synthesizedStackPath.startsWith(`${Manifest.stacksFolder}/${name}/`),
    );
    return ours ? entries.map(([name]) => name) : undefined;
  } catch {
    return undefined;
  }
}

/** A name beside `target` that nothing has: a dot folder named after it. */
function nameBeside(target: string, role: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(target), `.${path.basename(target)}.${role}-${process.pid}-${random}`);
}

const isFolder = (file: string): boolean =>
  fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
const foldersIn = (dir: string): string[] =>
  isFolder(dir) ? fs.readdirSync(dir).filter((name) => isFolder(path.join(dir, name))) : [];

/**
 * Makes `staging` (a complete synthesis of `stacks`) the output folder `target`, all or nothing, and
 * returns the retired stacks (see SynthesisResult.retired).
 *
 * Before the swap, what belongs to the old folder moves into `staging`: the files that cdktf and
 * Terraform runs left in a stack's folder (`.terraform`, the lock file, plans), the folder of every stack
 * of the previous synthesis that is gone from the configuration (to `retired/<stack>`, where
 * `terraform -chdir=... destroy` still works: as deep as `stacks/<stack>`, so its relative state paths
 * still hold), and the stacks retired earlier that are still gone. Then `target` is renamed aside,
 * `staging` renamed to `target`, and the old folder deleted. Any failure moves everything back.
 */
function replaceOutputFolder(
  staging: string,
  target: string,
  stacks: readonly string[],
  previousStacks: readonly string[],
): string[] {
  const moves: [string, string][] = [];
  const move = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
    moves.push([from, to]);
  };
  const current = new Set(stacks);
  let aside: string | undefined;
  try {
    if (fs.existsSync(target)) {
      for (const stack of stacks) {
        const [old, next] = [
          path.join(target, Manifest.stacksFolder, stack),
          path.join(staging, Manifest.stacksFolder, stack),
        ];
        for (const entry of isFolder(old) ? fs.readdirSync(old) : []) {
          if (!fs.existsSync(path.join(next, entry))) move(path.join(old, entry), path.join(next, entry));
        }
      }
      const gone = previousStacks.filter((stack) => !current.has(stack));
      for (const stack of gone) {
        const old = path.join(target, Manifest.stacksFolder, stack);
        if (!isFolder(old)) continue;
        move(old, path.join(staging, RETIRED_FOLDER, stack));
        // `cdktf synth` and `cdktf deploy` delete the folder of every stack that they saw before running
        // the app and that it no longer synthesizes, and fail if it has gone: an empty one, until the next
        // synthesis.
        fs.mkdirSync(path.join(staging, Manifest.stacksFolder, stack));
      }
      for (const stack of foldersIn(path.join(target, RETIRED_FOLDER))) {
        if (current.has(stack) || fs.existsSync(path.join(staging, RETIRED_FOLDER, stack))) continue;
        move(path.join(target, RETIRED_FOLDER, stack), path.join(staging, RETIRED_FOLDER, stack));
      }
      aside = nameBeside(target, "previous");
      fs.renameSync(target, aside);
    }
    fs.renameSync(staging, target);
  } catch (error) {
    if (aside && !fs.existsSync(target)) fs.renameSync(aside, target);
    for (const [from, to] of moves.reverse()) fs.renameSync(to, from);
    throw new SynthesisError(
      `cannot replace the output folder ${target} (${(error as Error).message}); it is left as it was`,
    );
  }
  if (aside) fs.rmSync(aside, { recursive: true, force: true });
  const retired = foldersIn(path.join(target, RETIRED_FOLDER));
  const isSpoke = (stack: string) => stack.startsWith(spokeStackName(""));
  return [...retired.filter(isSpoke).sort(), ...retired.filter((s) => !isSpoke(s)).sort()];
}

/** What validateApp has checked already, over the apps of one synthesis. */
export interface ValidationState {
  cloudBackendChecked: boolean;
}

/**
 * cdktf's validations of every construct, as `app.synth()` runs them, except that the check a cloud
 * backend carries runs once, not once per stack: it runs `terraform version` to see that the binary on
 * PATH is >= 1.1 (the cloud block), the same answer for every stack, and with Terraform Cloud state it
 * was a `terraform version` process per stack, most of the synthesis time of a large organization.
 */
export function validateApp(app: App, state: ValidationState = { cloudBackendChecked: false }): void {
  const errors: string[] = [];
  const visit = (construct: Construct): void => {
    const repeatedCheck = construct instanceof CloudBackend && state.cloudBackendChecked;
    if (construct instanceof CloudBackend) state.cloudBackendChecked = true;
    if (!repeatedCheck) {
      for (const error of construct.node.validate()) {
        errors.push(
          construct instanceof CloudBackend
            ? cloudBackendProblem(error)
            : `[${construct.node.path}] ${oneLine(error)}`,
        );
      }
    }
    for (const child of construct.node.children) visit(child);
  };
  visit(app);
  if (errors.length > 0) {
    throw new SynthesisError(`Validation failed with the following errors:\n  ${errors.join("\n  ")}`);
  }
}

/** A synthesis that cannot be done, one line per problem (main prints it without a stack trace). */
export class SynthesisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SynthesisError";
  }
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, "; ").trim();

/** The cloud backend's check runs `terraform version`: say what the configuration asked for and the fix. */
function cloudBackendProblem(error: string): string {
  const notFound = /terraform: (?:command )?not found|ENOENT/.test(error);
  const reason = notFound ? "terraform is not on PATH" : oneLine(error);
  return (
    `terraformCloud: the cloud block needs Terraform >= 1.1, which ${FRAMEWORK.name} checks with \`terraform version\` ` +
    `while synthesizing: ${reason}; install Terraform (1.11.x) and put it on PATH`
  );
}

/** Frames kept of the creation trace of a token made while building stacks: enough to reach the construct. */
export const TOKEN_TRACE_FRAMES = 10;
