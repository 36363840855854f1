/**
 * Where a configuration keeps its local Terraform state (without `terraformCloud`): a state folder of its
 * own, outside the output folder, so two configurations never read or overwrite each other's state, and
 * replacing, moving or deleting the output folder never touches it.
 *
 * The folder is `VPCE_STATE_DIR`, else `state/<organization id>-<hub account id>` in the project, and
 * holds `terraform.<stack>.tfstate` per stack and `owner.json`, the configuration file that owns it.
 * `npm run synth` refuses a state folder that another configuration owns, naming both.
 */
import * as fs from "fs";
import * as path from "path";
import { fromUserDirectory } from "../config/load-config";
import type { VpceShareConfig } from "../config/config-types";

export const STATE_DIR_ENV_VAR = "VPCE_STATE_DIR";
/** The folder of the project that holds the state folders of its configurations. */
export const DEFAULT_STATE_ROOT = "state";
export const STATE_OWNER_FILE = "owner.json";

export interface StateLocationOptions {
  /** @default - the working directory (npm runs scripts in the package root) */
  readonly projectDir?: string;
  /** Where VPCE_STATE_DIR (and INIT_CWD, for a relative one) are read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** The name of a configuration's state folder under `state/`: its organization and hub account. */
export function stateFolderName(config: Pick<VpceShareConfig, "organization" | "hub">): string {
  return `${config.organization.id}-${config.hub.accountId}`;
}

export function stateFileName(stackName: string): string {
  return `terraform.${stackName}.tfstate`;
}

/** The absolute state folder of a configuration. */
export function stateFolder(
  config: Pick<VpceShareConfig, "organization" | "hub">,
  options: StateLocationOptions = {},
): string {
  const env = options.env ?? process.env;
  const named = env[STATE_DIR_ENV_VAR];
  if (named) return fromUserDirectory(named, env);
  return path.resolve(options.projectDir ?? process.cwd(), DEFAULT_STATE_ROOT, stateFolderName(config));
}

/**
 * The absolute path of a stack's local state file: where `terraform apply` in `<outdir>/stacks/<stack>`
 * writes it, and where spokes read their hubs' outputs. The one derivation: stacks, synthesis and test
 * harnesses all go through it.
 */
export function localStateFile(
  config: Pick<VpceShareConfig, "organization" | "hub">,
  stackName: string,
  options: StateLocationOptions = {},
): string {
  return path.join(stateFolder(config, options), stateFileName(stackName));
}

/** The output folder when CDKTF_OUTDIR does not name one, in the project. */
export const DEFAULT_OUTDIR = "cdktf.out";

/**
 * The state folder as the backends of the stacks in `outdir` name it: relative to a stack's working
 * directory, with forward slashes (`../../../state/o-a1b2c3d4e5-111111111111` for the default layout).
 */
export function stateFolderFromStack(outdir: string, folder: string): string {
  return path
    .relative(path.join(outdir, "stacks", "stack"), folder)
    .split(path.sep)
    .join("/");
}

/** stateFolderFromStack in the default layout: the output in DEFAULT_OUTDIR, the state folder in state/. */
export function defaultStateFolderFromStack(config: Pick<VpceShareConfig, "organization" | "hub">): string {
  const project = path.resolve(path.sep, "project");
  const folder = stateFolder(config, { projectDir: project, env: {} });
  return stateFolderFromStack(path.join(project, DEFAULT_OUTDIR), folder);
}

/**
 * Why `configFile` may not use `folder`: another configuration owns it (its owner.json names another
 * file). A folder without owner.json (new, or state moved there by hand) belongs to whoever synthesizes
 * first. Undefined when it may.
 */
export function stateOwnerProblem(folder: string, configFile: string): string | undefined {
  const ownerFile = path.join(folder, STATE_OWNER_FILE);
  let recorded: unknown;
  try {
    recorded = JSON.parse(fs.readFileSync(ownerFile, "utf8")).configuration;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    return `${ownerFile} cannot be read (${(error as Error).message}); it names the configuration that owns the state folder ${folder}: delete it if the state there belongs to ${configFile}`;
  }
  const owner = typeof recorded === "string" ? path.resolve(folder, recorded) : undefined;
  if (owner === path.resolve(configFile)) return undefined;
  return (
    `the state folder ${folder} belongs to the configuration ${owner ?? "(unnamed)"}, not to ${configFile}: ` +
    `two configurations must never share state. Give this one a folder of its own (${STATE_DIR_ENV_VAR}=<folder>), ` +
    `or, if ${configFile} is that configuration moved or renamed, delete ${ownerFile}`
  );
}

/** Records `configFile` as the owner of `folder` (by a path relative to it: the project may move). */
export function recordStateOwner(folder: string, configFile: string): void {
  fs.mkdirSync(folder, { recursive: true });
  const ownerFile = path.join(folder, STATE_OWNER_FILE);
  const configuration = path.relative(folder, path.resolve(configFile)).split(path.sep).join("/");
  const text = `${JSON.stringify({ configuration }, null, 2)}\n`;
  if (!fs.existsSync(ownerFile) || fs.readFileSync(ownerFile, "utf8") !== text)
    fs.writeFileSync(ownerFile, text);
}

/**
 * State that earlier versions kept beside the output folder (`terraform.<stack>.tfstate` in its parent)
 * and the state folder lacks: deploying without moving it would plan every resource anew. One problem
 * with the exact command that moves it, or undefined.
 */
export function oldStateProblem(
  outdir: string,
  folder: string,
  stackNames: readonly string[],
): string | undefined {
  const parent = path.dirname(outdir);
  const files = stackNames
    .filter((stack) => !fs.existsSync(path.join(folder, stateFileName(stack))))
    .flatMap((stack) => [stateFileName(stack), `${stateFileName(stack)}.backup`])
    .map((name) => path.join(parent, name))
    .filter((file) => fs.existsSync(file));
  if (files.length === 0) return undefined;
  return (
    `local state of this configuration is still at its old place, beside the output folder: ${files.join(", ")}; ` +
    `state now lives in a folder of the configuration's own (README, "State and backends"). ` +
    `Move it there before anything else: mkdir -p ${folder} && mv ${files.join(" ")} ${folder}/`
  );
}
