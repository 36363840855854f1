import { Testing } from "../../src/framework";
import { buildStacks } from "../../src/stacks/build-stacks";
import type { VpceShareConfig } from "../../src/config/config-types";

/** Every stack of a configuration, synthesized in memory: stack name -> cdk.tf.json content. */
export function synthesizeStacks(config: VpceShareConfig): Record<string, object> {
  const app = Testing.app();
  const { hubs, spokes } = buildStacks(app, config);
  return Object.fromEntries(
    [...Object.values(hubs), ...Object.values(spokes)].map((stack) => [
      stack.node.id,
      JSON.parse(Testing.synth(stack)),
    ]),
  );
}
