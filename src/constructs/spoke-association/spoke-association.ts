/**
 * One spoke region: associates every shared resolver rule of that region's hub with every listed VPC.
 *
 * The association keys (`"<vpc id>/<zone domain>"`) come from values the caller fixes (VPC ids and the
 * hub's zone domains), so they are known at plan time even though the rule ids are not, and adding or
 * removing a VPC or a service touches only its own associations.
 */
import { Construct, Fn, TerraformProvider } from "../../framework";
import { HUB_OUTPUTS } from "../hub-outputs";
import { Route53ResolverRuleAssociation } from "../../framework/aws";
import {
  guardHubOutput,
  HubWorkspace,
  idsByKey,
  standInByDomain,
  sortedList,
  vpcDomainPairs,
} from "./association-parts";

export { associationKey, regionLocalName, SpokeAssociationError } from "./association-parts";

export interface SpokeAssociationProps {
  /** @default - the default AWS provider (in a generated module: the caller's) */
  readonly provider?: TerraformProvider;
  /** VPCs of the spoke in this region. Never the hub VPC: AWS refuses (RSLVR-00804), it would loop. */
  readonly vpcIds: readonly string[];
  /**
   * The zone domains the hub shares a rule for (keys of the hub's `resolver_rule_ids`).
   * @default - the keys of `resolverRuleIds`, as Terraform sees them (known at plan time when the hub's
   * rules are keyed by domain, even before they exist)
   */
  readonly domains?: readonly string[];
  /** The hub's `resolver_rule_ids` map (zone domain -> rule id), typically read from remote state. */
  readonly resolverRuleIds: unknown;
  /**
   * Terraform name of the association resource and its local (`aws_route53_resolver_rule_association.<name>`).
   * @default "this"
   */
  readonly name?: string;
  /**
   * The hub workspace that publishes `resolverRuleIds`: given, this workspace can be destroyed without its
   * hub (see HubWorkspace).
   * @default - a hub state without rule ids fails plan and destroy alike
   */
  readonly hubWorkspace?: HubWorkspace;
}

export class SpokeAssociation extends Construct {
  /** Terraform expression: association id per key. */
  public readonly associationIds: string;

  constructor(scope: Construct, id: string, props: SpokeAssociationProps) {
    super(scope, id);
    const name = props.name ?? "this";
    const vpcIds = sortedList("vpc", props.vpcIds);
    const domains = props.domains && sortedList("domain", props.domains);

    const each = vpcDomainPairs(this, name, vpcIds, domains ?? Fn.keys(props.resolverRuleIds));
    const ruleId = Fn.lookup(props.resolverRuleIds, each.getString("domain"));
    const resource = new Route53ResolverRuleAssociation(this, "Resource", {
      provider: props.provider,
      forEach: each,
      vpcId: each.getString("vpc_id"),
      resolverRuleId: ruleId,
    });
    resource.overrideLogicalId(name);
    if (props.hubWorkspace) {
      guardHubOutput(resource, props.hubWorkspace, {
        output: HUB_OUTPUTS.resolverRuleIds,
        standIn: standInByDomain(name),
        value: ruleId,
        what: "resolver rules",
        why: "its state has no outputs: not applied yet, or destroyed first",
      });
    }
    this.associationIds = idsByKey(resource, name);
  }
}
