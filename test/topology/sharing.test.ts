/** What the topology says each region shares, and what its spokes associate, per sharing mechanism. */
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import { topologyOf } from "../../src/topology/topology";
import { load, REPO_ROOT } from "../config/config-test-kit";

const mechanisms = () => topologyOf(loadConfig(path.join(REPO_ROOT, "config", "example-mechanisms.json")));

describe("the topology of each sharing mechanism", () => {
  it("GIVEN a Profile of zones THEN the hub hosts every DNS zone and builds no rule; its spokes associate neither rules nor zones", () => {
    const topology = mechanisms();
    const hub = topology.hubRegion("us-east-1")!;
    expect(hub.sharing).toEqual({ mechanism: "profile", profileContents: "zones" });
    expect(hub.zones).toEqual(hub.dnsZones);
    expect(hub.rules).toEqual([]);
    const spoke = topology.spoke("data-platform")!.regions.find((r) => r.region === "us-east-1")!;
    expect(spoke).toMatchObject({ mechanism: "profile", profileContents: "zones", rules: [], zones: [] });
  });

  it("GIVEN zone association THEN the hub knows every spoke VPC of the region, sorted, and its spokes associate its zones", () => {
    const topology = mechanisms();
    const hub = topology.hubRegion("eu-central-1")!;
    expect(hub.consumers).toEqual([
      { spoke: "data-platform", accountId: "333333333333", vpcIds: ["vpc-0fedcba9876543213"] },
      { spoke: "payments-prod", accountId: "222222222222", vpcIds: ["vpc-0123456789abcdef4"] },
    ]);
    expect(hub.spokeVpcIds).toEqual(["vpc-0123456789abcdef4", "vpc-0fedcba9876543213"]);
    const spoke = topology.spoke("payments-prod")!.regions.find((r) => r.region === "eu-central-1")!;
    expect(spoke.zones).toBe(hub.zones);
    expect(spoke.rules).toEqual([]);
  });

  it("GIVEN a Profile of endpoints THEN the hub hosts no zone, yet spokes must resolve every DNS zone", () => {
    const config = load((c) => {
      Object.assign(c.hub.regions["eu-west-3"], { mechanism: "profile", profileContents: "endpoints" });
      delete c.hub.regions["eu-west-3"].inboundResolverIps;
    });
    const hub = topologyOf(config).hubRegion("eu-west-3")!;
    expect(hub.zones).toEqual([]);
    expect(hub.dnsZones.map((z) => z.domain)).toContain("dkr.ecr.eu-west-3.amazonaws.com");
    expect(hub.rules).toEqual([]);
  });

  it("GIVEN rules retiring beside a Profile THEN the hub keeps its rules, and its spokes already associate none", () => {
    const config = load((c) => {
      Object.assign(c.hub.regions["eu-west-3"], {
        mechanism: "profile",
        retiringMechanism: "resolver-rules",
      });
    });
    const topology = topologyOf(config);
    const hub = topology.hubRegion("eu-west-3")!;
    expect(hub.sharing).toEqual({
      mechanism: "profile",
      retiringMechanism: "resolver-rules",
      profileContents: "zones",
    });
    expect(hub.rules.map((r) => r.domain)).toEqual(hub.zones.map((z) => z.domain));
    const spoke = topology.spoke("payments-prod")!.regions.find((r) => r.region === "eu-west-3")!;
    expect(spoke).toMatchObject({ mechanism: "profile", rules: [] });
  });
});
