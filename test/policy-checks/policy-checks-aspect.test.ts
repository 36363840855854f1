import { App, Testing } from "cdktf";
import { buildStacks } from "../../src/stacks/build-stacks";
import type { VpceShareConfig } from "../../src/config/config-types";
import { synthesize } from "../../src/stacks/synthesize";
import { PolicyCheckError } from "../../src/policy-checks/policy-checks";
import { sampleConfig } from "../support/sample-config";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The sample configuration with its organization CIDRs opened to the internet. */
function openToTheInternet(extra: Partial<VpceShareConfig> = {}): VpceShareConfig {
  const config = sampleConfig();
  return { ...config, organization: { ...config.organization, cidrs: ["0.0.0.0/0"] }, ...extra };
}

function synthesizeAll(config: VpceShareConfig) {
  const app = Testing.app();
  const stacks = buildStacks(app as App, config);
  for (const stack of [...Object.values(stacks.hubs), ...Object.values(stacks.spokes)]) Testing.synth(stack);
  return stacks;
}

describe("policy checks at synthesis", () => {
  it("a finding fails synthesis with a report naming stack, rule and address, and writes nothing", () => {
    // GIVEN security groups open to 0.0.0.0/0 WHEN synthesized THEN a PolicyCheckError lists every finding
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-"));
    fs.rmSync(outdir, { recursive: true });
    let error: unknown;
    try {
      synthesize(openToTheInternet(), outdir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyCheckError);
    const violations = (error as PolicyCheckError).violations;
    expect(new Set(violations.map((v) => v.stack))).toEqual(new Set(["hub-eu-west-3", "hub-us-east-1"]));
    expect(violations.every((v) => v.rule === "VPCE-SG-1")).toBe(true);
    expect((error as Error).message).toContain(
      'hub-eu-west-3 [VPCE-SG-1] aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]: admits 0.0.0.0/0',
    );
    expect(fs.existsSync(outdir)).toBe(false);
  });

  it("a suppression with a reason turns the finding into an info annotation", () => {
    // GIVEN the same finding, suppressed for every hub with a written reason
    const reason = "the hub VPC is only reachable from the organization's transit gateway";
    const stacks = synthesizeAll(openToTheInternet({ policySuppressions: [{ rule: "VPCE-SG-1", reason }] }));
    // THEN nothing is left to fail, and the stack keeps the finding with its reason
    expect(stacks.policyChecks.violations).toEqual([]);
    const infos = stacks.hubs["eu-west-3"].node.metadata
      .filter((m) => m.type === "@cdktf/info")
      .map((m) => m.data);
    expect(infos).toContainEqual(expect.stringContaining(`[VPCE-SG-1]`));
    expect(infos).toContainEqual(expect.stringContaining(`(suppressed: ${reason})`));
  });

  it("a suppression only covers its own stack and address", () => {
    const stacks = synthesizeAll(
      openToTheInternet({
        policySuppressions: [
          {
            rule: "VPCE-SG-1",
            stack: "hub-eu-west-3",
            address: 'aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]',
            reason: "reviewed: HTTPS to the endpoints is filtered upstream",
          },
        ],
      }),
    );
    const left = stacks.policyChecks.violations;
    expect(left.some((v) => v.stack === "hub-us-east-1")).toBe(true);
    expect(
      left.some(
        (v) =>
          v.stack === "hub-eu-west-3" &&
          v.address.startsWith("aws_vpc_security_group_ingress_rule.resolver_dns_tcp"),
      ),
    ).toBe(true);
    expect(left.some((v) => v.stack === "hub-eu-west-3" && v.address.includes("endpoints_https"))).toBe(
      false,
    );
  });

  it("GIVEN an organization-only override that uses IAM policy variables WHEN synthesized THEN the checks read it as IAM would and pass", () => {
    const config = sampleConfig();
    const statement = {
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::team-bucket/${aws:username}/*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": config.organization.id } },
    };
    const stacks = synthesizeAll({
      ...config,
      hub: { ...config.hub, endpointPolicies: { sts: { Version: "2012-10-17", Statement: [statement] } } },
    });
    expect(stacks.policyChecks.violations).toEqual([]);
  });

  describe("an endpoint policy override that IAM would not limit to the organization", () => {
    /** The sample configuration whose sts policy mentions aws:PrincipalOrgID, but negated. */
    function negatedOrganizationPolicy(extra: Partial<VpceShareConfig> = {}): VpceShareConfig {
      const config = sampleConfig();
      const statement = {
        Effect: "Allow",
        Principal: "*",
        Action: "*",
        Resource: "*",
        Condition: { StringNotEquals: { "aws:PrincipalOrgID": config.organization.id } },
      };
      return {
        ...config,
        hub: { ...config.hub, endpointPolicies: { sts: { Version: "2012-10-17", Statement: [statement] } } },
        ...extra,
      };
    }

    it("GIVEN StringNotEquals on aws:PrincipalOrgID WHEN synthesized THEN it fails naming the config path and the address, and writes nothing", () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-"));
      fs.rmSync(outdir, { recursive: true });
      expect(() => synthesize(negatedOrganizationPolicy(), outdir)).toThrow(
        'hub-eu-west-3 [VPCE-EP-1] aws_vpc_endpoint.this["sts"]: hub.endpointPolicies.sts: Statement[0]: Allow is not limited to organization o-a1b2c3d4e5: StringNotEquals on aws:PrincipalOrgID admits every principal outside the organizations it lists',
      );
      expect(fs.existsSync(outdir)).toBe(false);
    });

    it("GIVEN the same override suppressed with a reason WHEN synthesized THEN the finding is kept as info with its reason", () => {
      const reason = "reviewed: sts in this hub serves partner accounts on purpose";
      const stacks = synthesizeAll(
        negatedOrganizationPolicy({
          policySuppressions: [{ rule: "VPCE-EP-1", address: 'aws_vpc_endpoint.this["sts"]', reason }],
        }),
      );
      expect(stacks.policyChecks.violations).toEqual([]);
      const infos = stacks.hubs["eu-west-3"].node.metadata
        .filter((m) => m.type === "@cdktf/info")
        .map((m) => m.data);
      expect(infos).toContainEqual(
        expect.stringMatching(
          /^\[VPCE-EP-1\] aws_vpc_endpoint\.this\["sts"\]: hub\.endpointPolicies\.sts: .*\(suppressed: reviewed: sts/,
        ),
      );
    });
  });
});
