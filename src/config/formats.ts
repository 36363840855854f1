/**
 * The formats of the values that vpce-share reads: ARNs, account, organization, VPC and subnet ids,
 * IPv4 addresses and CIDRs, names. One definition each, used by the configuration schema
 * (config-schema.ts, and so config/schema.json), its cross-field rules (config-rules.ts), and the
 * Terraform modules' variable validations (src/terraform-modules/), so a module user is held to the
 * same formats as a configuration file. The capture groups of the ARN patterns are read by config-rules.ts.
 */
import { PARTITIONS } from "../catalog/partitions";

/** `^(?:a|b)$`, so alternatives built from the fragments below stay anchored. */
function anchored(...alternatives: string[]): RegExp {
  return new RegExp(`^(?:${alternatives.join("|")})$`);
}

/** Group: partition, one of the partitions the catalog knows. */
const PARTITION = `(${Object.keys(PARTITIONS).join("|")})`;
const ACCOUNT = "(\\d{12})";
const ORG_ID_LENGTH = { min: 10, max: 32 };
const ORG_ID = `(o-[a-z0-9]{${ORG_ID_LENGTH.min},${ORG_ID_LENGTH.max}})`;
const ORGANIZATION_ARN_BODY = `arn:${PARTITION}:organizations::${ACCOUNT}:organization/${ORG_ID}`;
const OU_ARN_BODY = `arn:${PARTITION}:organizations::${ACCOUNT}:ou/${ORG_ID}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}`;
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"; // no leading zeros: "010" is octal to some tools
const IPV4_BODY = `${OCTET}(?:\\.${OCTET}){3}`;
const DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";

/** Groups: partition, management account, organization id. */
export const ORGANIZATION_ARN = anchored(ORGANIZATION_ARN_BODY);
/** How messages describe an organization id and an organization ARN (the configuration's and the modules'). */
export const ORGANIZATION_ID_SHAPE = `"o-" and ${ORG_ID_LENGTH.min} to ${ORG_ID_LENGTH.max} lowercase letters or digits`;
export const ORGANIZATION_ARN_SHAPE = `"arn:<${Object.keys(PARTITIONS).join("|")}>:organizations::<12-digit management account id>:organization/o-<${ORG_ID_LENGTH.min} to ${ORG_ID_LENGTH.max} lowercase letters or digits>"`;
/** Groups: partition, management account, organization id. */
export const OU_ARN = anchored(OU_ARN_BODY);
/** Groups: partition, account. */
export const ROLE_ARN = anchored(`arn:${PARTITION}:iam::${ACCOUNT}:role/(?:[\\w+=,.@-]+/)*[\\w+=,.@-]{1,64}`);
// The patterns below are exported for the Terraform modules' variable validations (RE2 reads them too:
// no lookarounds or backreferences in them), so a module user is held to the same formats.
/** Group: organization id. Unanchored: finds the id in an organization or OU ARN. */
export const ORGANIZATION_ID_IN_ARN = new RegExp(ORG_ID);
export const ORGANIZATION_ID = anchored(ORG_ID);
export const ACCOUNT_ID = anchored(ACCOUNT);
export const SHARE_TARGET = anchored(ORGANIZATION_ARN_BODY, OU_ARN_BODY, ACCOUNT);
export const VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const SUBNET_ID = /^subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const IPV4 = anchored(IPV4_BODY);
export const IPV4_CIDR = anchored(`${IPV4_BODY}/(?:3[0-2]|[12]?\\d)`);
/** A policy suppression's reason, and the modules' counterpart, must be at least this long. */
export const SUPPRESSION_REASON_MIN_LENGTH = 20;
export const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]*$/;
export const CUSTOM_SERVICE_NAME = /^([A-Za-z0-9.-]|\{region\})*$/; // "" is refused as empty
/**
 * Where Route 53 Resolver can send query logs: a CloudWatch Logs group, an S3 bucket, a Firehose stream.
 * Groups: partition, service, region (empty for S3), account.
 */
export const QUERY_LOG_DESTINATION = anchored(
  `arn:${PARTITION}:(logs|s3|firehose):([a-z0-9-]*):${ACCOUNT}?:\\S+`,
);
export const SPOKE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const HOSTNAME = anchored(`(?:${DNS_LABEL}\\.)+${DNS_LABEL}`);
export const PRIVATE_DNS_NAME = anchored(`(?:\\*\\.)?(?:${DNS_LABEL}\\.)+${DNS_LABEL}`);
export const TFC_ORGANIZATION = /^[A-Za-z0-9_-]+$/;
export const TFC_WORKSPACE_PREFIX = /^[A-Za-z0-9_-]*$/;
export const NOT_AWS_PREFIX = /^(?![aA][wW][sS]:)/; // AWS reserves "aws:" in any case; JSON Schema patterns have no flags

// ---------------------------------------------------------------------------------------------------
// IPv4 arithmetic, for the schema's host-bits check and the CIDR membership rule in config-rules.ts.
// Plain arithmetic rather than bit operators, which are signed 32-bit in JavaScript.

function ipv4ToNumber(ip: string): number {
  return ip.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** First address and size of a CIDR that matched IPV4_CIDR. */
function cidrRange(cidr: string): { address: number; prefix: number; size: number } {
  const [ip, prefix] = cidr.split("/");
  return { address: ipv4ToNumber(ip), prefix: Number(prefix), size: 2 ** (32 - Number(prefix)) };
}

/** `10.1.2.3/8` -> `10.0.0.0/8`. */
export function canonicalCidr(cidr: string): string {
  const { address, prefix, size } = cidrRange(cidr);
  return `${numberToIpv4(address - (address % size))}/${prefix}`;
}

/** Whether `ip` is inside `cidr` (both already valid). */
export function cidrContains(cidr: string, ip: string): boolean {
  const { address, size } = cidrRange(cidr);
  const network = address - (address % size);
  const value = ipv4ToNumber(ip);
  return value >= network && value < network + size;
}
