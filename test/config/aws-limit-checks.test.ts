import { ConfigError } from "../../src/config/config-error";
import { AWS_QUOTAS } from "../../src/catalog/aws-limits";
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
            { length: AWS_QUOTAS.resolverRulesPerRegion.default - 4 },
            (_, i) => `n${i}.example.com`,
          ),
        },
      };
      config.hub.regions["eu-west-3"].services.push("many");
      config.spokes = {}; // (its VPCs would exceed the association quota too)
      config.quotas = { hostedZonesPerAccount: 2000 }; // (and its zones the hosted zone quota)
    });
    // THEN the report names the region's services and the numbers
    expect(issues).toEqual([
      {
        path: "hub.regions.eu-west-3.services",
        message: expect.stringMatching(
          /^needs 1,001 resolver rules .*AWS allows 1,000 by default \(Route 53 Resolver "Rules per AWS Region", per account and region\): share fewer services in eu-west-3, or declare the quota AWS raised for you in quotas.resolverRulesPerRegion$/,
        ),
      },
    ]);
  });

  it("counts associations per account and region over every spoke of that account", () => {
    // GIVEN two spokes in one account whose VPCs x rules together exceed the association quota
    const issues = issuesOf((config) => {
      const rules = 5; // ec2, sts, ssm, ecr.api, ecr.dkr: one zone each in the example's eu-west-3
      const half = Math.ceil(AWS_QUOTAS.ruleAssociationsPerRegion.default / rules / 2);
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
          /^account 444444444444 needs 2,005 resolver rule associations in eu-west-3 \(a: 1,000, b: 1,005; .*AWS allows 2,000 by default/,
        ),
      },
    ]);
  });

  it.each([
    [
      "a Profile, while the hub retires its rules",
      { mechanism: "profile", retiringMechanism: "resolver-rules" },
    ],
    [
      "zone association, while the hub retires its rules",
      { mechanism: "zone-association", retiringMechanism: "resolver-rules" },
    ],
    ["a Profile", { mechanism: "profile" }],
  ])("counts no rule associations for spokes of a region that shares by %s", (_, sharing) => {
    // GIVEN one account's VPCs x the region's 5 zones above the rule association quota, in a region whose
    // spokes associate another mechanism (the hub may still keep its rules while they move)
    const load1 = () =>
      load((config) => {
        Object.assign(config.hub.regions["eu-west-3"], sharing);
        const vpcs = Math.ceil(AWS_QUOTAS.ruleAssociationsPerRegion.default / 5) + 1;
        config.spokes = {
          a: {
            accountId: "444444444444",
            regions: { "eu-west-3": { vpcIds: Array.from({ length: vpcs }, (_, i) => vpc(i)) } },
          },
        };
      });
    // WHEN the configuration is loaded THEN no rule association issue (the spokes associate none)
    const result = attempt(load1);
    const issues = result instanceof ConfigError ? result.issues : [];
    expect(issues.filter((i) => i.message.includes("resolver rule associations"))).toEqual([]);
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

/** `n` distinct /16 CIDRs inside 10.0.0.0/8 (the example's resolver IPs are in 10.10 and 10.20). */
const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `10.${i}.0.0/16`);

describe("rules per security group", () => {
  it("GIVEN 30 organization CIDRs (60 DNS rules each way in the resolver group) THEN accepted", () => {
    expect(attempt(() => load((c) => (c.organization.cidrs = cidrs(30))))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN 40 organization CIDRs THEN refused: 80 inbound rules in the resolver security group, above AWS's 60", () => {
    // GIVEN 40 CIDRs, which the resolver security group admits DNS from over tcp and udp
    const issues = issuesOf((c) => (c.organization.cidrs = cidrs(40)));
    // THEN one issue at organization.cidrs with the count, the quota's AWS name and both ways out
    expect(issues).toEqual([
      {
        path: "organization.cidrs",
        message:
          'has 40 CIDRs, which make 80 inbound rules in the resolver security group of every hub region (2 per CIDR); AWS allows 60 by default (Amazon VPC "Inbound or outbound rules per security group" (L-0EA8095F), each direction): list at most 30 CIDRs (summarize adjacent ones), or declare the quota AWS raised for you in quotas.rulesPerSecurityGroup',
      },
    ]);
  });

  it("GIVEN 40 CIDRs and a declared quota of 100 THEN accepted; of 70 THEN refused naming the declared quota", () => {
    const forty = (quota: number) => (c: Json) => {
      c.organization.cidrs = cidrs(40);
      c.quotas = { rulesPerSecurityGroup: quota };
    };
    expect(attempt(() => load(forty(100)))).not.toBeInstanceOf(ConfigError);
    expect(issuesOf(forty(70))).toEqual([
      {
        path: "organization.cidrs",
        message: expect.stringContaining(
          'quotas.rulesPerSecurityGroup declares 70 (Amazon VPC "Inbound or outbound rules per security group" (L-0EA8095F), each direction): list at most 35 CIDRs',
        ),
      },
    ]);
  });
});

describe("interface endpoints per VPC", () => {
  /** The example with `n` more services in eu-west-3 (custom ones, one zone each). */
  const withServices = (n: number, quota?: number) => (c: Json) => {
    c.customServices = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [
        `svc${i}`,
        { serviceName: `com.example.{region}.svc${i}`, privateDnsNames: [`svc${i}.{region}.example.com`] },
      ]),
    );
    c.hub.regions["eu-west-3"].services.push(...Object.keys(c.customServices));
    if (quota !== undefined) c.quotas = { interfaceEndpointsPerVpc: quota };
  };

  it("GIVEN 50 services in a hub region THEN accepted", () => {
    expect(attempt(() => load(withServices(45)))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN 51 services in a hub region THEN refused at its services", () => {
    expect(issuesOf(withServices(46))).toEqual([
      {
        path: "hub.regions.eu-west-3.services",
        message:
          'needs 51 interface endpoints (one per service) in one VPC; AWS allows 50 by default (Amazon VPC "Interface and Gateway Load Balancer endpoints per VPC" (L-29B6F2EB), per VPC): share fewer services in eu-west-3, or declare the quota AWS raised for you in quotas.interfaceEndpointsPerVpc',
      },
    ]);
  });

  it("GIVEN 51 services and a declared quota of 60 THEN accepted", () => {
    expect(attempt(() => load(withServices(46, 60)))).not.toBeInstanceOf(ConfigError);
  });
});

describe("hosted zones per account", () => {
  /** The example's 17 zones, plus a custom service with `n` more names in us-east-1. */
  const withZones = (n: number, quota?: number) => (c: Json) => {
    c.customServices = {
      many: {
        serviceName: "com.example.{region}.many",
        privateDnsNames: Array.from({ length: n }, (_, i) => `n${i}.{region}.example.com`),
      },
    };
    c.hub.regions["us-east-1"].services.push("many");
    c.spokes = {}; // (the rule associations are not what this is about)
    if (quota !== undefined) c.quotas = { hostedZonesPerAccount: quota };
  };

  it("GIVEN 500 zones over the hub regions THEN accepted", () => {
    expect(attempt(() => load(withZones(483)))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN 501 zones over the hub regions THEN refused: they are all hosted zones of the hub account", () => {
    expect(issuesOf(withZones(484))).toEqual([
      {
        path: "hub.regions",
        message:
          'needs 501 private hosted zones in hub account 111111111111 over 2 regions (most: us-east-1: 496, eu-west-3: 5), besides the zones the account already has; AWS allows 500 by default (Route 53 "Hosted zones", per account): share fewer services or regions, or declare the quota AWS raised for you in quotas.hostedZonesPerAccount',
      },
    ]);
  });

  it("GIVEN 501 zones and a declared quota of 600 THEN accepted", () => {
    expect(attempt(() => load(withZones(484, 600)))).not.toBeInstanceOf(ConfigError);
  });
});

describe("quotas, the declared ones", () => {
  it("GIVEN a declared quota below AWS's default THEN refused at its path", () => {
    expect(issuesOf((c) => (c.quotas = { hostedZonesPerAccount: 499 }))).toEqual([
      {
        path: "quotas.hostedZonesPerAccount",
        message:
          "499 is below AWS's default of 500; expected a whole number of at least 500, AWS's default (leave it out to use the default)",
      },
    ]);
  });

  it("GIVEN a fraction THEN refused", () => {
    expect(issuesOf((c) => (c.quotas = { rulesPerSecurityGroup: 60.5 }))).toEqual([
      { path: "quotas.rulesPerSecurityGroup", message: expect.stringMatching(/^60.5 is not a whole number/) },
    ]);
  });

  it("GIVEN a quota name AWS_QUOTAS does not have THEN refused with the names it has", () => {
    const [issue] = issuesOf((c) => (c.quotas = { hostedZones: 1000 }));
    expect(issue.path).toBe("quotas.hostedZones");
    expect(issue.message).toContain('did you mean "hostedZonesPerAccount"?');
    for (const name of Object.keys(AWS_QUOTAS)) expect(issue.message).toContain(JSON.stringify(name));
  });

  it("GIVEN every quota at its default THEN the same as none declared", () => {
    const defaults = Object.fromEntries(Object.entries(AWS_QUOTAS).map(([name, q]) => [name, q.default]));
    expect(load((c) => (c.quotas = defaults)).quotas).toEqual(defaults);
  });
});

/** `n` spokes in distinct accounts, each with one VPC in `region` (no account reaches a per-account quota). */
const spokesIn = (region: string, n: number) =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `team-${i}`,
      { accountId: String(400000000000 + i), regions: { [region]: { vpcIds: [vpc(i)] } } },
    ]),
  );

