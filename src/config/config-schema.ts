/**
 * What a valid configuration is, as a zod schema: the single source of truth for config/schema.json
 * (editor completion, `npm run config:schema`), for every check on one value (types, unknown keys, id
 * formats, list sizes), for the rules that relate values to each other (config-rules.ts: partitions,
 * CIDR membership, duplicates, services), and for the type of the normalized configuration
 * (`VpceShareConfigSchema`, whose output is `VpceShareConfig`). The formats themselves are in formats.ts.
 * load-config.ts reads the file and applies this schema; quotas are checked after it, on the topology.
 */
import { z } from "zod";
import { AWS_LIMITS, AWS_QUOTAS, AwsQuotaName } from "../catalog/aws-limits";
import { POLICY_RULES } from "../policy-checks/rules";
import { isRegion, REGION_PATTERN } from "../catalog/partitions";
import { suggestServices } from "../catalog/service-catalog";
import {
  DEFAULT_MECHANISM,
  PROFILE_CONTENTS,
  PROFILE_ENDPOINTS_PROVIDER_VERSION,
  SHARING_MECHANISMS,
} from "../topology/sharing-mechanism";
import { quote } from "./config-error";
import { checkRelations, readOrganization } from "./config-rules";
import {
  ACCOUNT_ID,
  canonicalCidr,
  CUSTOM_SERVICE_NAME,
  HOSTNAME,
  IPV4,
  IPV4_CIDR,
  NOT_AWS_PREFIX,
  ORGANIZATION_ARN,
  ORGANIZATION_ARN_SHAPE,
  PRIVATE_DNS_NAME,
  QUERY_LOG_DESTINATION,
  ROLE_ARN,
  SERVICE_NAME,
  SHARE_TARGET,
  SPOKE_NAME,
  SUBNET_ID,
  SUPPRESSION_REASON_MIN_LENGTH,
  TFC_ORGANIZATION,
  TFC_WORKSPACE_PREFIX,
  VPC_ID,
} from "./formats";

/** What a value should look like, for the message when it does not. */
interface Format {
  /** Noun phrase with its article: "a subnet id". */
  readonly what: string;
  readonly expected: string;
  readonly example: string;
}

/** `"subnet-xyz" is not a subnet id; expected "subnet-" and 8 or 17 hex digits, e.g. "subnet-0a1b2c3d4e5f60001"` */
function notA(value: unknown, { what, expected, example }: Format): string {
  return `${quote(value)} is not ${what}; expected ${expected}, e.g. ${quote(example)}`;
}

/** A string that must match `pattern` (which also lands in the JSON Schema). */
function matching(pattern: RegExp, format: Format) {
  return z.string().regex(pattern, { error: (issue) => notA(issue.input, format) });
}

/** A string that must satisfy `test`, for rules a JSON Schema pattern cannot express. */
function satisfying(test: (value: string) => boolean, format: Format) {
  return z.string().refine(test, { error: (issue) => notA(issue.input, format) });
}

/** An array with a size range; the message shows the size received. */
function listOf<T extends z.ZodType>(item: T, noun: string, min: number, max?: number) {
  const error = (issue: { input?: unknown }) =>
    `has ${countOf(issue.input, noun)}; expected ${max === undefined ? `at least ${min}` : `${min} to ${max}`}`;
  const list = z.array(item).min(min, { error });
  return max === undefined ? list : list.max(max, { error });
}

/** An object map, optionally with a range of entry counts (`minProperties`/`maxProperties` in the JSON Schema). */
function recordOf<K extends z.ZodType<string, string>, V extends z.ZodType>(
  key: K,
  value: V,
  limits?: { noun: string; min?: number; max?: number },
) {
  const record = z.record(key, value);
  if (!limits) return record;
  const { noun, min = 0, max = Infinity } = limits;
  const size = (entries: object) => Object.keys(entries).length;
  const range = max === Infinity ? `at least ${min}` : min === 0 ? `at most ${max}` : `${min} to ${max}`;
  return record
    .refine((entries) => size(entries) >= min && size(entries) <= max, {
      error: (issue) => `has ${countOf(Object.keys(issue.input as object), noun)}; expected ${range}`,
    })
    .meta({ ...(min > 0 ? { minProperties: min } : {}), ...(max < Infinity ? { maxProperties: max } : {}) });
}

