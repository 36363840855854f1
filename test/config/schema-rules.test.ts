/**
 * The schema is the one place that says what a valid configuration is: the rules that relate values
 * (config-rules.ts) run inside ConfigSchema, so zod's own safeParse reports them exactly as loadConfig
 * does, and the normalized configuration is the output of VpceShareConfigSchema.
 */
import { ConfigError, formatPath } from "../../src/config/config-error";
import { ConfigSchema, VpceShareConfigSchema } from "../../src/config/config-schema";
import { parseConfig } from "../../src/config/load-config";
import { example, Json } from "./config-test-kit";

const EU = ["hub", "regions", "eu-west-3"];

/** The example after `change`. */
function changed(change: (config: Json) => void): Json {
  const config = example();
  change(config);
  return config;
}

/** What zod's own safeParse of ConfigSchema reports, as "path: message" lines. */
function zodIssues(input: Json): string[] {
  const result = ConfigSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => `${formatPath(i.path as string[])}: ${i.message}`);
}

/** What loadConfig reports for the same input, as "path: message" lines. */
function loaderIssues(input: Json): string[] {
  try {
    parseConfig(JSON.stringify(input, null, 2), "test.json");
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

const RULES: [string, (config: Json) => void, string][] = [
  [
    "a spoke region the hub does not serve",
    (c) => (c.spokes["payments-prod"].regions["ap-south-1"] = { vpcIds: ["vpc-0123456789abcdef1"] }),
    "spokes.payments-prod.regions.ap-south-1",
  ],
  [
    "a pinned resolver IP outside organization.cidrs",
    (c) => (c.hub.regions["eu-west-3"].inboundResolverIps[0] = "192.168.1.10"),
    `${formatPath(EU)}.inboundResolverIps[0]`,
  ],
  [
    "fewer resolver IPs than subnets",
    (c) => c.hub.regions["us-east-1"].inboundResolverIps.pop(),
    "hub.regions.us-east-1.inboundResolverIps",
  ],
  [
    "a role in another partition",
    (c) => (c.hub.roleArn = "arn:aws-cn:iam::111111111111:role/deployer"),
    "hub.roleArn",
  ],
  [
    "a spoke account that hub.shareWith (accounts only) leaves out",
    (c) => (c.hub.shareWith = ["333333333333"]),
    "spokes.payments-prod.accountId",
  ],
  [
    "the hub VPC as a spoke VPC",
    (c) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = ["vpc-0a1b2c3d4e5f67890"]),
    "spokes.payments-prod.regions.eu-west-3.vpcIds[0]",
  ],
];

describe("cross-field rules in the schema", () => {
  it.each(RULES)(
    "GIVEN %s WHEN zod parses the file with ConfigSchema THEN it reports what loadConfig reports",
    (_, change, path) => {
      const input = changed(change);
      const fromZod = zodIssues(input);
      expect(fromZod).toEqual([expect.stringMatching(new RegExp(`^${path.replace(/[.[\]]/g, "\\$&")}: `))]);
      expect(loaderIssues(input)).toEqual(fromZod);
    },
  );

  it("GIVEN a malformed value and a broken rule elsewhere THEN the schema reports both, in one pass", () => {
    // the rules also run when a value failed: every problem is reported at once
    const input = changed((c) => {
      c.tags = { "aws:owner": "x" };
      c.spokes["payments-prod"].regions["ap-south-1"] = { vpcIds: ["vpc-0123456789abcdef1"] };
    });
    expect(zodIssues(input).map((line) => line.split(":")[0])).toEqual([
      'tags["aws',
      "spokes.payments-prod.regions.ap-south-1",
    ]);
  });

  it("GIVEN a malformed value THEN the rules that would read it stay silent (one problem, reported once)", () => {
    // an IP that is not an IP is not also "outside organization.cidrs"
    const input = changed((c) => (c.hub.regions["eu-west-3"].inboundResolverIps[0] = "10.10.1.300"));
    expect(zodIssues(input)).toEqual([expect.stringContaining("is not an IPv4 address")]);
  });
});

describe("the normalized configuration is the schema's output", () => {
  it("GIVEN the example WHEN VpceShareConfigSchema parses it THEN the organization's id and partition come from its ARN, and it is what loadConfig returns", () => {
    const config = VpceShareConfigSchema.parse(example());
    expect(config.organization).toEqual({
      arn: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
      id: "o-a1b2c3d4e5",
      partition: "aws",
      cidrs: ["10.0.0.0/8"],
    });
    expect(parseConfig(JSON.stringify(example()), "example.json")).toEqual(config);
  });

  it("GIVEN no hub.shareWith and a GovCloud organization THEN the rules are shared with the organization, in aws-us-gov", () => {
    const arn = "arn:aws-us-gov:organizations::111111111111:organization/o-a1b2c3d4e5";
    const config = VpceShareConfigSchema.parse(
      changed((c) => {
        c.organization.arn = arn;
        delete c.hub.shareWith;
        c.hub.regions = { "us-gov-west-1": c.hub.regions["us-east-1"] };
        c.spokes = {};
      }),
    );
    expect(config.hub.shareWith).toEqual([arn]);
    expect(config.organization.partition).toBe("aws-us-gov");
  });
});
