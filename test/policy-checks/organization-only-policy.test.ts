import { notLimitedToOrganization } from "../../src/policy-checks/organization-only-policy";
import { organizationOnlyPolicy } from "../../src/constructs/hub-region/endpoint-policy";

const ORG = "o-a1b2c3d4e5";
const OTHER_ORG = "o-zz9988776655";

/** A document of one statement: Allow any action to anyone, with `condition` (if any) and `extra` fields. */
function allow(
  condition?: unknown,
  extra: Record<string, unknown> = {},
): { Version: string; Statement: Record<string, unknown>[] } {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        ...(condition === undefined ? {} : { Condition: condition }),
        ...extra,
      },
    ],
  };
}

const limited = (policy: unknown) => notLimitedToOrganization(policy, ORG);

describe("notLimitedToOrganization: Allow statements limited to the organization", () => {
  it.each([
    ["StringEquals on aws:PrincipalOrgID", { StringEquals: { "aws:PrincipalOrgID": ORG } }],
    ["StringEquals with the id in a one-item list", { StringEquals: { "aws:PrincipalOrgID": [ORG] } }],
    ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:PrincipalOrgID": ORG.toUpperCase() } }],
    ["StringLike with the exact id", { StringLike: { "aws:PrincipalOrgID": ORG } }],
    ["ForAnyValue:StringEquals", { "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": ORG } }],
    ["a key written in another case", { StringEquals: { "aws:principalorgid": ORG } }],
    [
      "ForAnyValue:StringLike on aws:PrincipalOrgPaths under the organization",
      { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${ORG}/*`] } },
    ],
    [
      "StringEquals on an OU path of the organization",
      { StringEquals: { "aws:PrincipalOrgPaths": `${ORG}/r-ab12/ou-ab12-cdef3456/` } },
    ],
    [
      "the organization test next to a test that does not limit (condition blocks are ANDed)",
      {
        StringNotEquals: { "aws:PrincipalOrgID": OTHER_ORG },
        StringEquals: { "aws:PrincipalOrgID": ORG, "aws:SourceVpc": "vpc-0a1b2c3d4e5f67890" },
      },
    ],
  ])("GIVEN %s WHEN read THEN there is nothing to report", (_, condition) => {
    expect(limited(allow(condition))).toEqual([]);
  });

  it("GIVEN the default organization-only policy WHEN read THEN there is nothing to report", () => {
    expect(limited(JSON.parse(organizationOnlyPolicy(ORG)))).toEqual([]);
  });

  it("GIVEN a specific Principal with the organization condition WHEN read THEN it is limited", () => {
    const policy = allow(
      { StringEquals: { "aws:PrincipalOrgID": ORG } },
      { Principal: { AWS: "arn:aws:iam::222222222222:root" } },
    );
    expect(limited(policy)).toEqual([]);
  });

  it.each(["NotPrincipal", "NotAction", "NotResource"])(
    "GIVEN %s with the organization condition WHEN read THEN the condition still limits it",
    (element) => {
      const policy = allow({ StringEquals: { "aws:PrincipalOrgID": ORG } }, { [element]: "s3:DeleteBucket" });
      expect(limited(policy)).toEqual([]);
    },
  );

  it("GIVEN a Statement written as one object, not a list WHEN read THEN it is read like a list of one", () => {
    const policy = { Statement: { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" } };
    expect(limited(policy)).toEqual([
      `Statement: Allow is not limited to organization ${ORG}: no Condition, so it admits any principal ("*")`,
    ]);
    expect(
      limited({ Statement: allow({ StringEquals: { "aws:PrincipalOrgID": ORG } }).Statement[0] }),
    ).toEqual([]);
  });

  it("GIVEN Deny statements without conditions WHEN read THEN they are ignored: they only take permissions away", () => {
    const policy = allow({ StringEquals: { "aws:PrincipalOrgID": ORG } });
    policy.Statement.push({ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" });
    policy.Statement.push({
      Effect: "Deny",
      NotPrincipal: { AWS: "arn:aws:iam::111111111111:root" },
    } as never);
    expect(limited(policy)).toEqual([]);
  });

  it("GIVEN a policy without Allow statements (an empty list) WHEN read THEN nothing is allowed, nothing to report", () => {
    expect(limited({ Statement: [] })).toEqual([]);
  });
});

describe("notLimitedToOrganization: Allow statements open beyond the organization", () => {
  const reason = (why: string, at = "Statement[0]") => [
    `${at}: Allow is not limited to organization ${ORG}: ${why}`,
  ];

  it.each([
    [
      "StringNotEquals (everyone outside the organization)",
      { StringNotEquals: { "aws:PrincipalOrgID": ORG } },
      "StringNotEquals on aws:PrincipalOrgID admits every principal outside the organizations it lists",
    ],
    [
      "ForAnyValue:StringNotLike",
      { "ForAnyValue:StringNotLike": { "aws:PrincipalOrgPaths": `${ORG}/*` } },
      "ForAnyValue:StringNotLike on aws:PrincipalOrgPaths admits every principal outside the organizations it lists",
    ],
    [
      "another organization's id",
      { StringEquals: { "aws:PrincipalOrgID": OTHER_ORG } },
      `StringEquals on aws:PrincipalOrgID admits "${OTHER_ORG}", which is not this organization`,
    ],
    [
      "two ids, one of them foreign (values of a key are ORed)",
      { StringEquals: { "aws:PrincipalOrgID": [ORG, OTHER_ORG] } },
      `StringEquals on aws:PrincipalOrgID admits "${OTHER_ORG}", which is not this organization`,
    ],
    [
      "a Null test (only whether the key is present)",
      { Null: { "aws:PrincipalOrgID": "false" } },
      "Null on aws:PrincipalOrgID only tests whether the key is present, which any organization passes",
    ],
    [
      "StringEqualsIfExists (true when the key is absent)",
      { StringEqualsIfExists: { "aws:PrincipalOrgID": ORG } },
      "StringEqualsIfExists on aws:PrincipalOrgID is also true when the key is missing (principals outside any organization)",
    ],
    [
      "ForAnyValue:StringLikeIfExists",
      { "ForAnyValue:StringLikeIfExists": { "aws:PrincipalOrgPaths": `${ORG}/*` } },
      "ForAnyValue:StringLikeIfExists on aws:PrincipalOrgPaths is also true when the key is missing (principals outside any organization)",
    ],
    [
      "ForAllValues:StringEquals (vacuously true when the key is absent)",
      { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": ORG } },
      "ForAllValues:StringEquals on aws:PrincipalOrgID is true when the key is missing (principals outside any organization); use ForAnyValue: or no set operator",
    ],
    [
      'StringLike with "o-*"',
      { StringLike: { "aws:PrincipalOrgID": "o-*" } },
      'StringLike on aws:PrincipalOrgID admits "o-*", a wildcard that matches other organizations',
    ],
    [
      "StringLike with the id and a trailing wildcard",
      { StringLike: { "aws:PrincipalOrgID": `${ORG}*` } },
      `StringLike on aws:PrincipalOrgID admits "${ORG}*", a wildcard that matches other organizations`,
    ],
    [
      "StringLike on paths with a wildcard before the organization's '/'",
      { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}*` } },
      `ForAnyValue:StringLike on aws:PrincipalOrgPaths admits "${ORG}*", which is not a path under organization ${ORG} (expected "${ORG}/...")`,
    ],
    [
      "paths of another organization",
      { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${ORG}/*`, `${OTHER_ORG}/*`] } },
      `ForAnyValue:StringLike on aws:PrincipalOrgPaths admits "${OTHER_ORG}/*", which is not a path under organization ${ORG} (expected "${ORG}/...")`,
    ],
    [
      "a policy variable in place of the id (any organization equals its own)",
      { StringEquals: { "aws:PrincipalOrgID": "${aws:PrincipalOrgID}" } },
      'StringEquals on aws:PrincipalOrgID admits "${aws:PrincipalOrgID}", which is not this organization',
    ],
    [
      "a test that is not a string match",
      { ArnLike: { "aws:PrincipalOrgID": ORG } },
      "ArnLike on aws:PrincipalOrgID is not a string match (StringEquals or StringLike)",
    ],
    [
      "an operator in the wrong case (IAM knows StringEquals only)",
      { stringequals: { "aws:PrincipalOrgID": ORG } },
      "stringequals on aws:PrincipalOrgID is not a string match (StringEquals or StringLike)",
    ],
    [
      "an empty list of values",
      { StringEquals: { "aws:PrincipalOrgID": [] } },
      "StringEquals on aws:PrincipalOrgID has no string values",
    ],
    [
      "a number as the value",
      { StringEquals: { "aws:PrincipalOrgID": 1 } },
      "StringEquals on aws:PrincipalOrgID has no string values",
    ],
    [
      "conditions on other keys only",
      { StringEquals: { "aws:PrincipalAccount": "222222222222" } },
      'no aws:PrincipalOrgID or aws:PrincipalOrgPaths condition, so it admits any principal ("*")',
    ],
    [
      "a Condition that is not an object",
      "aws:PrincipalOrgID",
      "its Condition is not an object of condition operators",
    ],
  ])("GIVEN %s WHEN read THEN the statement is reported with why", (_, condition, why) => {
    expect(limited(allow(condition))).toEqual(reason(why));
  });

  it("GIVEN several organization tests that all fail WHEN read THEN each is named", () => {
    const policy = allow({
      StringNotEquals: { "aws:PrincipalOrgID": OTHER_ORG },
      StringEqualsIfExists: { "aws:PrincipalOrgPaths": `${ORG}/*` },
    });
    expect(limited(policy)).toEqual(
      reason(
        "StringNotEquals on aws:PrincipalOrgID admits every principal outside the organizations it lists; " +
          "StringEqualsIfExists on aws:PrincipalOrgPaths is also true when the key is missing (principals outside any organization)",
      ),
    );
  });

  it.each([
    ['Principal "*"', { Principal: "*" }, 'any principal ("*")'],
    ['Principal { AWS: "*" }', { Principal: { AWS: "*" } }, 'any principal ("*")'],
    ["no Principal", { Principal: undefined }, 'any principal ("*")'],
    [
      "a specific Principal",
      { Principal: { AWS: "arn:aws:iam::999999999999:root" } },
      "the principals it names, which nothing limits to the organization",
    ],
    [
      "NotPrincipal",
      { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::999999999999:root" } },
      "every principal not named in NotPrincipal",
    ],
  ])("GIVEN %s without a condition WHEN read THEN the reason says whom it admits", (_, extra, who) => {
    expect(limited(allow(undefined, extra))).toEqual(reason(`no Condition, so it admits ${who}`));
  });

  it.each(["NotAction", "NotResource"])(
    "GIVEN %s without a condition WHEN read THEN it is reported like any unconditioned Allow",
    (element) => {
      expect(limited(allow(undefined, { Action: undefined, [element]: "iam:*" }))).toEqual(
        reason('no Condition, so it admits any principal ("*")'),
      );
    },
  );

  it("GIVEN an extra Allow without condition after a limited one WHEN read THEN that statement is named by index and Sid", () => {
    const policy = allow({ StringEquals: { "aws:PrincipalOrgID": ORG } });
    policy.Statement.push({
      Sid: "Anyone",
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "*",
    });
    expect(limited(policy)).toEqual(
      reason('no Condition, so it admits any principal ("*")', 'Statement[1] (Sid "Anyone")'),
    );
  });

  it.each([
    ["allow", 'Effect "allow" is neither "Allow" nor "Deny" (IAM reads it case-sensitively)'],
    ["DENY", 'Effect "DENY" is neither "Allow" nor "Deny" (IAM reads it case-sensitively)'],
    [undefined, "Effect is missing"],
  ])("GIVEN Effect %p WHEN read THEN the statement is reported", (effect, what) => {
    const policy = allow(undefined, { Effect: effect });
    expect(limited(policy)).toEqual([
      `Statement[0]: ${what}; expected an Allow limited to organization ${ORG}, or a Deny`,
    ]);
  });

  it.each([
    ["a string", "{}", ["is not a policy document; expected a JSON object with a Statement list"]],
    ["null", null, ["is not a policy document; expected a JSON object with a Statement list"]],
    [
      "a document without Statement",
      { Version: "2012-10-17" },
      ["has no Statement; expected a list of statements"],
    ],
    [
      "a statement that is not an object",
      { Statement: ["Allow"] },
      ["Statement[0] is not a statement object"],
    ],
  ])("GIVEN %s WHEN read THEN it cannot pass", (_, policy, reasons) => {
    expect(limited(policy)).toEqual(reasons);
  });
});
