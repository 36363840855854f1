/**
 * Rules that relate values to each other (load-config.ts): partitions, organization ids, role accounts,
 * resolver IPs vs CIDRs and subnets, duplicates, services, spokes vs hub.
 */
import { ConfigError } from "../../src/config/config-error";
import { attempt, expectOnlyIssue, issueAt, issuesOf, Json, load } from "./config-test-kit";

const EU = "hub.regions.eu-west-3";
const US = "hub.regions.us-east-1";
const ORG_ARN = "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5";

describe("partitions", () => {
  it("GIVEN a China region in an aws organization THEN the region is in another partition", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["cn-north-1"] = c.hub.regions["us-east-1"]),
      "hub.regions.cn-north-1",
      'region "cn-north-1" is in partition "aws-cn"',
      'organization.arn is in "aws"',
    );
  });

  it("GIVEN a GovCloud organization THEN commercial regions are reported, GovCloud ones are fine", () => {
    const issues = issuesOf((c) => {
      c.organization.arn = "arn:aws-us-gov:organizations::111111111111:organization/o-a1b2c3d4e5";
      delete c.hub.shareWith; // (the example's OU is in the aws partition)
      c.hub.regions["us-gov-west-1"] = c.hub.regions["us-east-1"];
    });
    issueAt(issues, EU, 'is in partition "aws"', '"aws-us-gov"');
    issueAt(issues, US, 'is in partition "aws"');
    expect(issues).toHaveLength(2);
  });
});

describe("hub.shareWith and the organization", () => {
  it("GIVEN an OU of another organization THEN both organization ids are named", () => {
    expectOnlyIssue(
      (c) => (c.hub.shareWith = ["arn:aws:organizations::111111111111:ou/o-zzzzzzzzzz/ou-ab12-cdef3456"]),
      "hub.shareWith[0]",
      'OU of organization "o-zzzzzzzzzz"',
      'not of "o-a1b2c3d4e5"',
    );
  });

  it("GIVEN another organization's ARN THEN the expected ARN", () => {
    expectOnlyIssue(
      (c) => (c.hub.shareWith = ["arn:aws:organizations::111111111111:organization/o-zzzzzzzzzz"]),
      "hub.shareWith[0]",
      "is not the organization in organization.arn",
      JSON.stringify(ORG_ARN),
    );
  });

  it("GIVEN a principal twice THEN both positions", () => {
    expectOnlyIssue(
      (c) => c.hub.shareWith.push("444444444444", "444444444444"),
      "hub.shareWith[2]",
      '"444444444444" is listed twice: also at hub.shareWith[1]',
    );
  });
});

describe("roleArn and accountId", () => {
  it("GIVEN a hub role in another account THEN both accounts and a corrected ARN", () => {
    expectOnlyIssue(
      (c) => (c.hub.roleArn = "arn:aws:iam::999999999999:role/deployer"),
      "hub.roleArn",
      "is a role in account 999999999999",
      "hub.accountId is 111111111111",
      '"arn:aws:iam::111111111111:role/deployer"',
    );
  });

  it("GIVEN a spoke role in another account", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].roleArn = "arn:aws:iam::111111111111:role/deployer"),
      "spokes.payments-prod.roleArn",
      "is a role in account 111111111111",
      "spokes.payments-prod.accountId is 222222222222",
    );
  });

  it("GIVEN roles in their own accounts THEN fine", () => {
    const config = load((c) => {
      c.hub.roleArn = "arn:aws:iam::111111111111:role/deployer";
      c.spokes["payments-prod"].roleArn = "arn:aws:iam::222222222222:role/ops/deployer";
    });
    expect(config.spokes["payments-prod"].roleArn).toBe("arn:aws:iam::222222222222:role/ops/deployer");
  });
});

