/**
 * The three ways a hub region can publish its endpoints' DNS to the organization, and what each one
 * makes the hub and the spokes build (see ../shared/aws/SHARING-MODES.md and the README's "Sharing
 * mechanisms"):
 *
 * - `resolver-rules` (the default): our private hosted zones in the hub VPC, inbound and outbound
 *   Resolver endpoints, one FORWARD rule per zone shared by RAM; each spoke VPC associates every rule.
 * - `profile`: a Route 53 Profile shared by RAM, holding either our private hosted zones (`zones`) or
 *   the endpoints themselves with their private DNS on (`endpoints`); each spoke VPC associates the
 *   Profile once.
 * - `zone-association`: our private hosted zones, each authorized for every spoke VPC of the region;
 *   each spoke VPC associates every zone.
 *
 * While a region changes mechanism, the hub keeps the old one (`retiringMechanism`) beside the new one
 * until every spoke has moved: apply the hub, then the spokes, then the hub without the old one.
 */

export const SHARING_MECHANISMS = ["resolver-rules", "profile", "zone-association"] as const;
export type SharingMechanism = (typeof SHARING_MECHANISMS)[number];
export const DEFAULT_MECHANISM: SharingMechanism = "resolver-rules";

export const PROFILE_CONTENTS = ["zones", "endpoints"] as const;
export type ProfileContents = (typeof PROFILE_CONTENTS)[number];
export const DEFAULT_PROFILE_CONTENTS: ProfileContents = "zones";

/**
 * The AWS provider versions that apply a Profile holding interface endpoints: 5.x fails after apply
 * with "Provider produced inconsistent result after apply: .resource_properties" (hashicorp/
 * terraform-provider-aws issues 42489 and 43494, fixed in 6.3.0 by PR 42562).
 */
export const PROFILE_ENDPOINTS_PROVIDER_VERSION = ">= 6.3.0, < 7.0.0";

/** The RAM permission that lets a consumer associate a shared Profile with its own VPCs, and no more. */
export const PROFILE_RAM_PERMISSION = "AWSRAMPermissionRoute53ProfileAllowAssociation";

/** What a hub region builds: its active mechanism, and the retiring one while spokes move off it. */
export interface HubSharing {
  readonly mechanism: SharingMechanism;
  /** The mechanism the hub keeps beside `mechanism` until every spoke has moved. */
  readonly retiringMechanism?: SharingMechanism;
  /** What the Profile holds, when the hub has one (a retiring Profile holds zones). */
  readonly profileContents?: ProfileContents;
}

/** Whether the hub builds (or keeps, while retiring) `mechanism`. */
export function hubBuilds(sharing: HubSharing, mechanism: SharingMechanism): boolean {
  return sharing.mechanism === mechanism || sharing.retiringMechanism === mechanism;
}

/**
 * Whether the hub hosts its own private hosted zones: every mechanism but a Profile of endpoints (whose
 * private DNS names AWS hosts; our zones of the same names would conflict in the hub VPC).
 */
export function hubHostsZones(sharing: HubSharing): boolean {
  return (
    hubBuilds(sharing, "resolver-rules") ||
    hubBuilds(sharing, "zone-association") ||
    (hubBuilds(sharing, "profile") && sharing.profileContents !== "endpoints")
  );
}

/** `profile (endpoints)`, `resolver-rules`: how messages, the diagram and verify name a region's mechanism. */
export function mechanismLabel(sharing: Pick<HubSharing, "mechanism" | "profileContents">): string {
  return sharing.mechanism === "profile"
    ? `profile (${sharing.profileContents ?? DEFAULT_PROFILE_CONTENTS})`
    : sharing.mechanism;
}
