/**
 * The cdktf app (`cdktf.json`): reads the configuration named by VPCE_CONFIG (default
 * config/example.json) and writes every hub and spoke stack to CDKTF_OUTDIR (default cdktf.out).
 * Bad input exits non-zero with a report that names each config path, and writes nothing. It takes no
 * options (cdktf runs it without any); `--help` says so.
 */
import { CONFIG_ENV_VAR, configPathFromEnv, DEFAULT_CONFIG_PATH, loadConfig } from "../config/load-config";
import { PolicyCheckError, formatSuppressed, formatUnusedSuppression } from "../policy-checks/policy-checks";
import { FRAMEWORK } from "../framework";
import { HubRegionTopology, SharedService, topologyOf } from "../topology/topology";
import { mechanismLabel, PROFILE_ENDPOINTS_PROVIDER_VERSION } from "../topology/sharing-mechanism";
import * as path from "path";
import { spokeStackName } from "../constructs/hub-outputs";
import { DEFAULT_OUTDIR } from "../stacks/local-state";
import { RETIRED_FOLDER, synthesize, SynthesisError } from "../stacks/synthesize";
import { CommandDefinition, CommandError, EXIT_BAD_INPUT, runCommand } from "./command";

export const SYNTH_COMMAND: CommandDefinition<Record<string, never>> = {
  usage: [
    "usage: npm run synth   (or npx cdktf synth, which runs it)",
    "  synthesizes every hub and spoke stack of the configuration; no options, two environment variables:",
    `  ${CONFIG_ENV_VAR}     the configuration (relative: from the folder you run the command in; default ${DEFAULT_CONFIG_PATH})`,
    `  CDKTF_OUTDIR    the output folder (default ${DEFAULT_OUTDIR})`,
  ].join("\n"),
  options: {},
  run: (_, output) => {
    const configFile = configPathFromEnv();
    const config = loadConfig(configFile);
    let result: ReturnType<typeof synthesize>;
    try {
      result = synthesize(config, process.env.CDKTF_OUTDIR || DEFAULT_OUTDIR, { configFile });
    } catch (error) {
      if (error instanceof PolicyCheckError || error instanceof SynthesisError)
        throw new CommandError(error.message, EXIT_BAD_INPUT);
      throw error;
    }
    output.out(
      `synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(", ")}\n`,
    );
    for (const finding of result.policy.suppressed) output.out(`${formatSuppressed(finding)}\n`);
    for (const unused of result.policy.unusedSuppressions)
      output.err(`warning: ${formatUnusedSuppression(unused)}\n`);
    if (result.retired.length > 0)
      output.out(`${retirementNotice(result.outdir, result.retired, result.stacks)}\n`);
    for (const hub of topologyOf(config).hubRegions) {
      for (const note of hubNotes(hub)) output.out(`${note}\n`);
      for (const s of hub.services.filter((s) => s.hazard !== undefined))
        output.err(
          `warning: ${hub.stackName}: sharing ${s.name} in ${hub.region}: ${s.hazard} (README, "The service catalog")\n`,
        );
    }
  },
};

/**
 * What whoever applies a hub region should know: the services that accept no endpoint policy, what
 * the policies do about AWS's own buckets, and what the region's mechanism asks.
 */
function hubNotes(hub: HubRegionTopology): string[] {
  return [
    unprotectedNote(hub),
    ...hub.services.map((s) => awsOwnedBucketsNote(hub.stackName, s)),
    sharingNote(hub),
  ].filter((note): note is string => note !== undefined);
}

/** The services of the region that accept no endpoint policy. */
function unprotectedNote(hub: HubRegionTopology): string | undefined {
  const unprotected = hub.services.filter((s) => !s.endpointPolicy).map((s) => s.name);
  if (unprotected.length === 0) return undefined;
  return `note: ${hub.stackName}: ${unprotected.join(", ")} accept no endpoint policy: any principal that reaches the endpoint may use it`;
}

