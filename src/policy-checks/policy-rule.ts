/**
 * Policy checks in the style of cdk-nag: each rule is a small pure function with a stable id, run over a
 * synthesized stack as Terraform will see it (resources expanded into their `for_each` instances).
 */
import type { StackModel } from "../terraform-model/terraform-model";

/** What the rules need to know beyond the stack itself. */
export interface PolicyContext {
  /** Whether a service (short name, the endpoint's `for_each` key) accepts a VPC endpoint policy. */
  readonly endpointPolicySupported: (service: string) => boolean;
  /** The organization (`o-...`) whose principals alone may use the endpoints. */
  readonly organizationId: string;
  /** The hub VPC of each hub region: forward rules must never be associated with one. */
  readonly hubVpcIds: ReadonlySet<string>;
  /** Tag keys every taggable resource must carry. */
  readonly requiredTags: readonly string[];
}

export interface Finding {
  /** The Terraform address of the resource instance. */
  readonly address: string;
  readonly message: string;
}

export interface PolicyRule {
  /** Stable id, used in reports and suppressions: `VPCE-<AREA>-<n>`. */
  readonly id: string;
  /** One line: what the rule enforces and why. */
  readonly description: string;
  readonly check: (stack: StackModel, context: PolicyContext) => Finding[];
}
