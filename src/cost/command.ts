/**
 * What the planner's commands (`npm run cost`, `npm run diagram`) share: option parsing, the
 * configuration option, and exit codes. 0: done; 1: a bad configuration or input file, reported path by
 * path without a stack trace; 2: bad usage.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs, ParseArgsConfig } from "util";
import { ConfigError } from "../config/config-error";
import type { VpceShareConfig } from "../config/config-types";
import {
  CONFIG_ENV_VAR,
  configPathFromEnv,
  DEFAULT_CONFIG_PATH,
  fromUserDirectory,
  loadConfig,
} from "../config/load-config";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 1;
export const EXIT_USAGE = 2;

/** Where a command writes; tests capture it. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const PROCESS_OUTPUT: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The `--config <file>` option every command takes. */
export const CONFIG_OPTION = { config: { type: "string" } } as const satisfies ParseArgsOptionsConfig;

export const CONFIG_OPTION_USAGE = `  --config <file>  the configuration (default: $${CONFIG_ENV_VAR}, else ${DEFAULT_CONFIG_PATH})`;

type OptionValues<Options extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: Options; strict: true; allowPositionals: false }>
>["values"];

/** A problem a command reports in one line, with its exit code (a path it cannot write, ...). */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(message);
    this.name = "CommandError";
  }
}

/**
 * Writes `text` to `file` (relative: from where the user ran the command), or throws a CommandError that
 * says why not in one line. Returns the absolute path.
 */
export function writeOutputFile(file: string, text: string, option: string): string {
  const target = fromUserDirectory(file);
  try {
    fs.writeFileSync(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const folder = path.dirname(target);
    const reason =
      code === "ENOENT"
        ? `the folder ${folder} does not exist; create it first or name a file in an existing folder`
        : code === "EISDIR"
          ? "it is a folder; name a file"
          : ((error as Error).message ?? String(error));
    throw new CommandError(`${option} ${JSON.stringify(file)}: cannot write ${target}: ${reason}`);
  }
  return target;
}

export interface CommandDefinition<Options extends ParseArgsOptionsConfig> {
  /** Printed for `--help` and after a usage error. */
  readonly usage: string;
  readonly options: Options;
  readonly run: (values: OptionValues<Options>, output: Output) => void;
}

/** Runs a command on its arguments (without node and script) and returns its exit code. */
export function runCommand<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  args: readonly string[],
  output: Output = PROCESS_OUTPUT,
): number {
  if (args.includes("--help") || args.includes("-h")) {
    output.out(`${command.usage}\n`);
    return EXIT_OK;
  }
  let values: OptionValues<Options>;
  try {
    values = parseArgs({ args: [...args], options: command.options, strict: true, allowPositionals: false })
      .values as OptionValues<Options>;
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith("ERR_PARSE_ARGS")) throw error;
    output.err(`${(error as Error).message}\n\n${command.usage}\n`);
    return EXIT_USAGE;
  }
  try {
    command.run(values, output);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommandError) {
      output.err(`${error.message}\n`);
      return error.exitCode;
    }
    if (!(error instanceof ConfigError)) throw error;
    output.err(`${error.format()}\n`);
    return EXIT_BAD_INPUT;
  }
}

export interface LoadedConfig {
  readonly config: VpceShareConfig;
  /** The file as reports name it: relative to the working directory when inside it. */
  readonly source: string;
}

/** The configuration named by `--config`, else the apps' default (VPCE_CONFIG, else the example). */
export function loadConfigOption(configOption: string | undefined): LoadedConfig {
  const file = configOption === undefined ? configPathFromEnv() : fromUserDirectory(configOption);
  return { config: loadConfig(file), source: displayPath(file) };
}

/** `path` relative to the working directory when it is inside it, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}