/**
 * What a region's mechanism asks of whoever applies it: the provider a Profile of endpoints needs, and
 * the next applies while a mechanism retires.
 */
export function sharingNote(hub: HubRegionTopology): string | undefined {
  const { mechanism, retiringMechanism, profileContents } = hub.sharing;
  if (retiringMechanism !== undefined) {
    return `note: ${hub.stackName}: keeps ${retiringMechanism} beside ${mechanismLabel(hub.sharing)} while spokes move: apply ${hub.stackName}, then every spoke of ${hub.region}, then remove retiringMechanism and apply ${hub.stackName} again (README, "Changing a region's mechanism")`;
  }
  if (mechanism === "profile" && profileContents === "endpoints") {
    return `note: ${hub.stackName}: a Profile of endpoints needs the AWS provider ${PROFILE_ENDPOINTS_PROVIDER_VERSION} (5.x fails after apply), which the stack declares`;
  }
  return undefined;
}

/**
 * What the endpoint policy of a service whose spokes read AWS's own buckets (s3: ECR image layers,
 * Amazon Linux repositories) does about them: the default lets anyone read them; an override that
 * does not name them may break `docker pull` from ECR and `dnf`/`yum` in every spoke.
 */
function awsOwnedBucketsNote(stackName: string, service: SharedService): string | undefined {
  const arns = service.awsOwnedObjectArns ?? [];
  if (arns.length === 0 || service.policy === null) return undefined;
  if (service.policyOverride === undefined) {
    return `note: ${stackName}: ${service.name}'s endpoint policy admits the organization's principals, and lets anyone read (s3:GetObject, nothing else) the AWS-owned buckets that ECR image layers and Amazon Linux repositories live in: ${arns.join(", ")}`;
  }
  const missing = arns.filter((arn) => !service.policy!.includes(JSON.stringify(arn)));
  if (missing.length === 0) return undefined;
  return `note: ${stackName}: hub.endpointPolicies.${service.name} does not name ${missing.join(", ")}: unless it lets any principal read (s3:GetObject) them, docker pull from ECR and dnf/yum on Amazon Linux fail in the spokes (README, "The service catalog")`;
}

/**
 * What to run for stacks that are gone from the configuration (README, "Retiring a spoke or a region"):
 * their resources exist until destroyed from the folder synthesis kept for each. Spokes first; before a
 * hub, the spokes that remain are deployed, so that none is associated with its rules any more.
 */
function retirementNotice(outdir: string, retired: readonly string[], stacks: readonly string[]): string {
  const isSpoke = (stack: string) => stack.startsWith(spokeStackName(""));
  const here = process.env.INIT_CWD || process.cwd();
  const folder = (stack: string) => {
    const absolute = path.join(outdir, RETIRED_FOLDER, stack);
    const relative = path.relative(here, absolute);
    return shellWord(relative.startsWith("..") ? absolute : relative);
  };
  const destroy = (stack: string) =>
    `  terraform -chdir=${folder(stack)} init && terraform -chdir=${folder(stack)} destroy`;
  const hubs = retired.filter((stack) => !isSpoke(stack));
  const remainingSpokes = stacks.filter(isSpoke);
  return [
    `retired: ${retired.join(", ")} left the configuration; their resources remain until you destroy them, in this order (spokes before hubs):`,
    ...retired.filter(isSpoke).map(destroy),
    ...(hubs.length > 0 && remainingSpokes.length > 0
      ? [`  npx ${FRAMEWORK.cli} deploy ${remainingSpokes.join(" ")}`]
      : []),
    ...hubs.map(destroy),
    `then delete each folder (rm -r ${retired.map(folder).join(" ")}); README: "Retiring a spoke or a region"`,
  ].join("\n");
}

/** `word` as one shell word. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

if (require.main === module) process.exitCode = runCommand(SYNTH_COMMAND, process.argv.slice(2));
