/**
 * The cdktf app (`cdktf.json`): reads the configuration named by VPCE_CONFIG (default
 * config/example.json) and writes every hub and spoke stack to CDKTF_OUTDIR (default cdktf.out).
 * Bad input exits non-zero with a report that names each config path, and writes nothing.
 */
import { ConfigError } from "../config/config-error";
import { configPathFromEnv, loadConfig } from "../config/load-config";
import { PolicyCheckError } from "../policy-checks/policy-checks";
import { SharedService, topologyOf } from "../topology/topology";
import * as path from "path";
import { spokeStackName } from "../constructs/hub-outputs";
import { DEFAULT_OUTDIR } from "../stacks/local-state";
import { RETIRED_FOLDER, synthesize, SynthesisError } from "../stacks/synthesize";

function main(): number {
  try {
    const configFile = configPathFromEnv();
    const config = loadConfig(configFile);
    const result = synthesize(config, process.env.CDKTF_OUTDIR || DEFAULT_OUTDIR, { configFile });
    console.log(
      `synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(", ")}`,
    );
    if (result.retired.length > 0)
      console.log(retirementNotice(result.outdir, result.retired, result.stacks));
    for (const hub of topologyOf(config).hubRegions) {
      const unprotected = hub.services.filter((s) => !s.endpointPolicy).map((s) => s.name);
      if (unprotected.length > 0)
        console.log(
          `note: ${hub.stackName}: ${unprotected.join(", ")} accept no endpoint policy: any principal that reaches the endpoint may use it`,
        );
    }
    for (const hub of topologyOf(config).hubRegions) {
      for (const s of hub.services) {
        const note = awsOwnedBucketsNote(hub.stackName, s);
        if (note !== undefined) console.log(note);
      }
    }
    for (const hub of topologyOf(config).hubRegions) {
      for (const s of hub.services.filter((s) => s.hazard !== undefined))
        console.warn(
          `warning: ${hub.stackName}: sharing ${s.name} in ${hub.region}: ${s.hazard} (README, "The service catalog")`,
        );
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.format());
      return 1;
    }
    if (error instanceof PolicyCheckError || error instanceof SynthesisError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
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
      ? [`  npx cdktf deploy ${remainingSpokes.join(" ")}`]
      : []),
    ...hubs.map(destroy),
    `then delete each folder (rm -r ${retired.map(folder).join(" ")}); README: "Retiring a spoke or a region"`,
  ].join("\n");
}

/** `word` as one shell word. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

process.exitCode = main();
