import { notLimitedToOrganization } from "../organization-only-policy";
import type { PolicyRule } from "../policy-rule";

/**
 * VPCE-EP-1: every endpoint that accepts a policy has one whose every Allow statement admits only the
 * organization's principals, read as IAM reads it (organization-only-policy.ts). The default policy
 * passes, so a finding comes from the configuration's override, which the message names.
 */
export const endpointOrganizationPolicy: PolicyRule = {
  id: "VPCE-EP-1",
  description: "interface endpoints allow only principals of the organization (aws:PrincipalOrgID)",
  check: (stack, context) =>
    stack.instances("aws_vpc_endpoint").flatMap((endpoint) => {
      const service = endpoint.key ?? endpoint.address;
      if (!context.endpointPolicySupported(service)) return [];
      const finding = (message: string) => ({ address: endpoint.address, message });
      const policy = endpoint.attribute("policy");
      if (typeof policy !== "string")
        return [finding(`${service} has no endpoint policy: any principal may use it`)];
      const at = `hub.endpointPolicies.${service}`;
      let document: unknown;
      try {
        document = JSON.parse(policy);
      } catch {
        return [finding(`${at}: the policy is not JSON, so IAM cannot read it`)];
      }
      return notLimitedToOrganization(document, context.organizationId).map((reason) =>
        finding(`${at}: ${reason}`),
      );
    }),
};
