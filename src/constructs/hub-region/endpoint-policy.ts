/**
 * The default endpoint policy: any action, but only for principals of the organization
 * (`aws:PrincipalOrgID`), so a shared endpoint cannot carry credentials from outside it. For a service
 * whose spokes read AWS's own buckets with no principal of the organization (s3: ECR image layers,
 * Amazon Linux repositories; the catalog's `awsOwnedBuckets`), a second statement lets anyone read
 * those buckets' objects (`s3:GetObject`), and nothing else.
 *
 * Keys are in the order Terraform's `jsonencode` writes them (sorted), so the generated module and the
 * app stacks produce the same document, byte for byte.
 */
export function organizationOnlyPolicy(
  organizationId: string,
  awsOwnedObjectArns: readonly string[] = [],
): string {
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
      ...(awsOwnedObjectArns.length === 0 ? [] : [awsOwnedBucketsStatement(awsOwnedObjectArns)]),
    ],
    Version: "2012-10-17",
  });
}

/** The Sid of the statement that lets anyone read AWS's own buckets' objects. */
export const AWS_OWNED_BUCKETS_SID = "AwsOwnedBucketsReadOnly";

/** The statement that lets anyone read (and only read) the objects of AWS's own buckets. */
export function awsOwnedBucketsStatement(awsOwnedObjectArns: readonly string[]): object {
  return {
    Action: "s3:GetObject",
    Effect: "Allow",
    Principal: "*",
    Resource: [...awsOwnedObjectArns],
    Sid: AWS_OWNED_BUCKETS_SID,
  };
}

/**
 * The same document as a Terraform expression, for an organization id and AWS-owned object ARNs (a
 * list, possibly empty) known only to Terraform.
 */
export function organizationOnlyPolicyExpression(
  organizationIdExpression: string,
  awsOwnedObjectArnsExpression = "[]",
): string {
  return `jsonencode({
    Statement = concat([{
      Action    = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = ${organizationIdExpression} } }
      Effect    = "Allow"
      Principal = "*"
      Resource  = "*"
      Sid       = "OrganizationPrincipalsOnly"
    }], [for arns in [${awsOwnedObjectArnsExpression}] : {
      Action    = "s3:GetObject"
      Effect    = "Allow"
      Principal = "*"
      Resource  = arns
      Sid       = "${AWS_OWNED_BUCKETS_SID}"
    } if length(arns) > 0])
    Version = "2012-10-17"
  })`;
}

export interface EndpointPolicies {
  /** Organization whose principals alone may use the endpoints. Absent: no endpoint policies. */
  readonly organizationId?: string;
  /** Policy documents (JSON) that replace the organization-only policy, per service short name. */
  readonly overrides?: Readonly<Record<string, string>>;
}
