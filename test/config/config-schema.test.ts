/**
 * Checks on one value at a time (config-schema.ts): types, required and unknown keys, formats, sizes.
 * Each test breaks the example in one place and expects exactly one issue there.
 */
import * as fs from "fs";
import * as path from "path";
import { configJsonSchemaText } from "../../src/config/config-schema";
import { expectOnlyIssue, issueAt, issuesOf, Json, load, REPO_ROOT } from "./config-test-kit";

const EU = "hub.regions.eu-west-3";

describe("config/schema.json", () => {
  it("is up to date with the zod schema (run: npx ts-node --swc scripts/write-config-schema.ts)", () => {
    const committed = fs.readFileSync(path.join(REPO_ROOT, "config", "schema.json"), "utf8");
    expect(committed).toBe(configJsonSchemaText());
  });

  it("describes every property, for editor completion", () => {
    const undocumented: string[] = [];
    const visit = (schema: Record<string, unknown>, at: string) => {
      for (const [key, child] of Object.entries(
        (schema.properties ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        if (!child.description) undocumented.push(`${at}.${key}`);
        visit(child, `${at}.${key}`);
      }
      if (typeof schema.additionalProperties === "object") {
        visit(schema.additionalProperties as Record<string, unknown>, `${at}.*`);
      }
    };
    visit(JSON.parse(configJsonSchemaText()), "");
    expect(undocumented).toEqual([]);
  });

  it("forbids unknown keys everywhere and knows $schema", () => {
    const schema = JSON.parse(configJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.$schema.type).toBe("string");
    expect(schema.properties.hub.additionalProperties).toBe(false);
  });
});

describe("types and required keys", () => {
  it("GIVEN a number where a string is expected THEN the value, its type and the expected type", () => {
    expectOnlyIssue(
      (c) => (c.hub.accountId = 111111111111),
      "hub.accountId",
      "111111111111 is a number",
      "expected a string",
    );
  });

  it("GIVEN a string where a list is expected", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].subnetIds = "subnet-0a1b2c3d4e5f60001"),
      `${EU}.subnetIds`,
      '"subnet-0a1b2c3d4e5f60001" is a string',
      "expected an array",
    );
  });

  it("GIVEN a list where an object is expected", () => {
    expectOnlyIssue((c) => (c.spokes = []), "spokes", "[] is an array", "expected an object");
  });

  it("GIVEN null THEN it is refused, even for an optional key", () => {
    expectOnlyIssue((c) => (c.hub.roleArn = null), "hub.roleArn", "null is not allowed", "expected a string");
  });

  it("GIVEN a non-boolean endpointPolicy", () => {
    expectOnlyIssue(
      (c) =>
        (c.customServices = {
          a: { serviceName: "x", privateDnsNames: ["a.example.com"], endpointPolicy: "no" },
        }),
      "customServices.a.endpointPolicy",
      '"no" is a string',
      "expected a boolean",
    );
  });

  it.each([
    ["organization", (c: Json) => delete c.organization, "expected an object"],
    ["organization.arn", (c: Json) => delete c.organization.arn, "ARN of the AWS organization"],
    ["organization.cidrs", (c: Json) => delete c.organization.cidrs, "expected an array"],
    ["hub", (c: Json) => delete c.hub, "expected an object"],
    ["hub.accountId", (c: Json) => delete c.hub.accountId, "12-digit id"],
    ["hub.regions", (c: Json) => delete c.hub.regions, "keyed by region code"],
    [`${EU}.vpcId`, (c: Json) => delete c.hub.regions["eu-west-3"].vpcId, "expected a string"],
    [`${EU}.subnetIds`, (c: Json) => delete c.hub.regions["eu-west-3"].subnetIds, "expected an array"],
    [`${EU}.services`, (c: Json) => delete c.hub.regions["eu-west-3"].services, "expected an array"],
    [
      "spokes.payments-prod.accountId",
      (c: Json) => delete c.spokes["payments-prod"].accountId,
      "expected a string",
    ],
    [
      "spokes.payments-prod.regions",
      (c: Json) => delete c.spokes["payments-prod"].regions,
      "expected an object",
    ],
    [
      "spokes.payments-prod.regions.eu-west-3.vpcIds",
      (c: Json) => delete c.spokes["payments-prod"].regions["eu-west-3"].vpcIds,
      "expected an array",
    ],
    ["terraformCloud.organization", (c: Json) => (c.terraformCloud = {}), "expected a string"],
  ])("GIVEN %s missing THEN it is reported as missing", (at, change, expected) => {
    expectOnlyIssue(change, at, "is missing", expected);
  });

  it("GIVEN a custom service without its required keys THEN both are reported", () => {
    const issues = issuesOf((c) => (c.customServices = { mine: {} }));
    issueAt(issues, "customServices.mine.serviceName", "is missing");
    issueAt(issues, "customServices.mine.privateDnsNames", "is missing");
    expect(issues).toHaveLength(2);
  });
});

