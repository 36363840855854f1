/**
 * What the code guarantees whatever the configuration says, asserted on Terraform's own plan (every
 * value known at plan time, `for_each` expanded): test/support/terraform.ts runs these on every plan the
 * suite makes, and a plan that breaks one fails its test. They are the plan-side proof of the policy
 * rules that no configuration can trigger (src/policy-checks/rules: VPCE-RAM-1, VPCE-RAM-2,
 * VPCE-TAG-1, VPCE-R53-1).
 */
import { PROFILE_RAM_PERMISSION } from "../../src/topology/sharing-mechanism";
import type { PlanJson, ResourceChangeJson } from "./terraform";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The instance's planned values that are known at plan time. */
const after = (change: ResourceChangeJson): Json =>
  isObject(change.change.after) ? change.change.after : {};

/** Whether the resource type takes tags (the provider's schema gives it a `tags` argument). */
const takesTags = (change: ResourceChangeJson): boolean =>
  "tags" in after(change) || (isObject(change.change.after_unknown) && "tags" in change.change.after_unknown);

/** Every guarantee the plan breaks, one line each; none for a sound plan. */
export function planGuaranteeViolations(plan: PlanJson): string[] {
  const changes = (plan.resource_changes ?? []).filter(
    (c) => c.mode === "managed" && !c.change.actions.every((a) => a === "delete" || a === "no-op"),
  );
  return [
    ...externalRamShares(changes),
    ...profileSharePermissions(changes),
    ...untaggedResources(changes),
    ...hubVpcAssociations(changes),
  ];
}

/** VPCE-RAM-1: a RAM share never allows principals outside the organization. */
function externalRamShares(changes: readonly ResourceChangeJson[]): string[] {
  return changes
    .filter((c) => c.type === "aws_ram_resource_share" && after(c).allow_external_principals !== false)
    .map(
      (c) =>
        `${c.address}: allow_external_principals is ${JSON.stringify(after(c).allow_external_principals)}, not false (VPCE-RAM-1)`,
    );
}

/** The Terraform name of a hub's RAM share of its Route 53 Profile (the mechanisms contract). */
export const PROFILE_SHARE_NAME = "profile";
/** AWS's managed permission that lets a consumer associate a shared Profile, in any partition. */
const PROFILE_PERMISSION_ARN = new RegExp(
  `^arn:aws(-[a-z]+)*:ram::aws:permission/${PROFILE_RAM_PERMISSION}$`,
);

/**
 * VPCE-RAM-2: a Profile's RAM share grants exactly the read-only association permission (VPCE-RAM-1
 * holds it to allow_external_principals = false like every share). Without `permission_arns` RAM would
 * grant the resource type's default permission, so an absent or empty list breaks it too.
 */
function profileSharePermissions(changes: readonly ResourceChangeJson[]): string[] {
  return changes
    .filter((c) => c.type === "aws_ram_resource_share" && c.name === PROFILE_SHARE_NAME)
    .filter((c) => {
      const arns = after(c).permission_arns;
      return !(Array.isArray(arns) && arns.length === 1 && PROFILE_PERMISSION_ARN.test(String(arns[0])));
    })
    .map(
      (c) =>
        `${c.address}: permission_arns is ${JSON.stringify(after(c).permission_arns ?? null)}, not [the ${PROFILE_RAM_PERMISSION} ARN] (VPCE-RAM-2)`,
    );
}

/**
 * VPCE-TAG-1: the configured tags reach every resource that takes tags, so every such resource of a plan
 * carries the same tags besides its own `Name`. A resource whose tags are only known after apply is
 * left out.
 */
function untaggedResources(changes: readonly ResourceChangeJson[]): string[] {
  const tagged = changes.filter(takesTags).flatMap((c) => {
    const tags = after(c).tags;
    if (tags !== null && !isObject(tags)) return []; // unknown until apply
    const shared = Object.entries(tags ?? {}).filter(([key]) => key !== "Name");
    return [{ address: c.address, shared: JSON.stringify(shared.sort()) }];
  });
  const counts = new Map<string, number>();
  for (const { shared } of tagged) counts.set(shared, (counts.get(shared) ?? 0) + 1);
  if (counts.size <= 1) return [];
  const [common] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return tagged
    .filter((t) => t.shared !== common)
    .map((t) => `${t.address}: tags ${t.shared} differ from the other resources' ${common} (VPCE-TAG-1)`);
}

/** VPCE-R53-1: no rule association with a VPC that holds the plan's endpoints (a hub VPC). */
function hubVpcAssociations(changes: readonly ResourceChangeJson[]): string[] {
  const hubVpcs = new Set(
    changes
      .filter((c) => c.type === "aws_vpc_endpoint" || c.type === "aws_security_group")
      .map((c) => after(c).vpc_id)
      .filter((v): v is string => typeof v === "string"),
  );
  return changes
    .filter(
      (c) => c.type === "aws_route53_resolver_rule_association" && hubVpcs.has(after(c).vpc_id as string),
    )
    .map((c) => `${c.address}: associates a rule with the hub VPC ${String(after(c).vpc_id)} (VPCE-R53-1)`);
}
