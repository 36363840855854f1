/**
 * One spoke region: associates every shared resolver rule of that region's hub with every listed VPC.
 *
 * The association keys (`"<vpc id>/<zone domain>"`) come from values the caller fixes (VPC ids and the
 * hub's zone domains), so they are known at plan time even though the rule ids are not, and adding or
 * removing a VPC or a service touches only its own associations.
 */
import { Construct } from "constructs";
import { Fn, TerraformIterator, TerraformLocal, TerraformProvider, Token } from "cdktf";
import { Route53ResolverRuleAssociation } from "@cdktf/provider-aws/lib/route53-resolver-rule-association";

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
}

export class SpokeAssociationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpokeAssociationError";
  }
}

export class SpokeAssociation extends Construct {
  /** Terraform expression: association id per key. */
  public readonly associationIds: string;

  constructor(scope: Construct, id: string, props: SpokeAssociationProps) {
    super(scope, id);
    const name = props.name ?? "this";
    const { vpcIds, domains } = props;
    const literal = domains !== undefined && !Token.isUnresolved(vpcIds) && !Token.isUnresolved(domains);
    const duplicate = literal ? vpcIds.find((vpc, i) => vpcIds.indexOf(vpc) !== i) : undefined;
    if (duplicate) throw new SpokeAssociationError(`vpc ${duplicate} is listed twice`);

    const fixedLocal = (suffix: string, value: unknown) =>
      new TerraformLocal(this, suffix, value).overrideLogicalId(`${suffix}_${name}`);
    let associations: unknown;
    if (literal) {
      associations = Object.fromEntries(
        vpcIds.flatMap((vpcId) =>
          domains.map((domain) => [associationKey(vpcId, domain), { vpc_id: vpcId, domain }]),
        ),
      );
    } else {
      // The same keys, computed by Terraform (`"<vpc id>/<zone domain>"`).
      fixedLocal("vpc_ids", vpcIds);
      fixedLocal("domains", domains ?? Fn.keys(props.resolverRuleIds));
      associations = `\${{ for pair in setproduct(local.vpc_ids_${name}, local.domains_${name}) : "\${pair[0]}/\${pair[1]}" => { vpc_id = pair[0], domain = pair[1] } }}`;
    }
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
