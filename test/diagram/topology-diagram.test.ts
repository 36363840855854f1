/** The Mermaid flowchart of a configuration: what it shows, and that it is well-formed. */
import { MAX_LISTED_ZONES, topologyDiagram } from "../../src/diagram/topology-diagram";
import { testConfig } from "../cost/cost-fixtures";

/** Node declarations `id["label"]` and edges `a -->|"label"| b` / `a -.->|"label"| b` of a diagram. */
function parse(diagram: string) {
  const lines = diagram.trimEnd().split("\n");
  const nodes = new Map<string, string>();
  const edges: { from: string; to: string; label: string; dotted: boolean }[] = [];
  let depth = 0;
  for (const line of lines.slice(1)) {
    const text = line.trim();
    const subgraph = /^subgraph (\w+)\["([^"]*)"\]$/.exec(text);
    const node = /^(\w+)\["([^"]*)"\]$/.exec(text);
    const edge = /^(\w+) (-->|-\.->)\|"([^"]*)"\| (\w+)$/.exec(text);
    if (subgraph) {
      depth++;
      nodes.set(subgraph[1], subgraph[2]);
    } else if (text === "end") {
      depth--;
    } else if (node) {
      nodes.set(node[1], node[2]);
    } else if (edge) {
      edges.push({ from: edge[1], to: edge[4], label: edge[3], dotted: edge[2] === "-.->" });
    } else if (text !== "direction TB") {
      throw new Error(`unexpected line: ${line}`);
    }
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
  return { first: lines[0], nodes, edges };
}

