/**
 * The cdktf app (`cdktf.json`): reads the configuration named by VPCE_CONFIG (default
 * config/example.json) and writes every hub and spoke stack to CDKTF_OUTDIR (default cdktf.out).
 * Bad input exits non-zero with a report that names each config path, and writes nothing.
 */
import { ConfigError } from "./config/config-error";
import { configPathFromEnv, loadConfig } from "./config/load-config";
import { PolicyCheckError } from "../modules/policy-checks/policy-checks";
import { servicesWithoutEndpointPolicy } from "./hub-region-share";
import { synthesize, SynthesisError } from "./synthesize";

function main(): number {
  try {
    const config = loadConfig(configPathFromEnv());
    const result = synthesize(config, process.env.CDKTF_OUTDIR ?? "cdktf.out");
    console.log(
      `synthesized ${result.stacks.length} stacks into ${result.outdir}: ${result.stacks.join(", ")}`,
    );
    for (const [stack, services] of Object.entries(servicesWithoutEndpointPolicy(config))) {
      console.log(
        `note: ${stack}: ${services.join(", ")} accept no endpoint policy: any principal that reaches the endpoint may use it`,
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

process.exitCode = main();
