/** The HCL example root module with the built Terraform modules, as files for the Terraform harness. */
import * as path from "path";
import { filesBelow, offlineProviderOverride, TerraformFiles } from "./terraform";

const REPO = path.resolve(__dirname, "..", "..");
export const EXAMPLE_DIR = "examples/hub-and-spoke";
/** The provider configurations the example declares. */
export const EXAMPLE_PROVIDER_ALIASES = [
  "hub_eu_west_3",
  "hub_us_east_1",
  "spoke_eu_west_3",
  "spoke_us_east_1",
];

/** The example and the modules it sources, in their relative places. */
export function exampleFiles(options: { offline?: boolean } = {}): TerraformFiles {
  return {
    ...filesBelow(path.join(REPO, EXAMPLE_DIR), EXAMPLE_DIR),
    ...filesBelow(path.join(REPO, "dist", "terraform", "modules"), "dist/terraform/modules"),
    ...(options.offline
      ? { [`${EXAMPLE_DIR}/offline_override.tf.json`]: offlineProviderOverride(EXAMPLE_PROVIDER_ALIASES) }
      : {}),
  };
}
