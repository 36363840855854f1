/**
 * `npm run verify [-- --dir <cdktf outdir>] [--json]`: resolves every shared name from every spoke VPC
 * through the synthesized stacks (see verify.ts). Exit 0 when every name resolves to its hub endpoint,
 * 1 on any failure, 2 when the output folder cannot be read or the arguments are wrong.
 */
import { fromUserDirectory } from "../config/load-config";
import { formatReport, reportJson } from "../verify/format-report";
import { readStacks, ReadStacksError } from "../verify/read-stacks";
import { verifyStacks } from "../verify/verify";

const USAGE = "usage: npm run verify -- [--dir <cdktf output folder, default cdktf.out>] [--json]";

interface Options {
  readonly dir: string;
  readonly json: boolean;
}

/** The options, "help", or a usage error. A relative --dir is taken from where the user ran npm. */
function parseArguments(args: readonly string[]): Options | "help" | string {
  let dir = "cdktf.out";
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") json = true;
    else if (arg === "--dir" || arg === "--dir=") {
      const value = arg === "--dir" ? args[++i] : "";
      if (!value) return `--dir takes a folder (the cdktf output folder)\n${USAGE}`;
      dir = fromUserDirectory(value);
    } else if (arg.startsWith("--dir=")) dir = fromUserDirectory(arg.slice("--dir=".length));
    else return `unknown argument ${JSON.stringify(arg)}\n${USAGE}`;
  }
  return { dir, json };
}

function main(args: readonly string[]): number {
  const options = parseArguments(args);
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  if (typeof options === "string") {
    console.error(options);
    return 2;
  }
  let stacks;
  try {
    stacks = readStacks(options.dir);
  } catch (error) {
    if (!(error instanceof ReadStacksError)) throw error;
    console.error(`cannot verify: ${error.message}`);
    return 2;
  }
  let report;
  try {
    report = verifyStacks(stacks);
  } catch (error) {
    // Expressions nest at most MAX_EXPRESSION_NESTING deep; a chain of references can still be longer
    // than the stack: say so in one line rather than with a trace.
    if (!(error instanceof RangeError)) throw error;
    console.error(`cannot verify: references nest deeper than the verifier can follow (${error.message})`);
    return 2;
  }
  console.log(options.json ? JSON.stringify(reportJson(report), null, 2) : formatReport(report));
  return report.failures.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