describe("unknown keys", () => {
  it("GIVEN a typo THEN the key, a suggestion and the allowed keys", () => {
    const issue = expectOnlyIssue(
      (c) => (c.hub.shareWht = []),
      "hub.shareWht",
      'unknown key "shareWht"',
      'did you mean "shareWith"?',
      'allowed keys: "accountId", "roleArn", "shareWith", "regions", "endpointPolicies"',
    );
    expect(issue.message).toBe(
      'unknown key "shareWht" (did you mean "shareWith"?); allowed keys: "accountId", "roleArn", "shareWith", "regions", "endpointPolicies"',
    );
  });

  it("GIVEN two unknown keys in one object THEN one issue each", () => {
    const issues = issuesOf((c) => {
      c.hub.regions["eu-west-3"].subnets = [];
      c.hub.regions["eu-west-3"].zzz = 1;
    });
    issueAt(issues, `${EU}.subnets`, 'unknown key "subnets"', '"subnetIds"');
    issueAt(
      issues,
      `${EU}.zzz`,
      'unknown key "zzz"',
      'allowed keys: "vpcId", "subnetIds", "inboundResolverIps", "services"',
    );
    expect(issues).toHaveLength(2);
  });

  it("GIVEN an unknown top-level key THEN the allowed keys include $schema", () => {
    expectOnlyIssue(
      (c) => (c.tag = {}),
      "tag",
      'unknown key "tag"',
      '"tags"',
      '"$schema"',
      '"customServices"',
    );
  });

  it.each([
    ["organization.region", (c: Json) => (c.organization.region = "x")],
    ["spokes.payments-prod.vpcIds", (c: Json) => (c.spokes["payments-prod"].vpcIds = [])],
    [
      "spokes.payments-prod.regions.eu-west-3.vpcId",
      (c: Json) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcId = "x"),
    ],
    ["terraformCloud.workspace", (c: Json) => (c.terraformCloud = { organization: "acme", workspace: "x" })],
    [
      "customServices.a.policy",
      (c: Json) => (c.customServices = { a: { serviceName: "s", privateDnsNames: ["a.b.c"], policy: true } }),
    ],
  ])("GIVEN the unknown key %s THEN it is reported", (at, change) => {
    expectOnlyIssue(change, at, "unknown key");
  });

  it("GIVEN $schema THEN it is accepted and ignored", () => {
    expect(load((c) => (c.$schema = "https://example.com/vpce.schema.json"))).not.toHaveProperty("$schema");
  });
});