function countOf(list: unknown, noun: string): string {
  const count = Array.isArray(list) ? list.length : 0;
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

// ---------------------------------------------------------------------------------------------------
// Values

const AccountId = matching(ACCOUNT_ID, {
  what: "an account id",
  expected: "12 digits",
  example: "111111111111",
});

const RoleArn = matching(ROLE_ARN, {
  what: "an IAM role ARN",
  expected: '"arn:<partition>:iam::<12-digit account id>:role/<path/name>"',
  example: "arn:aws:iam::111111111111:role/vpce-share-deployer",
});

const OrganizationArn = matching(ORGANIZATION_ARN, {
  what: "an organization ARN",
  expected: ORGANIZATION_ARN_SHAPE,
  example: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
});

const ShareTarget = matching(SHARE_TARGET, {
  what: "an organization ARN, OU ARN or account id",
  expected:
    'the ARN from organization.arn, an OU ARN "arn:<partition>:organizations::<management account id>:ou/o-<org id>/ou-<root id>-<ou id>" or a 12-digit account id',
  example: "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cdef3456",
});

const CIDR_FORMAT: Format = {
  what: "an IPv4 CIDR",
  expected: '"a.b.c.d/n" with octets 0-255 (no leading zeros) and n 0-32',
  example: "10.0.0.0/8",
};
// The host-bits rule runs only on well-formed CIDRs, so a malformed one gets one message, not two.
const Cidr = matching(IPV4_CIDR, CIDR_FORMAT).refine(
  (cidr) => !IPV4_CIDR.test(cidr) || canonicalCidr(cidr) === cidr,
  {
    error: (issue) =>
      `${quote(issue.input)} has host bits set; did you mean ${quote(canonicalCidr(String(issue.input)))}?`,
  },
);

const Ipv4 = matching(IPV4, {
  what: "an IPv4 address",
  expected: "four decimal octets 0-255 without leading zeros",
  example: "10.10.1.10",
});

const VpcId = matching(VPC_ID, {
  what: "a VPC id",
  expected: '"vpc-" and 8 or 17 hex digits',
  example: "vpc-0a1b2c3d4e5f67890",
});

const SubnetId = matching(SUBNET_ID, {
  what: "a subnet id",
  expected: '"subnet-" and 8 or 17 hex digits',
  example: "subnet-0a1b2c3d4e5f60001",
});

const ServiceName = matching(SERVICE_NAME, {
  what: "a service name",
  expected:
    'the short name after the region in the endpoint service name (com.amazonaws.<region>.ecr.dkr -> "ecr.dkr"): lowercase letters, digits, "." and "-"',
  example: "ecr.dkr",
});

// The pattern is a hint for editors; isRegion also rejects the isolated (iso) partitions.
const RegionCode = satisfying(isRegion, {
  what: "a region code",
  expected: "a region of the aws, aws-cn or aws-us-gov partition",
  example: "eu-west-3",
}).meta({ pattern: REGION_PATTERN.source });

const SpokeName = matching(SPOKE_NAME, {
  what: "a spoke name",
  expected:
    '1 to 63 lowercase letters, digits and "-", starting with a letter or digit (the stack is "spoke-<name>")',
  example: "payments-prod",
});

// `{region}` stands for the hub region: check the name as it will be, with a long region in its place.
const PrivateDnsName = satisfying(
  (name) => PRIVATE_DNS_NAME.test(name.split("{region}").join("ap-southeast-5")),
  {
    what: "a private DNS name",
    expected:
      'lowercase dot-separated labels of letters, digits and "-", optionally starting with "*.", with "{region}" for the hub region',
    example: "*.dkr.ecr.{region}.amazonaws.com",
  },
);

/**
 * What AWS accepts in tag keys and values on every taggable resource: letters, numbers and spaces in
 * any script, and `_ . : / = + - @`. This also keeps out the text Terraform and cdktf would evaluate
 * (`${...}`, `%{...}`, `#{TfToken[...]}`).
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const NOT_TAG_CHARACTER = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

function tagCharactersMessage(input: unknown, what: "key" | "value"): string {
  const found = [...new Set(String(input).match(NOT_TAG_CHARACTER) ?? [])].slice(0, 5);
  return `${quote(input)} contains ${found.map((c) => quote(c)).join(", ")}, which AWS does not allow in a tag ${what}; expected letters, numbers, spaces and _ . : / = + - @`;
}

const TagKey = z
  .string()
  .min(1, { error: "is an empty tag key; expected 1 to 128 characters" })
  .max(128, {
    error: (issue) => `${quote(issue.input)} is longer than 128 characters, the limit for tag keys`,
  })
  .refine((key) => TAG_CHARACTERS.test(key), { error: (issue) => tagCharactersMessage(issue.input, "key") })
  .regex(NOT_AWS_PREFIX, {
    error: (issue) =>
      `${quote(issue.input)} starts with "aws:", which AWS reserves for its own tags; expected another key`,
  });

const TagValue = z
  .string()
  .max(256, {
    error: (issue) => `${quote(issue.input)} is longer than 256 characters, the limit for tag values`,
  })
  .refine((value) => TAG_CHARACTERS.test(value), {
    error: (issue) => tagCharactersMessage(issue.input, "value"),
  });

/** A figure that cannot be negative: traffic in the configuration, prices in `npm run cost --prices`. */
export const NonNegativeNumber = z.number().min(0, {
  error: (issue) => `${quote(issue.input)} is negative; expected a number >= 0`,
});

// ---------------------------------------------------------------------------------------------------
// The file

const Organization = z
  .strictObject({
    arn: OrganizationArn.describe(
      "ARN of the AWS organization: arn:<partition>:organizations::<management account id>:organization/o-<id>. Its partition must be the partition of every region.",
    ),
    cidrs: listOf(Cidr, "CIDR", 1).describe(
      'IPv4 CIDRs of every network that may use the shared endpoints, e.g. ["10.0.0.0/8"]; the security groups admit only these.',
    ),
  })
  .describe("The AWS organization whose accounts use the shared endpoints.");

const RESOLVER_IPS = AWS_LIMITS.resolverEndpointIps;

const Traffic = z
  .strictObject({
    queriesMillionsPerMonth: NonNegativeNumber.describe(
      "DNS queries a month from the spoke VPCs to the shared names, in millions: each passes the outbound and the inbound resolver endpoint. Default: 0.",
    ).optional(),
    transferGbPerMonth: NonNegativeNumber.describe(
      "GB a month that spokes send to the hub endpoints over the transit gateway. Default: 0.",
    ).optional(),
    peakQueriesPerSecond: NonNegativeNumber.describe(
      "Expected peak of those DNS queries per second, checked against the inbound resolver IPs' capacity. Default: not checked.",
    ).optional(),
    hubAlreadyPaysProfile: z
      .boolean()
      .describe(
        "Planner input: the hub account already pays a Route 53 Profile in this region (for other DNS configuration), so sharing through a Profile adds only its VPC associations beyond the 100 that the Profile's hourly price covers. Default: false.",
      )
      .optional(),
    onPremisesInboundEndpoint: z
      .boolean()
      .describe(
        "Planner input: on-premises resolvers must resolve the shared names, so the region needs an inbound Resolver endpoint (one IP per hub subnet) whatever the mechanism; resolver rules already have one. Default: false.",
      )
      .optional(),
  })
  .describe(
    "Expected traffic of the region, for the cost and capacity planner (npm run cost); a --prices file overrides the monthly figures. Not deployed.",
  );

const PolicyDocument = z
  .looseObject({
    Version: z.string().describe('Policy language version, "2012-10-17".').optional(),
    Statement: z
      .array(
        z.looseObject({}).describe("A policy statement: Effect, Principal, Action, Resource, Condition."),
      )
      .min(1, { error: "has no statement; expected at least one" })
      .describe("The policy statements."),
  })
  .describe("An IAM policy document, as JSON.");

const PolicySuppression = z
  .strictObject({
    rule: z
      .enum(POLICY_RULES.map((r) => r.id) as [string, ...string[]], {
        error: (issue) =>
          `${quote(issue.input)} is not a policy rule; expected one of ${POLICY_RULES.map((r) => quote(r.id)).join(", ")}`,
      })
      .describe(`The policy rule: ${POLICY_RULES.map((r) => `${r.id} (${r.description})`).join("; ")}.`),
    stack: z
      .string()
      .describe("Only in this stack (hub-eu-west-3, spoke-payments-prod). Default: every stack.")
      .optional(),
    address: z
      .string()
      .describe('Only for this Terraform address, e.g. aws_vpc_endpoint.this["s3"]. Default: every resource.')
      .optional(),
    reason: z
      .string()
      .min(SUPPRESSION_REASON_MIN_LENGTH, {
        error: (issue) =>
          `${quote(issue.input)} is too short; write why the finding is acceptable (${SUPPRESSION_REASON_MIN_LENGTH} characters at least)`,
      })
      .describe("Why the finding is acceptable: required, and printed with the suppressed finding."),
  })
  .describe("Accept a policy check finding, for a written reason.");

/** One of a fixed list of words; the message lists them all. */
function oneOf<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    error: (issue) =>
      `${quote(issue.input)} is not ${what}; expected one of ${values.map((v) => quote(v)).join(", ")}`,
  });
}

