/**
 * What public sources state about AWS's interface endpoint services beyond the
 * `describe-vpc-endpoint-services` snapshots: services the snapshots predate, names gained or retired
 * since, ports other than 443, hazards, and services that are known but cannot be shared.
 *
 * scripts/import-endpoint-services.ts merges these facts with the snapshots into services.json (the
 * only file the code reads at run time). A fact carries the date it was stated (ISO 8601, at the
 * precision known: "2026" or "2023-09") and applies in a region unless that region's snapshot is at least
 * as new: AWS's own answer wins. Where no source states a private DNS name, none is given here.
 */

/** A service no snapshot lists, with the names a source states. */
export interface DocumentedService {
  readonly serviceName: string;
  readonly privateDnsNames: readonly string[];
  /** Whether the endpoint accepts a VPC endpoint policy (assumed true where no source says). */
  readonly endpointPolicy: boolean;
  readonly date: string;
  readonly source: string;
}

/** Names a service gained (`add`) or lost (`retire`) after the snapshots, in every region or in `regions`. */
export interface DocumentedNameChange {
  readonly add?: readonly string[];
  readonly retire?: readonly string[];
  /** @default - every region */
  readonly regions?: readonly string[];
  readonly date: string;
  readonly source: string;
}

/** A service that is known, and refused with the reason. */
export interface RefusedService {
  /**
   * `global`: no regional name, so a region's rule would capture every region's traffic.
   * `names-unknown`: no snapshot or source states its private DNS names yet.
   */
  readonly kind: "global" | "names-unknown";
  /** The endpoint service name, where a source states it. */
  readonly serviceName?: string;
  readonly reason: string;
  readonly source: string;
}

const CATALOG_2026 = "CATALOG-2026.md";

export const DOCUMENTED_SERVICES: Readonly<Record<string, DocumentedService>> = {
  "eks-auth": {
    serviceName: "com.amazonaws.{region}.eks-auth",
    privateDnsNames: ["eks-auth.{region}.api.aws"],
    endpointPolicy: true,
    date: "2026",
    source:
      "EKS user guide (Pod Identity, interface endpoints); AWS Landing Zone Accelerator hosted-zone.ts; modernisation-platform vpc-endpoints.tf (endpoint policy support not stated: assumed)",
  },
  "bedrock-runtime": {
    serviceName: "com.amazonaws.{region}.bedrock-runtime",
    privateDnsNames: ["bedrock-runtime.{region}.amazonaws.com"],
    endpointPolicy: true,
    date: "2026",
    source:
      "Bedrock user guide, interface endpoints; describe-vpc-endpoint-services fixture in aws-solutions/generative-ai-application-builder-on-aws (get_compatible_azs_events.py)",
  },
  "bedrock-agent-runtime": {
    serviceName: "com.amazonaws.{region}.bedrock-agent-runtime",
    privateDnsNames: ["bedrock-agent-runtime.{region}.amazonaws.com"],
    endpointPolicy: true,
    date: "2026",
    source:
      "describe-vpc-endpoint-services fixture in aws-solutions/generative-ai-application-builder-on-aws (get_compatible_azs_events.py)",
  },
  q: {
    serviceName: "com.amazonaws.{region}.q",
    privateDnsNames: ["q.{region}.amazonaws.com"],
    endpointPolicy: true,
    date: "2026",
    source:
      "Amazon Q Developer user guide, interface VPC endpoints (endpoint policy support not stated: assumed)",
  },
  detective: {
    serviceName: "com.amazonaws.{region}.detective",
    privateDnsNames: ["api.detective.{region}.amazonaws.com"],
    endpointPolicy: true,
    date: "2026",
    source: "modernisation-platform PR 13533, DNS overrides (endpoint policy support not stated: assumed)",
  },
};

export const DOCUMENTED_NAME_CHANGES: Readonly<Record<string, readonly DocumentedNameChange[]>> = {
  monitoring: [
    {
      add: ["monitoring.{region}.api.aws"],
      date: "2026",
      source: "AWS PrivateLink guide (2026), example describe output for us-east-1",
    },
    {
      add: ["monitoring-fips.{region}.amazonaws.com", "monitoring-fips.{region}.api.aws"],
      regions: ["us-east-1"],
      date: "2026",
      source: "AWS PrivateLink guide (2026), example describe output for us-east-1",
    },
  ],
  eks: [
    {
      add: ["eks.{region}.api.aws"],
      date: "2024-08",
      source: "EKS user guide: endpoints created after August 2024 also answer eks.{region}.api.aws",
    },
  ],
  bedrock: [
    {
      retire: ["invoke-bedrock.{region}.amazonaws.com"],
      date: "2026",
      source:
        "a pre-launch name; runtime traffic is the separate bedrock-runtime service (Bedrock user guide, interface endpoints)",
    },
  ],
};