describe("organization", () => {
  it.each([
    "arn:aws:organizations::111111111111:organization/a1b2c3d4e5",
    "arn:aws:organizations::11111111111:organization/o-a1b2c3d4e5",
    "arn:aws:organizations::111111111111:organization/o-A1B2C3D4E5",
    "arn:aws:organizations::111111111111:organization/o-a1b2",
    "arn:aws-iso:organizations::111111111111:organization/o-a1b2c3d4e5",
    "arn:aws:organizations:eu-west-3:111111111111:organization/o-a1b2c3d4e5",
    "o-a1b2c3d4e5",
  ])("GIVEN the ARN %s THEN it is not an organization ARN", (arn) => {
    // A bad ARN also hides the OU check on shareWith (it needs the organization id), so one issue only.
    expectOnlyIssue(
      (c) => (c.organization.arn = arn),
      "organization.arn",
      `${JSON.stringify(arn)} is not an organization ARN`,
      "expected",
      '"arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5"',
    );
  });

  it("GIVEN no CIDR THEN at least one is required", () => {
    expectOnlyIssue(
      (c) => (c.organization.cidrs = []),
      "organization.cidrs",
      "has 0 CIDRs",
      "expected at least 1",
    );
  });

  it.each([
    ["10.0.0.0", "is not an IPv4 CIDR"],
    ["10.0.0.256/16", "is not an IPv4 CIDR"],
    ["10.0.0.0/33", "is not an IPv4 CIDR"],
    ["10.0.0.0/08", "is not an IPv4 CIDR"],
    ["010.0.0.0/8", "is not an IPv4 CIDR"],
    ["fd00::/8", "is not an IPv4 CIDR"],
  ])("GIVEN the CIDR %s THEN %s, with the expected form", (cidr, words) => {
    expectOnlyIssue(
      (c) => (c.organization.cidrs = [cidr]),
      "organization.cidrs[0]",
      JSON.stringify(cidr),
      words,
      '"a.b.c.d/n"',
    );
  });

  it("GIVEN a CIDR with host bits THEN the canonical network is suggested", () => {
    const issue = expectOnlyIssue((c) => c.organization.cidrs.push("10.1.2.3/8"), "organization.cidrs[1]");
    expect(issue.message).toBe('"10.1.2.3/8" has host bits set; did you mean "10.0.0.0/8"?');
    expectOnlyIssue(
      (c) => (c.organization.cidrs = ["10.0.0.0/8", "172.16.5.0/12"]),
      "organization.cidrs[1]",
      '"172.16.0.0/12"',
    );
  });

  it("accepts 0.0.0.0/0 and /32 networks", () => {
    expect(load((c) => (c.organization.cidrs = ["0.0.0.0/0"])).organization.cidrs).toEqual(["0.0.0.0/0"]);
    expect(() => load((c) => c.organization.cidrs.push("192.168.1.1/32"))).not.toThrow();
  });
});

describe("accounts and roles", () => {
  it.each(["11111111111", "1111111111111", "11111111111a", " 111111111111"])(
    "GIVEN the account id %j",
    (id) => {
      expectOnlyIssue(
        (c) => (c.hub.accountId = id),
        "hub.accountId",
        `${JSON.stringify(id)} is not an account id`,
        "expected 12 digits",
        '"111111111111"',
      );
    },
  );

  it("checks spoke account ids too", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].accountId = "2222"),
      "spokes.payments-prod.accountId",
      "is not an account id",
    );
  });

  it.each([
    "arn:aws:iam::111111111111:user/deployer",
    "arn:aws:iam::1111:role/deployer",
    "arn:aws:sts::111111111111:role/deployer",
    "arn:aws:iam::111111111111:role/",
    "deployer",
  ])("GIVEN the role ARN %s", (arn) => {
    expectOnlyIssue(
      (c) => (c.hub.roleArn = arn),
      "hub.roleArn",
      `${JSON.stringify(arn)} is not an IAM role ARN`,
      '"arn:<partition>:iam::<12-digit account id>:role/<path/name>"',
    );
  });

  it("accepts role paths", () => {
    expect(() =>
      load((c) => (c.hub.roleArn = "arn:aws:iam::111111111111:role/platform/vpce/deployer")),
    ).not.toThrow();
  });
});

describe("hub.shareWith entries", () => {
  it.each([
    "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12",
    "arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-ab12",
    "ou-ab12-cdef3456",
    "1111",
  ])("GIVEN %s THEN it is not an organization ARN, OU ARN or account id", (target) => {
    expectOnlyIssue(
      (c) => (c.hub.shareWith = [target]),
      "hub.shareWith[0]",
      `${JSON.stringify(target)} is not an organization ARN, OU ARN or account id`,
      "12-digit account id",
    );
  });

  it("accepts the organization, OUs and account ids", () => {
    expect(() =>
      load((c) =>
        c.hub.shareWith.push("arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5", "444444444444"),
      ),
    ).not.toThrow();
  });
});