const SharingMechanism = oneOf(SHARING_MECHANISMS, "a sharing mechanism");

const HubRegion = z
  .strictObject({
    vpcId: VpcId.describe(
      "VPC of the hub account that hosts the interface endpoints and the inbound resolver endpoint.",
    ),
    subnetIds: listOf(SubnetId, "subnet", RESOLVER_IPS.min, RESOLVER_IPS.max).describe(
      "2 to 6 subnets of that VPC, in distinct availability zones: each gets one endpoint ENI and one inbound resolver IP.",
    ),
    inboundResolverIps: listOf(Ipv4, "IP", RESOLVER_IPS.min, RESOLVER_IPS.max)
      .describe(
        "Pinned inbound resolver IPs, the i-th in the i-th subnet, each inside organization.cidrs. Default: AWS picks them.",
      )
      .optional(),
    services: listOf(ServiceName, "service", 1).describe(
      'Short names of the services to share ("ec2", "ecr.dkr", ...), from the service catalog or customServices.',
    ),
    traffic: Traffic.optional(),
    queryLogDestinationArn: matching(QUERY_LOG_DESTINATION, {
      what: "a query log destination",
      expected: "the ARN of a CloudWatch Logs group, an S3 bucket or a Firehose stream",
      example: "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries",
    })
      .describe(
        "Log every DNS query of the hub VPC (all spoke queries pass it) there. Default: no query logging.",
      )
      .optional(),
    mechanism: SharingMechanism.describe(
      'How the region shares its endpoints\' DNS: "resolver-rules" (forward rules to an inbound Resolver endpoint, shared by RAM; each spoke VPC associates every rule), "profile" (a Route 53 Profile shared by RAM; each spoke VPC associates it once) or "zone-association" (each spoke VPC associates every private hosted zone of the hub, which authorizes it). Default: "resolver-rules".',
    ).default(DEFAULT_MECHANISM),
    profileContents: oneOf(PROFILE_CONTENTS, "a Profile's contents")
      .describe(
        `With mechanism "profile": what the Profile holds, "zones" (the hub's private hosted zones, endpoints with private DNS off) or "endpoints" (the endpoints themselves with private DNS on; AWS hosts every name; needs the AWS provider ${PROFILE_ENDPOINTS_PROVIDER_VERSION}). Default: "zones".`,
      )
      .optional(),
    retiringMechanism: SharingMechanism.describe(
      'While changing mechanism: the previous one, which the hub keeps beside "mechanism" until every spoke has moved. Apply the hub, then every spoke of the region, then remove this and apply the hub again. A retiring "profile" holds zones. Default: none.',
    ).optional(),
  })
  .describe("One hub region: a hub-<region> stack.");

