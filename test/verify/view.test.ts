/**
 * What verify sees of each sharing mechanism (config/example-mechanisms.json: Paris by resolver rules,
 * Virginia by a Route 53 Profile, Frankfurt by zone association), built from the topology and from
 * hand-made delivered stacks whose literal locals lose an association or an authorization.
 */
import * as fs from "fs";
import * as path from "path";
import type { VpceShareConfig } from "../../src/config/config-types";
import { parseConfig } from "../../src/config/load-config";
import { topologyOf, Topology } from "../../src/topology/topology";
import { formatReport } from "../../src/verify/format-report";
import type { DeliveredStack, Delivery } from "../../src/verify/output-folder";
import type { HubView } from "../../src/verify/route53";
import { Row, verifyTopology, VerifyReport } from "../../src/verify/verify";
import { hubView, stackReadings } from "../../src/verify/view";
import { Json, REPO_ROOT } from "../config/config-test-kit";

const MECHANISMS_PATH = path.join(REPO_ROOT, "config", "example-mechanisms.json");
const PARIS = "eu-west-3";
const VIRGINIA = "us-east-1";
const FRANKFURT = "eu-central-1";
const DATA_PLATFORM = "spoke-data-platform";
const PAYMENTS = "spoke-payments-prod";

/** config/example-mechanisms.json after `change`, loaded. */
function mechanisms(change: (config: Json) => void = () => {}): VpceShareConfig {
  const config = JSON.parse(fs.readFileSync(MECHANISMS_PATH, "utf8"));
  change(config);
  return parseConfig(JSON.stringify(config), "example-mechanisms.json");
}

/** The literal locals of a spoke stack as the spoke stack writes them: VPCs per region, domains but with a Profile. */
function spokeLocals(topology: Topology, spoke: string): Record<string, unknown> {
  return Object.fromEntries(
    topology.spoke(spoke)!.regions.flatMap((r) => {
      const key = r.region.replace(/-/g, "_");
      const domains = (r.mechanism === "zone-association" ? r.zones : r.rules).map((z) => z.domain);
      return [
        [`vpc_ids_${key}`, [...r.vpcIds]],
        ...(r.mechanism === "profile" ? [] : [[`domains_${key}`, domains]]),
      ];
    }),
  );
}

/** The literal locals of a hub stack as the hub region construct writes them. */
function hubLocals(topology: Topology, region: string): Record<string, unknown> {
  const hub = topology.hubRegion(region)!;
  return {
    endpoints: Object.fromEntries(hub.services.map((s) => [s.name, { service_name: s.serviceName }])),
    ...(hub.zones.length > 0
      ? {
          zones: Object.fromEntries(hub.zones.map((z) => [z.domain, { service: z.service }])),
          records: Object.fromEntries(
            hub.zones.flatMap((z) => z.records.map((r) => [r, { zone: z.domain, service: z.service }])),
          ),
        }
      : {}),
    ...(hub.mechanism === "zone-association" ? { authorized_vpc_ids: [...hub.spokeVpcIds] } : {}),
  };
}

/** A delivery in which the stacks of `locals` differ from the fresh synthesis in their literal locals only. */
function delivery(locals: Record<string, Record<string, unknown>>): Delivery {
  return {
    stacks: new Map(
      Object.entries(locals).map(([stack, l]): [string, DeliveredStack] => [
        stack,
        { regionFailures: new Map(), locals: l },
      ]),
    ),
    failures: [],
  };
}

const rowsOf = (report: VerifyReport, match: Partial<Row>) =>
  report.rows.filter((row) => Object.entries(match).every(([k, v]) => row[k as keyof Row] === v));
const hops = (rows: readonly Row[]) => [...new Set(rows.map((r) => r.failure?.hop ?? "ok"))];
const mechanismsOf = (rows: readonly Row[]) => [...new Set(rows.map((r) => r.mechanism))];

