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
