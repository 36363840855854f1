/**
 * `npm run verify -- [--config <file>] [--dir <cdktf output folder>] [--json]`: the output folder is what
 * the configuration synthesizes now, and every name it shares resolves from every spoke VPC to its hub
 * endpoint (see src/verify/verify.ts). Exit 0 when all is good, 1 on any failure, 2 when the folder cannot
 * be read, the arguments are wrong or the configuration is invalid.
 */
import { ConfigError } from "../config/config-error";
import { fromUserDirectory } from "../config/load-config";
import {
  CONFIG_OPTION,
  CONFIG_OPTION_USAGE,
  CommandDefinition,
  CommandError,
  EXIT_BAD_INPUT,
  EXIT_USAGE,
  LoadedConfig,
  loadConfigOption,
  runCommand,
} from "./command";
import { PolicyCheckError } from "../policy-checks/policy-checks";
import { DEFAULT_OUTDIR } from "../stacks/local-state";
import { SynthesisError } from "../stacks/synthesize";
import { formatJson, formatReport } from "../verify/format-report";
import { ReadStacksError } from "../verify/read-stacks";
import { verifyOutputFolder } from "../verify/verify";

const options = { ...CONFIG_OPTION, dir: { type: "string" }, json: { type: "boolean" } } as const;

export const VERIFY_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run verify -- [--config <file>] [--dir <folder>] [--json]",
    CONFIG_OPTION_USAGE,
    `  --dir <folder>   the cdktf output folder to verify (default: ${DEFAULT_OUTDIR})`,
    "  --json           print every row and failure as JSON",
  ].join("\n"),
  options,
  run: (values, output) => {
    let loaded: LoadedConfig;
    try {
      loaded = loadConfigOption(values.config);
    } catch (error) {
      if (error instanceof ConfigError) throw new CommandError(error.format(), EXIT_USAGE);
      throw error;
    }
    const dir = fromUserDirectory(values.dir ?? DEFAULT_OUTDIR);
    let report;
    try {
      report = verifyOutputFolder(loaded.config, dir, { source: loaded.source });
    } catch (error) {
      if (error instanceof ReadStacksError)
        throw new CommandError(`cannot verify: ${error.message}`, EXIT_USAGE);
      if (error instanceof SynthesisError || error instanceof PolicyCheckError) {
        throw new CommandError(
          `cannot verify: ${loaded.source} does not synthesize: ${error.message}`,
          EXIT_USAGE,
        );
      }
      throw error;
    }
    output.out(`${values.json ? formatJson(report) : formatReport(report)}\n`);
    if (report.failures.length > 0) {
      throw new CommandError(`verify failed: ${report.failures.length} failure(s)`, EXIT_BAD_INPUT);
    }
  },
};

if (require.main === module) process.exitCode = runCommand(VERIFY_COMMAND, process.argv.slice(2));
