/**
 * Generates the configuration file of an organization at platform-team scale, for the synthesis
 * benchmark (scripts/bench/bench.ts): 20 hub regions of the aws partition with 30 services each, and
 * any number of spokes, each in 3 of those regions with 2 VPCs per region.
 *
 * Every id is well-formed and distinct where AWS requires it (accounts, VPCs, subnets), the pinned
 * resolver IPs are inside organization.cidrs, and every service is in the catalog with private DNS names
 * in every one of the regions, so the file passes `loadConfig` exactly as a user's file would.
 */
import type { ConfigInput } from "../../src/config/config-schema";
import type { SharingMechanism } from "../../src/topology/sharing-mechanism";

/** Real region codes of the aws partition (the partition of the organization below). */
export const BENCH_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "eu-south-1",
  "af-south-1",
  "me-south-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

/**
 * Short names from the catalog, the usual set a platform team centralizes. Several have more than one
 * private DNS name (lambda, athena, rds, monitoring: `<svc>.<r>.api.aws`; kinesis-streams: two
 * wildcards), ecr.dkr and execute-api are wildcards, and ec2 and monitoring have more names in us-east-1
 * (`ec2.<r>.api.aws`, the monitoring-fips pair): 36 zones per region, 39 there.
 */
export const BENCH_SERVICES = [
  "ec2",
  "ec2messages",
  "ssm",
  "ssmmessages",
  "sts",
  "kms",
  "logs",
  "monitoring",
  "ecr.api",
  "ecr.dkr",
  "ecs",
  "ecs-agent",
  "ecs-telemetry",
  "secretsmanager",
  "sns",
  "sqs",
  "events",
  "lambda",
  "elasticloadbalancing",
  "autoscaling",
  "cloudformation",
  "execute-api",
  "kinesis-streams",
  "kinesis-firehose",
  "states",
  "glue",
  "athena",
  "rds",
  "elasticfilesystem",
  "codebuild",
] as const;

export const FULL_SCALE_SPOKES = 1000;

export interface OrganizationShape {
  /** Spoke accounts, one spoke (stack) each. */
  readonly spokes: number;
  /** @default 20 */
  readonly regions?: number;
  /** @default 30 */
  readonly servicesPerRegion?: number;
  /** @default 3 */
  readonly regionsPerSpoke?: number;
  /** @default 2 */
  readonly vpcsPerSpokeRegion?: number;
  /** How every hub region shares. @default "resolver-rules" */
  readonly mechanism?: SharingMechanism;
}

const ORGANIZATION_ARN = "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5";

/** `<prefix>` + `n` in hex, 17 hex digits in all: the long form of VPC and subnet ids. */
function hexId(prefix: string, kind: string, n: number): string {
  return `${prefix}${kind}${n.toString(16).padStart(16, "0")}`;
}

/** The spoke name of spoke `i` (0-based): `team-0001`. */
export function spokeName(i: number): string {
  return `team-${String(i + 1).padStart(4, "0")}`;
}

/** The configuration file's content (what a user writes), deterministic for a given shape. */
export function organizationConfig(shape: OrganizationShape): ConfigInput {
  const regionCount = shape.regions ?? BENCH_REGIONS.length;
  const serviceCount = shape.servicesPerRegion ?? BENCH_SERVICES.length;
  const regionsPerSpoke = shape.regionsPerSpoke ?? 3;
  const vpcsPerSpokeRegion = shape.vpcsPerSpokeRegion ?? 2;
  if (regionCount > BENCH_REGIONS.length || serviceCount > BENCH_SERVICES.length) {
    throw new Error(`at most ${BENCH_REGIONS.length} regions and ${BENCH_SERVICES.length} services`);
  }
  if (regionsPerSpoke > regionCount) throw new Error("a spoke cannot have more regions than the hub");
  if (shape.spokes > 9999) throw new Error("at most 9,999 spokes");
  const regions = BENCH_REGIONS.slice(0, regionCount);
  const services = [...BENCH_SERVICES.slice(0, serviceCount)];

  // Hub VPC ids start with "a", spoke VPC ids with "b": never equal, as the loader requires.
  const hubRegions: ConfigInput["hub"]["regions"] = {};
  regions.forEach((region, r) => {
    const rules = (shape.mechanism ?? "resolver-rules") === "resolver-rules";
    hubRegions[region] = {
      vpcId: hexId("vpc-", "a", r),
      subnetIds: [hexId("subnet-", "a", 2 * r), hexId("subnet-", "a", 2 * r + 1)],
      // Only resolver rules have an inbound endpoint; the rules-mode file stays as it always was.
      ...(rules ? { inboundResolverIps: [`10.${r + 1}.1.10`, `10.${r + 1}.2.10`] } : {}),
      services,
      ...(rules ? {} : { mechanism: shape.mechanism }),
    };
  });

  const spokes: NonNullable<ConfigInput["spokes"]> = {};
  let vpc = 0;
  for (let i = 0; i < shape.spokes; i++) {
    // Spread the spokes evenly over the regions: spoke i uses regions i, i+1, ... (mod the region count).
    const spokeRegions: Record<string, { vpcIds: string[] }> = {};
    for (let k = 0; k < regionsPerSpoke; k++) {
      const region = regions[(i + k) % regionCount];
      spokeRegions[region] = {
        vpcIds: Array.from({ length: vpcsPerSpokeRegion }, () => hexId("vpc-", "b", vpc++)),
      };
    }
    spokes[spokeName(i)] = {
      accountId: String(200_000_000_000 + i + 1),
      regions: spokeRegions,
    };
  }

  return {
    organization: { arn: ORGANIZATION_ARN, cidrs: ["10.0.0.0/8"] },
    hub: { accountId: "111111111111", regions: hubRegions },
    spokes,
    tags: { owner: "network-team", "cost-center": "platform" },
    // 20 regions of 35 zones (36 in us-east-1) are 701 hosted zones in the hub account: more than AWS's
    // default of 500, so the organization declares the quota AWS raised for it, as a user's file would.
    quotas: { hostedZonesPerAccount: 1000 },
  };
}
