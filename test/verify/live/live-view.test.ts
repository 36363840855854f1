/**
 * From readings of AWS (as read-aws.ts returns them) to the matrix and the differences, without AWS: a
 * deployment exactly as the example configuration says verifies clean, and each way a real one drifts
 * (a share that does not reach a spoke's account, a rule forwarding to old addresses, a rule left of a
 * removed service, a spoke's own zone of a shared name; in a zone-association region a deleted association
 * or authorization, another account's zone of a shared name) is reported with
 * its account, region, resource and fix. The same deployments read from the emulator:
 * test/emulator/live-verify.emulator.ts.
 */
import type { VpceShareConfig } from "../../../src/config/config-types";
import { topologyOf, type Topology } from "../../../src/topology/topology";
import type { HubView } from "../../../src/verify/route53";
import { verifyViews } from "../../../src/verify/verify";
import {
  hubDifferences,
  liveHubView,
  liveSpokeVpcViews,
  spokeDifferences,
  type Difference,
} from "../../../src/verify/live/live-view";
import type { HubReading, RuleReading, SpokeRegionReading } from "../../../src/verify/live/read-aws";
import { load } from "../../config/config-test-kit";

const HUB_ACCOUNT = "111111111111";

/** What AWS would answer for a deployment that is exactly `topology`, per hub region and spoke region. */
function deployed(topology: Topology) {
  const hubs = new Map<string, HubReading>();
  for (const hub of topology.hubRegions) {
    const endpoint = (service: string) =>
      `vpce-${service.replace(/\W/g, "")}.${hub.region}.vpce.amazonaws.com`;
    const inboundIps = hub.subnets.map((s, i) => s.inboundIp ?? `10.0.${i}.10`);
    const zoneId = (domain: string) => `Z${hub.zones.findIndex((z) => z.domain === domain)}${hub.region}`;
    const rules = hub.rules.length > 0;
    hubs.set(hub.region, {
      endpoints: hub.services.map((s, i) => ({
        id: `vpce-${i}`,
        vpcId: hub.vpcId,
        serviceName: s.serviceName,
        state: "available",
        privateDnsEnabled: false,
        dnsNames: [endpoint(s.name)],
        ips: [`10.1.0.${i}`],
      })),
      zones: hub.zones.map((z) => ({
        id: zoneId(z.domain),
        domain: z.domain,
        ownerAccount: HUB_ACCOUNT,
        records: z.records.map((name) => ({ name, type: "A", aliasTarget: endpoint(z.service) })),
      })),
      resolverEndpoints: !rules
        ? []
        : [
            {
              id: "rslvr-in-1",
              vpcId: hub.vpcId,
              direction: "INBOUND",
              status: "OPERATIONAL",
              ips: hub.subnets.map((s, i) => ({ ip: inboundIps[i], subnetId: s.subnetId })),
            },
            {
              id: "rslvr-out-1",
              vpcId: hub.vpcId,
              direction: "OUTBOUND",
              status: "OPERATIONAL",
              ips: hub.subnets.map((s, i) => ({ ip: `10.0.${i}.20`, subnetId: s.subnetId })),
            },
          ],
      ...(hub.mechanism === "zone-association"
        ? { authorizations: new Map(hub.zones.map((z) => [zoneId(z.domain), [...hub.spokeVpcIds]])) }
        : {}),
      rules: hub.rules.map((r) => rule(hub.region, r.domain, r.name, inboundIps)),
      sharedWith: new Map(
        hub.rules.map((r) => [rule(hub.region, r.domain, r.name, []).arn, [...topology.hub.shareWith]]),
      ),
    });
  }
  const spokes = new Map<string, SpokeRegionReading>();
  for (const spoke of topology.spokes) {
    for (const region of spoke.regions) {
      const rules = hubs.get(region.region)!.rules;
      spokes.set(`${spoke.name}/${region.region}`, {
        associations: region.vpcIds.flatMap((vpcId) =>
          rules.map((r) => ({
            id: `rslvr-rrassoc-${vpcId}-${r.id}`,
            ruleId: r.id,
            vpcId,
            status: "COMPLETE",
          })),
        ),
        rules: new Map(rules.map((r) => [r.id, { ...r, shareStatus: "SHARED_WITH_ME" }])),
        zones: new Map(
          region.vpcIds.map((v) => [
            v,
            hubs
              .get(region.region)!
              .zones.filter((z) => region.zones.some((c) => c.domain === z.domain))
              .map(({ records: _, ...zone }) => zone),
          ]),
        ),
        endpoints: [],
      });
    }
  }
  return { hubs, spokes };
}

