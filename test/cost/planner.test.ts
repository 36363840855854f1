/**
 * The planner on a small, a medium and a large region, every figure computed by hand in the comments
 * from the formulas of /work/shared/aws/SHARING-MODES.md (us-east-1 list prices, H = 730 hours):
 * endpoint 0.01/AZ-hour, resolver IP 0.125/hour, queries 0.40/million per endpoint (x 2), zone
 * 0.50/month (first 25), Profile 0.75/hour covering 100 VPC associations, 0.0014/hour each beyond,
 * transit gateway 0.02/GB; tracked resolver IPs answer 1,500 queries/s, 6 at most, plan for half.
 */
import { estimateCosts } from "../../src/cost/cost-estimate";
import { costJson, formatCostReport } from "../../src/cost/cost-report";
import { parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { parsePricesFile } from "../../src/cost/prices-file";
import type { Json } from "./cost-fixtures";

const ORGANIZATION = {
  arn: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
  cidrs: ["10.0.0.0/8"],
};
const subnets = (count: number, region: number) =>
  Array.from({ length: count }, (_, i) => `subnet-0${region}00000000000000${i + 1}`);
const vpcs = (count: number, first: number) =>
  Array.from({ length: count }, (_, i) => `vpc-${(first + i).toString(16).padStart(17, "0")}`);

interface Spread {
  readonly accounts: number;
  readonly vpcsEach: number;
}

/**
 * small  eu-west-3:    S = 2 (sts, ssm: 2 zones), A = 2, V = 4 (1 account), 10 M queries, 100 GB, peak 500
 * medium eu-central-1: S = 4 (sts, ssm, logs, kms: 4 zones), A = 3, V = 320 (2 accounts x 160),
 *                      300 M queries, 2,000 GB, peak 2,000
 * large  us-east-1:    S = 9 (12 zones), A = 3, V = 1,200 (12 accounts x 100), 2,000 M queries,
 *                      10,000 GB, peak 12,000; quotas.profileVpcAssociations = 2,000
 */
function plannerConfigJson(spreads: Partial<Record<string, Spread>> = {}): Json {
  const spread: Record<string, Spread> = {
    "eu-west-3": { accounts: 1, vpcsEach: 4 },
    "eu-central-1": { accounts: 2, vpcsEach: 160 },
    "us-east-1": { accounts: 12, vpcsEach: 100 },
    ...spreads,
  } as Record<string, Spread>;
  const spokes: Json = {};
  let next = 1;
  Object.entries(spread).forEach(([region, { accounts, vpcsEach }], r) => {
    for (let a = 0; a < accounts; a++) {
      const name = `s${r}-${a}`;
      spokes[name] = {
        accountId: `${2 + r}${String(a).padStart(11, "0")}`,
        regions: { [region]: { vpcIds: vpcs(vpcsEach, next) } },
      };
      next += vpcsEach;
    }
  });
  return {
    organization: ORGANIZATION,
    hub: {
      accountId: "111111111111",
      regions: {
        "eu-west-3": {
          vpcId: "vpc-0a1b2c3d4e5f67890",
          subnetIds: subnets(2, 1),
          services: ["sts", "ssm"],
          traffic: { queriesMillionsPerMonth: 10, transferGbPerMonth: 100, peakQueriesPerSecond: 500 },
        },
        "eu-central-1": {
          vpcId: "vpc-0a1b2c3d4e5f67891",
          subnetIds: subnets(3, 2),
          services: ["sts", "ssm", "logs", "kms"],
          traffic: { queriesMillionsPerMonth: 300, transferGbPerMonth: 2000, peakQueriesPerSecond: 2000 },
        },
        "us-east-1": {
          vpcId: "vpc-0a1b2c3d4e5f67892",
          subnetIds: subnets(3, 3),
          services: ["ec2", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "kms", "s3", "execute-api"],
          mechanism: "profile",
          traffic: {
            queriesMillionsPerMonth: 2000,
            transferGbPerMonth: 10_000,
            peakQueriesPerSecond: 12_000,
          },
        },
      },
    },
    spokes,
    quotas: { profileVpcAssociations: 2000 },
  };
}

function load(
  change: (json: Json) => void = () => {},
  spreads: Partial<Record<string, Spread>> = {},
): VpceShareConfig {
  const json = plannerConfigJson(spreads);
  change(json);
  return parseConfig(JSON.stringify(json), "planner.json");
}

const planOf = (config: VpceShareConfig) => (costJson(estimateCosts(config)) as Json).regions;

describe("the planner on small, medium and large regions, against hand-computed costs", () => {
  const regions = planOf(load());

  it("GIVEN the small region THEN zone association, the cheapest, and the baseline it beats", () => {
    // endpoints 2 x 2 x 0.01 x 730 = 29.20; transit gateway 100 x 0.02 = 2.00; zones 2 x 0.50 = 1.00
    // resolver-rules   = 29.20 + 2.00 + 1.00 + 2 x 2 x 0.125 x 730 (365.00) + 10 x 0.40 x 2 (8.00) = 405.20
    // profile          = 29.20 + 2.00 + 1.00 + 0.75 x 730 (547.50)                                 = 579.70
    // zone-association = 29.20 + 2.00 + 1.00                                                       =  32.20
    // baseline = 4 x 29.20 = 116.80; savings 116.80 - 32.20 = 84.60
    expect(regions["eu-west-3"]).toMatchObject({
      baseline_monthly_usd: 116.8,
      mechanisms: {
        "resolver-rules": { monthly_usd: 405.2, infeasible_because: null },
        profile: { monthly_usd: 579.7, infeasible_because: null },
        "zone-association": { monthly_usd: 32.2, infeasible_because: null },
      },
      recommended_mechanism: "zone-association",
      runner_up_mechanism: "resolver-rules",
      recommended_savings_monthly_usd: 84.6,
    });
  });

  it("GIVEN the small region growing THEN zone association until 300 spoke VPCs (301 VPCs per zone), then rules", () => {
    // At V = 300: 301 VPCs per zone > 300. Rules stay 405.20; the Profile is 579.70 + 200 x 0.0014 x 730 = 784.10.
    expect(regions["eu-west-3"].recommendation_changes).toEqual({
      at_spoke_vpcs: {
        spoke_vpcs: 300,
        to: "resolver-rules",
        because: expect.stringMatching(
          /^zone-association is out: 301 VPCs per hosted zone \(300 spoke VPCs \+ the hub VPC\): more than 300 \(quotas\.vpcsPerHostedZone: Route 53 "VPCs that you can associate with a private hosted zone"\)$/,
        ),
      },
      // the recommendation does not depend on queries
      at_load: null,
    });
  });

  it("GIVEN the medium region (320 spoke VPCs) THEN zone association is out and the Profile is cheapest", () => {
    // endpoints 4 x 3 x 0.01 x 730 = 87.60; transit gateway 2,000 x 0.02 = 40.00; zones 4 x 0.50 = 2.00
    // resolver-rules = 87.60 + 40.00 + 2.00 + 2 x 3 x 0.125 x 730 (547.50) + 300 x 0.40 x 2 (240.00) = 917.10
    // profile        = 87.60 + 40.00 + 2.00 + 547.50 + (320 - 100) x 0.0014 x 730 (224.84)          = 901.94
    // zone-association: 321 VPCs per zone > 300
    // baseline = 320 x 87.60 = 28,032.00; savings 28,032.00 - 901.94 = 27,130.06
    expect(regions["eu-central-1"]).toMatchObject({
      baseline_monthly_usd: 28_032,
      mechanisms: {
        "resolver-rules": { monthly_usd: 917.1, infeasible_because: null },
        profile: { monthly_usd: 901.94, infeasible_because: null },
        "zone-association": {
          monthly_usd: null,
          infeasible_because: expect.stringContaining(
            "321 VPCs per hosted zone (320 spoke VPCs + the hub VPC)",
          ),
        },
      },
      recommended_mechanism: "profile",
      runner_up_mechanism: "resolver-rules",
      recommended_savings_monthly_usd: 27_130.06,
    });
  });

  it("GIVEN the medium region growing THEN rules from 335 spoke VPCs, where the Profile's associations pass them", () => {
    // 917.10 - 901.94 = 15.16 = 14.83 associations of 1.022: at V = 334 the Profile costs
    // 901.94 + 14 x 1.022 = 916.248 < 917.10; at V = 335, 901.94 + 15 x 1.022 = 917.27 > 917.10
    expect(regions["eu-central-1"].recommendation_changes.at_spoke_vpcs).toEqual({
      spoke_vpcs: 335,
      to: "resolver-rules",
      because: "resolver-rules costs $917.10 a month, profile $917.27",
    });
  });

  it("GIVEN the large region THEN rules are out for their peak, zone association for its quota: the Profile, with the declared quota", () => {
    // endpoints 9 x 3 x 0.01 x 730 = 197.10; transit gateway 10,000 x 0.02 = 200.00; zones 12 x 0.50 = 6.00
    // profile = 197.10 + 200.00 + 6.00 + 547.50 + 1,100 x 1.022 (1,124.20) = 2,074.80
    // resolver-rules: a peak of 12,000 > 6 x 1,500 = 9,000; zone-association: 1,201 VPCs per zone
    // baseline = 1,200 x 197.10 = 236,520.00; savings 236,520.00 - 2,074.80 = 234,445.20
    expect(regions["us-east-1"]).toMatchObject({
      baseline_monthly_usd: 236_520,
      mechanisms: {
        "resolver-rules": {
          monthly_usd: null,
          infeasible_because: expect.stringMatching(
            /^peak of 12,000 queries\/s exceeds the 9,000 that 6 inbound resolver IPs answer/,
          ),
        },
        profile: { monthly_usd: 2074.8, infeasible_because: null },
        "zone-association": { monthly_usd: null, infeasible_because: expect.stringContaining("1,201 VPCs") },
      },
      recommended_mechanism: "profile",
      runner_up_mechanism: null,
      recommended_savings_monthly_usd: 234_445.2,
      // it is the configured mechanism: centralized is the Profile's cost
      centralized_monthly_usd: 2074.8,
    });
    // past the declared 2,000 associations nothing fits
    expect(regions["us-east-1"].recommendation_changes.at_spoke_vpcs).toMatchObject({
      spoke_vpcs: 2001,
      to: null,
    });
  });

  it("GIVEN the large region without the declared quota THEN the Profile is out too (AWS's 1,000), and nothing fits", () => {
    // (configured with rules: the configuration refuses a configured Profile past its quota)
    const us = planOf(
      load((c) => {
        delete c.quotas;
        c.hub.regions["us-east-1"].mechanism = "resolver-rules";
      }),
    )["us-east-1"];
    expect(us.mechanisms.profile).toEqual(
      expect.objectContaining({
        monthly_usd: null,
        infeasible_because: expect.stringContaining(
          '1,200 spoke VPC associations: more than 1,000 (quotas.profileVpcAssociations: Route 53 Profiles "VPC associations per Profile")',
        ),
      }),
    );
    expect(us.recommended_mechanism).toBeNull();
  });

  it("GIVEN the medium region at 400 spoke VPCs THEN rules, until 146 queries/s on average, where the Profile is cheaper", () => {
    const central = planOf(load(() => {}, { "eu-central-1": { accounts: 2, vpcsEach: 200 } }))[
      "eu-central-1"
    ];
    // profile = 87.60 + 40.00 + 2.00 + 547.50 + 300 x 1.022 (306.60) = 983.70 > rules 917.10
    expect(central.mechanisms.profile.monthly_usd).toBe(983.7);
    expect(central.recommended_mechanism).toBe("resolver-rules");
    // rules without queries: 677.10, + 0.80 per million; a query/s on average is 730 x 3,600 = 2.628 M a month
    // 677.10 + 0.80 x 2.628 x a > 983.70  <=>  a > 306.60 / 2.1024 = 145.83: from 146 queries/s
    // (146 x 2.628 = 383.688 M a month; the peak grows with it: 2,000 x 146 / (300 / 2.628) = 2,557.88)
    expect(central.recommendation_changes.at_load).toEqual({
      average_queries_per_second: 146,
      queries_millions_per_month: 383.69,
      peak_queries_per_second: 2558,
      to: "profile",
      because: "profile costs $983.70 a month, resolver-rules $984.05",
    });
  });

  it("reports it for people: the table of every mechanism and where the recommendation changes", () => {
    const report = formatCostReport(estimateCosts(load()), "planner.json");
    expect(report).toMatch(
      /\neu-west-3 +\$116\.80 +\$405\.20 +\$579\.70 +\$32\.20 +zone-association +\$84\.60\n/,
    );
    expect(report).toMatch(
      /\neu-central-1 +\$28,032\.00 +\$917\.10 +\$901\.94 +out +profile +\$27,130\.06\n/,
    );
    expect(report).toMatch(/\nus-east-1 +\$236,520\.00 +out +\$2,074\.80 +out +profile +\$234,445\.20\n/);
    expect(report).toContain("\neu-central-1: profile, $15.16 a month less than resolver-rules\n");
    expect(report).toContain(
      "\n  from 335 spoke VPCs: resolver-rules (resolver-rules costs $917.10 a month, profile $917.27)\n",
    );
    expect(report).toContain(
      "\n  from 300 spoke VPCs: resolver-rules (zone-association is out: 301 VPCs per hosted zone",
    );
    expect(report).toContain("\n  resolver-rules is out: peak of 12,000 queries/s exceeds the 9,000");
  });
});

describe("guarantees", () => {
  it.each([300, 301, 450])(
    "GIVEN %d spoke VPCs in a region where zone association would be cheapest THEN never zone association",
    (vpcsEach) => {
      const small = planOf(load(() => {}, { "eu-west-3": { accounts: 1, vpcsEach } }))["eu-west-3"];
      expect(small.mechanisms["zone-association"].monthly_usd).toBeNull();
      expect(small.recommended_mechanism).not.toBe("zone-association");
    },
  );

  it("GIVEN 299 spoke VPCs THEN zone association still fits (300 VPCs per zone with the hub's)", () => {
    expect(
      planOf(load(() => {}, { "eu-west-3": { accounts: 1, vpcsEach: 299 } }))["eu-west-3"]
        .recommended_mechanism,
    ).toBe("zone-association");
  });

  it.each([4501, 6000, 9000, 9001, 20_000])(
    "GIVEN a peak of %d queries/s (more than half of what 6 IPs answer) THEN never resolver rules without a warning",
    (peak) => {
      // the medium region at 400 spoke VPCs, where rules are otherwise the cheapest
      const central = planOf(
        load((c) => (c.hub.regions["eu-central-1"].traffic.peakQueriesPerSecond = peak), {
          "eu-central-1": { accounts: 2, vpcsEach: 200 },
        }),
      )["eu-central-1"];
      const rules = central.mechanisms["resolver-rules"];
      if (central.recommended_mechanism === "resolver-rules") {
        expect(rules.notes.join("\n")).toContain("even 6 IPs, the most a resolver endpoint takes");
      } else {
        expect(rules.infeasible_because).toMatch(/exceeds the 9,000 that 6 inbound resolver IPs answer/);
      }
      expect(peak <= 9000).toBe(central.recommended_mechanism === "resolver-rules");
    },
  );
});

describe("inputs that decide", () => {
  it("GIVEN the hub already pays a Profile in the region THEN the Profile costs only its associations beyond 100", () => {
    const central = planOf(load((c) => (c.hub.regions["eu-central-1"].traffic.hubAlreadyPaysProfile = true)))[
      "eu-central-1"
    ];
    // 87.60 + 40.00 + 2.00 + 224.84 = 354.44
    expect(central.mechanisms.profile.monthly_usd).toBe(354.44);
    expect(central.mechanisms.profile.notes).toContain(
      "the hub account already pays a Profile here: only associations beyond 100 are added",
    );
    expect(central.planner_inputs.defaulted).toEqual(["onPremisesInboundEndpoint"]);
  });

  it("GIVEN on-premises resolvers THEN every option and the baseline pay an inbound endpoint, rules already have one", () => {
    const small = planOf(load((c) => (c.hub.regions["eu-west-3"].traffic.onPremisesInboundEndpoint = true)))[
      "eu-west-3"
    ];
    // inbound endpoint: 2 IPs x 0.125 x 730 = 182.50
    expect(small).toMatchObject({
      baseline_monthly_usd: 299.3, // 116.80 + 182.50
      mechanisms: {
        "resolver-rules": { monthly_usd: 405.2 }, // unchanged
        profile: { monthly_usd: 762.2 }, // 579.70 + 182.50
        "zone-association": { monthly_usd: 214.7 }, // 32.20 + 182.50
      },
    });
  });

  it("GIVEN a Profile of endpoints THEN no zones, and a note on the provider version, not infeasible", () => {
    const us = planOf(load((c) => (c.hub.regions["us-east-1"].profileContents = "endpoints")))["us-east-1"];
    // 2,074.80 - 6.00 of zones
    expect(us.mechanisms.profile).toMatchObject({ monthly_usd: 2068.8, infeasible_because: null });
    expect(us.mechanisms.profile.notes[0]).toMatch(
      /^a Profile of endpoints needs the AWS provider >= 6\.3\.0, < 7\.0\.0/,
    );
    expect(us.private_hosted_zones).toBe(0);
  });

  it("GIVEN more than 25 zones THEN the zones beyond 25 at 0.10", () => {
    const services = ["ec2", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "kms", "s3", "execute-api"];
    const more = [
      ...services,
      "sqs",
      "sns",
      "secretsmanager",
      "ecr.api",
      "ecr.dkr",
      "monitoring",
      "events",
      "elasticloadbalancing",
      "autoscaling",
      "ecs",
      "ecs-agent",
      "ecs-telemetry",
      "lambda",
      "states",
      "athena",
      "glue",
      "kinesis-streams",
      "rds",
    ];
    const us = planOf(load((c) => (c.hub.regions["us-east-1"].services = more)))["us-east-1"];
    const zones = us.private_hosted_zones;
    expect(zones).toBeGreaterThan(25);
    expect(us.mechanisms.profile.items_monthly_usd.hosted_zones).toBeCloseTo(
      25 * 0.5 + (zones - 25) * 0.1,
      9,
    );
  });
});

describe("each region priced with its configured mechanism", () => {
  it("GIVEN a region moving from rules to a Profile THEN it pays both while rules retire, and the report says so", () => {
    const config = load((c) => {
      c.hub.regions["eu-west-3"].mechanism = "profile";
      c.hub.regions["eu-west-3"].retiringMechanism = "resolver-rules";
    });
    const small = planOf(config)["eu-west-3"];
    // 29.20 + 2.00 + 1.00 (zones once) + 365.00 + 8.00 (rules) + 547.50 (Profile) = 952.70
    expect(small).toMatchObject({
      mechanism: "profile",
      retiring_mechanism: "resolver-rules",
      centralized_monthly_usd: 952.7,
      centralized_items_monthly_usd: {
        resolver_endpoints: 365,
        resolver_queries: 8,
        profile: 547.5,
        hosted_zones: 1,
      },
    });
    const report = formatCostReport(estimateCosts(config), "planner.json");
    expect(report).toMatch(/\neu-west-3 +profile \(zones\) \+ resolver-rules retiring +4 /);
    expect(report).toContain(
      "\neu-west-3 pays for profile (zones) and for resolver-rules while resolver-rules retires",
    );
  });

  it("GIVEN zone association configured THEN only the zones beside the endpoints and the transit gateway", () => {
    const small = planOf(load((c) => (c.hub.regions["eu-west-3"].mechanism = "zone-association")))[
      "eu-west-3"
    ];
    expect(small.centralized_monthly_usd).toBe(32.2);
  });
});

describe("prices per partition", () => {
  const govConfig = () =>
    load((c) => {
      c.organization.arn = "arn:aws-us-gov:organizations::111111111111:organization/o-a1b2c3d4e5";
      c.hub.regions = { "us-gov-west-1": { ...c.hub.regions["eu-west-3"] } };
      c.spokes = {};
    });

  it("GIVEN GovCloud and no prices file THEN a warning that the prices are us-east-1's in USD", () => {
    const estimate = estimateCosts(govConfig());
    expect(estimate.pricesWarning).toMatch(
      /^the organization is in partition aws-us-gov \(priced differently\), but us-gov-west-1 uses AWS us-east-1 list prices in USD for endpoint_hour, /,
    );
    expect(formatCostReport(estimate, "gov.json").split("\n")[1]).toMatch(
      /^warning: the organization is in partition aws-us-gov/,
    );
  });

  it("GIVEN China with its prices in CNY in a prices file THEN no warning, and amounts in CNY", () => {
    const config = load((c) => {
      c.organization.arn = "arn:aws-cn:organizations::111111111111:organization/o-a1b2c3d4e5";
      c.hub.regions = { "cn-north-1": { ...c.hub.regions["eu-west-3"], services: ["sts"] } };
      c.spokes = {};
    });
    const prices = {
      endpoint_hour: 0.1,
      resolver_ip_hour: 1,
      resolver_query_per_million: 3,
      hosted_zone_month: 4,
      hosted_zone_month_beyond_25: 1,
      profile_hour: 5,
      profile_association_hour_beyond_100: 0.01,
      tgw_gb: 0.1,
    };
    const file = parsePricesFile(JSON.stringify({ currency: "CNY", default: prices }), "prices.json", [
      "cn-north-1",
    ]);
    const estimate = estimateCosts(config, file);
    expect(estimate.pricesWarning).toBeUndefined();
    const report = formatCostReport(estimate, "cn.json");
    expect(report).toMatch(/^Monthly cost of cn\.json in CNY /);
    // zone association: 1 service x 2 AZs x 0.1 x 730 = 146 + 1 zone x 4 + 100 GB x 0.1 = 10: 160
    expect(report).toMatch(
      /\ncn-north-1 +CN¥0\.00 +CN¥[\d,.]+ +CN¥[\d,.]+ +CN¥160\.00 +zone-association +-CN¥160\.00\n/,
    );
    expect((costJson(estimate) as Json).prices.currency).toBe("CNY");
  });

  it("GIVEN every price in a prices file THEN no warning", () => {
    const config = govConfig();
    const file = parsePricesFile(
      JSON.stringify({
        default: {
          endpoint_hour: 0.012,
          resolver_ip_hour: 0.15,
          resolver_query_per_million: 0.5,
          hosted_zone_month: 0.6,
          hosted_zone_month_beyond_25: 0.12,
          profile_hour: 0.9,
          profile_association_hour_beyond_100: 0.0017,
          tgw_gb: 0.024,
        },
      }),
      "prices.json",
      ["us-gov-west-1"],
    );
    expect(estimateCosts(config, file).pricesWarning).toBeUndefined();
  });
});
