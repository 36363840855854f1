/**
 * The policy checks of a configuration, run on its topology before any stack is built: the rules that a
 * configuration can break report what they find, with the configuration path that causes it and the
 * stack and Terraform address it would land at. A suppression with a written reason accepts the findings
 * it covers (they are printed, with the reason); one that covers nothing is reported back, so that it
 * can be removed before it hides a finding nobody reviewed.
 */
import type { VpceShareConfig } from "../config/config-types";
import { topologyOf } from "../topology/topology";
import { type Finding, type PolicyRule, isConfigurationRule } from "./policy-rule";
import { POLICY_RULES } from "./rules";

export interface PolicySuppression {
  /** The rule id (`VPCE-SG-1`). */
  readonly rule: string;
  /** @default - every stack */
  readonly stack?: string;
  /** @default - every resource of the stack */
  readonly address?: string;
  /** Why the finding is acceptable: required, and shown next to the suppressed finding. */
  readonly reason: string;
}

/** A finding of one rule. */
export interface PolicyViolation extends Finding {
  readonly rule: string;
}

/** A finding that a suppression accepts, with the suppression's reason. */
export interface SuppressedFinding extends PolicyViolation {
  readonly reason: string;
}

/** A suppression that accepts no finding of this configuration. */
export interface UnusedSuppression {
  /** Its index in `policySuppressions`. */
  readonly index: number;
  readonly suppression: PolicySuppression;
}

export interface PolicyReport {
  /** Findings that no suppression covers: synthesis fails with them. */
  readonly violations: readonly PolicyViolation[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly unusedSuppressions: readonly UnusedSuppression[];
}

const reports = new WeakMap<VpceShareConfig, PolicyReport>();

/** The policy report of a validated configuration, made once per configuration object. */
export function policyReport(config: VpceShareConfig): PolicyReport {
  let report = reports.get(config);
  if (!report) reports.set(config, (report = checkPolicies(config)));
  return report;
}

/** Runs every configuration rule on the configuration's topology and applies its suppressions. */
export function checkPolicies(
  config: VpceShareConfig,
  rules: readonly PolicyRule[] = POLICY_RULES,
): PolicyReport {
  const topology = topologyOf(config);
  const suppressions = config.policySuppressions;
  const used = new Set<number>();
  const violations: PolicyViolation[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of rules.filter(isConfigurationRule)) {
    for (const finding of rule.check(topology)) {
      const index = suppressions.findIndex(
        (s) =>
          s.rule === rule.id &&
          (s.stack === undefined || s.stack === finding.stack) &&
          (s.address === undefined || s.address === finding.address),
      );
      if (index < 0) {
        violations.push({ ...finding, rule: rule.id });
      } else {
        used.add(index);
        suppressed.push({ ...finding, rule: rule.id, reason: suppressions[index].reason });
      }
    }
  }
  const unusedSuppressions = suppressions.flatMap((suppression, index) =>
    used.has(index) ? [] : [{ index, suppression }],
  );
  return { violations, suppressed, unusedSuppressions };
}

/** `hub-eu-west-3 [VPCE-SG-1] <address>: <message>`: one finding on one line. */
export function formatFinding(finding: PolicyViolation): string {
  return `${finding.stack} [${finding.rule}] ${finding.address}: ${finding.message}`;
}

/** One line for a suppressed finding: the finding and the reason it is accepted. */
export function formatSuppressed(finding: SuppressedFinding): string {
  return `suppressed: ${formatFinding(finding)} (reason: ${finding.reason})`;
}

/** One line for a suppression that accepts nothing: which one, and why it cannot match. */
export function formatUnusedSuppression(
  { index, suppression }: UnusedSuppression,
  rules: readonly PolicyRule[] = POLICY_RULES,
): string {
  const rule = rules.find((r) => r.id === suppression.rule);
  const scope = [
    suppression.stack === undefined ? "" : ` in ${suppression.stack}`,
    suppression.address === undefined ? "" : ` at ${suppression.address}`,
  ].join("");
  const why =
    rule && !isConfigurationRule(rule)
      ? `${rule.id} never fires: ${rule.guaranteedBy}`
      : `this configuration has no ${suppression.rule} finding${scope}`;
  return `policySuppressions[${index}]: suppresses nothing (${why}); remove it, so that it cannot hide a future finding nobody reviewed`;
}

export class PolicyCheckError extends Error {
  constructor(readonly violations: readonly PolicyViolation[]) {
    super(
      [
        `policy checks failed: ${violations.length} finding(s)`,
        ...violations.map((v) => `  ${formatFinding(v)}`),
        "fix the configuration, or suppress a finding in policySuppressions with a written reason",
      ].join("\n"),
    );
    this.name = "PolicyCheckError";
  }
}
