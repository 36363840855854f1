import { notLimitedToOrganization } from "../organization-only-policy";
import type { ConfigurationRule } from "../policy-rule";

/**
 * VPCE-EP-1: every endpoint that accepts a policy has one whose every Allow statement admits only the
 * organization's principals, read as IAM reads it (organization-only-policy.ts). The default policy is
 * organization-only, so a finding comes from `hub.endpointPolicies.<service>`, in every hub region that
 * shares the service.
 */
export const endpointOrganizationPolicy: ConfigurationRule = {
  id: "VPCE-EP-1",
  description: "interface endpoints allow only principals of the organization (aws:PrincipalOrgID)",
  check: (topology) =>
    topology.hubRegions.flatMap((hub) =>
      hub.services.flatMap((service, i) => {
        if (!service.endpointPolicy) return [];
        const address = `aws_vpc_endpoint.this[${JSON.stringify(service.name)}]`;
        const finding = (configPath: string, reason: string) => ({
          stack: hub.stackName,
          address,
          configPath,
          message: `${configPath}: ${reason}`,
        });
        if (service.policy === null) {
          return [
            finding(
              `hub.regions.${hub.region}.services[${i}]`,
              `${service.name} has no endpoint policy: any principal may use it`,
            ),
          ];
        }
        if (service.policyOverride === undefined) return [];
        const configPath = `hub.endpointPolicies.${service.name}`;
        return notLimitedToOrganization(service.policyOverride, topology.organization.id).map((reason) =>
          finding(configPath, reason),
        );
      }),
    ),
};
