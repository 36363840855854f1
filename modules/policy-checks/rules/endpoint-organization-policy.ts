import type { PolicyRule } from "../policy-rule";

/** VPCE-EP-1: every endpoint that accepts a policy has one that admits only the organization's principals. */
export const endpointOrganizationPolicy: PolicyRule = {
  id: "VPCE-EP-1",
  description: "interface endpoints allow only principals of the organization (aws:PrincipalOrgID)",
  check: (stack, context) =>
    stack.instances("aws_vpc_endpoint").flatMap((endpoint) => {
      const service = endpoint.key ?? endpoint.address;
      if (!context.endpointPolicySupported(service)) return [];
      const policy = endpoint.attribute("policy");
      if (typeof policy !== "string") {
        return [
          {
            address: endpoint.address,
            message: `${service} has no endpoint policy: any principal may use it`,
          },
        ];
      }
      return policy.includes('"aws:PrincipalOrgID"')
        ? []
        : [
            {
              address: endpoint.address,
              message: `the policy of ${service} does not limit principals to the organization`,
            },
          ];
    }),
};
