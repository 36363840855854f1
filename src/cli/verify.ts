/**
 * `npm run verify -- [--config <file>] [--dir <cdktf output folder>] [--json]`: the output folder is what
 * the configuration synthesizes now, and every name it shares resolves from every spoke VPC to its hub
 * endpoint (see src/verify/verify.ts). Exit 0 when all is good, 1 on any failure, 2 when the folder cannot
 * be read, the arguments are wrong or the configuration is invalid.
 *
 * `--live` verifies what is deployed instead (src/verify/live/live-verify.ts); `--probe --region <r>`
 * resolves the region's shared names from the machine it runs on (src/verify/live/probe.ts). Both read
 * AWS with the standard credential chain and the configured roles, and exit 2 when AWS cannot be read.
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
  Output,
  PROCESS_OUTPUT,
  runCommandAsync,
  UsageError,
} from "./command";
import { PolicyCheckError } from "../policy-checks/policy-checks";
import { DEFAULT_OUTDIR } from "../stacks/local-state";
import { SynthesisError } from "../stacks/synthesize";
import { topologyOf } from "../topology/topology";
import { formatJson, formatReport } from "../verify/format-report";
import { AwsAccess, awsErrorLine } from "../verify/live/aws-access";
import { formatDifferences, verifyLive } from "../verify/live/live-verify";
import { formatProbe, probe, probeTargets, systemResolver } from "../verify/live/probe";
import { readEndpoints } from "../verify/live/read-aws";
import { ReadStacksError } from "../verify/read-stacks";
import { verifyOutputFolder } from "../verify/verify";

const options = {
  ...CONFIG_OPTION,
  dir: { type: "string" },
  json: { type: "boolean" },
  live: { type: "boolean" },
  probe: { type: "boolean" },
  region: { type: "string" },
  "dns-server": { type: "string" },
} as const;

/**
 * How often a live run prints its progress line on stderr, from the moment it lasts that long: on a
 * terminal, and (less often) in a log.
 */
const PROGRESS_EVERY_MS = { terminal: 2000, log: 30_000 };

export const VERIFY_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run verify -- [--config <file>] [--dir <folder> | --live | --probe --region <region> [--dns-server <ip[:port]>]] [--json]",
    CONFIG_OPTION_USAGE,
    `  --dir <folder>   the cdktf output folder to verify (default: ${DEFAULT_OUTDIR})`,
    "  --live           verify what is deployed: read every hub and spoke account (nothing is written)",
    "  --probe          from a machine in a spoke VPC: resolve the region's shared names, expect the hub endpoints' addresses",
    "  --region <r>     the hub region to probe",
    "  --dns-server <s> probe through this DNS server instead of the system's (an ip, optionally :port)",
    "  --json           print every row and failure as JSON",
  ].join("\n"),
  options,
  valueNames: { dir: "<folder>", region: "<region>", "dns-server": "<ip[:port]>", config: "<file>" },
  run: (values, output) => {
    if (values.live && values.probe) throw new UsageError("--live and --probe exclude each other");
    if ((values.live || values.probe) && values.dir !== undefined) {
      throw new UsageError("--dir is for the output folder; --live and --probe read AWS");
    }
    if (values.probe !== true && (values.region !== undefined || values["dns-server"] !== undefined)) {
      throw new UsageError("--region and --dns-server go with --probe");
    }
    if (values.probe && values.region === undefined) throw new UsageError("--probe takes --region <region>");
    let loaded: LoadedConfig;
    try {
      loaded = loadConfigOption(values.config);
    } catch (error) {
      if (error instanceof ConfigError) throw new CommandError(error.format(), EXIT_USAGE);
      throw error;
    }
    if (values.live) return runLive(loaded, values.json === true, output);
    if (values.probe) return runProbe(loaded, values.region as string, values["dns-server"], output);
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
    return undefined;
  },
};

async function runLive(loaded: LoadedConfig, json: boolean, output: Output): Promise<void> {
  const topology = topologyOf(loaded.config);
  const started = Date.now();
  const report = await verifyLive(topology, {
    progressEveryMs:
      output === PROCESS_OUTPUT && process.stderr.isTTY ? PROGRESS_EVERY_MS.terminal : PROGRESS_EVERY_MS.log,
    progress: (done, total, calls) =>
      output.err(
        `verify --live: ${done}/${total} hub and spoke region(s) read, ${calls} call(s), ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      ),
  });
  if (report.unreadable)
    throw new CommandError(`cannot verify: cannot read aws: ${report.unreadable}`, EXIT_USAGE);
  if (json) {
    // as the pre-deploy verify's JSON (one line per row), with the differences, one line each
    const differences = report.differences.map((d) => `    ${JSON.stringify(d)}`).join(",\n");
    output.out(
      `${formatJson(report).replace(/\n}$/, `,\n  "differences": [${differences ? `\n${differences}\n  ` : ""}]\n}`)}\n`,
    );
  } else {
    output.out(`${formatReport(report)}\n\n${formatDifferences(report.differences)}\n`);
  }
  if (report.failures.length > 0 || report.differences.length > 0) {
    throw new CommandError(
      `verify --live failed: ${report.failures.length} failure(s), ${report.differences.length} difference(s)`,
      EXIT_BAD_INPUT,
    );
  }
}

async function runProbe(loaded: LoadedConfig, region: string, server: string | undefined, output: Output) {
  const topology = topologyOf(loaded.config);
  const hub = topology.hubRegion(region);
  if (!hub) {
    const regions = topology.hubRegions.map((h) => h.region).join(", ");
    throw new UsageError(
      `--region ${region} is not a hub region of ${loaded.source}; expected one of ${regions}`,
    );
  }
  const aws = new AwsAccess();
  let endpoints;
  try {
    const reader = {
      accountId: topology.hub.accountId,
      ...(topology.hub.roleArn ? { roleArn: topology.hub.roleArn } : {}),
    };
    endpoints = await readEndpoints(aws, reader, region, [hub.vpcId]);
  } catch (error) {
    throw new CommandError(
      `cannot probe: cannot read the hub endpoints of ${region} in account ${topology.hub.accountId}: ${awsErrorLine(error)}`,
      EXIT_USAGE,
    );
  } finally {
    aws.destroy();
  }
  const ips = new Map(
    hub.services.flatMap((s) => {
      const e = endpoints.find((x) => x.serviceName === s.serviceName);
      return e ? [[s.name, e.ips] as const] : [];
    }),
  );
  let resolveA;
  try {
    resolveA = systemResolver(server);
  } catch (error) {
    throw new UsageError(`--dns-server ${server}: ${(error as Error).message}`);
  }
  const results = await probe(probeTargets(hub, ips), resolveA);
  output.out(`${formatProbe(region, results)}\n`);
  if (results.some((r) => r.problem)) {
    throw new CommandError(
      `verify --probe failed: ${results.filter((r) => r.problem).length} name(s)`,
      EXIT_BAD_INPUT,
    );
  }
}

if (require.main === module) {
  // The SDK warns on every run under Node 20 that its releases after January 2027 need Node 22: a notice
  // for whoever upgrades its pinned versions (package.json), not for someone verifying an organization.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  void runCommandAsync(VERIFY_COMMAND, process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      // a bug, not bad input: show it whole
      console.error(error);
      process.exitCode = 70;
    },
  );
}
