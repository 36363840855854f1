/**
 * What every command of the project shares (`npm run cost`, `diagram`, `bench`, `catalog:import`,
 * `build:modules`, `docs`, `config:schema`, `synth`): one argument parser on node's `util.parseArgs`,
 * `--help`, the configuration option, and exit codes. 0: done; 1: a bad configuration or input file,
 * reported path by path without a stack trace; 2: bad usage, in one line that names what is expected.
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
  /** Printed for `--help`; starts "usage: npm run <script>", which usage errors begin with. */
  readonly usage: string;
  readonly options: Options;
  /** What a string option's value is, as a usage error names it ("N", "<file>"). Default: "<value>". */
  readonly valueNames?: { readonly [Name in keyof Options]?: string };
  /** The command takes arguments besides its options: what they are, as a usage error names them. */
  readonly positionals?: string;
  /** Runs the command; a command that returns a promise is run with runCommandAsync. */
  readonly run: (
    values: OptionValues<Options>,
    output: Output,
    positionals: readonly string[],
  ) => void | Promise<void>;
}

/** A command line the command does not take: reported in one line after the command's name, exit code 2. */
export class UsageError extends CommandError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
    this.name = "UsageError";
  }
}

/** Runs a command on its arguments (without node and script) and returns its exit code. */
export function runCommand<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  args: readonly string[],
  output: Output = PROCESS_OUTPUT,
): number {
  try {
    const parsed = parseCommandLine(command, args);
    if (parsed === "help") {
      output.out(`${command.usage}\n`);
      return EXIT_OK;
    }
    if (command.run(parsed.values, output, parsed.positionals) instanceof Promise) {
      throw new Error("this command ran asynchronously: run it with runCommandAsync");
    }
    return EXIT_OK;
  } catch (error) {
    return exitCodeOf(error, command, output);
  }
}

/** runCommand for a command whose `run` may return a promise (reads the network, ...). */
export async function runCommandAsync<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  args: readonly string[],
  output: Output = PROCESS_OUTPUT,
): Promise<number> {
  try {
    const parsed = parseCommandLine(command, args);
    if (parsed === "help") {
      output.out(`${command.usage}\n`);
      return EXIT_OK;
    }
    await command.run(parsed.values, output, parsed.positionals);
    return EXIT_OK;
  } catch (error) {
    return exitCodeOf(error, command, output);
  }
}

/** Reports a command's error in one line and returns its exit code; anything else is a bug: rethrown. */
function exitCodeOf<Options extends ParseArgsOptionsConfig>(
  error: unknown,
  command: CommandDefinition<Options>,
  output: Output,
): number {
  if (error instanceof UsageError) {
    output.err(`${commandName(command.usage)}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof CommandError) {
    output.err(`${error.message}\n`);
    return error.exitCode;
  }
  if (!(error instanceof ConfigError)) throw error;
  output.err(`${error.format()}\n`);
  return EXIT_BAD_INPUT;
}

/**
 * The option values and positionals of `args`, or "help"; a UsageError names the first argument the
 * command does not take. parseArgs runs without `strict` so that each mistake gets a message here.
 */
function parseCommandLine<Options extends ParseArgsOptionsConfig>(
  command: CommandDefinition<Options>,
  args: readonly string[],
): "help" | { values: OptionValues<Options>; positionals: string[] } {
  const { tokens } = parseArgs({
    args: [...args],
    options: command.options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  // `--help` wins over any mistake beside it
  if (tokens.some((token) => token.kind === "option" && (token.name === "help" || token.name === "h")))
    return "help";
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (command.positionals === undefined)
        throw new UsageError(
          `unexpected argument ${JSON.stringify(token.value)}; expected ${expected(command)}`,
        );
      positionals.push(token.value);
      continue;
    }
    const type = Object.hasOwn(command.options, token.name) ? command.options[token.name].type : undefined;
    if (type === undefined)
      throw new UsageError(`unknown option ${token.rawName}; expected ${expected(command)}`);
    if (type === "boolean") {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      values[token.name] = true;
    } else {
      // A value that looks like an option is the next option, so this one has none ("--sizes --runs 1").
      if (
        token.value === undefined ||
        token.value === "" ||
        (!token.inlineValue && token.value.startsWith("-"))
      )
        throw new UsageError(`${token.rawName} takes a value`);
      values[token.name] = token.value;
    }
  }
  return { values: values as OptionValues<Options>, positionals };
}

/** How users start the command, from its usage: "npm run cost". */
function commandName(usage: string): string {
  return /^usage: (npm run \S+)/.exec(usage)?.[1] ?? "usage";
}

/** What the command takes: "--runs N, --sizes 10,100,1000, --terraform-cloud". */
function expected<Options extends ParseArgsOptionsConfig>(command: CommandDefinition<Options>): string {
  const options = Object.entries(command.options).map(([name, option]) =>
    option.type === "boolean" ? `--${name}` : `--${name} ${command.valueNames?.[name] ?? "<value>"}`,
  );
  if (command.positionals !== undefined)
    return `${command.positionals} and ${options.join(", ") || "no option"}`;
  return options.length > 0 ? options.join(", ") : "no argument";
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