describe("regions", () => {
  it.each(["eu-wst-3", "EU-WEST-3", "us-iso-east-1", "eu-west"])("GIVEN the hub region key %s", (region) => {
    expectOnlyIssue(
      (c) => (c.hub.regions[region] = c.hub.regions["us-east-1"]),
      `hub.regions.${region}`,
      `${JSON.stringify(region)} is not a region code`,
      '"eu-west-3"',
    );
  });

  it("GIVEN a spoke region key that is not a region code", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions = { "eu-west3": { vpcIds: ["vpc-0123456789abcdef0"] } }),
      "spokes.payments-prod.regions.eu-west3",
      "is not a region code",
    );
  });

  it("GIVEN no hub region THEN at least one is required", () => {
    const issues = issuesOf((c) => {
      c.hub.regions = {};
      c.spokes = {};
    });
    issueAt(issues, "hub.regions", "has 0 regions", "expected at least 1");
    expect(issues).toHaveLength(1);
  });

  it("GIVEN a spoke without regions", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions = {}),
      "spokes.payments-prod.regions",
      "has 0 regions",
    );
  });
});

describe("VPC and subnet ids", () => {
  it.each(["vpc-0a1b2c3d", "vpc-0a1b2c3d4e5f67890"])("accepts %s", (id) => {
    expect(() => load((c) => (c.hub.regions["eu-west-3"].vpcId = id))).not.toThrow();
  });

  it.each(["vpc-0a1b2c3", "vpc-0a1b2c3d4e5f6789", "vpc-0A1B2C3D", "subnet-0a1b2c3d", "vpc_0a1b2c3d"])(
    "GIVEN the VPC id %s",
    (id) => {
      expectOnlyIssue(
        (c) => (c.hub.regions["eu-west-3"].vpcId = id),
        `${EU}.vpcId`,
        `${JSON.stringify(id)} is not a VPC id`,
        'expected "vpc-" and 8 or 17 hex digits, e.g. "vpc-0a1b2c3d4e5f67890"',
      );
    },
  );

  it("GIVEN a bad spoke VPC id", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = ["vpc-xyz"]),
      "spokes.payments-prod.regions.eu-west-3.vpcIds[0]",
      '"vpc-xyz" is not a VPC id',
    );
  });

  it("GIVEN a bad subnet id THEN the message of the spec", () => {
    const issue = expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].subnetIds[0] = "subnet-xyz"),
      `${EU}.subnetIds[0]`,
    );
    expect(issue.message).toBe(
      '"subnet-xyz" is not a subnet id; expected "subnet-" and 8 or 17 hex digits, e.g. "subnet-0a1b2c3d4e5f60001"',
    );
  });

  it("GIVEN fewer than 2 subnets (and as many IPs)", () => {
    expectOnlyIssue(
      (c) => {
        c.hub.regions["eu-west-3"].subnetIds.pop();
        delete c.hub.regions["eu-west-3"].inboundResolverIps;
      },
      `${EU}.subnetIds`,
      "has 1 subnet;",
      "expected 2 to 6",
    );
  });

  it("GIVEN more than 6 subnets", () => {
    expectOnlyIssue(
      (c) => {
        c.hub.regions["eu-west-3"].subnetIds = Array.from(
          { length: 7 },
          (_, i) => `subnet-0a1b2c3d4e5f6000${i}`,
        );
        delete c.hub.regions["eu-west-3"].inboundResolverIps;
      },
      `${EU}.subnetIds`,
      "has 7 subnets",
      "expected 2 to 6",
    );
  });
});

