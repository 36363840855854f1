import { policyContext } from "../../src/stacks/build-stacks";
import type { VpceShareConfig } from "../../src/config/config-types";
import { Finding, PolicyRule } from "../../src/policy-checks/policy-rule";
import { endpointOrganizationPolicy } from "../../src/policy-checks/rules/endpoint-organization-policy";
import { externalRamPrincipals } from "../../src/policy-checks/rules/external-ram-principals";
import { missingTags } from "../../src/policy-checks/rules/missing-tags";
import { openSecurityGroup } from "../../src/policy-checks/rules/open-security-group";
import { ruleAssociatedWithHubVpc } from "../../src/policy-checks/rules/rule-associated-with-hub-vpc";
import { POLICY_RULES } from "../../src/policy-checks/rules";
import { stackModel } from "../support/instances";
import { sampleConfig } from "../support/sample-config";
import { synthesizeStacks } from "../support/synthesize-stacks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const config = sampleConfig();
const stacks = synthesizeStacks(config);

/** Runs a rule on a deep copy of a synthesized stack, after `corrupt` changed it. */
function run(
  rule: PolicyRule,
  stack: string,
  corrupt: (json: Json) => void = () => {},
  cfg: VpceShareConfig = config,
): Finding[] {
  const json = structuredClone(stacks[stack]) as Json;
  corrupt(json);
  return rule.check(stackModel(json, stack), policyContext(cfg));
}

