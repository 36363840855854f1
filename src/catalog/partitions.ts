/**
 * AWS partitions: which regions belong to which, and how names differ between them.
 * The catalog stores names as they are in the `aws` partition; `inPartition` rewrites them.
 */
export type PartitionName = "aws" | "aws-cn" | "aws-us-gov";

export interface Partition {
  readonly name: PartitionName;
  /** Suffix of the classic service names: `ec2.<region>.<dnsSuffix>`. */
  readonly dnsSuffix: string;
  /** Suffix rewrites applied to `aws`-partition names (longest match first). */
  readonly suffixRewrites: ReadonlyArray<readonly [from: string, to: string]>;
  /**
   * Endpoint service names that differ from the `aws` partition's, per region. Regions not listed name
   * every service as the `aws` partition does (`com.amazonaws.<region>.<service>`).
   */
  readonly serviceNameExceptions: Readonly<Record<string, ServiceNameExceptions>>;
}

/** How one region names some services: a prefix other than `com.amazonaws.`, an extra suffix. */
export interface ServiceNameExceptions {
  /** Replaces `com.amazonaws.` for the services of `prefixed`. */
  readonly prefix: string;
  readonly prefixed: readonly string[];
  /** Appended to the service name: `transcribe` -> `cn.com.amazonaws.cn-north-1.transcribe.cn`. */
  readonly suffixed: Readonly<Record<string, string>>;
}

/**
 * China: only these services are named `cn.com.amazonaws.<region>.<service>`; every other one keeps
 * `com.amazonaws.<region>.<service>` (ssm, kms, logs, ...). Source: the aws-cdk's exception lists,
 * `getDefaultEndpointPrefix` and `getDefaultEndpointSuffix` in
 * packages/aws-cdk-lib/aws-ec2/lib/vpc-endpoint.ts (commit 000a9eb6dd93c8025d184934c66dee83868c8f28).
 * A fresh `describe-vpc-endpoint-services` in the region is the final word: declare a service it names
 * otherwise in customServices.
 */
const CN_COMMON = [
  "application-autoscaling",
  "appmesh-envoy-management",
  "athena",
  "autoscaling",
  "awsconnector",
  "backup",
  "batch",
  "cassandra",
  "cloudcontrolapi",
  "cloudformation",
  "codedeploy-commands-secure",
  "databrew",
  "dms",
  "ebs",
  "ec2",
  "ecr.api",
  "ecr.dkr",
  "eks",
  "elasticache",
  "elasticbeanstalk",
  "elasticfilesystem",
  "elasticfilesystem-fips",
  "emr-containers",
  "execute-api",
  "fsx",
  "imagebuilder",
  "iot.data",
  "kinesis-streams",
  "lambda",
  "license-manager",
  "monitoring",
  "rds",
  "redshift",
  "redshift-data",
  "s3",
  "sagemaker.api",
  "sagemaker.featurestore-runtime",
  "sagemaker.runtime",
  "securityhub",
  "servicecatalog",
  "sms",
  "sqs",
  "states",
  "sts",
  "sync-states",
  "synthetics",
  "transcribe",
  "transcribestreaming",
  "transfer",
  "xray",
];
const CHINA_SERVICE_NAMES: Readonly<Record<string, ServiceNameExceptions>> = {
  "cn-north-1": {
    prefix: "cn.com.amazonaws.",
    prefixed: [...CN_COMMON, "iotsitewise.api", "iotsitewise.data"].sort(),
    suffixed: { transcribe: ".cn" },
  },
  "cn-northwest-1": {
    prefix: "cn.com.amazonaws.",
    prefixed: [...CN_COMMON, "account", "polly", "workspaces"].sort(),
    suffixed: { transcribe: ".cn" },
  },
};

export const PARTITIONS: Readonly<Record<PartitionName, Partition>> = {
  aws: { name: "aws", dnsSuffix: "amazonaws.com", suffixRewrites: [], serviceNameExceptions: {} },
  // China: public names end in amazonaws.com.cn (api.aws names become api.amazonwebservices.com.cn);
  // some services' endpoint names start with cn.com.amazonaws (CHINA_SERVICE_NAMES).
  "aws-cn": {
    name: "aws-cn",
    dnsSuffix: "amazonaws.com.cn",
    suffixRewrites: [
      [".amazonaws.com", ".amazonaws.com.cn"],
      [".api.aws", ".api.amazonwebservices.com.cn"],
      [".sagemaker.aws", ".sagemaker.com.cn"],
    ],
    serviceNameExceptions: CHINA_SERVICE_NAMES,
  },
  // GovCloud names services and DNS names as the aws partition does (the aws-cdk lists no exception).
  "aws-us-gov": {
    name: "aws-us-gov",
    dnsSuffix: "amazonaws.com",
    suffixRewrites: [],
    serviceNameExceptions: {},
  },
};

/**
 * The DNS suffixes AWS names its regional services under, in every partition: `amazonaws.com`,
 * `api.aws`, `amazonaws.com.cn`, ... (`<service>.<region>.<suffix>`).
 */
export const AWS_DNS_SUFFIXES: readonly string[] = [
  ...new Set(
    Object.values(PARTITIONS).flatMap((partition) => [
      partition.dnsSuffix,
      ...partition.suffixRewrites.flatMap((pair) => pair.map((suffix) => suffix.replace(/^\./, ""))),
    ]),
  ),
];

/** Region codes as AWS spells them: `eu-west-3`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`. */
export const REGION_PATTERN =
  /^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9]$/;

export function isRegion(region: string): boolean {
  return REGION_PATTERN.test(region) && !/-iso[a-z]?-/.test(region);
}

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith("cn-")) return PARTITIONS["aws-cn"];
  if (region.startsWith("us-gov-")) return PARTITIONS["aws-us-gov"];
  return PARTITIONS.aws;
}

const AWS_PREFIX = "com.amazonaws.";

/** The endpoint service name of `service` in `region`, from its `aws`-partition name there. */
export function serviceNameInRegion(name: string, service: string, region: string): string {
  const exceptions = partitionOfRegion(region).serviceNameExceptions[region];
  if (!exceptions) return name;
  const prefixed =
    exceptions.prefixed.includes(service) && name.startsWith(AWS_PREFIX)
      ? exceptions.prefix + name.slice(AWS_PREFIX.length)
      : name;
  return (
    prefixed +
    (Object.prototype.hasOwnProperty.call(exceptions.suffixed, service) ? exceptions.suffixed[service] : "")
  );
}

/** Rewrites an `aws`-partition DNS name for `partition`. */
export function dnsNameInPartition(name: string, partition: Partition): string {
  for (const [from, to] of partition.suffixRewrites) {
    if (name.endsWith(from)) return name.slice(0, -from.length) + to;
  }
  return name;
}
