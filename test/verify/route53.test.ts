/**
 * Route 53 Resolver's semantics, as verify applies them: each rule has a hand-made view that breaks it,
 * and the resolver must stop at that hop.
 */
import {
  ForwardRuleView,
  HubView,
  namesToResolve,
  PrivateZoneView,
  resolve,
  ResolverEndpointView,
  SpokeVpcView,
} from "../../src/verify/route53";

const PARIS = "eu-west-3";
const HUB = "hub-eu-west-3";
const SPOKE = "spoke-payments-prod";
const HUB_VPC = "vpc-0a1b2c3d4e5f67890";
const SPOKE_VPC = "vpc-0123456789abcdef0";
const EC2 = "ec2.eu-west-3.amazonaws.com";
const DKR = "dkr.ecr.eu-west-3.amazonaws.com";
const DKR_HOST = `123456789012.${DKR}`;

const inbound: ResolverEndpointView = {
  vpcId: HUB_VPC,
  subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
  ips: ["10.10.1.10", "10.10.2.10"],
};
const outbound: ResolverEndpointView = { ...inbound, ips: [] };

const rule = (domain: string, change: Partial<ForwardRuleView> = {}): ForwardRuleView => ({
  domain,
  region: PARIS,
  stack: HUB,
  shared: true,
  outbound,
  targets: inbound.ips,
  ...change,
});

const zone = (domain: string, records: Record<string, string>): PrivateZoneView => ({
  domain,
  records: new Map(Object.entries(records)),
});

/** A hub that answers ec2 and ecr.dkr (wildcard and apex), as the hub region construct builds it. */
function hub(change: Partial<HubView> = {}): HubView {
  return {
    stack: HUB,
    region: PARIS,
    vpcId: HUB_VPC,
    inbound,
    rules: [rule(EC2), rule(DKR)],
    zones: [zone(EC2, { [EC2]: "ec2" }), zone(DKR, { [DKR]: "ecr.dkr", [`*.${DKR}`]: "ecr.dkr" })],
    endpoints: new Set(["ec2", "ecr.dkr"]),
    ...change,
  };
}

/** A spoke VPC associated with `rules` (default: every rule of the hub). */
function spokeVpc(
  rules: readonly ForwardRuleView[] = hub().rules,
  change: Partial<SpokeVpcView> = {},
): SpokeVpcView {
  return { stack: SPOKE, region: PARIS, vpcId: SPOKE_VPC, rules, ...change };
}

const hopOf = (hubs: HubView[], vpc: SpokeVpcView, service: string, name: string) =>
  resolve(hubs, vpc, service, name)?.hop ?? "ok";