function rule(region: string, domain: string, name: string, targets: readonly string[]): RuleReading {
  const id = `rslvr-rr-${domain.replace(/\W/g, "")}`;
  return {
    id,
    arn: `arn:aws:route53resolver:${region}:${HUB_ACCOUNT}:resolver-rule/${id}`,
    name,
    domain,
    ruleType: "FORWARD",
    ownerId: HUB_ACCOUNT,
    endpointId: "rslvr-out-1",
    targets,
  };
}

/** The matrix and the differences of `topology` on `readings`, as verify --live computes them. */
function verify(topology: Topology, readings: ReturnType<typeof deployed>) {
  const differences: Difference[] = [];
  const hubs = new Map<string, HubView>();
  for (const hub of topology.hubRegions) {
    hubs.set(hub.region, liveHubView(hub, readings.hubs.get(hub.region)!));
    differences.push(...hubDifferences(topology, hub, readings.hubs.get(hub.region)!));
  }
  const report = verifyViews(topology, hubs, (spoke, region, hubView) => {
    const hubReading = readings.hubs.get(region.region)!;
    const reading = readings.spokes.get(`${spoke.name}/${region.region}`)!;
    const hub = topology.hubRegion(region.region)!;
    differences.push(...spokeDifferences(topology, spoke, region, hub, hubReading, reading));
    return liveSpokeVpcViews(topology, spoke, region, hubView, hubReading, reading);
  });
  const cells = new Set(report.rows.map((r) => `${r.stack} ${r.vpc} ${r.service} ${r.failure?.hop ?? "ok"}`));
  return { report, differences, failing: [...cells].filter((c) => !c.endsWith(" ok")).sort() };
}

const example = load() as VpceShareConfig;
const topology = topologyOf(example);
const PAYMENTS_VPC = example.spokes["payments-prod"].regions["eu-west-3"].vpcIds[0];

