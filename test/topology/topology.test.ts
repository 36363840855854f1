/**
 * The topology (src/topology/topology.ts): the one model of what each hub region shares and what each
 * spoke VPC must resolve, built from a configuration.
 */
import type { VpceShareConfig } from "../../src/config/config-types";
import { topologyOf } from "../../src/topology/topology";
import { load } from "../config/config-test-kit";
import { sampleConfig } from "../support/sample-config";

const EU = "eu-west-3";

describe("topologyOf", () => {
  it("gives each hub region its services, a zone and a rule per private DNS domain, sorted by domain", () => {
    // GIVEN ec2, sts and ecr.dkr shared in eu-west-3
    const topology = topologyOf(sampleConfig());
    // WHEN the region is read
    const hub = topology.hubRegion(EU)!;
    // THEN services keep the configuration's order; zones and rules are one per domain, sorted
    expect(hub.stackName).toBe("hub-eu-west-3");
    expect(hub.services.map((s) => s.name)).toEqual(["ec2", "sts", "ecr.dkr"]);
    const domains = [
      "dkr.ecr.eu-west-3.amazonaws.com",
      "ec2.eu-west-3.amazonaws.com",
      "sts.eu-west-3.amazonaws.com",
    ];
    expect(hub.zones.map((z) => z.domain)).toEqual(domains);
    expect(hub.rules.map((r) => r.domain)).toEqual(domains);
    // AND the wildcard name has its apex and its * record; the rule is named without dots
    expect(hub.zones[0].records).toEqual([
      "dkr.ecr.eu-west-3.amazonaws.com",
      "*.dkr.ecr.eu-west-3.amazonaws.com",
    ]);
    expect(hub.rules[0]).toEqual({
      domain: "dkr.ecr.eu-west-3.amazonaws.com",
      service: "ecr.dkr",
      name: "vpce-share-dkr-ecr-eu-west-3-amazonaws-com",
    });
  });

  it("gives each endpoint its policy: the organization's, an override as a Terraform literal, or none", () => {
    // GIVEN an override for sts with an IAM policy variable, and eks (which refuses endpoint policies)
    const config = sampleConfig();
    const override = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "arn:aws:s3:::${aws:username}" }],
    };
    const changed: VpceShareConfig = {
      ...config,
      hub: {
        ...config.hub,
        endpointPolicies: { sts: override },
        regions: {
          ...config.hub.regions,
          [EU]: { ...config.hub.regions[EU], services: ["ec2", "sts", "eks"] },
        },
      },
    };
    // WHEN the topology is built
    const hub = topologyOf(changed).hubRegion(EU)!;
    // THEN ec2 admits the organization only, sts has the override escaped for Terraform, eks none
    expect(JSON.parse(hub.service("ec2")!.policy!).Statement[0].Condition).toEqual({
      StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
    });
    expect(hub.service("sts")!.policy).toContain("$${aws:username}");
    expect(hub.service("sts")!.policyOverride).toEqual(override);
    expect(hub.service("eks")!.policy).toBeNull();
  });

  it("gives every spoke region the VPCs, sorted, and exactly its hub region's rules and services", () => {
    // GIVEN spokes with VPCs listed out of order
    const config = sampleConfig();
    const topology = topologyOf(config);
    // WHEN a spoke is read
    const spoke = topology.spoke("data-platform")!;
    // THEN each region points at its hub's stack and shares the hub's very rules (one source)
    expect(spoke.stackName).toBe("spoke-data-platform");
    expect(spoke.regions.map((r) => [r.region, r.hubStackName])).toEqual([
      [EU, "hub-eu-west-3"],
      ["us-east-1", "hub-us-east-1"],
    ]);
    expect(spoke.regions[0].rules).toBe(topology.hubRegion(EU)!.rules);
    expect(spoke.regions[0].services).toBe(topology.hubRegion(EU)!.services);
    expect(topology.spoke("payments-prod")!.regions[0].vpcIds).toEqual([
      "vpc-0123456789abcdef0",
      "vpc-0123456789abcdef1",
    ]);
  });

  it("is the same whatever the order of regions, spokes, subnets and VPCs in the configuration", () => {
    // GIVEN the example and the same configuration with every list and map reversed
    const straight = load();
    const reversed = load((c) => {
      const reverse = (record: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(record).reverse());
      c.hub.regions = reverse(c.hub.regions);
      c.spokes = reverse(c.spokes);
      for (const region of Object.values(c.hub.regions) as {
        subnetIds: string[];
        inboundResolverIps?: string[];
      }[]) {
        region.subnetIds.reverse();
        region.inboundResolverIps?.reverse();
      }
      for (const spoke of Object.values(c.spokes) as { regions: Record<string, { vpcIds: string[] }> }[])
        for (const region of Object.values(spoke.regions)) region.vpcIds.reverse();
    });
    // WHEN both topologies are built THEN they hold the same facts (functions aside)
    const facts = (config: VpceShareConfig) => JSON.parse(JSON.stringify(topologyOf(config)));
    expect(facts(reversed)).toEqual(facts(straight));
    // AND each subnet keeps its pinned IP
    const hub = topologyOf(reversed).hubRegions[0];
    const original = straight.hub.regions[hub.region];
    for (const subnet of hub.subnets) {
      const i = original.subnetIds.indexOf(subnet.subnetId);
      expect(subnet.inboundIp).toBe(original.inboundResolverIps?.[i]);
    }
  });

  it("is built once per configuration and cannot be changed by a consumer", () => {
    // GIVEN a topology
    const config = sampleConfig();
    const topology = topologyOf(config);
    // WHEN asked again THEN it is the same object
    expect(topologyOf(config)).toBe(topology);
    // AND it is frozen all the way down
    const hub = topology.hubRegions[0];
    expect(() => (hub.rules as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(() => {
      (hub.zones[0] as { domain: string }).domain = "example.com";
    }).toThrow(TypeError);
    expect(Object.isFrozen(topology.spokes[0].regions[0].vpcIds)).toBe(true);
  });
});