describe("topologyDiagram", () => {
  const diagram = topologyDiagram(testConfig());
  const { first, nodes, edges } = parse(diagram);

  it("GIVEN a configuration THEN a left-to-right flowchart whose edges join declared nodes", () => {
    expect(first).toBe("flowchart LR");
    for (const { from, to } of edges) {
      expect(nodes.has(from)).toBe(true);
      expect(nodes.has(to)).toBe(true);
    }
  });

  it("shows each hub region with its services, zones, resolver endpoints and one node for its rules", () => {
    expect(nodes.get("hub_eu_west_3")).toBe("hub-eu-west-3: account 111111111111, vpc-0a1b2c3d4e5f67890");
    expect(nodes.get("hub_eu_west_3_endpoints")).toBe(
      "4 interface endpoints in 3 AZs<br/>sts, ecr.api, ecr.dkr, mine",
    );
    expect(nodes.get("hub_eu_west_3_zones")).toBe(
      [
        "5 private hosted zones",
        "api.ecr.eu-west-3.amazonaws.com",
        "data.eu-west-3.example.com",
        "dkr.ecr.eu-west-3.amazonaws.com",
        "mine.eu-west-3.example.com",
        "sts.eu-west-3.amazonaws.com",
      ].join("<br/>"),
    );
    expect(nodes.get("hub_eu_west_3_inbound")).toBe("inbound resolver endpoint<br/>IPs assigned by AWS");
    expect(nodes.get("hub_eu_west_3_outbound")).toBe("outbound resolver endpoint<br/>3 IPs");
    expect(nodes.get("hub_eu_west_3_rules")).toBe(
      "5 FORWARD resolver rules, one per zone<br/>RAM share with organization o-a1b2c3d4e5",
    );
    expect(nodes.get("hub_us_east_1_rules")).toMatch(/^3 FORWARD resolver rules/);
  });

  it("draws the DNS path of a region: rules -> outbound -> inbound -> zones -> endpoints", () => {
    const path = edges.filter((e) => e.from.startsWith("hub_eu_west_3")).map((e) => `${e.from} ${e.to}`);
    expect(path).toEqual([
      "hub_eu_west_3_zones hub_eu_west_3_endpoints",
      "hub_eu_west_3_rules hub_eu_west_3_outbound",
      "hub_eu_west_3_outbound hub_eu_west_3_inbound",
      "hub_eu_west_3_inbound hub_eu_west_3_zones",
    ]);
  });

  it("associates every spoke VPC with the rules of its own region, once", () => {
    const associations = edges.filter((e) => e.dotted).map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(associations).toEqual([
      "spoke_alpha_vpc_0000000000000a001 -> hub_eu_west_3_rules: 5 rule associations",
      "spoke_alpha_vpc_0000000000000a002 -> hub_eu_west_3_rules: 5 rule associations",
      "spoke_alpha_vpc_0000000000000a003 -> hub_us_east_1_rules: 3 rule associations",
      "spoke_beta_vpc_0000000000000b001 -> hub_eu_west_3_rules: 5 rule associations",
      "spoke_beta_vpc_0000000000000b002 -> hub_eu_west_3_rules: 5 rule associations",
      "spoke_beta_vpc_0000000000000b003 -> hub_eu_west_3_rules: 5 rule associations",
      "spoke_beta_vpc_0000000000000b004 -> hub_eu_west_3_rules: 5 rule associations",
    ]);
    expect(nodes.get("spoke_alpha")).toBe("spoke-alpha: account 222222222222");
    expect(nodes.get("spoke_alpha_vpc_0000000000000a003")).toBe("vpc-0000000000000a003<br/>us-east-1");
  });

  it("GIVEN pinned resolver IPs and OUs or accounts to share with THEN they are shown", () => {
    const config = testConfig((c) => {
      c.hub.regions["us-east-1"].inboundResolverIps = ["10.20.1.10", "10.20.2.10"];
      c.hub.shareWith = [
        "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cdef3456",
        "444444444444",
      ];
    });
    const { nodes: shown } = parse(topologyDiagram(config));
    expect(shown.get("hub_us_east_1_inbound")).toBe("inbound resolver endpoint<br/>10.20.1.10, 10.20.2.10");
    expect(shown.get("hub_us_east_1_rules")).toContain(
      "RAM share with OU ou-ab12-cdef3456, account 444444444444",
    );
  });

  it(`GIVEN more than ${MAX_LISTED_ZONES} zones THEN the first ones and a count of the rest; every service is listed`, () => {
    const services = Array.from({ length: 20 }, (_, i) => `svc${i}`);
    const config = testConfig((c) => {
      c.customServices = Object.fromEntries(
        services.map((name) => [
          name,
          { serviceName: `com.example.${name}`, privateDnsNames: [`${name}.example.com`] },
        ]),
      );
      c.hub.regions["eu-west-3"].services = services;
    });
    const { nodes: shown } = parse(topologyDiagram(config));
    const zoneLines = shown.get("hub_eu_west_3_zones")?.split("<br/>") ?? [];
    expect(zoneLines[0]).toBe("20 private hosted zones");
    expect(zoneLines).toHaveLength(1 + MAX_LISTED_ZONES);
    expect(zoneLines[MAX_LISTED_ZONES]).toBe(`... and ${20 - MAX_LISTED_ZONES + 1} more`);
    const endpointLines = shown.get("hub_eu_west_3_endpoints")?.split("<br/>") ?? [];
    expect(endpointLines.slice(1).join(", ").split(", ")).toEqual(services);
    expect(shown.get("hub_eu_west_3_rules")).toMatch(/^20 FORWARD resolver rules/);
  });

  it("GIVEN a configuration without spokes THEN only the hub regions", () => {
    const { nodes: shown, edges: drawn } = parse(topologyDiagram(testConfig((c) => (c.spokes = {}))));
    expect([...shown.keys()].some((id) => id.startsWith("spoke_"))).toBe(false);
    expect(drawn.every((edge) => !edge.dotted)).toBe(true);
  });
});