describe("verify --live on readings", () => {
  it("GIVEN a deployment exactly as configured WHEN verified THEN every name resolves and nothing differs", () => {
    const { report, differences } = verify(topology, deployed(topology));
    expect(report.failures).toEqual([]);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(differences).toEqual([]);
  });

  it("GIVEN a spoke account that does not see the hub's rules (no share reaches it) WHEN verified THEN its associations are missing, and the fix names the share", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get("payments-prod/eu-west-3")!;
    readings.spokes.set("payments-prod/eu-west-3", { ...payments, associations: [], rules: new Map() });
    const { failing, differences } = verify(topology, readings);
    expect(
      failing.every(
        (c) => c.startsWith(`spoke-payments-prod ${PAYMENTS_VPC} `) && c.endsWith(" association"),
      ),
    ).toBe(true);
    expect(failing).toHaveLength(topology.hubRegion("eu-west-3")!.services.length);
    expect(differences).toHaveLength(topology.hubRegion("eu-west-3")!.rules.length);
    expect(differences[0]).toEqual({
      kind: "missing",
      account: "222222222222",
      region: "eu-west-3",
      resource: expect.stringMatching(new RegExp(`^association of rslvr-rr-\\S+ with ${PAYMENTS_VPC}$`)),
      problem: expect.stringMatching(
        /which 222222222222 does not see: no ram share of hub-eu-west-3 reaches it$/,
      ),
      fix: "share the rule with 222222222222 (hub.shareWith), apply hub-eu-west-3, then apply spoke-payments-prod",
    });
  });

  it("GIVEN a hub rule that forwards to old inbound addresses WHEN verified THEN its names fail at the targets and the rule is stale", () => {
    const readings = deployed(topology);
    const paris = readings.hubs.get("eu-west-3")!;
    const [first, ...rest] = paris.rules;
    readings.hubs.set("eu-west-3", {
      ...paris,
      rules: [{ ...first, targets: ["10.10.9.9", "10.10.9.10"] }, ...rest],
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing.length).toBeGreaterThan(0);
    expect(failing.every((c) => c.endsWith(" targets"))).toBe(true);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "stale",
        account: HUB_ACCOUNT,
        resource: first.id,
        problem: expect.stringMatching(
          /forwards to 10\.10\.9\.9, 10\.10\.9\.10, not to the inbound endpoint's 10\.10\.1\.10, 10\.10\.2\.10$/,
        ),
        fix: "apply hub-eu-west-3",
      }),
    ]);
  });

  it("GIVEN a rule of a service no longer configured, still associated WHEN verified THEN the rule and its associations are extra, spokes first", () => {
    const readings = deployed(topology);
    const paris = readings.hubs.get("eu-west-3")!;
    const old = rule("eu-west-3", "kms.eu-west-3.amazonaws.com", "vpce-share-kms-eu-west-3-amazonaws-com", [
      "10.10.1.10",
      "10.10.2.10",
    ]);
    readings.hubs.set("eu-west-3", { ...paris, rules: [...paris.rules, old] });
    const payments = readings.spokes.get("payments-prod/eu-west-3")!;
    readings.spokes.set("payments-prod/eu-west-3", {
      ...payments,
      associations: [
        ...payments.associations,
        { id: "rslvr-rrassoc-old", ruleId: old.id, vpcId: PAYMENTS_VPC, status: "COMPLETE" },
      ],
    });
    const { report, differences } = verify(topology, readings);
    expect(report.failures).toEqual([]);
    expect(differences.map((d) => [d.kind, d.account, d.resource, d.fix])).toEqual([
      [
        "extra",
        HUB_ACCOUNT,
        old.id,
        "apply the spokes of eu-west-3, then hub-eu-west-3 (it removes the rule)",
      ],
      ["extra", "222222222222", "rslvr-rrassoc-old", "apply spoke-payments-prod"],
    ]);
  });

  it("GIVEN a spoke VPC associated with its own private zone of a shared name WHEN verified THEN the name still resolves to the hub (the rule wins) and the zone conflicts", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get("payments-prod/eu-west-3")!;
    readings.spokes.set("payments-prod/eu-west-3", {
      ...payments,
      zones: new Map([
        [PAYMENTS_VPC, [{ id: "ZOWN", domain: "ssm.eu-west-3.amazonaws.com", ownerAccount: "222222222222" }]],
      ]),
    });
    const { report, differences } = verify(topology, readings);
    expect(report.failures).toEqual([]);
    expect(differences).toEqual([
      {
        kind: "conflicting",
        account: "222222222222",
        region: "eu-west-3",
        resource: "ZOWN",
        problem: `${PAYMENTS_VPC} is associated with zone ZOWN (ssm.eu-west-3.amazonaws.com, account 222222222222), not the hub's: the hub's forward rule wins over it`,
        fix: `disassociate ZOWN from ${PAYMENTS_VPC}, or delete it`,
      },
    ]);
  });

  it("GIVEN a hub endpoint turned private-DNS on and one not available yet WHEN verified THEN the second one's names fail at the endpoint and both are reported", () => {
    const readings = deployed(topology);
    const paris = readings.hubs.get("eu-west-3")!;
    const [ec2, sts, ...rest] = paris.endpoints;
    readings.hubs.set("eu-west-3", {
      ...paris,
      endpoints: [{ ...ec2, privateDnsEnabled: true }, { ...sts, state: "pending" }, ...rest],
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing.every((c) => c.endsWith(" sts endpoint"))).toBe(true);
    expect(differences.map((d) => [d.kind, d.resource, d.problem])).toEqual([
      ["stale", ec2.id, expect.stringMatching(/^the endpoint of ec2 has private dns on/)],
      ["stale", sts.id, "the endpoint of sts is pending, not available: its names do not answer yet"],
    ]);
  });
});

