/**
 * The policy checks as a cdktf Aspect: on each stack it visits, every rule runs over the stack's
 * Terraform configuration; findings become error annotations (synthesis fails) unless a suppression
 * with a written reason covers them, in which case they are kept as info annotations.
 */
import { IConstruct } from "constructs";
import { Annotations, IAspect, TerraformStack } from "cdktf";
import { ModelError, StackSet } from "../terraform-model/terraform-model";
import type { Finding, PolicyContext, PolicyRule } from "./policy-rule";
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

/** An unsuppressed finding of one rule in one stack. */
export interface PolicyViolation extends Finding {
  readonly rule: string;
  readonly stack: string;
}

export class PolicyChecks implements IAspect {
  /** Every unsuppressed finding so far, across the stacks visited. */
  public readonly violations: PolicyViolation[] = [];

  constructor(
    private readonly context: PolicyContext,
    private readonly suppressions: readonly PolicySuppression[] = [],
    private readonly rules: readonly PolicyRule[] = POLICY_RULES,
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack)) return;
    const stack = node.node.id;
    const json = renderOnce(node);
    const model = new StackSet([{ name: stack, json, workingDirectory: `stacks/${stack}` }]).stacks[0];
    for (const rule of this.rules) {
      for (const finding of this.findings(rule, model)) {
        const text = `[${rule.id}] ${finding.address}: ${finding.message}`;
        const suppression = this.suppressions.find(
          (s) =>
            s.rule === rule.id &&
            (s.stack === undefined || s.stack === stack) &&
            (s.address === undefined || s.address === finding.address),
        );
        if (suppression) {
          Annotations.of(node).addInfo(`${text} (suppressed: ${suppression.reason})`);
        } else {
          Annotations.of(node).addError(text);
          this.violations.push({ ...finding, rule: rule.id, stack });
        }
      }
    }
  }

  /** A rule that cannot read what it checks says so: never a silent pass. */
  private findings(rule: PolicyRule, model: StackSet["stacks"][number]): Finding[] {
    try {
      return rule.check(model, this.context);
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      return [{ address: error.address, message: `cannot be checked: ${error.reason}` }];
    }
  }
}

/**
 * The stack's Terraform JSON, rendered once: Aspects run after the construct tree is complete, so the
 * rendering the checks read is the one cdktf writes next, and rendering a stack is most of synthesis.
 */
function renderOnce(stack: TerraformStack): unknown {
  const json = stack.toTerraform();
  stack.toTerraform = () => json;
  return json;
}

export class PolicyCheckError extends Error {
  constructor(readonly violations: readonly PolicyViolation[]) {
    super(
      [
        `policy checks failed: ${violations.length} finding(s)`,
        ...violations.map((v) => `  ${v.stack} [${v.rule}] ${v.address}: ${v.message}`),
        "fix the configuration, or suppress a finding in policySuppressions with a written reason",
      ].join("\n"),
    );
    this.name = "PolicyCheckError";
  }
}
