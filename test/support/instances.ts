/**
 * The resource instances Terraform would plan for a synthesized stack, with `for_each` evaluated by the
 * model `npm run verify` uses (test/stability reasons on these; test/terraform checks Terraform agrees).
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