describe("hub subnets and resolver IPs", () => {
  it("GIVEN a subnet twice THEN both positions", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["us-east-1"].subnetIds[2] = c.hub.regions["us-east-1"].subnetIds[0]),
      `${US}.subnetIds[2]`,
      '"subnet-0b1c2d3e4f5a60001" is listed twice: also at hub.regions.us-east-1.subnetIds[0]',
    );
  });

  it("GIVEN an IP twice THEN both positions", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["us-east-1"].inboundResolverIps[2] = "10.20.1.10"),
      `${US}.inboundResolverIps[2]`,
      '"10.20.1.10" is listed twice: also at hub.regions.us-east-1.inboundResolverIps[0]',
    );
  });

  it("GIVEN fewer IPs than subnets THEN both counts", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["us-east-1"].inboundResolverIps.pop(),
      `${US}.inboundResolverIps`,
      "has 2 IPs but hub.regions.us-east-1.subnetIds has 3 subnets",
      "one IP per subnet",
    );
  });

  it("GIVEN more IPs than subnets", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].inboundResolverIps.push("10.10.3.10"),
      `${EU}.inboundResolverIps`,
      "has 3 IPs but hub.regions.eu-west-3.subnetIds has 2 subnets",
    );
  });

  it("GIVEN an IP outside organization.cidrs THEN the CIDRs are listed", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].inboundResolverIps[0] = "192.168.1.10"),
      `${EU}.inboundResolverIps[0]`,
      '"192.168.1.10" is outside organization.cidrs ("10.0.0.0/8")',
      "security groups",
    );
  });

  it("GIVEN an IP inside a second organization CIDR THEN fine", () => {
    expect(() =>
      load((c) => {
        c.organization.cidrs.push("192.168.0.0/16");
        c.hub.regions["eu-west-3"].inboundResolverIps[0] = "192.168.1.10";
      }),
    ).not.toThrow();
  });

  it("GIVEN an invalid CIDR THEN the IPs are not checked against it (one issue, not two)", () => {
    expectOnlyIssue((c) => (c.organization.cidrs = ["10.0.0.1/8"]), "organization.cidrs[0]", "host bits");
  });
});

describe("services", () => {
  it("GIVEN an unknown service THEN the catalog's message with its suggestions", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].services[0] = "ec3"),
      `${EU}.services[0]`,
      'unknown service "ec3"',
      'did you mean "ec2"',
      "customServices",
    );
  });

  it("GIVEN a service without private DNS names", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].services.push("iot.data"),
      `${EU}.services[5]`,
      '"iot.data" has no private DNS name',
    );
  });

  it("GIVEN a global service", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].services.push("s3-global.accesspoint"),
      `${EU}.services[5]`,
      '"s3-global.accesspoint" is a global service',
    );
  });

  it("GIVEN iam THEN it is refused as a global service, with the reason", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].services.push("iam"),
      `${EU}.services[5]`,
      '"iam" is a global service, not shareable this way: its name (iam.amazonaws.com) carries no region',
    );
  });

  it("GIVEN a service the region's snapshot does not list THEN it is not offered there, and how to refresh", () => {
    // bedrock: listed by the us-east-1 snapshot of 2023-09, not by eu-west-3's of the same date
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].services.push("bedrock"),
      `${EU}.services[5]`,
      '"bedrock" is not offered in eu-west-3',
      "npm run catalog:import -- eu-west-3.json",
    );
  });

  it("GIVEN a service the region's snapshot does not list, declared in customServices THEN no issue", () => {
    const config = load((c) => {
      c.hub.regions["eu-west-3"].services.push("bedrock");
      c.customServices = {
        bedrock: {
          serviceName: "com.amazonaws.{region}.bedrock",
          privateDnsNames: ["bedrock.{region}.amazonaws.com"],
        },
      };
    });
    expect(config.hub.regions["eu-west-3"].services).toContain("bedrock");
  });

  it("GIVEN a service documented after the snapshots (eks-auth) THEN no issue in a snapshot's region", () => {
    expect(
      load((c) => c.hub.regions["eu-west-3"].services.push("eks-auth")).hub.regions["eu-west-3"].services,
    ).toContain("eks-auth");
  });

  it("GIVEN a service twice THEN both positions, and it is resolved once", () => {
    expectOnlyIssue(
      (c) => c.hub.regions["eu-west-3"].services.push("sts"),
      `${EU}.services[5]`,
      '"sts" is listed twice: also at hub.regions.eu-west-3.services[1]',
    );
  });

  it("GIVEN an unknown service twice THEN the duplicate and the unknown service, once each", () => {
    const issues = issuesOf((c) => c.hub.regions["eu-west-3"].services.push("ec3", "ec3"));
    issueAt(issues, `${EU}.services[5]`, 'unknown service "ec3"');
    issueAt(issues, `${EU}.services[6]`, "listed twice");
    expect(issues).toHaveLength(2);
  });

  it("GIVEN a custom service that claims ec2's zone THEN both services are named", () => {
    expectOnlyIssue(
      (c) => {
        c.customServices = {
          "my-ec2": {
            serviceName: "com.amazonaws.{region}.ec2",
            privateDnsNames: ["ec2.{region}.amazonaws.com"],
          },
        };
        c.hub.regions["eu-west-3"].services.push("my-ec2");
      },
      `${EU}.services[5]`,
      '"my-ec2" and "ec2" (hub.regions.eu-west-3.services[0]) both claim the private DNS zone "ec2.eu-west-3.amazonaws.com"',
    );
  });

  it("GIVEN a wildcard name whose zone is another service's name THEN a clash (the '*.' is stripped)", () => {
    expectOnlyIssue(
      (c) => {
        c.customServices = {
          sts2: {
            serviceName: "com.example.{region}.sts2",
            privateDnsNames: ["*.sts.{region}.amazonaws.com"],
          },
        };
        c.hub.regions["eu-west-3"].services.push("sts2");
      },
      `${EU}.services[5]`,
      '"sts2" and "sts"',
      '"sts.eu-west-3.amazonaws.com"',
    );
  });

  it("GIVEN the same custom service in two regions THEN no clash (zones are per region)", () => {
    expect(() =>
      load((c) => {
        c.customServices = {
          mine: { serviceName: "com.example.{region}.mine", privateDnsNames: ["mine.{region}.example.com"] },
        };
        c.hub.regions["eu-west-3"].services.push("mine");
        c.hub.regions["us-east-1"].services.push("mine");
      }),
    ).not.toThrow();
  });

  it("GIVEN a custom service that corrects a catalog entry THEN it replaces it", () => {
    expect(() =>
      load((c) => {
        c.customServices = {
          "iot.data": {
            serviceName: "com.amazonaws.{region}.iot.data",
            privateDnsNames: ["data.iot.{region}.amazonaws.com"],
          },
        };
        c.hub.regions["eu-west-3"].services.push("iot.data");
      }),
    ).not.toThrow();
  });

  it("GIVEN a custom service with a problem of its own THEN only that problem, not 'unknown service' as well", () => {
    expectOnlyIssue(
      (c) => {
        c.customServices = { mine: { serviceName: "", privateDnsNames: ["mine.{region}.example.com"] } };
        c.hub.regions["eu-west-3"].services.push("mine");
      },
      "customServices.mine.serviceName",
      "is empty",
    );
  });
});

