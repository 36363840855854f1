/**
 * One spoke region: associates every shared resolver rule of that region's hub with every listed VPC.
 *
 * The association keys (`"<vpc id>/<zone domain>"`) come from values the caller fixes (VPC ids and the
 * hub's zone domains), so they are known at plan time even though the rule ids are not, and adding or
 * removing a VPC or a service touches only its own associations.
 */
import {
  Construct,
  FRAMEWORK,
  Fn,
  Op,
  TerraformIterator,
  TerraformLocal,
  TerraformProvider,
  TerraformRemoteState,
  Token,
} from "../../framework";
import { HUB_OUTPUTS } from "../hub-outputs";
import { Route53ResolverRuleAssociation } from "../../framework/aws";

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
   * The hub workspace that publishes `resolverRuleIds` (its remote state and stack name), and the name of
   * the workspace this construct is in. Given, this workspace can be destroyed without its hub: when the
   * hub's state has no rule ids (destroyed first, or not applied yet), the remote state's defaults stand
   * in for them, so that `terraform destroy` (which first plans as if applying) can evaluate the
   * associations, and a precondition, which a destroy only warns about, stops any other plan with a
   * message that says what to run. The stand-in never reaches AWS.
   * @default - a hub state without rule ids fails plan and destroy alike
   */
  readonly hubWorkspace?: {
    readonly state: TerraformRemoteState;
    readonly stackName: string;
    readonly spokeStackName: string;
  };
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
    const vpcIds = sortedList("vpc", props.vpcIds);
    const domains = props.domains && sortedList("domain", props.domains);

    // Terraform pairs every VPC with every domain, so the output holds two short lists per region
    // rather than one entry per association (a thousand spokes would otherwise write ~30 MiB more).
    const fixedLocal = (suffix: string, value: unknown) => {
      const local = new TerraformLocal(this, suffix, value);
      local.overrideLogicalId(`${suffix}_${name}`);
      return local;
    };
    fixedLocal("vpc_ids", vpcIds);
    fixedLocal("domains", domains ?? Fn.keys(props.resolverRuleIds));
    const key = associationKey("${pair[0]}", "${pair[1]}");
    const local = fixedLocal(
      "associations",
      `\${{ for pair in setproduct(local.vpc_ids_${name}, local.domains_${name}) : "${key}" => { vpc_id = pair[0], domain = pair[1] } }}`,
    );
    const each = TerraformIterator.fromMap(local.asAnyMap);
    const ruleId = Fn.lookup(props.resolverRuleIds, each.getString("domain"));
    const resource = new Route53ResolverRuleAssociation(this, "Resource", {
      provider: props.provider,
      forEach: each,
      vpcId: each.getString("vpc_id"),
      resolverRuleId: ruleId,
    });
    resource.overrideLogicalId(name);
    if (props.hubWorkspace) {
      const { state, stackName: hub, spokeStackName: spoke } = props.hubWorkspace;
      state.addOverride("defaults", {
        [HUB_OUTPUTS.resolverRuleIds.name]:
          `\${{ for domain in local.domains_${name} : domain => "${MISSING_RULE}" }}`,
      });
      resource.addOverride("lifecycle.precondition", [
        {
          condition: Op.neq(ruleId, MISSING_RULE),
          error_message:
            `${hub} publishes no resolver rules (its state has no outputs: not applied yet, or destroyed first):` +
            ` apply ${hub} first (npx ${FRAMEWORK.cli} deploy ${hub}).` +
            ` Tearing down, destroy ${spoke} before ${hub}: npx ${FRAMEWORK.cli} destroy ${spoke}`,
        },
      ]);
    }
    this.associationIds = `\${{ for key, association in ${resource.terraformResourceType}.${name} : key => association.id }}`;
  }
}

/** Stands in for the rule ids of a hub state without outputs (see SpokeAssociationProps.hubWorkspace). */
const MISSING_RULE = "missing-from-hub-state";

/**
 * A list the caller fixes, sorted (reordering the configuration leaves the output byte-identical), and
 * refused with the value listed twice (Terraform would stop at a duplicate object key). Lists only
 * Terraform knows (a module's variables) are left to Terraform.
 */
function sortedList(what: string, list: readonly string[]): readonly string[] {
  if (Token.isUnresolved(list) || list.some((item) => Token.isUnresolved(item))) return list;
  const seen = new Set<string>();
  const duplicate = list.find((item) => seen.size === seen.add(item).size);
  if (duplicate !== undefined) throw new SpokeAssociationError(`${what} ${duplicate} is listed twice`);
  return [...list].sort();
}

/** The key of one association, `"<vpc id>/<zone domain>"` (also as a Terraform template of `pair`). */
export function associationKey(vpcId: string, domain: string): string {
  return `${vpcId}/${domain}`;
}