describe("inbound resolver IPs", () => {
  it.each(["10.10.1", "10.10.1.256", "10.10.01.10", "10.10.1.10/32", "::1", ""])("GIVEN the IP %j", (ip) => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].inboundResolverIps[1] = ip),
      `${EU}.inboundResolverIps[1]`,
      `${JSON.stringify(ip)} is not an IPv4 address`,
      "without leading zeros",
    );
  });

  it("GIVEN one IP THEN 2 to 6 (and no second report about the subnet count)", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].inboundResolverIps = ["10.10.1.10"]),
      `${EU}.inboundResolverIps`,
      "has 1 IP;",
      "expected 2 to 6",
    );
  });

  it("GIVEN 7 IPs", () => {
    expectOnlyIssue(
      (c) =>
        (c.hub.regions["eu-west-3"].inboundResolverIps = Array.from(
          { length: 7 },
          (_, i) => `10.10.${i}.10`,
        )),
      `${EU}.inboundResolverIps`,
      "has 7 IPs",
    );
  });
});

describe("services", () => {
  it("GIVEN an empty list THEN at least one service", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].services = []),
      `${EU}.services`,
      "has 0 services",
      "expected at least 1",
    );
  });

  it.each(["EC2", "ecr dkr", "", "-ec2"])("GIVEN the service name %j", (name) => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].services[0] = name),
      `${EU}.services[0]`,
      `${JSON.stringify(name)} is not a service name`,
      '"ecr.dkr"',
    );
  });
});

describe("customServices", () => {
  const custom =
    (definition: Record<string, unknown>, name = "mine") =>
    (c: Json) => {
      c.customServices = {
        [name]: {
          serviceName: "com.amazonaws.{region}.mine",
          privateDnsNames: ["mine.{region}.example.com"],
          ...definition,
        },
      };
    };

  it("accepts wildcards and {region} placeholders", () => {
    expect(() =>
      load(custom({ privateDnsNames: ["*.mine.{region}.example.com", "mine-{region}.example.com"] })),
    ).not.toThrow();
  });

  it.each([
    ["Mine", "customServices.Mine"],
    ["mine_1", "customServices.mine_1"],
    ["my service", 'customServices["my service"]'],
    [".mine", 'customServices[".mine"]'],
  ])("GIVEN the key %j THEN an issue at %s", (name, at) => {
    expectOnlyIssue(custom({}, name), at, `${JSON.stringify(name)} is not a service name`);
  });

  it("GIVEN an empty serviceName", () => {
    expectOnlyIssue(
      custom({ serviceName: "" }),
      "customServices.mine.serviceName",
      "is empty",
      "com.amazonaws.{region}.example",
    );
  });

  it("GIVEN no private DNS name", () => {
    expectOnlyIssue(
      custom({ privateDnsNames: [] }),
      "customServices.mine.privateDnsNames",
      "has 0 names",
      "expected at least 1",
    );
  });

  it.each([
    "Mine.{region}.example.com",
    "mine.*.example.com",
    "*mine.example.com",
    "*.*.example.com",
    "mine",
    "mine..example.com",
    "-mine.example.com",
    "mine.example.com.",
    "mine.{zone}.example.com",
  ])("GIVEN the private DNS name %j", (name) => {
    expectOnlyIssue(
      custom({ privateDnsNames: [name] }),
      "customServices.mine.privateDnsNames[0]",
      `${JSON.stringify(name)} is not a private DNS name`,
      'optionally starting with "*."',
    );
  });
});

describe("spokes", () => {
  it.each([
    ["Payments", "spokes.Payments"],
    ["-payments", "spokes.-payments"],
    ["payments_prod", "spokes.payments_prod"],
    ["a".repeat(64), `spokes.${"a".repeat(64)}`],
    ["", 'spokes[""]'],
    ["payments.prod", 'spokes["payments.prod"]'],
  ])("GIVEN the spoke name %j THEN an issue at %s", (name, at) => {
    expectOnlyIssue(
      (c) =>
        (c.spokes[name] = {
          accountId: "444444444444",
          regions: { "eu-west-3": { vpcIds: ["vpc-0123456789abcdef9"] } },
        }),
      at,
      "is not a spoke name",
      '"spoke-<name>"',
    );
  });

  it("accepts a 63-character spoke name", () => {
    expect(() =>
      load(
        (c) =>
          (c.spokes["a".repeat(63)] = {
            accountId: "444444444444",
            regions: { "eu-west-3": { vpcIds: ["vpc-0123456789abcdef9"] } },
          }),
      ),
    ).not.toThrow();
  });

  it("GIVEN a spoke region without VPCs", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = []),
      "spokes.payments-prod.regions.eu-west-3.vpcIds",
      "has 0 VPCs",
    );
  });
});

