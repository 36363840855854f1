/** What makes a synthesized stack a reusable module: no backend, no provider configuration. */
import { TerraformStack, TerraformVariable, TerraformVariableConfig } from "../framework";
import { AwsProvider } from "../framework/aws";
import { AWS_PROVIDER_VERSION } from "../stacks/workspace";
import { terraformLiteral } from "../constructs/terraform-literal";

/**
 * Terraform features the generated modules use: `one`, `startswith`, `endswith`, optional attributes,
 * check blocks (1.5), and variable validations that read another variable (`services` and
 * `custom_services`, 1.9).
 */
export const MODULE_TERRAFORM_VERSION = ">= 1.9.0";

export function moduleSettings(stack: TerraformStack): void {
  // cdktf refuses resources without a provider construct; the caller configures the real one.
  new AwsProvider(stack, "aws");
  stack.addOverride("provider", undefined);
  stack.addOverride("terraform.backend", undefined); // the caller owns state
  stack.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
  stack.addOverride("terraform.required_providers.aws.source", "hashicorp/aws");
  stack.addOverride("terraform.required_version", MODULE_TERRAFORM_VERSION);
}

/** `var.<name>`: construct ids get a suffix so outputs of the same name (the contract) can coexist. */
export function moduleVariable(
  stack: TerraformStack,
  name: string,
  config: TerraformVariableConfig,
): TerraformVariable {
  const variable = new TerraformVariable(stack, `${name}-variable`, config);
  variable.overrideLogicalId(name);
  return variable;
}
/** `can(regex("<pattern>", <value>))`: the configuration schema's pattern, as a Terraform test. */
export function matches(pattern: RegExp, value: string): string {
  return `can(regex(${hclString(pattern.source)}, ${value}))`;
}

/** A quoted HCL string: JSON's escapes are HCL's, and template openings are escaped. */
export function hclString(text: string): string {
  return terraformLiteral(JSON.stringify(text));
}
