/**
 * The hub output contract: what every `hub-<region>` workspace publishes and spoke workspaces read
 * through Terraform remote state. The one definition of these names and shapes, and of which sharing
 * mechanism publishes each.
 */
import { hubBuilds, HubSharing, SharingMechanism } from "../topology/sharing-mechanism";

/** Terraform type constraints as they appear in state files (`["map","string"]`). */
export type TerraformType = "string" | readonly ["map", "string"] | readonly ["list", "string"];

export interface HubOutputDefinition {
  /** The output name in the hub workspace. */
  readonly name: string;
  readonly type: TerraformType;
  readonly description: string;
  /** The mechanisms whose hubs publish it (also while they retire). */
  readonly publishedBy: readonly SharingMechanism[];
}

const ALL: readonly SharingMechanism[] = ["resolver-rules", "profile", "zone-association"];

export const HUB_OUTPUTS = {
  resolverRuleIds: {
    name: "resolver_rule_ids",
    type: ["map", "string"],
    description: "Forward resolver rule id per zone domain; spokes associate each with their VPCs.",
    publishedBy: ["resolver-rules"],
  },
  inboundResolverIps: {
    name: "inbound_resolver_ips",
    type: ["list", "string"],
    description: "IP addresses of the inbound resolver endpoint that every shared rule forwards to, sorted.",
    publishedBy: ["resolver-rules"],
  },
  endpointIds: {
    name: "endpoint_ids",
    type: ["map", "string"],
    description: "Interface VPC endpoint id per service short name.",
    publishedBy: ALL,
  },
  privateHostedZoneIds: {
    name: "private_hosted_zone_ids",
    type: ["map", "string"],
    description: "Private hosted zone id per zone domain, associated with the hub VPC.",
    publishedBy: ALL,
  },
  ramResourceShareArn: {
    name: "ram_resource_share_arn",
    type: "string",
    description: "ARN of the RAM resource share that shares every rule with the organization.",
    publishedBy: ["resolver-rules", "profile"],
  },
  route53ProfileId: {
    name: "route53_profile_id",
    type: "string",
    description:
      "Id of the Route 53 Profile shared with the organization; spokes associate it with each VPC.",
    publishedBy: ["profile"],
  },
} as const satisfies Record<string, HubOutputDefinition>;

export type HubOutputKey = keyof typeof HUB_OUTPUTS;

/** The values a hub publishes, as TypeScript sees them (state fixtures, the verifier). */
export interface HubOutputValues {
  readonly resolverRuleIds: Readonly<Record<string, string>>;
  readonly inboundResolverIps: readonly string[];
  readonly endpointIds: Readonly<Record<string, string>>;
  readonly privateHostedZoneIds: Readonly<Record<string, string>>;
  readonly ramResourceShareArn?: string;
  readonly route53ProfileId?: string;
}

/**
 * The outputs a hub publishes: those of its mechanism and of the retiring one, in contract order. A
 * hub that shares both rules and a Profile publishes the active mechanism's share as
 * `ram_resource_share_arn`.
 */
export function hubOutputKeys(sharing: HubSharing): HubOutputKey[] {
  return (Object.keys(HUB_OUTPUTS) as HubOutputKey[]).filter((key) =>
    HUB_OUTPUTS[key].publishedBy.some((mechanism) => hubBuilds(sharing, mechanism)),
  );
}

/** What an output is, in a hub of `mechanism` (the share's description names what it shares). */
export function hubOutputDescription(key: HubOutputKey, mechanism: SharingMechanism): string {
  if (key === "ramResourceShareArn" && mechanism === "profile") {
    return "ARN of the RAM resource share that shares the Route 53 Profile with the organization.";
  }
  if (key === "privateHostedZoneIds" && mechanism === "zone-association") {
    return "Private hosted zone id per zone domain; spokes associate each with their VPCs (the hub authorizes them).";
  }
  return HUB_OUTPUTS[key].description;
}

export function hubStackName(region: string): string {
  return `hub-${region}`;
}

export function spokeStackName(spoke: string): string {
  return `spoke-${spoke}`;
}
