/**
 * From readings of AWS (as read-aws.ts returns them) to the matrix and the differences, without AWS: a
 * deployment exactly as the example configuration says verifies clean, and each way a real one drifts
 * (a share that does not reach a spoke's account, a rule forwarding to old addresses, a rule left of a
 * removed service, a spoke's own zone of a shared name, a region of another mechanism) is reported with
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
      zones: hub.zones.map((z, i) => ({
        id: `Z${i}`,
        domain: z.domain,
        ownerAccount: HUB_ACCOUNT,
        records: z.records.map((name) => ({ name, type: "A", aliasTarget: endpoint(z.service) })),
      })),
      resolverEndpoints: [
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
        zones: new Map(region.vpcIds.map((v) => [v, []])),
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
    return liveSpokeVpcViews(spoke, region, hubView, hubReading, reading);
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
        problem: `${PAYMENTS_VPC} is associated with the private hosted zone ssm.eu-west-3.amazonaws.com of account 222222222222: the hub's forward rule wins over it`,
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
