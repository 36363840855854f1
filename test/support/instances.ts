/**
 * The resource instances of a synthesized stack, with `for_each` evaluated by the Terraform model that
 * `npm run verify` still uses. Only test/verify reads these; it goes with src/terraform-model. Every other
 * test takes instances from the topology (src/stacks/resource-instances.ts) or from Terraform's plan.
 */
import { stacksFromJson } from "../../src/verify/read-stacks";
import { Resource, StackModel, StackSet } from "../../src/terraform-model/terraform-model";

/** One synthesized stack (its cdk.tf.json content) in the model, placed where cdktf writes it. */
export function stackModel(stackJson: unknown, name = "stack"): StackModel {
  return new StackSet(stacksFromJson({ [name]: stackJson })).stacks[0];
}

/** Every resource block of a stack, in the model. */
export function resourcesOf(stackJson: unknown): readonly Resource[] {
  return stackModel(stackJson).resources();
}

/** One resource's instances: instance key -> `each.value`. */
export function instancesOf(stackJson: unknown, address: string): Record<string, unknown> {
  const resource = resourcesOf(stackJson).find((r) => r.address === address);
  if (!resource) throw new Error(`the stack has no resource ${address}`);
  return Object.fromEntries(resource.instances().map((i) => [i.key ?? "", i.eachValue]));
}

/** Every instance address: `<type>.<name>`, or `<type>.<name>["<key>"]` per `for_each` key; sorted. */
export function instanceAddresses(stackJson: unknown): string[] {
  return resourcesOf(stackJson)
    .flatMap((r) => r.instances().map((i) => i.address))
    .sort();
}
