/**
 * Reads an IAM policy document as IAM evaluates it, and says which `Allow` statements are not limited
 * to the principals of one organization. Pure (no cdktf, no Terraform model): the VPCE-EP-1 policy rule
 * calls it on synthesized endpoints, and a configuration check can call it on `hub.endpointPolicies`.
 *
 * A statement is limited when one of its condition blocks (blocks are ANDed, so one suffices) tests
 * `aws:PrincipalOrgID` or `aws:PrincipalOrgPaths` with a positive string match whose every value lies in
 * the organization (values of one key are ORed, so one foreign value opens the statement to it).
 * Deny statements only take permissions away and are not read; an Allow that only reads objects of the
 * AWS-owned buckets the catalog names (ECR image layers, Amazon Linux repositories) admits nothing of
 * the organization's, and passes.
 */
import { readsOnlyAwsOwnedBuckets } from "../catalog/service-catalog";

const ORGANIZATION_KEYS = new Set(["aws:principalorgid", "aws:principalorgpaths"]);
/** String matches that are true only when the key is present and equals (or is like) a listed value. */
const POSITIVE_MATCHES = new Set(["StringEquals", "StringEqualsIgnoreCase", "StringLike"]);
const OPERATOR = /^(ForAnyValue:|ForAllValues:)?(.*?)(IfExists)?$/;

/**
 * Every reason why `policy` (a parsed JSON policy document) lets principals outside `organizationId`
 * (`o-...`) be allowed anything: one line per statement, naming it by index and Sid. Empty: limited.
 */
export function notLimitedToOrganization(policy: unknown, organizationId: string): string[] {
  if (!isObject(policy)) return ["is not a policy document; expected a JSON object with a Statement list"];
  const statements = policy.Statement;
  if (Array.isArray(statements)) {
    return statements.flatMap((statement, index) =>
      statementReasons(statement, `Statement[${index}]`, organizationId),
    );
  }
  // IAM also accepts a single statement object in place of the list.
  if (isObject(statements)) return statementReasons(statements, "Statement", organizationId);
  return ["has no Statement; expected a list of statements"];
}

function statementReasons(statement: unknown, at: string, organizationId: string): string[] {
  if (!isObject(statement)) return [`${at} is not a statement object`];
  const label =
    typeof statement.Sid === "string" && statement.Sid !== "" ? `${at} (Sid ${quote(statement.Sid)})` : at;
  const effect = statement.Effect;
  if (effect === "Deny") return [];
  if (effect !== "Allow") {
    return [
      `${label}: Effect ${effect === undefined ? "is missing" : `${quote(effect)} is neither "Allow" nor "Deny" (IAM reads it case-sensitively)`}; expected an Allow limited to organization ${organizationId}, or a Deny`,
    ];
  }
  if (readsOnlyAwsOwnedBuckets(statement)) return [];
  const why = whyNotLimited(statement, organizationId);
  return why === undefined
    ? []
    : [`${label}: Allow is not limited to organization ${organizationId}: ${why}`];
}

/** Undefined when the Allow statement is limited to the organization; otherwise why not. */
function whyNotLimited(statement: Record<string, unknown>, organizationId: string): string | undefined {
  const condition = statement.Condition;
  if (condition === undefined) return `no Condition, so it admits ${whom(statement)}`;
  if (!isObject(condition)) return "its Condition is not an object of condition operators";
  const failures: string[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    if (!isObject(block)) continue;
    for (const [key, values] of Object.entries(block)) {
      if (!ORGANIZATION_KEYS.has(key.toLowerCase())) continue;
      const failure = whyNotLimiting(operator, key, values, organizationId);
      if (failure === undefined) return undefined;
      failures.push(failure);
    }
  }
  if (failures.length === 0) {
    return `no aws:PrincipalOrgID or aws:PrincipalOrgPaths condition, so it admits ${whom(statement)}`;
  }
  return failures.join("; ");
}

/** Undefined when `operator` on `key` with `values` admits only principals of the organization. */
function whyNotLimiting(
  operator: string,
  key: string,
  values: unknown,
  organizationId: string,
): string | undefined {
  const test = `${operator} on ${key}`;
  const [, setOperator, base, ifExists] = OPERATOR.exec(operator) ?? [];
  if (base === "Null") return `${test} only tests whether the key is present, which any organization passes`;
  if (base.startsWith("StringNot"))
    return `${test} admits every principal outside the organizations it lists`;
  if (!POSITIVE_MATCHES.has(base)) return `${test} is not a string match (StringEquals or StringLike)`;
  if (ifExists) return `${test} is also true when the key is missing (principals outside any organization)`;
  if (setOperator === "ForAllValues:") {
    return `${test} is true when the key is missing (principals outside any organization); use ForAnyValue: or no set operator`;
  }
  const list = typeof values === "string" ? [values] : values;
  if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === "string")) {
    return `${test} has no string values`;
  }
  const ignoreCase = base === "StringEqualsIgnoreCase";
  const like = base === "StringLike";
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const paths = key.toLowerCase() === "aws:principalorgpaths";
  for (const value of list as string[]) {
    if (paths) {
      // A path is "o-id/r-root/ou-.../": anything after "o-id/" (wildcards too) stays inside the organization.
      if (!fold(value).startsWith(fold(`${organizationId}/`))) {
        return `${test} admits ${quote(value)}, which is not a path under organization ${organizationId} (expected ${quote(`${organizationId}/...`)})`;
      }
    } else if (fold(value) !== fold(organizationId)) {
      return like && /[*?]/.test(value)
        ? `${test} admits ${quote(value)}, a wildcard that matches other organizations`
        : `${test} admits ${quote(value)}, which is not this organization`;
    }
  }
  return undefined;
}

/** Who an Allow statement without an organization condition lets in. */
function whom(statement: Record<string, unknown>): string {
  if (statement.NotPrincipal !== undefined) return "every principal not named in NotPrincipal";
  const principal = statement.Principal;
  const anyone =
    principal === undefined ||
    principal === "*" ||
    (isObject(principal) && [principal.AWS].flat().includes("*"));
  return anyone ? 'any principal ("*")' : "the principals it names, which nothing limits to the organization";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
