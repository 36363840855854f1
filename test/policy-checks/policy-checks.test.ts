/**
 * The policy checks run on the configuration's topology, before any stack is built: which rules a
 * configuration the loader accepts can trigger, what they report (config path, stack, Terraform
 * address), and how suppressions apply.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { VpceShareConfig } from "../../src/config/config-types";
import {
  checkPolicies,
  formatUnusedSuppression,
  PolicyCheckError,
  PolicySuppression,
} from "../../src/policy-checks/policy-checks";
import { isConfigurationRule } from "../../src/policy-checks/policy-rule";
import { POLICY_RULES } from "../../src/policy-checks/rules";
import { synthesize } from "../../src/stacks/synthesize";
import { attempt, issueAt, issuesOf, load } from "../config/config-test-kit";
import { sampleConfig } from "../support/sample-config";

const ORG = "o-a1b2c3d4e5";
const organizationOnly = {
  Effect: "Allow",
  Principal: "*",
  Action: "*",
  Resource: "*",
  Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } },
};

/** The example configuration, loaded, with the whole internet added to organization.cidrs. */
function openToTheInternet(suppressions: PolicySuppression[] = []): VpceShareConfig {
  return load((c) => {
    c.organization.cidrs = ["10.0.0.0/8", "0.0.0.0/0"];
    c.policySuppressions = suppressions;
  });
}

/** The example configuration, loaded, with the endpoint policy of sts replaced. */
function stsPolicy(statements: object[], suppressions: PolicySuppression[] = []): VpceShareConfig {
  return load((c) => {
    c.hub.endpointPolicies = { sts: { Version: "2012-10-17", Statement: statements } };
    c.policySuppressions = suppressions;
  });
}

/** A folder name that does not exist yet. */
function freshOutdir(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-"));
  fs.rmSync(outdir, { recursive: true });
  return outdir;
}

describe("policy rules", () => {
  it("have unique, stable ids; VPCE-SG-1 and VPCE-EP-1 check the configuration, the others are kept by construction", () => {
    expect(POLICY_RULES.map((r) => [r.id, isConfigurationRule(r)])).toEqual([
      ["VPCE-SG-1", true],
      ["VPCE-EP-1", true],
      ["VPCE-RAM-1", false],
      ["VPCE-RAM-2", false],
      ["VPCE-R53-1", false],
      ["VPCE-TAG-1", false],
    ]);
  });

  it("GIVEN the example configuration WHEN checked THEN there is nothing to report", () => {
    expect(checkPolicies(load())).toEqual({ violations: [], suppressed: [], unusedSuppressions: [] });
  });

  it("GIVEN a spoke VPC that is a hub VPC WHEN loaded THEN the configuration refuses it, so VPCE-R53-1 cannot fire", () => {
    const issues = issuesOf(
      (c) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = ["vpc-0a1b2c3d4e5f67890"]),
    );
    issueAt(issues, "spokes.payments-prod.regions.eu-west-3.vpcIds[0]", "RSLVR-00804");
  });
});

describe("VPCE-SG-1 on organization.cidrs", () => {
  it("GIVEN 0.0.0.0/0 in organization.cidrs WHEN loaded THEN the configuration accepts it (the rule is a configuration check)", () => {
    expect(attempt(() => openToTheInternet())).toMatchObject({
      organization: { cidrs: ["10.0.0.0/8", "0.0.0.0/0"] },
    });
  });

  it("GIVEN 0.0.0.0/0 in organization.cidrs WHEN checked THEN every rule it opens is a finding naming the config path, stack and address", () => {
    const { violations } = checkPolicies(openToTheInternet());
    const inParis = violations.filter((v) => v.stack === "hub-eu-west-3");
    expect(inParis).toEqual(
      [
        'aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]',
        'aws_vpc_security_group_ingress_rule.resolver_dns_tcp["0.0.0.0/0"]',
        'aws_vpc_security_group_egress_rule.resolver_dns_tcp["0.0.0.0/0"]',
        'aws_vpc_security_group_ingress_rule.resolver_dns_udp["0.0.0.0/0"]',
        'aws_vpc_security_group_egress_rule.resolver_dns_udp["0.0.0.0/0"]',
      ].map((address) => ({
        rule: "VPCE-SG-1",
        stack: "hub-eu-west-3",
        address,
        configPath: "organization.cidrs[1]",
        message: "organization.cidrs[1]: admits 0.0.0.0/0: anyone who can route to the hub VPC",
      })),
    );
    expect(new Set(violations.map((v) => v.stack))).toEqual(new Set(["hub-eu-west-3", "hub-us-east-1"]));
  });

  it("GIVEN a shared service with its own ports WHEN 0.0.0.0/0 is checked THEN its port rules are findings too", () => {
    const config = load((c) => {
      c.organization.cidrs = ["0.0.0.0/0"];
      c.hub.regions["eu-west-3"].services.push("email-smtp");
    });
    const addresses = checkPolicies(config)
      .violations.filter((v) => v.stack === "hub-eu-west-3")
      .map((v) => v.address);
    expect(addresses).toEqual(
      expect.arrayContaining([
        'aws_vpc_security_group_ingress_rule.endpoints_ports["0.0.0.0/0 tcp/25"]',
        'aws_vpc_security_group_ingress_rule.endpoints_ports["0.0.0.0/0 tcp/587"]',
      ]),
    );
  });
});