describe("route 53 resolver, as verify models it", () => {
  it("resolves every name of a sound view to its service's endpoint", () => {
    // GIVEN a hub and a spoke VPC associated with each of its rules WHEN each name is queried THEN all resolve
    const hubs = [hub()];
    expect(resolve(hubs, spokeVpc(), "ec2", EC2)).toBeNull();
    expect(resolve(hubs, spokeVpc(), "ecr.dkr", DKR_HOST)).toBeNull();
    expect(resolve(hubs, spokeVpc(), "ecr.dkr", DKR)).toBeNull();
  });

  it("queries a wildcard name as a concrete host and as its apex", () => {
    // GIVEN private DNS names WHEN turned into queries THEN a wildcard gives a readable host and the apex
    expect(namesToResolve(`*.${DKR}`)).toEqual([DKR_HOST, DKR]);
    expect(namesToResolve("*.s3.us-east-1.amazonaws.com")).toEqual([
      "my-bucket.s3.us-east-1.amazonaws.com",
      "s3.us-east-1.amazonaws.com",
    ]);
    expect(namesToResolve("*.billing.eu-west-3.example.internal")).toEqual([
      "example.billing.eu-west-3.example.internal",
      "billing.eu-west-3.example.internal",
    ]);
    expect(namesToResolve(EC2)).toEqual([EC2]);
  });

  describe("forward rules", () => {
    it("a rule matches its domain and every subdomain, but not a name that only ends like it", () => {
      // GIVEN a VPC associated only with a rule for ecr.eu-west-3.amazonaws.com
      const ecr = rule("ecr.eu-west-3.amazonaws.com");
      const hubs = [hub({ rules: [ecr, ...hub().rules] })];
      const vpc = spokeVpc([ecr]);
      // WHEN a name two labels below it, and one that merely ends in "ecr.eu-west-3.amazonaws.com", are queried
      // THEN the first follows the rule to the hub (whose dkr zone answers it), the second matches no rule
      expect(hopOf(hubs, vpc, "ecr.dkr", DKR_HOST)).toBe("ok");
      const lookalike = resolve(hubs, vpc, "x", "myecr.eu-west-3.amazonaws.com");
      expect(lookalike).toMatchObject({ hop: "rule", stack: HUB });
    });

    it("the most specific associated rule wins", () => {
      // GIVEN a VPC associated with a broad rule that forwards nowhere useful, and with the dkr rule
      const broad = rule("ecr.eu-west-3.amazonaws.com", { targets: ["192.0.2.1"] });
      const vpc = spokeVpc([broad, rule(DKR)]);
      // WHEN a dkr host and another ecr name are queried
      // THEN the dkr host takes the dkr rule; the other name takes the broad rule and fails at its targets
      expect(hopOf([hub()], vpc, "ecr.dkr", DKR_HOST)).toBe("ok");
      expect(hopOf([hub()], vpc, "ecr.api", "api.ecr.eu-west-3.amazonaws.com")).toBe("targets");
    });

    it("no associated rule: the spoke lacks the association when the hub has a rule, else the hub lacks the rule", () => {
      // GIVEN a VPC associated only with the ec2 rule, and a hub without any rule for dkr
      const vpc = spokeVpc([rule(EC2)]);
      const withoutDkrRule = hub({ rules: [rule(EC2)] });
      // WHEN a dkr host is queried THEN it fails at the spoke's association, or at the hub's missing rule
      expect(resolve([hub()], vpc, "ecr.dkr", DKR_HOST)).toMatchObject({ hop: "association", stack: SPOKE });
      expect(resolve([withoutDkrRule], vpc, "ecr.dkr", DKR_HOST)).toMatchObject({ hop: "rule", stack: HUB });
    });

    it("a rule of another region cannot serve the VPC", () => {
      // GIVEN a us-east-1 VPC associated with the Paris rules WHEN a name is queried THEN it fails at the region
      const vpc = spokeVpc(hub().rules, { region: "us-east-1" });
      expect(resolve([hub()], vpc, "ec2", EC2)).toMatchObject({ hop: "region", stack: SPOKE });
    });

    it("a rule in no RAM share cannot be associated by a spoke account", () => {
      // GIVEN the ec2 rule shared with nobody WHEN ec2 is queried THEN it fails at the share
      const vpc = spokeVpc([rule(EC2, { shared: false })]);
      expect(resolve([hub()], vpc, "ec2", EC2)).toMatchObject({ hop: "share", stack: HUB });
    });

    it("a rule must leave through an outbound endpoint in 2 subnets at least", () => {
      // GIVEN a rule without an outbound endpoint, and one whose endpoint has both IPs in one subnet
      const none = spokeVpc([rule(EC2, { outbound: undefined })]);
      const oneSubnet = spokeVpc([
        rule(EC2, { outbound: { ...outbound, subnetIds: ["subnet-a", "subnet-a"] } }),
      ]);
      // WHEN ec2 is queried THEN both fail at the outbound hop
      expect(hopOf([hub()], none, "ec2", EC2)).toBe("outbound");
      expect(hopOf([hub()], oneSubnet, "ec2", EC2)).toBe("outbound");
    });

    it("a rule must target exactly the IPs of its region's hub inbound endpoint", () => {
      // GIVEN a rule that targets one of the two inbound IPs only WHEN queried THEN it fails at the targets
      const vpc = spokeVpc([rule(EC2, { targets: [inbound.ips[0]] })]);
      expect(resolve([hub()], vpc, "ec2", EC2)).toMatchObject({ hop: "targets", stack: HUB });
    });
  });

  describe("the hub's inbound endpoint", () => {
    it("needs its IPs in 2 subnets at least", () => {
      // GIVEN an inbound endpoint with both IPs in one subnet WHEN queried THEN it fails at the inbound hop
      const hubs = [hub({ inbound: { ...inbound, subnetIds: ["subnet-a", "subnet-a"] } })];
      expect(resolve(hubs, spokeVpc(), "ec2", EC2)).toMatchObject({ hop: "inbound", stack: HUB });
    });

    it("RSLVR-00804: a rule associated with the VPC of its own inbound endpoint is a loop", () => {
      // GIVEN the hub VPC associated with the hub's rules WHEN queried THEN it fails at the loop
      const vpc = spokeVpc(hub().rules, { vpcId: HUB_VPC });
      const failure = resolve([hub()], vpc, "ec2", EC2);
      expect(failure).toMatchObject({ hop: "loop", stack: SPOKE });
      expect(failure?.reason).toContain("RSLVR-00804");
    });
  });

  describe("private hosted zones and records", () => {
    it("a name no private zone of the hub VPC contains is answered from public DNS", () => {
      // GIVEN a hub without the ec2 zone WHEN ec2 is queried THEN it fails at the zone
      const hubs = [hub({ zones: hub().zones.filter((z) => z.domain !== EC2) })];
      expect(resolve(hubs, spokeVpc(), "ec2", EC2)).toMatchObject({ hop: "zone", stack: HUB });
    });

    it("a name inside a private zone without a record is NXDOMAIN, with no fallback to public DNS", () => {
      // GIVEN the dkr zone with its apex record only WHEN a host under it is queried THEN nxdomain
      const hubs = [hub({ zones: [zone(DKR, { [DKR]: "ecr.dkr" })] })];
      const failure = resolve(hubs, spokeVpc(), "ecr.dkr", DKR_HOST);
      expect(failure).toMatchObject({ hop: "record", stack: HUB });
      expect(failure?.reason).toContain("nxdomain, with no fallback to public dns");
    });

    it("the apex needs a record of its own: the * record does not answer it", () => {
      // GIVEN the dkr zone with its * record only WHEN the apex is queried THEN no data; a host resolves
      const hubs = [hub({ zones: [zone(DKR, { [`*.${DKR}`]: "ecr.dkr" })] })];
      expect(resolve(hubs, spokeVpc(), "ecr.dkr", DKR)?.reason).toContain("no data");
      expect(hopOf(hubs, spokeVpc(), "ecr.dkr", DKR_HOST)).toBe("ok");
    });

    it("the * record of the closest encloser answers at any depth, and only it", () => {
      // GIVEN the dkr zone with its * record and a record a.b.<zone>, which makes b.<zone> exist
      const hubs = [
        hub({ zones: [zone(DKR, { [DKR]: "ecr.dkr", [`*.${DKR}`]: "ecr.dkr", [`a.b.${DKR}`]: "ecr.dkr" })] }),
      ];
      // WHEN a name two labels under the zone, and one under the existing b.<zone>, are queried
      // THEN the first takes *.<zone>; under b.<zone> the closest encloser has no * record: nxdomain
      expect(hopOf(hubs, spokeVpc(), "ecr.dkr", `x.y.${DKR}`)).toBe("ok");
      expect(resolve(hubs, spokeVpc(), "ecr.dkr", `x.b.${DKR}`)?.reason).toContain("nxdomain");
    });

    it("the most specific zone answers", () => {
      // GIVEN a broad zone with a * record for another service, beside the dkr zone
      const broad = zone("ecr.eu-west-3.amazonaws.com", { "*.ecr.eu-west-3.amazonaws.com": "ecr.api" });
      const hubs = [hub({ zones: [broad, ...hub().zones] })];
      // WHEN a dkr host is queried THEN the dkr zone answers it, with the dkr endpoint
      expect(hopOf(hubs, spokeVpc(), "ecr.dkr", DKR_HOST)).toBe("ok");
    });

    it("the record must alias the service's own endpoint, which the hub must have", () => {
      // GIVEN a record that aliases the ec2 endpoint for dkr, and a hub without the dkr endpoint
      const wrongAlias = [hub({ zones: [zone(DKR, { [DKR]: "ec2", [`*.${DKR}`]: "ec2" })] })];
      const noEndpoint = [hub({ endpoints: new Set(["ec2"]) })];
      // WHEN a dkr host is queried THEN the first fails at the alias, the second at the endpoint
      expect(hopOf(wrongAlias, spokeVpc(), "ecr.dkr", DKR_HOST)).toBe("alias");
      expect(hopOf(noEndpoint, spokeVpc(), "ecr.dkr", DKR_HOST)).toBe("endpoint");
    });
  });
});
