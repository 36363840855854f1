/**
 * AWS's own answer at plan time: a `check` block per shared service compares the catalog's private DNS
 * names and endpoint policy support with `data.aws_vpc_endpoint_service`, read in the provider's region.
 * A failed assertion only warns, naming the service and both lists of names; so does a data source that
 * cannot be read (an offline plan, a service the region does not offer): a plan never stops on it.
 *
 * Terraform refuses `for_each` on a data block inside a check block, so the app stacks write one check
 * per service (their services are known at synthesis), and the hub-region module, whose services are a
 * variable, calls the `service-check` module once per service. Both render the block with
 * `serviceCheckBlock`, from literals or Terraform expressions.
 */
import { Construct, TerraformElement } from "../../framework";
import { terraformLiteral } from "../terraform-literal";

/** A Terraform expression (`var.service`), where a literal would otherwise be written. */
export interface Expression {
  readonly expression: string;
}

/** A value known at synthesis (the app stacks), or a Terraform expression (the service-check module). */
export type CheckInput<T> = T | Expression;

/** The check of one service: literals in the app stacks, `var.<name>` in the service-check module. */
export interface ServiceCheckInputs {
  /** The short name (`ecr.dkr`), as messages show it. */
  readonly service: CheckInput<string>;
  /** The endpoint service name (`com.amazonaws.eu-west-3.ecr.dkr`). */
  readonly serviceName: CheckInput<string>;
  /** The catalog's private DNS names in the region. */
  readonly privateDnsNames: CheckInput<readonly string[]>;
  /** Whether the catalog says the endpoint accepts a policy. */
  readonly endpointPolicy: CheckInput<boolean>;
}

function isExpression(value: unknown): value is Expression {
  return typeof value === "object" && value !== null && "expression" in value;
}

/**
 * The value as an operand of a Terraform expression: the expression, or the literal in HCL syntax (a list
 * sorted, so that reordering the configuration's names changes no byte).
 */
function operand(value: CheckInput<boolean | readonly string[]>): string {
  if (isExpression(value)) return value.expression;
  return JSON.stringify(typeof value === "boolean" ? value : [...value].sort());
}

/** The value inside a string template: interpolated, or the literal's text (templates escaped). */
function text<T>(value: CheckInput<T>, show: (literal: T) => string): string {
  return isExpression(value) ? `\${${value.expression}}` : terraformLiteral(show(value));
}

const namesText = (names: readonly string[]) => [...names].sort().join(", ");
const policyText = (supported: boolean) => (supported ? "accepts" : "refuses");

/** `check.<name>` and its scoped `data.aws_vpc_endpoint_service.<name>`: the block, as Terraform JSON. */
export function serviceCheckBlock(name: string, check: ServiceCheckInputs): Record<string, unknown> {
  const aws = `data.aws_vpc_endpoint_service.${name}`;
  const service = text(check.service, String);
  const serviceName = text(check.serviceName, String);
  const refresh =
    "Refresh the catalog (aws ec2 describe-vpc-endpoint-services, then npm run catalog:import) or declare the service as a custom service";
  const names = isExpression(check.privateDnsNames)
    ? `\${join(", ", sort(${check.privateDnsNames.expression}))}`
    : terraformLiteral(namesText(check.privateDnsNames));
  const policy = isExpression(check.endpointPolicy)
    ? `\${${check.endpointPolicy.expression} ? "accepts" : "refuses"}`
    : policyText(check.endpointPolicy);
  return {
    data: {
      aws_vpc_endpoint_service: {
        // s3 and dynamodb also have a Gateway service of the same name: the shared endpoint is an Interface.
        [name]: { service_name: text(check.serviceName, String), service_type: "Interface" },
      },
    },
    assert: [
      {
        condition: `\${sort(${aws}.private_dns_names) == sort(${operand(check.privateDnsNames)})}`,
        error_message: `${service}: AWS lists the private DNS names \${join(", ", sort(${aws}.private_dns_names))} for ${serviceName}, the catalog ${names}: spokes resolve the catalog's names only. ${refresh} with AWS's names.`,
      },
      {
        condition: `\${${aws}.vpc_endpoint_policy_supported == ${operand(check.endpointPolicy)}}`,
        error_message: `${service}: AWS says ${serviceName} \${${aws}.vpc_endpoint_policy_supported ? "accepts" : "refuses"} endpoint policies, the catalog says it ${policy} them. ${refresh}.`,
      },
    ],
  };
}

/** `endpoint_service_ecr_dkr`: a check's name for a short name (dots are not identifier characters). */
export function serviceCheckName(service: string): string {
  return `endpoint_service_${service.replace(/\./g, "_")}`;
}

/** A block of Terraform JSON written as given, merged into the stack (`check`, `module`, ...). */
export class TerraformBlock extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly block: Record<string, unknown>,
  ) {
    super(scope, id);
  }

  public toTerraform(): Record<string, unknown> {
    return this.block;
  }
}