describe("spokes and the hub", () => {
  it("GIVEN a spoke region the hub does not serve THEN the hub's regions are listed", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions["eu-west-1"] = { vpcIds: ["vpc-0123456789abcdef9"] }),
      "spokes.payments-prod.regions.eu-west-1",
      'the hub does not serve "eu-west-1"',
      'it serves "eu-west-3", "us-east-1"',
    );
  });

  it("GIVEN a VPC twice in one spoke region THEN both positions", () => {
    expectOnlyIssue(
      (c) => c.spokes["payments-prod"].regions["eu-west-3"].vpcIds.push("vpc-0123456789abcdef0"),
      "spokes.payments-prod.regions.eu-west-3.vpcIds[1]",
      '"vpc-0123456789abcdef0" is listed twice: also at spokes.payments-prod.regions.eu-west-3.vpcIds[0]',
    );
  });

  it("GIVEN a VPC in two spokes THEN both paths", () => {
    expectOnlyIssue(
      (c) => c.spokes["data-platform"].regions["eu-west-3"].vpcIds.push("vpc-0123456789abcdef0"),
      "spokes.data-platform.regions.eu-west-3.vpcIds[2]",
      "is listed twice: also at spokes.payments-prod.regions.eu-west-3.vpcIds[0]",
      "one spoke region",
    );
  });

  it("GIVEN a spoke VPC that is the hub VPC of the region THEN RSLVR-00804", () => {
    expectOnlyIssue(
      (c) => (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = ["vpc-0a1b2c3d4e5f67890"]),
      "spokes.payments-prod.regions.eu-west-3.vpcIds[0]",
      '"vpc-0a1b2c3d4e5f67890" is the hub VPC (hub.regions.eu-west-3.vpcId)',
      "RSLVR-00804",
    );
  });

  it("GIVEN a broken hub region key THEN a spoke region of that name is not also reported", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions = { "eu-west-3": c.hub.regions["eu-west-3"], "us-east-1": 5 }),
      US,
      "5 is a number",
    );
  });
});