describe("topologyDiagram of each sharing mechanism", () => {
  const US = "us-east-1";
  /** testConfig with us-east-1 (ec2, kms; alpha's vpc a003) shared by `mechanism`. */
  const sharedBy = (region: Record<string, string>) => {
    const parsed = parse(topologyDiagram(testConfig((c) => Object.assign(c.hub.regions[US], region))));
    // (every edge joins declared nodes)
    for (const { from, to } of parsed.edges)
      expect([parsed.nodes.has(from), parsed.nodes.has(to)]).toEqual([true, true]);
    return parsed;
  };
  const ids = (nodes: Map<string, string>) =>
    [...nodes.keys()].filter((id) => id.startsWith("hub_us_east_1_"));
  const hubEdges = (edges: { from: string; to: string; label: string }[]) =>
    edges.filter((e) => e.from.startsWith("hub_us_east_1")).map((e) => `${e.from} -${e.label}-> ${e.to}`);
  const association = (edges: { from: string; to: string; label: string }[]) =>
    edges.filter((e) => e.from === "spoke_alpha_vpc_0000000000000a003").map((e) => `${e.label} -> ${e.to}`);

  it("GIVEN a Profile of zones THEN the Profile holds the zones, shared read-only; no resolver endpoints or rules", () => {
    const { nodes, edges } = sharedBy({ mechanism: "profile" });
    expect(nodes.get("hub_us_east_1")).toBe(
      "hub-us-east-1: account 111111111111, vpc-0b1c2d3e4f5a67890, by profile (zones)",
    );
    expect(ids(nodes)).toEqual(["hub_us_east_1_endpoints", "hub_us_east_1_zones", "hub_us_east_1_profile"]);
    expect(nodes.get("hub_us_east_1_profile")).toBe(
      "Route 53 Profile of 3 zones<br/>RAM share with organization o-a1b2c3d4e5 (AWSRAMPermissionRoute53ProfileAllowAssociation)",
    );
    expect(hubEdges(edges)).toEqual([
      "hub_us_east_1_zones -alias A-> hub_us_east_1_endpoints",
      "hub_us_east_1_profile -holds-> hub_us_east_1_zones",
    ]);
    expect(association(edges)).toEqual(["Profile association -> hub_us_east_1_profile"]);
  });

  it("GIVEN a Profile of endpoints THEN the Profile holds the endpoints (private DNS on), and the hub hosts no zone", () => {
    const { nodes, edges } = sharedBy({ mechanism: "profile", profileContents: "endpoints" });
    expect(ids(nodes)).toEqual(["hub_us_east_1_endpoints", "hub_us_east_1_profile"]);
    expect(nodes.get("hub_us_east_1_endpoints")).toBe(
      "2 interface endpoints in 2 AZs, private DNS on<br/>ec2, kms",
    );
    expect(nodes.get("hub_us_east_1_profile")).toMatch(
      /^Route 53 Profile of 2 endpoints<br\/>AWS hosts their names: 3 private DNS zones<br\/>RAM share/,
    );
    expect(hubEdges(edges)).toEqual(["hub_us_east_1_profile -holds-> hub_us_east_1_endpoints"]);
    expect(association(edges)).toEqual(["Profile association -> hub_us_east_1_profile"]);
  });

  it("GIVEN zone association THEN the hub authorizes each zone for each spoke VPC, which associates every zone", () => {
    const { nodes, edges } = sharedBy({ mechanism: "zone-association" });
    expect(ids(nodes)).toEqual([
      "hub_us_east_1_endpoints",
      "hub_us_east_1_zones",
      "hub_us_east_1_authorizations",
    ]);
    expect(nodes.get("hub_us_east_1_authorizations")).toBe(
      "3 zone association authorizations<br/>each zone for each of 1 spoke VPC",
    );
    expect(hubEdges(edges)).toEqual([
      "hub_us_east_1_zones -alias A-> hub_us_east_1_endpoints",
      "hub_us_east_1_authorizations -authorize-> hub_us_east_1_zones",
    ]);
    expect(association(edges)).toEqual(["3 zone associations -> hub_us_east_1_zones"]);
  });

  it("GIVEN resolver rules retiring beside a Profile THEN both are drawn, the rules marked retiring; spokes use the Profile", () => {
    const { nodes, edges } = sharedBy({ mechanism: "profile", retiringMechanism: "resolver-rules" });
    expect(nodes.get("hub_us_east_1")).toMatch(/, by profile \(zones\) \(retiring resolver-rules\)$/);
    expect(nodes.get("hub_us_east_1_rules")).toMatch(/^retiring: 3 FORWARD resolver rules, one per zone/);
    expect(nodes.get("hub_us_east_1_inbound")).toMatch(/^retiring: inbound resolver endpoint/);
    expect(nodes.get("hub_us_east_1_profile")).toMatch(/^Route 53 Profile of 3 zones/);
    expect(hubEdges(edges)).toContain("hub_us_east_1_inbound -answers from-> hub_us_east_1_zones");
    expect(association(edges)).toEqual(["Profile association -> hub_us_east_1_profile"]);
  });

  it("GIVEN a Profile retiring beside zone association THEN the Profile is marked retiring; spokes associate the zones", () => {
    const { nodes, edges } = sharedBy({ mechanism: "zone-association", retiringMechanism: "profile" });
    expect(nodes.get("hub_us_east_1_profile")).toMatch(/^retiring: Route 53 Profile of 3 zones/);
    expect(nodes.get("hub_us_east_1_authorizations")).toMatch(/^3 zone association authorizations/);
    expect(association(edges)).toEqual(["3 zone associations -> hub_us_east_1_zones"]);
  });
});
