/**
 * One spoke region: associates every shared resolver rule of that region's hub with every listed VPC.
 *
 * The association keys (`"<vpc id>/<zone domain>"`) come from values the caller fixes (VPC ids and the
 * hub's zone domains), so they are known at plan time even though the rule ids are not, and adding or
 * removing a VPC or a service touches only its own associations.
 */
import { Construct } from "constructs";
import { Fn, TerraformIterator, TerraformLocal, TerraformProvider } from "cdktf";
import { Route53ResolverRuleAssociation } from "@cdktf/provider-aws/lib/route53-resolver-rule-association";

export interface SpokeAssociationProps {
  /** The provider of the spoke account in this region. */
  readonly provider: TerraformProvider;
  /** VPCs of the spoke in this region. Never the hub VPC: AWS refuses (RSLVR-00804), it would loop. */
  readonly vpcIds: readonly string[];
  /** The zone domains the hub shares a rule for (keys of the hub's `resolver_rule_ids`). */
  readonly domains: readonly string[];
  /** The hub's `resolver_rule_ids` map (zone domain -> rule id), typically read from remote state. */
  readonly resolverRuleIds: unknown;
  /**
   * Terraform name of the association resource and its local (`aws_route53_resolver_rule_association.<name>`).
   * @default "this"
   */
  readonly name?: string;
}

export class SpokeAssociationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpokeAssociationError";
  }
}

export class SpokeAssociation extends Construct {
  /** Association keys (`"<vpc id>/<zone domain>"`) in creation order. */
  public readonly keys: readonly string[];
  /** Terraform expression: association id per key. */
  public readonly associationIds: string;

  constructor(scope: Construct, id: string, props: SpokeAssociationProps) {
    super(scope, id);
    const name = props.name ?? "this";
    const duplicate = props.vpcIds.find((vpc, i) => props.vpcIds.indexOf(vpc) !== i);
    if (duplicate) throw new SpokeAssociationError(`vpc ${duplicate} is listed twice`);

    const associations = Object.fromEntries(
      props.vpcIds.flatMap((vpcId) =>
        props.domains.map((domain) => [associationKey(vpcId, domain), { vpc_id: vpcId, domain }]),
      ),
    );
    this.keys = Object.keys(associations);
    const local = new TerraformLocal(this, "associations", associations);
    local.overrideLogicalId(`associations_${name}`);
    const each = TerraformIterator.fromMap(local.asAnyMap);
    const resource = new Route53ResolverRuleAssociation(this, "Resource", {
      provider: props.provider,
      forEach: each,
      vpcId: each.getString("vpc_id"),
      resolverRuleId: Fn.lookup(props.resolverRuleIds, each.getString("domain")),
    });
    resource.overrideLogicalId(name);
    this.associationIds = `\${{ for key, association in ${resource.terraformResourceType}.${name} : key => association.id }}`;
  }
}

export function associationKey(vpcId: string, domain: string): string {
  return `${vpcId}/${domain}`;
}