const Hub = z
  .strictObject({
    accountId: AccountId.describe("12-digit id of the account that hosts the endpoints and resolver rules."),
    roleArn: RoleArn.describe(
      "Role that Terraform assumes in the hub account; it must be in that account. Default: the caller's credentials.",
    ).optional(),
    shareWith: listOf(ShareTarget, "principal", 1)
      .describe(
        "Organization ARN, OU ARNs or 12-digit account ids that receive the resolver rules through RAM. Default: [organization.arn].",
      )
      .optional(),
    regions: recordOf(RegionCode, HubRegion, { noun: "region", min: 1 }).describe(
      'Hub regions keyed by region code, e.g. "eu-west-3"; each is one hub-<region> stack.',
    ),
    endpointPolicies: recordOf(ServiceName, PolicyDocument)
      .describe(
        "Endpoint policies that replace the default (every action, for principals of the organization only), keyed by service short name, for services that need more. Default: none.",
      )
      .optional(),
  })
  .describe("The account that hosts the shared endpoints.");

const SpokeRegion = z
  .strictObject({
    vpcIds: listOf(VpcId, "VPC", 1).describe(
      "VPCs of the spoke account that resolve the services through the hub.",
    ),
  })
  .describe("One spoke region; the hub must serve it.");

const Spoke = z
  .strictObject({
    accountId: AccountId.describe("12-digit id of the spoke account."),
    roleArn: RoleArn.describe(
      "Role that Terraform assumes in the spoke account; it must be in that account. Default: the caller's credentials.",
    ).optional(),
    regions: recordOf(RegionCode, SpokeRegion, { noun: "region", min: 1 }).describe(
      "Spoke regions keyed by region code; each must be a hub region.",
    ),
  })
  .describe("An account whose VPCs use the shared endpoints: a spoke-<name> stack.");

