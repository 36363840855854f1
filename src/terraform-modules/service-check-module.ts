/**
 * The `service-check` Terraform module: the plan-time check of one shared service against AWS's own
 * answer (src/constructs/hub-region/service-check.ts). The hub-region module calls it once per service
 * (`module.service_checks["ecr.dkr"]`): Terraform refuses `for_each` on a data block inside a check.
 */
import { Construct, TerraformStack } from "../framework";
import { serviceCheckBlock, TerraformBlock } from "../constructs/hub-region/service-check";
import { moduleSettings, moduleVariable } from "./module-settings";

export const SERVICE_CHECK_NAME = "endpoint_service";

export class ServiceCheckModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);
    const variable = (name: string, type: string, description: string) =>
      moduleVariable(this, name, { type, description });
    variable("service", "string", 'The short name of the shared service ("ecr.dkr"), as messages name it.');
    variable(
      "service_name",
      "string",
      'The endpoint service name in the provider\'s region ("com.amazonaws.eu-west-3.ecr.dkr").',
    );
    variable(
      "private_dns_names",
      "list(string)",
      "The catalog's private DNS names of the service in the region.",
    );
    variable("endpoint_policy", "bool", "Whether the catalog says the service's endpoints accept a policy.");
    new TerraformBlock(this, "Check", {
      check: {
        [SERVICE_CHECK_NAME]: serviceCheckBlock(SERVICE_CHECK_NAME, {
          service: { expression: "var.service" },
          serviceName: { expression: "var.service_name" },
          privateDnsNames: { expression: "var.private_dns_names" },
          endpointPolicy: { expression: "var.endpoint_policy" },
        }),
      },
    });
  }
}