describe("VPCs per private hosted zone (zone association)", () => {
  /** eu-west-3 shared by zone association (or keeping it while moving to a Profile) with `n` spoke VPCs. */
  const zoneAssociation =
    (n: number, change: (c: Json) => void = () => {}) =>
    (c: Json) => {
      c.hub.regions["eu-west-3"].mechanism = "zone-association";
      delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      c.spokes = spokesIn("eu-west-3", n);
      change(c);
    };

  it("GIVEN 299 spoke VPCs (300 VPCs per zone with the hub's) THEN accepted", () => {
    expect(attempt(() => load(zoneAssociation(299)))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN 300 spoke VPCs THEN refused at the region's mechanism: the hub VPC counts too", () => {
    expect(issuesOf(zoneAssociation(300))).toEqual([
      {
        path: "hub.regions.eu-west-3.mechanism",
        message:
          '"zone-association" associates each of the 5 private hosted zones of eu-west-3 with 301 VPCs (300 spoke VPCs and the hub VPC); AWS allows 300 by default (Route 53 "VPCs that you can associate with a private hosted zone", per zone): share eu-west-3 by "profile" (1,000 VPCs per Profile) or "resolver-rules", or declare the quota AWS raised for you in quotas.vpcsPerHostedZone',
      },
    ]);
  });

  it("GIVEN 300 spoke VPCs and a declared quota of 400 THEN accepted", () => {
    const raised = zoneAssociation(300, (c) => (c.quotas = { vpcsPerHostedZone: 400 }));
    expect(attempt(() => load(raised))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN zone association retiring beside a Profile THEN still counted, at retiringMechanism", () => {
    const retiring = zoneAssociation(300, (c) => {
      c.hub.regions["eu-west-3"].mechanism = "profile";
      c.hub.regions["eu-west-3"].retiringMechanism = "zone-association";
      delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
    });
    expect(issuesOf(retiring)).toEqual([
      expect.objectContaining({
        path: "hub.regions.eu-west-3.retiringMechanism",
        message: expect.stringContaining("with 301 VPCs (300 spoke VPCs and the hub VPC)"),
      }),
    ]);
  });

  it("GIVEN 300 spoke VPCs of a region shared by resolver rules or a Profile THEN not counted", () => {
    const rules = (c: Json) => (c.spokes = spokesIn("eu-west-3", 300));
    const profile = (c: Json) => {
      rules(c);
      c.hub.regions["eu-west-3"].mechanism = "profile";
      delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
    };
    expect(attempt(() => load(rules))).not.toBeInstanceOf(ConfigError);
    expect(attempt(() => load(profile))).not.toBeInstanceOf(ConfigError);
  });
});

describe("VPC associations per Route 53 Profile", () => {
  const profile =
    (n: number, change: (c: Json) => void = () => {}) =>
    (c: Json) => {
      c.hub.regions["eu-west-3"].mechanism = "profile";
      delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      c.spokes = spokesIn("eu-west-3", n);
      change(c);
    };

  it("GIVEN 1,000 spoke VPCs THEN accepted", () => {
    expect(attempt(() => load(profile(1000)))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN 1,001 spoke VPCs THEN refused at the region's mechanism", () => {
    expect(issuesOf(profile(1001))).toEqual([
      {
        path: "hub.regions.eu-west-3.mechanism",
        message:
          '"profile" associates the Route 53 Profile of eu-west-3 with 1,001 spoke VPCs; AWS allows 1,000 by default (Route 53 Profiles "VPC associations per Profile", per Profile): ask AWS to raise it (Service Quotas), or declare the quota AWS raised for you in quotas.profileVpcAssociations',
      },
    ]);
  });

  it("GIVEN 1,001 spoke VPCs and a declared quota of 5,000 THEN accepted", () => {
    const raised = profile(1001, (c) => (c.quotas = { profileVpcAssociations: 5000 }));
    expect(attempt(() => load(raised))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN a Profile retiring beside resolver rules THEN still counted, at retiringMechanism", () => {
    const retiring = profile(1001, (c) => {
      c.hub.regions["eu-west-3"].mechanism = "resolver-rules";
      c.hub.regions["eu-west-3"].retiringMechanism = "profile";
      c.quotas = { ruleAssociationsPerRegion: 10000 };
    });
    expect(issuesOf(retiring)).toEqual([
      expect.objectContaining({
        path: "hub.regions.eu-west-3.retiringMechanism",
        message: expect.stringContaining("with 1,001 spoke VPCs"),
      }),
    ]);
  });

  it("GIVEN more zones than a Profile holds (5,000, fixed) THEN refused at the region's services", () => {
    // GIVEN a Profile of zones in eu-west-3 with a custom service of 4,996 names (5,001 zones)
    const issues = issuesOf((c) => {
      c.hub.regions["eu-west-3"].mechanism = "profile";
      delete c.hub.regions["eu-west-3"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      c.customServices = {
        many: {
          serviceName: "com.example.{region}.many",
          privateDnsNames: Array.from({ length: 4996 }, (_, i) => `n${i}.{region}.example.com`),
        },
      };
      c.hub.regions["eu-west-3"].services.push("many");
      c.quotas = { hostedZonesPerAccount: 10000 };
    });
    expect(issues).toEqual([
      {
        path: "hub.regions.eu-west-3.services",
        message:
          "puts 5,001 private hosted zones in the Route 53 Profile of eu-west-3; a Profile holds at most 5,000 (a fixed AWS limit): share fewer services in eu-west-3",
      },
    ]);
  });
});

describe("hosted zones per account, with other mechanisms", () => {
  it("GIVEN a Profile region's zones over the hosted zone quota THEN refused: the hub still creates them", () => {
    // GIVEN us-east-1 shared by a Profile of zones with 484 more zones (501 in all)
    const issues = issuesOf((c) => {
      c.hub.regions["us-east-1"].mechanism = "profile";
      delete c.hub.regions["us-east-1"].inboundResolverIps; // (only resolver rules have resolver endpoints)
      c.customServices = {
        many: {
          serviceName: "com.example.{region}.many",
          privateDnsNames: Array.from({ length: 484 }, (_, i) => `n${i}.{region}.example.com`),
        },
      };
      c.hub.regions["us-east-1"].services.push("many");
    });
    expect(issues).toEqual([
      expect.objectContaining({
        path: "hub.regions",
        message: expect.stringMatching(/^needs 501 private hosted zones in hub account 111111111111/),
      }),
    ]);
  });

  it("GIVEN a Profile of endpoints THEN its names are no hosted zones of the hub account", () => {
    expect(
      attempt(() =>
        load((c) => {
          c.hub.regions["us-east-1"].mechanism = "profile";
          c.hub.regions["us-east-1"].profileContents = "endpoints";
          delete c.hub.regions["us-east-1"].inboundResolverIps; // (only resolver rules have resolver endpoints)
          c.quotas = { hostedZonesPerAccount: 500 };
          c.customServices = {
            many: {
              serviceName: "com.example.{region}.many",
              privateDnsNames: Array.from({ length: 484 }, (_, i) => `n${i}.{region}.example.com`),
            },
          };
          c.hub.regions["us-east-1"].services.push("many");
        }),
      ),
    ).not.toBeInstanceOf(ConfigError);
  });
});