const TerraformCloud = z
  .strictObject({
    organization: matching(TFC_ORGANIZATION, {
      what: "a Terraform Cloud organization name",
      expected: 'letters, digits, "_" and "-"',
      example: "acme",
    }).describe("Terraform Cloud (or Enterprise) organization that holds the workspaces."),
    workspacePrefix: matching(TFC_WORKSPACE_PREFIX, {
      what: "a workspace name prefix",
      expected: 'letters, digits, "_" and "-", or ""',
      example: "vpce-",
    })
      .describe('Workspace name = prefix + stack name (hub-eu-west-3, spoke-payments-prod). Default: "".')
      .default(""),
    hostname: matching(HOSTNAME, {
      what: "a hostname",
      expected: 'lowercase dot-separated labels of letters, digits and "-"',
      example: "app.terraform.io",
    })
      .describe("Terraform Cloud or Enterprise hostname. Default: app.terraform.io.")
      .default("app.terraform.io"),
  })
  .describe("Keep the state in Terraform Cloud workspaces. Absent: local state next to the project.");

const CustomService = z
  .strictObject({
    serviceName: z
      .string()
      .min(1, {
        error: 'is empty; expected the endpoint service name, e.g. "com.amazonaws.{region}.example"',
      })
      .regex(CUSTOM_SERVICE_NAME, {
        error: (issue) =>
          `${quote(issue.input)} is not an endpoint service name; expected letters, digits, "." and "-", with "{region}" for the hub region, e.g. "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0"`,
      })
      .describe(
        'Endpoint service name; "{region}" stands for the hub region, e.g. "com.amazonaws.{region}.example".',
      ),
    privateDnsNames: listOf(PrivateDnsName, "name", 1).describe(
      'Private DNS names of the service; "*." wildcards allowed, "{region}" stands for the hub region.',
    ),
    endpointPolicy: z
      .boolean()
      .describe("Whether the service accepts a VPC endpoint policy. Default: true.")
      .default(true),
  })
  .describe("A service that the catalog does not know, or knows wrongly.");

