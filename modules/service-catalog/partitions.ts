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
  /** Rewrite of the `com.amazonaws.` service-name prefix, if the partition uses another one. */
  readonly serviceNamePrefix?: readonly [from: string, to: string];
}

export const PARTITIONS: Readonly<Record<PartitionName, Partition>> = {
  aws: { name: "aws", dnsSuffix: "amazonaws.com", suffixRewrites: [] },
  // China: most interface endpoint services are named `cn.com.amazonaws.<region>.<service>`, and the
  // public names end in amazonaws.com.cn (api.aws names become api.amazonwebservices.com.cn).
  "aws-cn": {
    name: "aws-cn",
    dnsSuffix: "amazonaws.com.cn",
    suffixRewrites: [
      [".amazonaws.com", ".amazonaws.com.cn"],
      [".api.aws", ".api.amazonwebservices.com.cn"],
      [".sagemaker.aws", ".sagemaker.com.cn"],
    ],
    serviceNamePrefix: ["com.amazonaws.", "cn.com.amazonaws."],
  },
  "aws-us-gov": { name: "aws-us-gov", dnsSuffix: "amazonaws.com", suffixRewrites: [] },
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

/** Rewrites an `aws`-partition DNS name or service name for `partition`. */
export function inPartition(name: string, partition: Partition, kind: "dns" | "serviceName"): string {
  if (kind === "serviceName") {
    const rewrite = partition.serviceNamePrefix;
    return rewrite && name.startsWith(rewrite[0]) ? rewrite[1] + name.slice(rewrite[0].length) : name;
  }
  for (const [from, to] of partition.suffixRewrites) {
    if (name.endsWith(from)) return name.slice(0, -from.length) + to;
  }
  return name;
}
