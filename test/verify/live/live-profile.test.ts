/**
 * verify --live in Route 53 Profile regions, from readings (as read-aws.ts returns them) to the matrix and
 * the differences: eu-west-3's hub holds its zones in its Profile, us-east-1's its endpoints. A
 * deployment exactly as configured verifies clean; each way a real one drifts (no Profile, a zone or an
 * endpoint missing from it or one too many, a Profile not shared, a spoke VPC not associated or
 * associated with another Profile, a spoke's own endpoint or zone of a shared name) is reported with its
 * account, region, resource and fix. Read from AWS end to end: live-profile-read.test.ts.
 */
import type { VpceShareConfig } from "../../../src/config/config-types";
import { topologyOf, type HubRegionTopology, type Topology } from "../../../src/topology/topology";
import { profileAssociationDifferences } from "../../../src/verify/live/live-profile";
import {
  hubDifferences,
  liveHubView,
  liveSpokeVpcViews,
  spokeDifferences,
  type Difference,
} from "../../../src/verify/live/live-view";
import type { HubView } from "../../../src/verify/route53";
import { verifyViews } from "../../../src/verify/verify";
import { load } from "../../config/config-test-kit";
import {
  config,
  deployed,
  endpointId,
  HUB_ACCOUNT,
  profileId,
  profileArn,
  topology,
  zoneId,
} from "./profile-deployment";

const [PAYMENTS_VPC] = config.spokes["payments-prod"].regions["eu-west-3"].vpcIds;
const [DATA_VPC_US] = config.spokes["data-platform"].regions["us-east-1"].vpcIds;
const PAYMENTS = "payments-prod/eu-west-3";

/** The matrix and the differences of `t` on `readings`, as verify --live computes them. */
function verify(t: Topology, readings: ReturnType<typeof deployed>) {
  const differences: Difference[] = [];
  const hubs = new Map<string, HubView>();
  for (const hub of t.hubRegions) {
    hubs.set(hub.region, liveHubView(hub, readings.hubs.get(hub.region)!));
    differences.push(...hubDifferences(t, hub, readings.hubs.get(hub.region)!));
  }
  const report = verifyViews(t, hubs, (spoke, region, hubView) => {
    const hubReading = readings.hubs.get(region.region)!;
    const reading = readings.spokes.get(`${spoke.name}/${region.region}`)!;
    const hub = t.hubRegion(region.region)!;
    differences.push(...spokeDifferences(t, spoke, region, hub, hubReading, reading));
    return liveSpokeVpcViews(t, spoke, region, hubView, hubReading, reading);
  });
  const cells = new Set(report.rows.map((r) => `${r.stack} ${r.vpc} ${r.service} ${r.failure?.hop ?? "ok"}`));
  return { report, differences, failing: [...cells].filter((c) => !c.endsWith(" ok")).sort() };
}

const PARIS = topology.hubRegion("eu-west-3")!;
const VIRGINIA = topology.hubRegion("us-east-1")!;
const cellsOf = (stack: string, vpc: string, hub: HubRegionTopology, hop: string, only?: string) =>
  hub.services
    .filter((s) => !only || s.name === only)
    .map((s) => `${stack} ${vpc} ${s.name} ${hop}`)
    .sort();