/** Ports an endpoint listens on, where they are not 443 alone. */
export const DOCUMENTED_PORTS: Readonly<
  Record<string, { readonly ports: readonly number[]; readonly source: string }>
> = {
  "email-smtp": { ports: [25, 465, 587, 2587], source: `${CATALOG_2026}: SMTP ports` },
  cassandra: { ports: [9142], source: `${CATALOG_2026}: Amazon Keyspaces (CQL)` },
  "transfer.server": { ports: [22], source: `${CATALOG_2026}: SFTP` },
  "git-codecommit": { ports: [22, 443], source: `${CATALOG_2026}: SSH as well as HTTPS` },
};

/** Why sharing a service harms the spokes, said at every synthesis that shares it. */
export const DOCUMENTED_HAZARDS: Readonly<
  Record<string, { readonly hazard: string; readonly source: string }>
> = {
  "execute-api": {
    hazard:
      "every spoke's calls to public regional APIs (*.execute-api.{region}.amazonaws.com) then reach the hub's endpoint, which admits private APIs only and answers 403",
    source: "AWS Knowledge Center, api-gateway-vpc-connections",
  },
};

/**
 * AWS's own buckets that spokes read through a shared endpoint of the service, with no principal of the
 * organization: ECR hands out presigned URLs signed by ECR itself for image layers, and Amazon Linux
 * reads its package repositories anonymously. An endpoint policy that requires `aws:PrincipalOrgID` (or
 * tests the resource's organization) refuses both, so `docker pull` from ECR and `dnf`/`yum` fail in
 * every spoke. The default endpoint policy lets anyone read (`s3:GetObject`) these buckets' objects, and
 * nothing else: exact names (`{region}` for the region), never a wildcard that another owner's bucket
 * could match.
 */
export const DOCUMENTED_AWS_OWNED_BUCKETS: Readonly<
  Record<string, ReadonlyArray<{ readonly bucket: string; readonly source: string }>>
> = {
  s3: [
    {
      bucket: "prod-{region}-starport-layer-bucket",
      source:
        'ECR user guide, interface VPC endpoints: "Minimum Amazon S3 bucket permissions for Amazon ECR" (image layers)',
    },
    {
      bucket: "al2023-repos-{region}-de612dc2",
      source: "Amazon Linux 2023 user guide: package repositories through an S3 gateway endpoint",
    },
    {
      bucket: "amazonlinux-2-repos-{region}",
      source: "Amazon Linux 2 FAQ: yum repositories through an S3 VPC endpoint",
    },
  ],
};

export const REFUSED_SERVICES: Readonly<Record<string, RefusedService>> = {
  iam: {
    kind: "global",
    serviceName: "com.amazonaws.iam",
    reason: "its name (iam.amazonaws.com) carries no region",
    source: CATALOG_2026,
  },
  route53: {
    kind: "global",
    serviceName: "com.amazonaws.route53",
    reason: "its name (route53.amazonaws.com) carries no region",
    source: CATALOG_2026,
  },
  cloudfront: {
    kind: "global",
    reason: "its names (cloudfront.amazonaws.com) carry no region",
    source: CATALOG_2026,
  },
  dynamodb: {
    kind: "names-unknown",
    serviceName: "com.amazonaws.{region}.dynamodb",
    reason:
      "DynamoDB interface endpoints did not support private DNS (2024); since 2025 SDKs call <account-id>.ddb.{region}.amazonaws.com, and no snapshot lists those names yet",
    source: CATALOG_2026,
  },
  ...namesUnknown([
    ["bedrock-agent", "com.amazonaws.{region}.bedrock-agent"],
    ["appconfig", "com.amazonaws.{region}.appconfig"],
    ["appconfigdata", "com.amazonaws.{region}.appconfigdata"],
    ["qbusiness", "aws.api.{region}.qbusiness"],
    ["apigateway", "com.amazonaws.{region}.apigateway"],
    ["email", "com.amazonaws.{region}.email"],
    ["wafv2", "com.amazonaws.{region}.wafv2"],
  ]),
};

function namesUnknown(services: ReadonlyArray<readonly [string, string]>): Record<string, RefusedService> {
  return Object.fromEntries(
    services.map(([name, serviceName]) => [
      name,
      {
        kind: "names-unknown",
        serviceName,
        reason:
          "AWS lists it among the PrivateLink services, but no snapshot or source states its private DNS names",
        source: CATALOG_2026,
      },
    ]),
  );
}
