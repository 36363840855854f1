/**
 * What `verify --live` reports beside the matrix: every difference between what is deployed and what the
 * configuration says should exist, each with its account, region, resource and what to do; and the checks
 * that every mechanism shares (a resource's RAM share).
 */
import type { Topology } from "../../topology/topology";

export type DifferenceKind = "missing" | "extra" | "stale" | "conflicting";

export interface Difference {
  readonly kind: DifferenceKind;
  readonly account: string;
  readonly region: string;
  /** The resource's id, or what is missing (`resolver rule vpce-share-ec2-eu-west-3-amazonaws-com`). */
  readonly resource: string;
  readonly problem: string;
  readonly fix: string;
}

/** Records one difference of the account and region being checked. */
export type AddDifference = (kind: DifferenceKind, resource: string, problem: string, fix: string) => void;

/**
 * A hub resource that spokes associate (a resolver rule, a Route 53 Profile) against its RAM shares: in an
 * active share with a principal (missing otherwise: no spoke account can associate it), and with every
 * configured principal (stale otherwise). `what` names it in the problem (`the rule of <domain>`).
 */
export function shareDifferences(
  topology: Topology,
  sharedWith: ReadonlyMap<string, readonly string[]>,
  resource: { readonly id: string; readonly arn: string; readonly what: string },
  fix: string,
  add: AddDifference,
): void {
  const principals = sharedWith.get(resource.arn) ?? [];
  if (principals.length === 0) {
    add(
      "missing",
      `ram share of ${resource.id}`,
      `${resource.what} is in no active ram share with a principal: no spoke account can associate it`,
      fix,
    );
    return;
  }
  const absent = topology.hub.shareWith.filter((p) => !principals.includes(p));
  if (absent.length > 0) {
    add(
      "stale",
      `ram share of ${resource.id}`,
      `${resource.what} is shared with ${principals.join(", ")}, not with ${absent.join(", ")}`,
      fix,
    );
  }
}