describe("verify --live on readings of Route 53 Profile regions", () => {
  it("GIVEN both hubs' Profiles holding what is configured, shared and associated with every spoke VPC WHEN verified THEN every name resolves through its Profile and nothing differs", () => {
    const { report, differences } = verify(topology, deployed(topology));
    expect(report.failures).toEqual([]);
    expect(differences).toEqual([]);
    const byRegion = (region: string) =>
      new Set(report.rows.filter((r) => r.region === region).map((r) => r.mechanism));
    expect(byRegion("eu-west-3")).toEqual(new Set(["profile (zones)"]));
    expect(byRegion("us-east-1")).toEqual(new Set(["profile (endpoints)"]));
  });

  it("GIVEN a hub account with no Profile in eu-west-3 (so no spoke VPC is associated with one) WHEN verified THEN every name of the region fails and the Profile is missing", () => {
    const readings = deployed(topology);
    readings.hubs.set("eu-west-3", { ...readings.hubs.get("eu-west-3")!, profile: null });
    for (const key of ["payments-prod/eu-west-3", "data-platform/eu-west-3"]) {
      readings.spokes.set(key, {
        ...readings.spokes.get(key)!,
        profileAssociations: [],
        profiles: new Map(),
      });
    }
    const { report, failing, differences } = verify(topology, readings);
    expect(report.rows.filter((r) => r.region === "eu-west-3").every((r) => r.failure !== null)).toBe(true);
    expect(failing.every((c) => !c.includes(DATA_VPC_US))).toBe(true);
    expect(differences).toEqual([
      {
        kind: "missing",
        account: HUB_ACCOUNT,
        region: "eu-west-3",
        resource: "route 53 profile vpce-share",
        problem: `${HUB_ACCOUNT} has no route 53 profile vpce-share in eu-west-3: no spoke vpc resolves the shared names through it`,
        fix: "apply hub-eu-west-3",
      },
    ]);
  });

  it("GIVEN the Profile lost the ec2 zone and holds a zone the configuration does not share WHEN verified THEN ec2 fails at the zone, the ec2 zone is missing from it and the other is extra", () => {
    const readings = deployed(topology);
    const paris = readings.hubs.get("eu-west-3")!;
    const ec2 = zoneId(PARIS, "ec2.eu-west-3.amazonaws.com");
    const kept = paris.profile!.resources.filter((r) => !r.resourceArn.endsWith(`/${ec2}`));
    const old = {
      id: "rpr-old",
      profileId: profileId("eu-west-3"),
      resourceArn: "arn:aws:route53:::hostedzone/ZKMS",
      resourceType: "PRIVATE_HOSTED_ZONE",
      status: "COMPLETE",
      name: "vpce-share-kms-eu-west-3-amazonaws-com",
    };
    readings.hubs.set("eu-west-3", { ...paris, profile: { ...paris.profile!, resources: [...kept, old] } });
    const { report, failing, differences } = verify(topology, readings);
    expect(failing).toEqual(
      [
        ...cellsOf("spoke-data-platform", "vpc-0fedcba9876543210", PARIS, "zone", "ec2"),
        ...cellsOf("spoke-data-platform", "vpc-0fedcba9876543211", PARIS, "zone", "ec2"),
        ...cellsOf("spoke-payments-prod", PAYMENTS_VPC, PARIS, "zone", "ec2"),
      ].sort(),
    );
    expect(report.failures[0].reason).toBe(
      "nothing in the route 53 profile of hub-eu-west-3 contains ec2.eu-west-3.amazonaws.com, a name of ec2: it resolves through public dns",
    );
    expect(differences).toEqual([
      {
        kind: "missing",
        account: HUB_ACCOUNT,
        region: "eu-west-3",
        resource: `association of ${ec2} with rp-euwest3`,
        problem:
          "the route 53 profile rp-euwest3 does not hold the zone ec2.eu-west-3.amazonaws.com: its names do not resolve from the spoke vpcs",
        fix: "apply hub-eu-west-3",
      },
      {
        kind: "extra",
        account: HUB_ACCOUNT,
        region: "eu-west-3",
        resource: "rpr-old",
        problem:
          "the route 53 profile rp-euwest3 holds private hosted zone arn:aws:route53:::hostedzone/ZKMS (vpce-share-kms-eu-west-3-amazonaws-com), which the configuration does not share",
        fix: "apply hub-eu-west-3 (it removes it)",
      },
    ]);
  });

  it("GIVEN a Profile of endpoints that lost the sts endpoint WHEN verified THEN sts fails at the zone and the endpoint is missing from the Profile", () => {
    const readings = deployed(topology);
    const virginia = readings.hubs.get("us-east-1")!;
    const sts = endpointId(VIRGINIA, "sts");
    readings.hubs.set("us-east-1", {
      ...virginia,
      profile: {
        ...virginia.profile!,
        resources: virginia.profile!.resources.filter((r) => !r.resourceArn.endsWith(sts)),
      },
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing).toEqual([`spoke-data-platform ${DATA_VPC_US} sts zone`]);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "missing",
        region: "us-east-1",
        resource: `association of ${sts} with rp-useast1`,
        problem:
          "the route 53 profile rp-useast1 does not hold the endpoint of sts: its names do not resolve from the spoke vpcs",
      }),
    ]);
  });

  it("GIVEN a hub endpoint of a Profile of endpoints with private DNS off WHEN verified THEN its names fail (AWS hosts none) and the endpoint is stale", () => {
    const readings = deployed(topology);
    const virginia = readings.hubs.get("us-east-1")!;
    readings.hubs.set("us-east-1", {
      ...virginia,
      endpoints: virginia.endpoints.map((e) =>
        e.id === endpointId(VIRGINIA, "kms") ? { ...e, privateDnsEnabled: false } : e,
      ),
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing).toEqual([`spoke-data-platform ${DATA_VPC_US} kms zone`]);
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "stale",
        resource: endpointId(VIRGINIA, "kms"),
        problem:
          "the endpoint of kms has private dns off: the route 53 profile holds it, but aws hosts no names for it",
      }),
    ]);
  });

  it("GIVEN a Profile in no RAM share WHEN verified THEN its names fail at the share and the share is missing; shared with another principal only, the share is stale", () => {
    const readings = deployed(topology);
    const paris = readings.hubs.get("eu-west-3")!;
    readings.hubs.set("eu-west-3", { ...paris, sharedWith: new Map() });
    const unshared = verify(topology, readings);
    expect(unshared.failing.length).toBeGreaterThan(0);
    expect(unshared.failing.every((c) => c.endsWith(" share"))).toBe(true);
    expect(unshared.report.failures[0].reason).toBe(
      "the route 53 profile of hub-eu-west-3 is in no ram share with a principal: spoke accounts cannot associate it",
    );
    expect(unshared.differences).toEqual([
      expect.objectContaining({
        kind: "missing",
        resource: "ram share of rp-euwest3",
        problem:
          "the route 53 profile rp-euwest3 is in no active ram share with a principal: no spoke account can associate it",
      }),
    ]);

    readings.hubs.set("eu-west-3", {
      ...paris,
      sharedWith: new Map([[profileArn("eu-west-3"), ["444444444444"]]]),
    });
    const elsewhere = verify(topology, readings);
    expect(elsewhere.report.failures).toEqual([]);
    expect(elsewhere.differences).toEqual([
      expect.objectContaining({
        kind: "stale",
        resource: "ram share of rp-euwest3",
        problem: `the route 53 profile rp-euwest3 is shared with 444444444444, not with ${topology.hub.shareWith[0]}`,
      }),
    ]);
  });

  it("GIVEN a spoke account that does not see the Profile and a VPC not associated WHEN verified THEN its names fail at the association and the fix names the share", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get(PAYMENTS)!;
    readings.spokes.set(PAYMENTS, { ...payments, profileAssociations: [], profiles: new Map() });
    const { failing, report, differences } = verify(topology, readings);
    expect(failing).toEqual(cellsOf("spoke-payments-prod", PAYMENTS_VPC, PARIS, "association"));
    expect(report.failures[0].reason).toBe(
      `${PAYMENTS_VPC} (eu-west-3) is not associated with the route 53 profile of hub-eu-west-3: the names it holds resolve through public dns`,
    );
    expect(differences).toEqual([
      {
        kind: "missing",
        account: "222222222222",
        region: "eu-west-3",
        resource: `association of rp-euwest3 with ${PAYMENTS_VPC}`,
        problem: `${PAYMENTS_VPC} is not associated with the hub's route 53 profile rp-euwest3, which 222222222222 does not see: no ram share of hub-eu-west-3 reaches it`,
        fix: "share the profile with 222222222222 (hub.shareWith), apply hub-eu-west-3, then apply spoke-payments-prod",
      },
    ]);
  });

  it("GIVEN a spoke VPC that sees the Profile but is not associated WHEN verified THEN the fix is the spoke's apply", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get(PAYMENTS)!;
    readings.spokes.set(PAYMENTS, { ...payments, profileAssociations: [] });
    const { differences } = verify(topology, readings);
    expect(differences.map((d) => [d.kind, d.resource, d.fix])).toEqual([
      ["missing", `association of rp-euwest3 with ${PAYMENTS_VPC}`, "apply spoke-payments-prod"],
    ]);
  });

  it("GIVEN a spoke VPC associated with another team's Profile instead of the hub's WHEN verified THEN its names fail at the association and that Profile conflicts (a VPC takes one)", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get(PAYMENTS)!;
    const theirs = {
      id: "rp-theirs",
      arn: "arn:aws:route53profiles:eu-west-3:444444444444:profile/rp-theirs",
      name: "platform-dns",
      shareStatus: "SHARED_WITH_ME",
    };
    readings.spokes.set(PAYMENTS, {
      ...payments,
      profileAssociations: [
        { id: "rpassoc-theirs", profileId: theirs.id, vpcId: PAYMENTS_VPC, status: "COMPLETE" },
      ],
      profiles: new Map([...payments.profiles!, [theirs.id, theirs]]),
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing).toEqual(cellsOf("spoke-payments-prod", PAYMENTS_VPC, PARIS, "association"));
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "missing",
        resource: `association of rp-euwest3 with ${PAYMENTS_VPC}`,
      }),
      {
        kind: "conflicting",
        account: "222222222222",
        region: "eu-west-3",
        resource: "rpassoc-theirs",
        problem: `${PAYMENTS_VPC} is associated with route 53 profile rp-theirs (platform-dns, account 444444444444), not the hub's: a vpc takes one route 53 profile, so the hub's cannot be associated beside it`,
        fix: `disassociate rp-theirs from ${PAYMENTS_VPC} (its owner may need it elsewhere), then apply spoke-payments-prod`,
      },
    ]);
  });

  it("GIVEN a spoke VPC's association with the Profile still CREATING WHEN verified THEN its names do not resolve yet and the association is stale", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get(PAYMENTS)!;
    readings.spokes.set(PAYMENTS, {
      ...payments,
      profileAssociations: payments.profileAssociations!.map((a) => ({ ...a, status: "CREATING" })),
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing).toEqual(cellsOf("spoke-payments-prod", PAYMENTS_VPC, PARIS, "association"));
    expect(differences).toEqual([
      expect.objectContaining({
        kind: "stale",
        resource: `rpassoc-${PAYMENTS_VPC}`,
        fix: "wait until it is COMPLETE, then verify again",
      }),
    ]);
  });

  it("GIVEN a spoke VPC with its own sts endpoint (private DNS on) and its own zone of the ssm name WHEN verified THEN sts answers from its own endpoint and ssm from its own zone (a VPC's own zones win over its Profile's), and both conflict (ConflictingDomainExists)", () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get(PAYMENTS)!;
    const sts = PARIS.services.find((s) => s.name === "sts")!;
    readings.spokes.set(PAYMENTS, {
      ...payments,
      endpoints: [
        {
          id: "vpce-0wn",
          vpcId: PAYMENTS_VPC,
          serviceName: sts.serviceName,
          state: "available",
          privateDnsEnabled: true,
          dnsNames: [],
          ips: ["10.2.0.9"],
        },
      ],
      zones: new Map([
        [PAYMENTS_VPC, [{ id: "ZOWN", domain: "ssm.eu-west-3.amazonaws.com", ownerAccount: "222222222222" }]],
      ]),
    });
    const { failing, differences } = verify(topology, readings);
    expect(failing).toEqual([
      `spoke-payments-prod ${PAYMENTS_VPC} ssm alias`,
      `spoke-payments-prod ${PAYMENTS_VPC} sts endpoint`,
    ]);
    expect(differences.map((d) => [d.kind, d.resource, d.problem])).toEqual([
      [
        "conflicting",
        "vpce-0wn",
        expect.stringMatching(
          /its zone of the same names refuses the hub's profile \(ConflictingDomainExists\)/,
        ),
      ],
      ["conflicting", "ZOWN", expect.stringMatching(/\(ConflictingDomainExists\)$/)],
    ]);
  });

  it("GIVEN a region retiring its Profile for resolver rules WHEN a spoke VPC is still associated with the Profile THEN the association is extra", () => {
    const retiring = topologyOf(
      load((c) => {
        c.hub.regions["eu-west-3"].retiringMechanism = "profile";
        c.hub.regions["us-east-1"].mechanism = "profile";
        delete c.hub.regions["us-east-1"].inboundResolverIps;
      }) as VpceShareConfig,
    );
    const paris = retiring.hubRegion("eu-west-3")!;
    const payments = retiring.spoke("payments-prod")!.regions[0];
    const readings = deployed(topology);
    const found: [string, string, string][] = [];
    profileAssociationDifferences(
      retiring,
      retiring.spoke("payments-prod")!,
      payments,
      paris,
      readings.hubs.get("eu-west-3")!,
      readings.spokes.get(PAYMENTS)!,
      PAYMENTS_VPC,
      (kind, resource, _problem, fix) => found.push([kind, resource, fix]),
    );
    expect(found).toEqual([["extra", `rpassoc-${PAYMENTS_VPC}`, "apply spoke-payments-prod"]]);
  });
});
