/**
 * What every spoke association construct shares, whatever the region's sharing mechanism: literal lists
 * the caller fixes (sorted, refused when an item is listed twice) in locals named per region, the
 * `"<vpc id>/<zone domain>"` pairing of two such lists, and the guard that lets a spoke workspace be
 * destroyed without its hub.
 */
import {
  Construct,
  FRAMEWORK,
  Op,
  TerraformIterator,
  TerraformLocal,
  TerraformRemoteState,
  TerraformResource,
  Token,
} from "../../framework";
import type { HubOutputDefinition } from "../hub-outputs";

export class SpokeAssociationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpokeAssociationError";
  }
}

/**
 * The hub workspace that publishes what a spoke association reads (its remote state and stack name), and
 * the name of the workspace the association is in. Given, that workspace can be destroyed without its
 * hub: when the hub's state lacks the output (destroyed first, or not applied yet), the remote state's
 * defaults stand in for it, so that `terraform destroy` (which first plans as if applying) can evaluate
 * the associations, and a precondition, which a destroy only warns about, stops any other plan with a
 * message that says what to run. The stand-in never reaches AWS.
 */
export interface HubWorkspace {
  readonly state: TerraformRemoteState;
  readonly stackName: string;
  readonly spokeStackName: string;
}

/** Stands in for the ids of a hub state without the output (see HubWorkspace). */
export const MISSING_FROM_HUB_STATE = "missing-from-hub-state";

/**
 * A list the caller fixes, sorted (reordering the configuration leaves the output byte-identical), and
 * refused with the value listed twice (Terraform would stop at a duplicate object key). Lists only
 * Terraform knows (a module's variables) are left to Terraform.
 */
export function sortedList(what: string, list: readonly string[]): readonly string[] {
  if (Token.isUnresolved(list) || list.some((item) => Token.isUnresolved(item))) return list;
  const seen = new Set<string>();
  const duplicate = list.find((item) => seen.size === seen.add(item).size);
  if (duplicate !== undefined) throw new SpokeAssociationError(`${what} ${duplicate} is listed twice`);
  return [...list].sort();
}

/**
 * The locals of a spoke association named `name` (one per region in a spoke stack), by what they hold:
 * `local.<prefix>_<name>` (`vpc_ids_eu_west_3`). verify reads the VPCs and domains back from the stacks.
 */
const REGION_LOCALS = { vpcIds: "vpc_ids", domains: "domains", associations: "associations" } as const;
export type RegionLocal = keyof typeof REGION_LOCALS;

/** `vpc_ids_eu_west_3`: the name of the local of `what` of the spoke association named `name`. */
export function regionLocalName(what: RegionLocal, name: string): string {
  return `${REGION_LOCALS[what]}_${name}`;
}

/** The local of `what` of the spoke association named `name` (`vpc_ids_eu_west_3`). */
export function fixedLocal(
  scope: Construct,
  name: string,
  what: RegionLocal,
  value: unknown,
): TerraformLocal {
  const local = new TerraformLocal(scope, REGION_LOCALS[what], value);
  local.overrideLogicalId(regionLocalName(what, name));
  return local;
}

/** The key of one association, `"<vpc id>/<zone domain>"` (also as a Terraform template of `pair`). */
export function associationKey(vpcId: string, domain: string): string {
  return `${vpcId}/${domain}`;
}

/**
 * Every VPC paired with every domain, keyed `"<vpc id>/<zone domain>"`, as an iterator over
 * `{ vpc_id, domain }`. Terraform pairs the two lists, so the output holds two short lists per region
 * rather than one entry per association (a thousand spokes would otherwise write ~30 MiB more); the
 * keys are known at plan time, and adding a VPC or a domain touches only its own associations.
 */
export function vpcDomainPairs(
  scope: Construct,
  name: string,
  vpcIds: readonly string[],
  domains: unknown,
): ReturnType<typeof TerraformIterator.fromMap> {
  fixedLocal(scope, name, "vpcIds", vpcIds);
  fixedLocal(scope, name, "domains", domains);
  const key = associationKey("${pair[0]}", "${pair[1]}");
  const [vpcs, domainList] = [regionLocalName("vpcIds", name), regionLocalName("domains", name)];
  const local = fixedLocal(
    scope,
    name,
    "associations",
    `\${{ for pair in setproduct(local.${vpcs}, local.${domainList}) : "${key}" => { vpc_id = pair[0], domain = pair[1] } }}`,
  );
  return TerraformIterator.fromMap(local.asAnyMap);
}

export interface HubOutputGuard {
  /** The hub output the association reads. */
  readonly output: Pick<HubOutputDefinition, "name">;
  /** What the remote state's defaults hold for it: the stand-in, in the output's shape. */
  readonly standIn: unknown;
  /** The value each association instance reads from it (the stand-in when the hub state lacks it). */
  readonly value: string;
  /** What the hub publishes, for the message: `resolver rules`. */
  readonly what: string;
  /** Why the hub's state may lack it, for the message. */
  readonly why: string;
}

/** The stand-in of a hub output keyed by the domains of the association named `name` (see HubWorkspace). */
export function standInByDomain(name: string): string {
  return `\${{ for domain in local.${regionLocalName("domains", name)} : domain => "${MISSING_FROM_HUB_STATE}" }}`;
}

/** Makes `resource` destroyable without its hub, and stops any other plan that would read the stand-in. */
export function guardHubOutput(resource: TerraformResource, hub: HubWorkspace, guard: HubOutputGuard): void {
  const { stackName, spokeStackName: spoke } = hub;
  hub.state.addOverride("defaults", { [guard.output.name]: guard.standIn });
  resource.addOverride("lifecycle.precondition", [
    {
      condition: Op.neq(guard.value, MISSING_FROM_HUB_STATE),
      error_message:
        `${stackName} publishes no ${guard.what} (${guard.why}):` +
        ` apply ${stackName} first (npx ${FRAMEWORK.cli} deploy ${stackName}).` +
        ` Tearing down, destroy ${spoke} before ${stackName}: npx ${FRAMEWORK.cli} destroy ${spoke}`,
    },
  ]);
}

/** Terraform expression: the id of every instance of `resource`, by key. */
export function idsByKey(resource: TerraformResource, name: string): string {
  return `\${{ for key, association in ${resource.terraformResourceType}.${name} : key => association.id }}`;
}
