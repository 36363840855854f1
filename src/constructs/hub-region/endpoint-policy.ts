/**
 * The default endpoint policy: any action, but only for principals of the organization
 * (`aws:PrincipalOrgID`), so a shared endpoint cannot carry credentials from outside it.
 *
 * Keys are in the order Terraform's `jsonencode` writes them (sorted), so the generated module and the
 * app stacks produce the same document, byte for byte.
 */
export function organizationOnlyPolicy(organizationId: string): string {
  return JSON.stringify({
    Statement: [
      {
        Action: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
        Effect: "Allow",
        Principal: "*",
        Resource: "*",
        Sid: "OrganizationPrincipalsOnly",
      },
    ],
    Version: "2012-10-17",
  });
}

/** The same document as a Terraform expression, for an organization id known only to Terraform. */
export function organizationOnlyPolicyExpression(organizationIdExpression: string): string {
  return `jsonencode({
    Statement = [{
      Action    = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = ${organizationIdExpression} } }
      Effect    = "Allow"
      Principal = "*"
      Resource  = "*"
      Sid       = "OrganizationPrincipalsOnly"
    }]
    Version = "2012-10-17"
  })`;
}

export interface EndpointPolicies {
  /** Organization whose principals alone may use the endpoints. Absent: no endpoint policies. */
  readonly organizationId?: string;
  /** Policy documents (JSON) that replace the organization-only policy, per service short name. */
  readonly overrides?: Readonly<Record<string, string>>;
}
