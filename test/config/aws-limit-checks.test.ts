import { ConfigError } from "../../apps/config/config-error";
import { AWS_LIMITS } from "../../modules/aws-limits";
import { attempt, Json, load } from "./config-test-kit";

const vpc = (i: number) => `vpc-${i.toString(16).padStart(17, "0")}`;

function issuesOf(change: (config: Json) => void) {
  const result = attempt(() => load(change));
  if (!(result instanceof ConfigError)) throw new Error("expected a ConfigError");
  return result.issues;
}

describe("AWS quota guards", () => {
  it("accepts the example", () => {
    expect(attempt(() => load())).not.toBeInstanceOf(ConfigError);
  });

  it("refuses more resolver rules in a hub region than AWS allows", () => {
    // GIVEN a custom service with one private DNS name more than the rule quota
    const issues = issuesOf((config) => {
      config.customServices = {
        many: {
          serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
          privateDnsNames: Array.from(
            { length: AWS_LIMITS.resolverRulesPerRegion - 4 },
            (_, i) => `n${i}.example.com`,
          ),
        },
      };
      config.hub.regions["eu-west-3"].services.push("many");
      config.spokes = {}; // (its VPCs would exceed the association quota too)
    });
    // THEN the report names the region's services and the numbers
    expect(issues).toEqual([
      {
        path: "hub.regions.eu-west-3.services",
        message: expect.stringMatching(
          /^needs 1,001 resolver rules .*AWS allows 1,000 per account and region/,
        ),
      },
    ]);
  });

  it("counts associations per account and region over every spoke of that account", () => {
    // GIVEN two spokes in one account whose VPCs x rules together exceed the association quota
    const issues = issuesOf((config) => {
      const rules = 5; // ec2, sts, ssm, ecr.api, ecr.dkr: one zone each in the example's eu-west-3
      const half = Math.ceil(AWS_LIMITS.ruleAssociationsPerRegion / rules / 2);
      config.spokes = {
        a: {
          accountId: "444444444444",
          regions: { "eu-west-3": { vpcIds: Array.from({ length: half }, (_, i) => vpc(i)) } },
        },
        b: {
          accountId: "444444444444",
          regions: { "eu-west-3": { vpcIds: Array.from({ length: half + 1 }, (_, i) => vpc(10_000 + i)) } },
        },
      };
    });
    expect(issues).toEqual([
      {
        path: "spokes.a.regions.eu-west-3.vpcIds",
        message: expect.stringMatching(
          /^account 444444444444 needs 2,005 resolver rule associations in eu-west-3 \(a: 1,000, b: 1,005; .*AWS allows 2,000/,
        ),
      },
    ]);
  });

  it("does not add up different accounts", () => {
    expect(
      attempt(() =>
        load((config) => {
          config.spokes = {
            a: {
              accountId: "444444444444",
              regions: { "eu-west-3": { vpcIds: Array.from({ length: 300 }, (_, i) => vpc(i)) } },
            },
            b: {
              accountId: "555555555555",
              regions: { "eu-west-3": { vpcIds: Array.from({ length: 300 }, (_, i) => vpc(1000 + i)) } },
            },
          };
        }),
      ),
    ).not.toBeInstanceOf(ConfigError);
  });
});