describe("rules read only values the schema accepted", () => {
  it.each<[string, (c: Json) => void]>([
    ["organization.arn", (c) => (c.organization.arn = 5)],
    ["organization.cidrs", (c) => (c.organization.cidrs = "10.0.0.0/8")],
    ["hub", (c) => (c.hub = [])],
    ["hub.regions", (c) => (c.hub.regions = [])],
    [`${EU}.subnetIds`, (c) => (c.hub.regions["eu-west-3"].subnetIds = {})],
    [`${EU}.inboundResolverIps`, (c) => (c.hub.regions["eu-west-3"].inboundResolverIps = "10.10.1.10")],
    [`${EU}.services`, (c) => (c.hub.regions["eu-west-3"].services = "ec2")],
    ["spokes", (c) => (c.spokes = "none")],
    ["spokes.payments-prod.regions", (c) => (c.spokes["payments-prod"].regions = null)],
    ["customServices", (c) => (c.customServices = [])],
  ])("GIVEN %s of the wrong type THEN one ConfigError issue there, no crash", (at, change) => {
    const issues = issuesOf(change);
    issueAt(issues, at, "expected");
  });
});

describe("sharing mechanisms (mechanism, profileContents, retiringMechanism)", () => {
  it("GIVEN profileContents in a region shared by resolver rules THEN refused, naming both ways out", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].profileContents = "endpoints"),
      `${EU}.profileContents`,
      'applies only to mechanism "profile", but this region\'s mechanism is "resolver-rules"',
      `remove it, or set ${EU}.mechanism to "profile"`,
    );
  });

  it("GIVEN profileContents in a region shared by zone association THEN refused", () => {
    expectOnlyIssue(
      (c) => {
        c.hub.regions["eu-west-3"].mechanism = "zone-association";
        c.hub.regions["eu-west-3"].profileContents = "zones";
        delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      },
      `${EU}.profileContents`,
      'but this region\'s mechanism is "zone-association"',
    );
  });

  it("GIVEN a retiring mechanism that is the mechanism itself THEN refused, saying what retiring means", () => {
    expectOnlyIssue(
      (c) => {
        c.hub.regions["eu-west-3"].mechanism = "profile";
        c.hub.regions["eu-west-3"].retiringMechanism = "profile";
        delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      },
      `${EU}.retiringMechanism`,
      `"profile" is also ${EU}.mechanism`,
      "remove it once every spoke has moved",
    );
  });

  it("GIVEN the default mechanism retiring THEN refused too: resolver-rules is the mechanism when none is set", () => {
    expectOnlyIssue(
      (c) => {
        delete c.hub.regions["eu-west-3"].mechanism;
        c.hub.regions["eu-west-3"].retiringMechanism = "resolver-rules";
      },
      `${EU}.retiringMechanism`,
      `"resolver-rules" is also ${EU}.mechanism`,
    );
  });

  it.each(["resolver-rules", "zone-association"])(
    "GIVEN a Profile of endpoints with %s retiring THEN refused: move to a Profile of zones first",
    (retiring) => {
      expectOnlyIssue(
        (c) => {
          c.hub.regions["eu-west-3"].mechanism = "profile";
          c.hub.regions["eu-west-3"].profileContents = "endpoints";
          c.hub.regions["eu-west-3"].retiringMechanism = retiring;
          delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
        },
        `${EU}.retiringMechanism`,
        "cannot be kept beside a Profile of endpoints",
        "ConflictingDomainExists",
        `move to profileContents "zones" first, then to "endpoints" once "${retiring}" is gone`,
      );
    },
  );

  it.each([
    ["profile", "zones", "resolver-rules"],
    ["profile", undefined, "zone-association"],
    ["zone-association", undefined, "resolver-rules"],
    ["resolver-rules", undefined, "profile"],
    ["profile", "endpoints", undefined],
  ])("GIVEN mechanism %s (contents %s) retiring %s THEN accepted", (mechanism, contents, retiring) => {
    const loaded = attempt(() =>
      load((c) => {
        const region = c.hub.regions["eu-west-3"];
        region.mechanism = mechanism;
        if (contents !== undefined) region.profileContents = contents;
        if (retiring !== undefined) region.retiringMechanism = retiring;
        delete region.inboundResolverIps; // (only resolver rules have resolver endpoints)
      }),
    );
    expect(loaded).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN an unknown mechanism or contents THEN refused, listing the valid ones", () => {
    const issues = issuesOf((c) => {
      c.hub.regions["eu-west-3"].mechanism = "profiles";
      c.hub.regions["us-east-1"].mechanism = "profile";
      c.hub.regions["us-east-1"].profileContents = "zone";
    });
    issueAt(issues, `${EU}.mechanism`, '"resolver-rules"', '"profile"', '"zone-association"');
    issueAt(issues, `${US}.profileContents`, '"zones"', '"endpoints"');
  });
});