describe("policy rules", () => {
  it("have unique, stable ids", () => {
    expect(POLICY_RULES.map((r) => r.id)).toEqual([
      "VPCE-SG-1",
      "VPCE-EP-1",
      "VPCE-RAM-1",
      "VPCE-R53-1",
      "VPCE-TAG-1",
    ]);
  });

  it.each(POLICY_RULES.map((r) => [r.id, r] as const))(
    "%s finds nothing in the stacks of a valid configuration",
    (_, rule) => {
      for (const stack of Object.keys(stacks))
        expect({ stack, findings: run(rule, stack) }).toEqual({ stack, findings: [] });
    },
  );

  it("VPCE-SG-1 fires on a rule open to 0.0.0.0/0", () => {
    // GIVEN the endpoints' HTTPS rule opened to the internet WHEN checked THEN that instance is reported
    const findings = run(openSecurityGroup, "hub-eu-west-3", (json) => {
      json.resource.aws_vpc_security_group_ingress_rule.endpoints_https.for_each = {
        "0.0.0.0/0": "0.0.0.0/0",
      };
    });
    expect(findings).toEqual([
      {
        address: 'aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]',
        message: "admits 0.0.0.0/0: anyone who can route to it",
      },
    ]);
  });

  it("VPCE-EP-1 fires on an endpoint without policy, and on a policy without aws:PrincipalOrgID", () => {
    const findings = run(endpointOrganizationPolicy, "hub-eu-west-3", (json) => {
      json.locals.endpoints.ec2.policy = null;
      json.locals.endpoints.sts.policy = JSON.stringify({
        Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
      });
    });
    expect(findings).toEqual([
      {
        address: 'aws_vpc_endpoint.this["ec2"]',
        message: "ec2 has no endpoint policy: any principal may use it",
      },
      {
        address: 'aws_vpc_endpoint.this["sts"]',
        message:
          'hub.endpointPolicies.sts: Statement[0]: Allow is not limited to organization o-a1b2c3d4e5: no Condition, so it admits any principal ("*")',
      },
    ]);
  });

  describe("VPCE-EP-1 reads an override of hub.endpointPolicies as IAM does", () => {
    const ORG = "o-a1b2c3d4e5";
    const organizationOnly = {
      Effect: "Allow",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } },
    };
    /** The rule's findings in hub-eu-west-3 when the configuration overrides the policy of sts. */
    function findingsFor(statements: Record<string, unknown>[]): Finding[] {
      const cfg: VpceShareConfig = {
        ...config,
        hub: { ...config.hub, endpointPolicies: { sts: { Version: "2012-10-17", Statement: statements } } },
      };
      const json = synthesizeStacks({ ...cfg, spokes: {} })["hub-eu-west-3"];
      return endpointOrganizationPolicy.check(stackModel(json, "hub-eu-west-3"), policyContext(cfg));
    }

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
      "GIVEN an override that mentions aws:PrincipalOrgID with %s WHEN checked THEN it is a finding naming the config path and the address",
      (_, statements, reason) => {
        expect(findingsFor(statements)).toEqual([
          { address: 'aws_vpc_endpoint.this["sts"]', message: `hub.endpointPolicies.sts: ${reason}` },
        ]);
      },
    );

    it("GIVEN an override limited to an OU path of the organization WHEN checked THEN there is no finding", () => {
      const statement = {
        ...organizationOnly,
        Condition: {
          "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": [`${ORG}/r-ab12/ou-ab12-cdef3456/*`] },
        },
      };
      expect(findingsFor([statement])).toEqual([]);
    });
  });

  it("VPCE-EP-1 accepts no policy on a service that refuses endpoint policies", () => {
    const cfg: VpceShareConfig = {
      ...config,
      customServices: {
        ec2: {
          serviceName: "com.amazonaws.{region}.ec2",
          privateDnsNames: ["ec2.{region}.amazonaws.com"],
          endpointPolicy: false,
        },
      },
    };
    expect(
      run(
        endpointOrganizationPolicy,
        "hub-eu-west-3",
        (json) => void (json.locals.endpoints.ec2.policy = null),
        cfg,
      ),
    ).toEqual([]);
  });

  it("VPCE-RAM-1 fires on a share that allows external principals", () => {
    const findings = run(externalRamPrincipals, "hub-eu-west-3", (json) => {
      json.resource.aws_ram_resource_share.rules.allow_external_principals = true;
    });
    expect(findings).toEqual([
      { address: "aws_ram_resource_share.rules", message: "allow_external_principals is not false" },
    ]);
  });

  it("VPCE-R53-1 fires on an association with a hub VPC", () => {
    // GIVEN payments-prod's Paris VPC replaced by the Paris hub VPC WHEN checked
    const findings = run(ruleAssociatedWithHubVpc, "spoke-payments-prod", (json) => {
      json.locals.vpc_ids_eu_west_3[0] = "vpc-0a1b2c3d4e5f67890";
    });
    // THEN each of its associations (one per shared domain) is a finding
    const domains = ["dkr.ecr", "ec2", "sts"].map((service) => `${service}.eu-west-3.amazonaws.com`);
    expect(findings).toEqual(
      domains.map((domain) => ({
        address: `aws_route53_resolver_rule_association.eu_west_3["vpc-0a1b2c3d4e5f67890/${domain}"]`,
        message:
          "associates a shared rule with the hub VPC vpc-0a1b2c3d4e5f67890: a DNS loop that AWS refuses (RSLVR-00804)",
      })),
    );
  });

  it("VPCE-TAG-1 fires on a taggable resource without the configured tags", () => {
    const findings = run(missingTags, "hub-eu-west-3", (json) => {
      delete json.resource.aws_route53_resolver_endpoint.inbound.tags;
      json.resource.aws_route53_zone.this.tags = { Name: "${each.key}" };
    });
    expect(findings[0]).toEqual({
      address: "aws_route53_resolver_endpoint.inbound",
      message: "lacks the tag(s) owner",
    });
    expect(
      findings
        .slice(1)
        .every(
          (f) => f.address.startsWith("aws_route53_zone.this[") && f.message === "lacks the tag(s) owner",
        ),
    ).toBe(true);
    expect(findings).toHaveLength(1 + Object.keys((stacks["hub-eu-west-3"] as Json).locals.zones).length);
  });
});