/** A quota that AWS raised for the accounts: at least AWS's default, which is what applies without it. */
function raisedQuota(name: AwsQuotaName) {
  const quota = AWS_QUOTAS[name];
  const expected = `a whole number of at least ${quota.default}, AWS's default`;
  return z
    .number()
    .int({ error: (issue) => `${quote(issue.input)} is not a whole number; expected ${expected}` })
    .min(quota.default, {
      error: (issue) =>
        `${quote(issue.input)} is below AWS's default of ${quota.default}; expected ${expected} (leave it out to use the default)`,
    })
    .describe(
      `${quota.awsName}: ${quota.counts}. Default: ${quota.default}, AWS's default; declare it only once AWS has raised it for every account it counts.`,
    )
    .optional();
}

const Quotas = z
  .strictObject({
    resolverRulesPerRegion: raisedQuota("resolverRulesPerRegion"),
    ruleAssociationsPerRegion: raisedQuota("ruleAssociationsPerRegion"),
    hostedZonesPerAccount: raisedQuota("hostedZonesPerAccount"),
    interfaceEndpointsPerVpc: raisedQuota("interfaceEndpointsPerVpc"),
    rulesPerSecurityGroup: raisedQuota("rulesPerSecurityGroup"),
    vpcsPerHostedZone: raisedQuota("vpcsPerHostedZone"),
    profileVpcAssociations: raisedQuota("profileVpcAssociations"),
  } satisfies Record<AwsQuotaName, unknown>)
  .describe(
    "AWS quotas raised for your accounts, by name; the configuration is checked against these instead of AWS's defaults. Default: AWS's defaults.",
  );

/**
 * The configuration file: each value on its own, then the rules that relate values (config-rules.ts),
 * which read only the values that passed. What this accepts is a valid configuration.
 */
export const ConfigSchema = z
  .strictObject({
    $schema: z.string().describe("JSON Schema of this file, for editor completion; ignored.").optional(),
    organization: Organization,
    hub: Hub,
    spokes: recordOf(SpokeName, Spoke)
      .describe("Spoke accounts keyed by spoke name; each is one spoke-<name> stack. Default: none.")
      .default({}),
    terraformCloud: TerraformCloud.optional(),
    tags: recordOf(TagKey, TagValue, { noun: "tag", max: 50 })
      .describe(
        "Tags applied to every taggable resource: at most 50, keys 1-128 characters, values 0-256, of letters, numbers, spaces and _ . : / = + - @ (what AWS accepts); no key starts with aws:. Default: none.",
      )
      .default({}),
    policySuppressions: z
      .array(PolicySuppression)
      .describe("Policy check findings accepted on purpose, each with a reason. Default: none.")
      .default([]),
    customServices: recordOf(ServiceName, CustomService)
      .describe(
        "Services keyed by the short name used in hub.regions.<region>.services; they win over the catalog. Default: none.",
      )
      .default({}),
    quotas: Quotas.default({}),
  })
  .superRefine(
    (value, context) => {
      const failedAt = context.issues.flatMap(issuePaths);
      for (const { path, message } of checkRelations(value as ConfigInput, failedAt)) {
        context.addIssue({ code: "custom", path: [...path], message });
      }
    },
    // Also when some values failed: the rules read the others, so every problem is reported at once.
    { when: (payload) => isObject(payload.value) },
  )
  .describe("vpce-share configuration: share VPC interface endpoints of a hub account with the organization.")
  .meta({ title: "vpce-share configuration" });

export type ConfigInput = z.input<typeof ConfigSchema>;

/**
 * A valid configuration, normalized: what the stacks are built from. The organization's id and
 * partition are taken from its ARN, and `hub.shareWith` defaults to the organization.
 */
export const VpceShareConfigSchema = ConfigSchema.transform(({ organization, hub, ...data }) => {
  const { id, partition } = readOrganization(organization.arn);
  return {
    organization: {
      arn: organization.arn,
      /** `o-xxxxxxxxxx`, taken from `arn`. */
      id,
      /** `aws`, `aws-cn` or `aws-us-gov`, taken from `arn`. */
      partition,
      cidrs: organization.cidrs,
    },
    hub: { ...hub, shareWith: hub.shareWith ?? [organization.arn] },
    spokes: data.spokes,
    ...(data.terraformCloud ? { terraformCloud: data.terraformCloud } : {}),
    tags: data.tags,
    policySuppressions: data.policySuppressions,
    customServices: data.customServices,
    quotas: data.quotas,
  };
});

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Where an issue is; zod reports an object's unknown keys as one issue at the object, each key is its own path. */
function issuePaths(issue: {
  path?: readonly PropertyKey[];
  code?: string;
  keys?: readonly string[];
}): Path[] {
  const path = (issue.path ?? []).map((segment) => (typeof segment === "number" ? segment : String(segment)));
  return issue.code === "unrecognized_keys" && issue.keys ? issue.keys.map((key) => [...path, key]) : [path];
}