describe("verify on the three mechanisms (config/example-mechanisms.json)", () => {
  const config = mechanisms();
  const topology = topologyOf(config);

  it("every name resolves in every region, each answered by its region's mechanism", () => {
    // GIVEN the stacks as configured WHEN verified
    const report = verifyTopology(topology);
    // THEN nothing fails, and each region's rows say which mechanism answered them
    expect(report.failures).toEqual([]);
    expect(hops(report.rows)).toEqual(["ok"]);
    expect(mechanismsOf(rowsOf(report, { region: PARIS }))).toEqual(["resolver-rules"]);
    expect(mechanismsOf(rowsOf(report, { region: VIRGINIA }))).toEqual(["profile (zones)"]);
    expect(mechanismsOf(rowsOf(report, { region: FRANKFURT }))).toEqual(["zone-association"]);
    expect(rowsOf(report, { region: VIRGINIA, service: "s3" }).map((r) => r.name)).toEqual([
      "*.s3-accesspoint.us-east-1.amazonaws.com",
      "*.s3-control.us-east-1.amazonaws.com",
      "*.s3.us-east-1.amazonaws.com",
    ]);
  });

  it("the matrix gains a mechanism column", () => {
    const text = formatReport(verifyTopology(topology));
    expect(text.split("\n")[0]).toMatch(/^spoke\s+region\s+mechanism\s+vpcs\s+ec2/);
    expect(text).toMatch(/^spoke-data-platform\s+us-east-1\s+profile \(zones\)\s+1\s+ok/m);
    expect(text).toMatch(/^spoke-payments-prod\s+eu-central-1\s+zone-association\s+1\s+ok/m);
    expect(text).toMatch(/^spoke-payments-prod\s+eu-west-3\s+resolver-rules\s+1\s+ok/m);
  });

  it("the hubs build what their mechanism needs: no inbound endpoint or rules without resolver rules", () => {
    const views = Object.fromEntries(
      topology.hubRegions.map((h) => [h.region, hubView(topology, h) as HubView]),
    );
    expect(views[PARIS]).toMatchObject({ mechanism: "resolver-rules", rules: expect.any(Array) });
    expect(views[PARIS].inbound).toBeDefined();
    expect(views[PARIS].profile).toBeUndefined();
    expect(views[VIRGINIA].inbound).toBeUndefined();
    expect(views[VIRGINIA].rules).toEqual([]);
    expect(views[VIRGINIA].profile?.zones.map((z) => z.domain)).toEqual(
      topology.hubRegion(VIRGINIA)!.zones.map((z) => z.domain),
    );
    expect(views[FRANKFURT].inbound).toBeUndefined();
    expect([...views[FRANKFURT].authorizedVpcIds!]).toEqual([
      "vpc-0123456789abcdef4",
      "vpc-0fedcba9876543213",
    ]);
  });

  it("reads the literal locals each mechanism writes", () => {
    const readings = stackReadings(topology);
    expect(readings.get("hub-eu-west-3")?.literalLocals).toEqual(["endpoints", "zones", "records"]);
    expect(readings.get("hub-us-east-1")?.literalLocals).toEqual(["endpoints", "zones", "records"]);
    expect(readings.get("hub-eu-central-1")?.literalLocals).toEqual([
      "endpoints",
      "zones",
      "records",
      "authorized_vpc_ids",
    ]);
    expect(readings.get(DATA_PLATFORM)?.literalLocals).toEqual([
      "vpc_ids_eu_central_1",
      "domains_eu_central_1",
      "vpc_ids_eu_west_3",
      "domains_eu_west_3",
      "vpc_ids_us_east_1",
    ]);
  });

  it("the delivered stacks' own literal locals, unchanged, resolve every name", () => {
    // GIVEN every stack delivered with the locals the topology gives WHEN verified THEN nothing fails
    const report = verifyTopology(
      topology,
      delivery({
        ...Object.fromEntries(topology.hubRegions.map((h) => [h.stackName, hubLocals(topology, h.region)])),
        ...Object.fromEntries(topology.spokes.map((s) => [s.stackName, spokeLocals(topology, s.name)])),
      }),
    );
    expect(report.failures).toEqual([]);
  });

  describe("fails, naming the spoke and the service, when an association is missing", () => {
    it("a VPC deleted from a spoke stack's locals.vpc_ids of a Profile region", () => {
      // GIVEN data-platform's stack without its us-east-1 VPC WHEN verified
      const locals = spokeLocals(topology, "data-platform");
      locals.vpc_ids_us_east_1 = [];
      const report = verifyTopology(topology, delivery({ [DATA_PLATFORM]: locals }));
      // THEN every us-east-1 row of that VPC fails at its association with the Profile, naming the spoke
      const lost = rowsOf(report, { stack: DATA_PLATFORM, region: VIRGINIA });
      expect(hops(lost)).toEqual(["association"]);
      expect(new Set(lost.map((r) => r.service))).toEqual(
        new Set(topology.hubRegion(VIRGINIA)!.services.map((s) => s.name)),
      );
      expect(lost[0].failure).toEqual({
        hop: "association",
        stack: DATA_PLATFORM,
        reason:
          "vpc-0fedcba9876543212 (us-east-1) is not associated with the route 53 profile of hub-us-east-1: the names it holds resolve through public dns",
      });
      expect(mechanismsOf(lost)).toEqual(["profile (zones)"]);
      // AND the other regions pass
      expect(report.rows.filter((r) => r.region !== VIRGINIA && r.failure)).toEqual([]);
    });

    it("a VPC deleted from a spoke stack's locals.vpc_ids of a zone-association region", () => {
      const locals = spokeLocals(topology, "payments-prod");
      locals.vpc_ids_eu_central_1 = [];
      const report = verifyTopology(topology, delivery({ [PAYMENTS]: locals }));
      const lost = rowsOf(report, { stack: PAYMENTS, region: FRANKFURT });
      expect(hops(lost)).toEqual(["association"]);
      expect(lost.find((r) => r.service === "sts")?.failure?.reason).toBe(
        "vpc-0123456789abcdef4 (eu-central-1) is not associated with the zone sts.eu-central-1.amazonaws.com of hub-eu-central-1: its names resolve through public dns",
      );
      expect(report.rows.filter((r) => r.stack !== PAYMENTS && r.failure)).toEqual([]);
    });

    it("a domain deleted from a zone-association spoke's locals.domains: only its service fails", () => {
      const locals = spokeLocals(topology, "payments-prod");
      locals.domains_eu_central_1 = (locals.domains_eu_central_1 as string[]).filter(
        (d) => d !== "logs.eu-central-1.amazonaws.com",
      );
      const report = verifyTopology(topology, delivery({ [PAYMENTS]: locals }));
      expect(hops(rowsOf(report, { stack: PAYMENTS, region: FRANKFURT, service: "logs" }))).toEqual([
        "association",
      ]);
      expect(report.rows.filter((r) => r.service !== "logs" && r.failure)).toEqual([]);
    });

    it("a VPC deleted from the hub's locals.authorized_vpc_ids: the hub's authorization fails", () => {
      const locals = hubLocals(topology, FRANKFURT);
      locals.authorized_vpc_ids = ["vpc-0123456789abcdef4"];
      const report = verifyTopology(topology, delivery({ "hub-eu-central-1": locals }));
      const lost = rowsOf(report, { stack: DATA_PLATFORM, region: FRANKFURT });
      expect(hops(lost)).toEqual(["authorization"]);
      expect(lost[0].failure?.stack).toBe("hub-eu-central-1");
      expect(lost[0].failure?.reason).toContain(
        `does not authorize vpc-0fedcba9876543213 (${DATA_PLATFORM})`,
      );
      expect(report.rows.filter((r) => r.stack !== DATA_PLATFORM && r.failure)).toEqual([]);
    });

    it("a hub stack without the authorized VPC list cannot be read", () => {
      const locals = hubLocals(topology, FRANKFURT);
      delete locals.authorized_vpc_ids;
      const report = verifyTopology(topology, delivery({ "hub-eu-central-1": locals }));
      expect(hops(rowsOf(report, { region: FRANKFURT }))).toEqual(["stack"]);
      expect(report.failures[0].reason).toContain("locals.authorized_vpc_ids is not a list of vpc ids");
    });
  });

  describe("a Profile of endpoints", () => {
    const endpoints = mechanisms((c) => (c.hub.regions[VIRGINIA].profileContents = "endpoints"));
    const endpointsTopology = topologyOf(endpoints);

    it("answers every name from the names AWS hosts for the endpoints", () => {
      const report = verifyTopology(endpointsTopology);
      expect(report.failures).toEqual([]);
      expect(mechanismsOf(rowsOf(report, { region: VIRGINIA }))).toEqual(["profile (endpoints)"]);
    });

    it("reads a hub stack without zones or records, and a service dropped from locals.endpoints fails", () => {
      // GIVEN the Virginia hub delivered without s3's endpoint (and, as it builds them, no zones) WHEN verified
      const locals = hubLocals(endpointsTopology, VIRGINIA);
      expect(Object.keys(locals)).toEqual(["endpoints"]);
      delete (locals.endpoints as Record<string, unknown>).s3;
      const report = verifyTopology(endpointsTopology, delivery({ "hub-us-east-1": locals }));
      // THEN only the s3 rows fail, at the Profile that no longer holds its names
      const s3 = rowsOf(report, { region: VIRGINIA, service: "s3" });
      expect(hops(s3)).toEqual(["zone"]);
      expect(s3[0].failure?.reason).toContain("nothing in the route 53 profile of hub-us-east-1 contains");
      expect(report.rows.filter((r) => r.service !== "s3" && r.failure)).toEqual([]);
    });
  });

  it("a hub that keeps its resolver rules while its spokes move to a Profile: the Profile answers them", () => {
    // GIVEN Paris moving from resolver rules to a Profile of zones
    const moving = topologyOf(
      mechanisms((c) => {
        c.hub.regions[PARIS].mechanism = "profile";
        c.hub.regions[PARIS].retiringMechanism = "resolver-rules";
      }),
    );
    // WHEN its hub is viewed and the spokes verified THEN the hub has both; the spokes resolve by the Profile
    const view = hubView(moving, moving.hubRegion(PARIS)!) as HubView;
    expect(view.rules.length).toBeGreaterThan(0);
    expect(view.profile?.contents).toBe("zones");
    const report = verifyTopology(moving);
    expect(report.failures).toEqual([]);
    expect(mechanismsOf(rowsOf(report, { region: PARIS }))).toEqual(["profile (zones)"]);
  });
});