describe("tags", () => {
  it("GIVEN an empty key", () => {
    expectOnlyIssue((c) => (c.tags[""] = "x"), 'tags[""]', "empty tag key", "1 to 128");
  });

  it("GIVEN a key of 129 characters", () => {
    const key = "k".repeat(129);
    expectOnlyIssue(
      (c) => (c.tags[key] = "x"),
      `tags.${key}`,
      "is longer than 128 characters",
      `"${"k".repeat(100)}"...`,
    );
  });

  it.each(["aws:cost", "AWS:cost", "Aws:x"])("GIVEN the reserved key %j", (key) => {
    expectOnlyIssue((c) => (c.tags[key] = "x"), `tags[${JSON.stringify(key)}]`, 'starts with "aws:"');
  });

  it("GIVEN a value of 257 characters (256 is fine)", () => {
    expect(() => load((c) => (c.tags.owner = "v".repeat(256)))).not.toThrow();
    expectOnlyIssue((c) => (c.tags.owner = "v".repeat(257)), "tags.owner", "is longer than 256 characters");
  });

  it("GIVEN an empty value THEN it is fine", () => {
    expect(load((c) => (c.tags.owner = "")).tags.owner).toBe("");
  });

  it("GIVEN a non-string value", () => {
    expectOnlyIssue((c) => (c.tags.owner = 7), "tags.owner", "7 is a number", "expected a string");
  });

  it("GIVEN 51 tags (50 is fine)", () => {
    const tags = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, "x"]));
    expect(() => load((c) => (c.tags = tags(50)))).not.toThrow();
    expectOnlyIssue((c) => (c.tags = tags(51)), "tags", "has 51 tags", "expected at most 50");
  });
});

describe("terraformCloud", () => {
  it.each(["my org", "acme!", ""])("GIVEN the organization %j", (organization) => {
    expectOnlyIssue(
      (c) => (c.terraformCloud = { organization }),
      "terraformCloud.organization",
      `${JSON.stringify(organization)} is not a Terraform Cloud organization name`,
      '"acme"',
    );
  });

  it.each(["vpce ", "vpce/"])("GIVEN the workspace prefix %j", (workspacePrefix) => {
    expectOnlyIssue(
      (c) => (c.terraformCloud = { organization: "acme", workspacePrefix }),
      "terraformCloud.workspacePrefix",
      "is not a workspace name prefix",
    );
  });

  it.each(["https://app.terraform.io", "tfe", "TFE.example.com"])("GIVEN the hostname %j", (hostname) => {
    expectOnlyIssue(
      (c) => (c.terraformCloud = { organization: "acme", hostname }),
      "terraformCloud.hostname",
      "is not a hostname",
      '"app.terraform.io"',
    );
  });

  it("accepts a Terraform Enterprise hostname", () => {
    expect(
      load((c) => (c.terraformCloud = { organization: "acme", hostname: "tfe.example.com" })).terraformCloud
        ?.hostname,
    ).toBe("tfe.example.com");
  });
});

describe("values in messages", () => {
  it("are truncated to 100 characters", () => {
    const id = `subnet-${"0".repeat(100)}`;
    const issue = expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].subnetIds[0] = id),
      `${EU}.subnetIds[0]`,
    );
    expect(issue.message).toMatch(/^"subnet-0{93}"\.\.\. is not a subnet id/);
  });

  it("are JSON-quoted so odd unicode cannot break the output", () => {
    const issue = expectOnlyIssue((c) => (c.hub.accountId = "1111\u202e1111\n"), "hub.accountId");
    expect(issue.message).toMatch(/^"1111\\u202e1111\\n" is not an account id/);
  });
});
