/**
 * One spoke region of a Route 53 Profile hub: associates the hub's Profile (shared through RAM) with
 * every listed VPC, once per VPC. The VPC's own Resolver then answers from what the Profile holds.
 *
 * Nothing here depends on the hub's services: adding a service to the Profile changes the hub only, and
 * every spoke workspace stays byte for byte the same.
 */
import { Construct, TerraformIterator, TerraformProvider } from "../../framework";
import { HUB_OUTPUTS } from "../hub-outputs";
import { Route53ProfilesAssociation } from "../../framework/aws";
import {
  fixedLocal,
  guardHubOutput,
  HubWorkspace,
  idsByKey,
  MISSING_FROM_HUB_STATE,
  sortedList,
} from "./association-parts";

/** `vpce-share-vpc-0123456789abcdef0`: the name of a VPC's Profile association. */
export function profileAssociationName(vpcId: string): string {
  return `vpce-share-${vpcId}`;
}

export interface ProfileAssociationProps {
  /** VPCs of the spoke in this region. A VPC takes one Profile: AWS refuses a second. */
  readonly vpcIds: readonly string[];
  /** The hub's `route53_profile_id`, typically read from remote state. */
  readonly profileId: string;
  /** @default - the default AWS provider (in a generated module: the caller's) */
  readonly provider?: TerraformProvider;
  /**
   * Terraform name of the association resource and its local (`aws_route53profiles_association.<name>`).
   * @default "this"
   */
  readonly name?: string;
  /** @default - no tags */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The hub workspace that publishes `profileId`: given, this workspace can be destroyed without its hub
   * (see HubWorkspace).
   * @default - a hub state without a Profile id fails plan and destroy alike
   */
  readonly hubWorkspace?: HubWorkspace;
}

export class ProfileAssociation extends Construct {
  /** Terraform expression: association id per VPC id. */
  public readonly associationIds: string;

  constructor(scope: Construct, id: string, props: ProfileAssociationProps) {
    super(scope, id);
    const name = props.name ?? "this";
    const vpcIds = fixedLocal(this, name, "vpcIds", sortedList("vpc", props.vpcIds));
    const each = TerraformIterator.fromList(vpcIds.asList);
    const resource = new Route53ProfilesAssociation(this, "Resource", {
      provider: props.provider,
      forEach: each,
      name: profileAssociationName(each.key),
      profileId: props.profileId,
      resourceId: each.key,
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
    resource.overrideLogicalId(name);
    if (props.hubWorkspace) {
      guardHubOutput(resource, props.hubWorkspace, {
        output: HUB_OUTPUTS.route53ProfileId,
        standIn: MISSING_FROM_HUB_STATE,
        value: props.profileId,
        what: "Route 53 Profile",
        why: `its state has no ${HUB_OUTPUTS.route53ProfileId.name} output: not applied yet, or not since the region moved to a Profile, or destroyed first`,
      });
    }
    this.associationIds = idsByKey(resource, name);
  }
}