describe("VPCE-EP-1 reads an override of hub.endpointPolicies as IAM does", () => {
  it.each([
    [
      "StringNotEquals (everyone outside the organization)",
      [{ ...organizationOnly, Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } }],
      "Statement[0]: Allow is not limited to organization o-a1b2c3d4e5: StringNotEquals on aws:PrincipalOrgID admits every principal outside the organizations it lists",
    ],
    [
      "another organization's id",
      [{ ...organizationOnly, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-zz9988776655" } } }],
      'Statement[0]: Allow is not limited to organization o-a1b2c3d4e5: StringEquals on aws:PrincipalOrgID admits "o-zz9988776655", which is not this organization',
    ],
    [
      "a Null condition",
      [{ ...organizationOnly, Condition: { Null: { "aws:PrincipalOrgID": "false" } } }],
      "Statement[0]: Allow is not limited to organization o-a1b2c3d4e5: Null on aws:PrincipalOrgID only tests whether the key is present, which any organization passes",
    ],
    [
      "an extra Allow statement without condition",
      [
        organizationOnly,
        { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "sts:*", Resource: "*" },
      ],
      'Statement[1] (Sid "Everyone"): Allow is not limited to organization o-a1b2c3d4e5: no Condition, so it admits any principal ("*")',
    ],
  ])(
    "GIVEN an override with %s WHEN checked THEN each hub region that shares the service has a finding naming the config path and the address",
    (_, statements, reason) => {
      expect(checkPolicies(stsPolicy(statements)).violations).toEqual(
        ["hub-eu-west-3", "hub-us-east-1"].map((stack) => ({
          rule: "VPCE-EP-1",
          stack,
          address: 'aws_vpc_endpoint.this["sts"]',
          configPath: "hub.endpointPolicies.sts",
          message: `hub.endpointPolicies.sts: ${reason}`,
        })),
      );
    },
  );

  it("GIVEN an override limited to an OU path of the organization, with IAM policy variables WHEN checked THEN there is no finding", () => {
    const statement = {
      ...organizationOnly,
      Resource: "arn:aws:s3:::team-bucket/${aws:username}/*",
      Condition: {
        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${ORG}/r-ab12/ou-ab12-cdef3456/*`] },
      },
    };
    expect(checkPolicies(stsPolicy([statement])).violations).toEqual([]);
  });

  it("GIVEN a topology whose endpoint accepts a policy but has none WHEN checked THEN it is a finding naming the service's config path", () => {
    // (a configuration always has an organization id; the constructs' own services may have none)
    const config = sampleConfig();
    const withoutOrganization = { ...config, organization: { ...config.organization, id: "" } };
    const findings = checkPolicies(withoutOrganization).violations.filter((v) => v.stack === "hub-eu-west-3");
    expect(findings[0]).toEqual({
      rule: "VPCE-EP-1",
      stack: "hub-eu-west-3",
      address: 'aws_vpc_endpoint.this["ec2"]',
      configPath: "hub.regions.eu-west-3.services[0]",
      message: "hub.regions.eu-west-3.services[0]: ec2 has no endpoint policy: any principal may use it",
    });
  });

  it("GIVEN a service that refuses endpoint policies WHEN checked THEN its missing policy is no finding", () => {
    const config = load((c) => c.hub.regions["eu-west-3"].services.push("eks"));
    expect(checkPolicies(config).violations).toEqual([]);
  });
});

describe("suppressions", () => {
  const reason = "reviewed: the hub VPC is reachable from the transit gateway only";

  it("GIVEN a suppression of a rule WHEN checked THEN its findings are reported as suppressed, with the reason", () => {
    const report = checkPolicies(openToTheInternet([{ rule: "VPCE-SG-1", reason }]));
    expect(report.violations).toEqual([]);
    expect(report.suppressed).toHaveLength(10);
    expect(report.suppressed[0]).toMatchObject({ rule: "VPCE-SG-1", reason });
    expect(report.unusedSuppressions).toEqual([]);
  });

  it("GIVEN a suppression with a stack and an address WHEN checked THEN it covers that one finding only", () => {
    const address = 'aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]';
    const report = checkPolicies(
      openToTheInternet([{ rule: "VPCE-SG-1", stack: "hub-eu-west-3", address, reason }]),
    );
    expect(report.suppressed.map((f) => [f.stack, f.address])).toEqual([["hub-eu-west-3", address]]);
    expect(report.violations).toHaveLength(9);
    expect(report.violations.some((v) => v.stack === "hub-eu-west-3" && v.address === address)).toBe(false);
  });

  it("GIVEN an EP-1 suppression for one address WHEN checked THEN it covers that address in every hub region", () => {
    const statements = [
      { ...organizationOnly, Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } },
    ];
    const address = 'aws_vpc_endpoint.this["sts"]';
    const report = checkPolicies(stsPolicy(statements, [{ rule: "VPCE-EP-1", address, reason }]));
    expect(report.violations).toEqual([]);
    expect(report.suppressed.map((f) => f.stack)).toEqual(["hub-eu-west-3", "hub-us-east-1"]);
  });

  it("GIVEN suppressions that match nothing WHEN checked THEN each is reported with its index and why", () => {
    const config = load((c) => {
      c.policySuppressions = [
        { rule: "VPCE-SG-1", stack: "hub-eu-west-3", reason },
        { rule: "VPCE-TAG-1", reason: "left over from an earlier review of the tags" },
      ];
    });
    const { unusedSuppressions } = checkPolicies(config);
    expect(unusedSuppressions.map((u) => u.index)).toEqual([0, 1]);
    expect(unusedSuppressions.map((u) => formatUnusedSuppression(u))).toEqual([
      "policySuppressions[0]: suppresses nothing (this configuration has no VPCE-SG-1 finding in hub-eu-west-3); remove it, so that it cannot hide a future finding nobody reviewed",
      "policySuppressions[1]: suppresses nothing (VPCE-TAG-1 never fires: the hub region construct passes the configured tags to every resource that takes tags); remove it, so that it cannot hide a future finding nobody reviewed",
    ]);
  });
});

describe("policy checks at synthesis", () => {
  it("GIVEN a finding WHEN synthesized THEN a PolicyCheckError lists every finding, one per line, and nothing is written", () => {
    const outdir = freshOutdir();
    let error: unknown;
    try {
      synthesize(openToTheInternet(), outdir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyCheckError);
    const lines = (error as Error).message.split("\n");
    expect(lines[0]).toBe("policy checks failed: 10 finding(s)");
    expect(lines[1]).toBe(
      '  hub-eu-west-3 [VPCE-SG-1] aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]: organization.cidrs[1]: admits 0.0.0.0/0: anyone who can route to the hub VPC',
    );
    expect(lines.at(-1)).toBe(
      "fix the configuration, or suppress a finding in policySuppressions with a written reason",
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("GIVEN suppressed findings WHEN synthesized THEN the result and the stack's annotations carry them with the reason", () => {
    const reason = "reviewed: sts in this hub serves partner accounts on purpose";
    const statements = [
      { ...organizationOnly, Condition: { StringNotEquals: { "aws:PrincipalOrgID": ORG } } },
    ];
    const config = stsPolicy(statements, [{ rule: "VPCE-EP-1", stack: "hub-eu-west-3", reason }]);
    const outdir = freshOutdir();
    try {
      const unsuppressed = () => synthesize({ ...config, policySuppressions: [] }, outdir);
      expect(unsuppressed).toThrow(PolicyCheckError);
      expect(() => synthesize(config, outdir)).toThrow(
        'policy checks failed: 1 finding(s)\n  hub-us-east-1 [VPCE-EP-1] aws_vpc_endpoint.this["sts"]: hub.endpointPolicies.sts: Statement[0]',
      );
      const oneRegion = {
        ...config,
        hub: { ...config.hub, regions: { "eu-west-3": config.hub.regions["eu-west-3"] } },
      };
      const result = synthesize(
        { ...oneRegion, spokes: { "payments-prod": config.spokes["payments-prod"] } },
        outdir,
      );
      expect(result.policy.suppressed).toEqual([expect.objectContaining({ stack: "hub-eu-west-3", reason })]);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
      expect(manifest.stacks["hub-eu-west-3"].annotations).toEqual([
        expect.objectContaining({
          level: "@cdktf/info",
          message: expect.stringMatching(
            /^\[VPCE-EP-1\] aws_vpc_endpoint\.this\["sts"\]: hub\.endpointPolicies\.sts: .*\(suppressed: reviewed: sts/,
          ),
        }),
      ]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
