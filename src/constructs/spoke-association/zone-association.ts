/**
 * One spoke region of a cross-account zone association hub: associates every private hosted zone of the
 * hub with every listed VPC (the hub authorizes each pair first).
 *
 * The keys (`"<vpc id>/<zone domain>"`) come from values the caller fixes, so they are known at plan time
 * even though the zone ids are not, and adding or removing a VPC or a service touches only its own
 * associations.
 */
import { Construct, Fn, TerraformProvider } from "../../framework";
import { HUB_OUTPUTS } from "../hub-outputs";
import { Route53ZoneAssociation } from "../../framework/aws";
import {
  guardHubOutput,
  HubWorkspace,
  idsByKey,
  standInByDomain,
  sortedList,
  vpcDomainPairs,
} from "./association-parts";

export interface ZoneAssociationProps {
  /** VPCs of the spoke in this region. */
  readonly vpcIds: readonly string[];
  /** The hub's `private_hosted_zone_ids` map (zone domain -> zone id), typically read from remote state. */
  readonly privateHostedZoneIds: unknown;
  /**
   * The zone domains the hub shares (keys of the hub's `private_hosted_zone_ids`).
   * @default - the keys of `privateHostedZoneIds`, as Terraform sees them (known at plan time when the
   * hub's zones are keyed by domain, even before they exist)
   */
  readonly domains?: readonly string[];
  /** @default - the default AWS provider (in a generated module: the caller's) */
  readonly provider?: TerraformProvider;
  /**
   * Terraform name of the association resource and its locals (`aws_route53_zone_association.<name>`).
   * @default "this"
   */
  readonly name?: string;
  /**
   * The hub workspace that publishes `privateHostedZoneIds`: given, this workspace can be destroyed
   * without its hub (see HubWorkspace).
   * @default - a hub state without zone ids fails plan and destroy alike
   */
  readonly hubWorkspace?: HubWorkspace;
}

export class ZoneAssociation extends Construct {
  /** Terraform expression: association id per key. */
  public readonly associationIds: string;

  constructor(scope: Construct, id: string, props: ZoneAssociationProps) {
    super(scope, id);
    const name = props.name ?? "this";
    const vpcIds = sortedList("vpc", props.vpcIds);
    const domains = props.domains && sortedList("domain", props.domains);

    const each = vpcDomainPairs(this, name, vpcIds, domains ?? Fn.keys(props.privateHostedZoneIds));
    const zoneId = Fn.lookup(props.privateHostedZoneIds, each.getString("domain"));
    const resource = new Route53ZoneAssociation(this, "Resource", {
      provider: props.provider,
      forEach: each,
      vpcId: each.getString("vpc_id"),
      zoneId,
    });
    resource.overrideLogicalId(name);
    if (props.hubWorkspace) {
      guardHubOutput(resource, props.hubWorkspace, {
        output: HUB_OUTPUTS.privateHostedZoneIds,
        standIn: standInByDomain(name),
        value: zoneId,
        what: "private hosted zones",
        why: `its state has no ${HUB_OUTPUTS.privateHostedZoneIds.name} output: not applied yet, or destroyed first`,
      });
    }
    this.associationIds = idsByKey(resource, name);
  }
}