describe("verify --live on readings of a zone-association region", () => {
  // us-east-1 shares its zones by cross-account zone association; eu-west-3 keeps resolver rules.
  const config = load((c) => {
    c.hub.regions["us-east-1"].mechanism = "zone-association";
    delete c.hub.regions["us-east-1"].inboundResolverIps;
  }) as VpceShareConfig;
  const zoned = topologyOf(config);
  const VIRGINIA = zoned.hubRegion("us-east-1")!;
  const [DATA_VPC] = config.spokes["data-platform"].regions["us-east-1"].vpcIds;
  const DATA = "data-platform/us-east-1";
  const zoneOf = (readings: ReturnType<typeof deployed>, domain: string) =>
    readings.hubs.get("us-east-1")!.zones.find((z) => z.domain === domain)!;

  it("GIVEN every zone associated and authorized as configured WHEN verified THEN every name resolves by zone association and nothing differs", () => {
    const { report, differences } = verify(zoned, deployed(zoned));
    expect(report.failures).toEqual([]);
    expect(differences).toEqual([]);
    const virginia = report.rows.filter((r) => r.region === "us-east-1");
    expect(virginia.length).toBeGreaterThan(0);
    expect(new Set(virginia.map((r) => r.mechanism))).toEqual(new Set(["zone-association"]));
  });

  it("GIVEN a spoke VPC's association with the sts zone deleted by hand WHEN verified THEN sts fails at the association and the fix is the spoke's apply", () => {
    const readings = deployed(zoned);
    const sts = zoneOf(readings, "sts.us-east-1.amazonaws.com");
    const data = readings.spokes.get(DATA)!;
    readings.spokes.set(DATA, {
      ...data,
      zones: new Map([[DATA_VPC, data.zones.get(DATA_VPC)!.filter((z) => z.id !== sts.id)]]),
    });
    const { failing, differences } = verify(zoned, readings);
    expect(failing).toEqual([`spoke-data-platform ${DATA_VPC} sts association`]);
    expect(differences).toEqual([
      {
        kind: "missing",
        account: "333333333333",
        region: "us-east-1",
        resource: `association of ${sts.id} with ${DATA_VPC}`,
        problem: `${DATA_VPC} is not associated with the hub's zone sts.us-east-1.amazonaws.com`,
        fix: "apply spoke-data-platform",
      },
    ]);
  });

  it("GIVEN the hub's authorization of a VPC deleted WHEN verified THEN its names still resolve (AWS keeps the association) and the authorization is missing", () => {
    const readings = deployed(zoned);
    const hub = readings.hubs.get("us-east-1")!;
    const ec2 = zoneOf(readings, "ec2.us-east-1.amazonaws.com");
    readings.hubs.set("us-east-1", {
      ...hub,
      authorizations: new Map(
        [...hub.authorizations!].map(([id, vpcs]) => [
          id,
          id === ec2.id ? vpcs.filter((v) => v !== DATA_VPC) : vpcs,
        ]),
      ),
    });
    const { report, differences } = verify(zoned, readings);
    expect(report.failures).toEqual([]);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "missing",
        account: "111111111111",
        resource: `authorization of ${DATA_VPC} for ${ec2.id}`,
        problem: expect.stringMatching(/\(spoke data-platform\): an existing association keeps answering/),
        fix: `apply ${VIRGINIA.stackName}`,
      }),
    ]);
  });

  it("GIVEN an association that is missing and no longer authorized WHEN verified THEN the fix applies the hub first", () => {
    const readings = deployed(zoned);
    const hub = readings.hubs.get("us-east-1")!;
    const ec2 = zoneOf(readings, "ec2.us-east-1.amazonaws.com");
    readings.hubs.set("us-east-1", {
      ...hub,
      authorizations: new Map([...hub.authorizations!].map(([id]) => [id, []])),
    });
    const data = readings.spokes.get(DATA)!;
    readings.spokes.set(DATA, {
      ...data,
      zones: new Map([[DATA_VPC, data.zones.get(DATA_VPC)!.filter((z) => z.id !== ec2.id)]]),
    });
    const { differences } = verify(zoned, readings);
    expect(differences.filter((d) => d.account === "333333333333")).toEqual([
      expect.objectContaining({
        resource: `association of ${ec2.id} with ${DATA_VPC}`,
        problem: `${DATA_VPC} is not associated with the hub's zone ec2.us-east-1.amazonaws.com, which ${VIRGINIA.stackName} does not authorize it to associate`,
        fix: `apply ${VIRGINIA.stackName} (it authorizes ${DATA_VPC}), then apply spoke-data-platform`,
      }),
    ]);
  });

  it("GIVEN a zone that authorizes a VPC the configuration does not list WHEN verified THEN that authorization is extra", () => {
    const readings = deployed(zoned);
    const hub = readings.hubs.get("us-east-1")!;
    const kms = zoneOf(readings, "kms.us-east-1.amazonaws.com");
    readings.hubs.set("us-east-1", {
      ...hub,
      authorizations: new Map(
        [...hub.authorizations!].map(([id, vpcs]) => [
          id,
          id === kms.id ? [...vpcs, "vpc-0000000000000dead"] : vpcs,
        ]),
      ),
    });
    const { differences } = verify(zoned, readings);
    expect(differences.map((d) => [d.kind, d.resource])).toEqual([
      ["extra", `authorization of vpc-0000000000000dead for ${kms.id}`],
    ]);
  });

  it("GIVEN another account's zone of the ssm domain associated instead of the hub's WHEN verified THEN ssm answers from that zone, not the hub's endpoint, and the zone conflicts", () => {
    const readings = deployed(zoned);
    const ssm = zoneOf(readings, "ssm.us-east-1.amazonaws.com");
    const data = readings.spokes.get(DATA)!;
    const theirs = { id: "ZTHEIRS", domain: "ssm.us-east-1.amazonaws.com", ownerAccount: "444444444444" };
    readings.spokes.set(DATA, {
      ...data,
      zones: new Map([[DATA_VPC, [...data.zones.get(DATA_VPC)!.filter((z) => z.id !== ssm.id), theirs]]]),
    });
    const { report, failing, differences } = verify(zoned, readings);
    expect(failing).toEqual([`spoke-data-platform ${DATA_VPC} ssm alias`]);
    expect(report.failures[0].reason).toMatch(
      /answers with the endpoint of \(zone ZTHEIRS \(ssm\.us-east-1\.amazonaws\.com, account 444444444444\), not the hub's\), not of ssm$/,
    );
    expect(differences.map((d) => [d.kind, d.resource, d.problem])).toEqual([
      [
        "conflicting",
        "ZTHEIRS",
        `${DATA_VPC} is associated with zone ZTHEIRS (ssm.us-east-1.amazonaws.com, account 444444444444), not the hub's: it answers the names of ssm.us-east-1.amazonaws.com, and refuses the hub's zone of the same name (ConflictingDomainExists)`,
      ],
      ["missing", `association of ${ssm.id} with ${DATA_VPC}`, expect.any(String)],
    ]);
  });

  it("GIVEN a spoke VPC's own sts endpoint with private DNS WHEN verified THEN it conflicts, saying the hub's zone is refused", () => {
    const readings = deployed(zoned);
    const data = readings.spokes.get(DATA)!;
    const sts = VIRGINIA.services.find((s) => s.name === "sts")!;
    readings.spokes.set(DATA, {
      ...data,
      endpoints: [
        {
          id: "vpce-0wn",
          vpcId: DATA_VPC,
          serviceName: sts.serviceName,
          state: "available",
          privateDnsEnabled: true,
          dnsNames: [],
          ips: ["10.3.0.9"],
        },
      ],
    });
    const { differences } = verify(zoned, readings);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "conflicting",
        resource: "vpce-0wn",
        problem: expect.stringMatching(
          /its zone of the same names refuses the hub's zone \(ConflictingDomainExists\), and \S+ answers from its own endpoint, not the hub's$/,
        ),
      }),
    ]);
  });

  it("GIVEN a spoke VPC still associated with a hub zone of a service no longer shared WHEN verified THEN the association is extra", () => {
    const readings = deployed(zoned);
    const hub = readings.hubs.get("us-east-1")!;
    const old = { id: "ZOLDus-east-1", domain: "sqs.us-east-1.amazonaws.com", ownerAccount: HUB_ACCOUNT };
    readings.hubs.set("us-east-1", { ...hub, zones: [...hub.zones, { ...old, records: [] }] });
    const data = readings.spokes.get(DATA)!;
    readings.spokes.set(DATA, {
      ...data,
      zones: new Map([[DATA_VPC, [...data.zones.get(DATA_VPC)!, old]]]),
    });
    const { report, differences } = verify(zoned, readings);
    expect(report.failures).toEqual([]);
    expect(differences).toEqual([
      {
        kind: "extra",
        account: "333333333333",
        region: "us-east-1",
        resource: `association of ZOLDus-east-1 with ${DATA_VPC}`,
        problem: `${DATA_VPC} is associated with the hub's zone sqs.us-east-1.amazonaws.com, which the configuration no longer shares with it`,
        fix: "apply spoke-data-platform",
      },
    ]);
  });
});