/** config/schema.json, as scripts/write-config-schema.ts writes it (draft-07: what most editors support). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(ConfigSchema, { io: "input", target: "draft-07" }), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Checking

type Path = readonly (string | number)[];

/** A problem before formatting: the path stays a list so callers can ask what lies under it. */
export interface PathIssue {
  readonly path: Path;
  readonly message: string;
}

/** A value checked against a schema: its output, or every issue with its path. */
export type SchemaCheck<Output> =
  | { readonly success: true; readonly data: Output }
  | { readonly success: false; readonly issues: PathIssue[] };

/** Runs the configuration schema, rules and normalization included; see checkAgainst. */
export function checkSchema(input: unknown): SchemaCheck<z.output<typeof VpceShareConfigSchema>> {
  return checkAgainst(VpceShareConfigSchema, input);
}

/**
 * Runs a schema of one of the project's files and turns zod's issues into messages that show the
 * value and what would be valid.
 */
export function checkAgainst<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): SchemaCheck<z.output<Schema>> {
  const result = schema.safeParse(input, { error: messageFor });
  if (result.success) return { success: true, data: result.data };
  // zod runs length checks on anything with a length, so a string where a list belongs also fails
  // "2 to 6 items"; a value of the wrong type should get one message, about its type.
  const pathKey = (issue: z.core.$ZodIssue) => JSON.stringify(issue.path);
  const mistyped = new Set(result.error.issues.filter((issue) => issue.code === "invalid_type").map(pathKey));
  return {
    success: false,
    issues: result.error.issues
      .filter((issue) => issue.code === "invalid_type" || !mistyped.has(pathKey(issue)))
      .flatMap((issue) => {
        // zod reports an object's unknown keys as one issue; messageFor wrote one line per key.
        const paths = issuePaths(issue);
        const lines = paths.length > 1 ? issue.message.split("\n") : [issue.message];
        return paths.map((path, i) => ({ path, message: lines[i] }));
      }),
  };
}

/** Messages for the issues that the schema's own checks do not word (types, unknown keys, bad keys). */
function messageFor(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case "invalid_type": {
      const expected = article(issue.expected === "record" ? "object" : issue.expected);
      if (issue.input === undefined) {
        const description = issue.inst && z.globalRegistry.get(issue.inst as z.ZodType)?.description;
        return `is missing; expected ${expected}${description ? ` (${description})` : ""}`;
      }
      if (issue.input === null) return `null is not allowed; expected ${expected}`;
      return `${quote(issue.input)} is ${article(Array.isArray(issue.input) ? "array" : typeof issue.input)}; expected ${expected}`;
    }
    case "unrecognized_keys": {
      const allowed = issue.inst instanceof z.ZodObject ? Object.keys(issue.inst.shape) : [];
      return issue.keys.map((key) => unknownKeyMessage(key, allowed)).join("\n");
    }
    case "invalid_key":
      return issue.issues.map((inner) => inner.message).join("; ");
    default:
      // Every check above words its own message; this is a fallback should zod add a new kind.
      return `${quote(issue.input)} is not valid (${issue.code})`;
  }
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  // The catalog's suggester ranks any names by edit distance, not only services. It lowercases the
  // name typed but not the candidates, so compare with lowercased keys and map back.
  const lower = allowed.map((name) => name.toLowerCase());
  const near = suggestServices(key, lower).map((name) => allowed[lower.indexOf(name)]);
  const guess = near.length > 0 ? ` (did you mean ${near.map(quote).join(" or ")}?)` : "";
  return `unknown key ${quote(key)}${guess}; allowed keys: ${allowed.map(quote).join(", ")}`;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
