/**
 * Policy rules in the style of cdk-nag: each rule is small, has a stable id (`VPCE-<AREA>-<n>`), and lives
 * in a file of its own. A rule that a configuration can break is a check of the topology, run before any
 * stack is built; a rule the code keeps whatever the configuration says names what keeps it (construct
 * tests, and test/support/plan-guarantees.ts over the plan of every stack the suite plans).
 */
import type { Topology } from "../topology/topology";

/** What a configuration check found: where it comes from in the configuration, and where it would land. */
export interface Finding {
  /** The stack the finding would land in (`hub-eu-west-3`). */
  readonly stack: string;
  /** The Terraform address of the resource instance it would land at. */
  readonly address: string;
  /** The configuration path that causes it (`hub.endpointPolicies.sts`, `organization.cidrs[1]`). */
  readonly configPath: string;
  /** Starts with the configuration path. */
  readonly message: string;
}

interface RuleBase {
  /** Stable id, used in reports and suppressions. */
  readonly id: string;
  /** One line: what the rule enforces and why. */
  readonly description: string;
}

/** A rule that a configuration the loader accepts can break: checked on the topology. */
export interface ConfigurationRule extends RuleBase {
  readonly check: (topology: Topology) => Finding[];
}

/** A rule that holds for every configuration the loader accepts: nothing to check at synthesis. */
export interface ConstructionGuarantee extends RuleBase {
  /** Why no configuration can break it, and where that is proved. */
  readonly guaranteedBy: string;
}

export type PolicyRule = ConfigurationRule | ConstructionGuarantee;

export function isConfigurationRule(rule: PolicyRule): rule is ConfigurationRule {
  return "check" in rule;
}
