/**
 * The hub output contract: what every `hub-<region>` workspace publishes and spoke workspaces read
 * through Terraform remote state. The one definition of these names and shapes.
 */

/** Terraform type constraints as they appear in state files (`["map","string"]`). */
export type TerraformType = "string" | readonly ["map", "string"] | readonly ["list", "string"];

export interface HubOutputDefinition {
  /** The output name in the hub workspace. */
  readonly name: string;
  readonly type: TerraformType;
  readonly description: string;
}

export const HUB_OUTPUTS = {
  resolverRuleIds: {
    name: "resolver_rule_ids",
    type: ["map", "string"],
    description: "Forward resolver rule id per zone domain; spokes associate each with their VPCs.",
  },
  inboundResolverIps: {
    name: "inbound_resolver_ips",
    type: ["list", "string"],
    description: "IP addresses of the inbound resolver endpoint that every shared rule forwards to, sorted.",
  },
  endpointIds: {
    name: "endpoint_ids",
    type: ["map", "string"],
    description: "Interface VPC endpoint id per service short name.",
  },
  privateHostedZoneIds: {
    name: "private_hosted_zone_ids",
    type: ["map", "string"],
    description: "Private hosted zone id per zone domain, associated with the hub VPC.",
  },
  ramResourceShareArn: {
    name: "ram_resource_share_arn",
    type: "string",
    description: "ARN of the RAM resource share that shares every rule with the organization.",
  },
} as const satisfies Record<string, HubOutputDefinition>;

export type HubOutputKey = keyof typeof HUB_OUTPUTS;

/** The values a hub publishes, as TypeScript sees them (state fixtures, the verifier). */
export interface HubOutputValues {
  readonly resolverRuleIds: Readonly<Record<string, string>>;
  readonly inboundResolverIps: readonly string[];
  readonly endpointIds: Readonly<Record<string, string>>;
  readonly privateHostedZoneIds: Readonly<Record<string, string>>;
  readonly ramResourceShareArn: string;
}

export function hubStackName(region: string): string {
  return `hub-${region}`;
}

export function spokeStackName(spoke: string): string {
  return `spoke-${spoke}`;
}
