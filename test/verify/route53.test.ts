/**
 * Route 53 Resolver's semantics, as verify applies them: each rule has a hand-made view that breaks it,
 * and the resolver must stop at that hop.
 */
import {
  ForwardRuleView,
  HubView,
  namesToResolve,
  PrivateZoneView,
  ProfileView,
  resolve,
  resolveName,
  ResolverEndpointView,
  SpokeVpcView,
  ZoneAssociationView,
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

describe("route 53 resolver with a Profile or associated zones (no forwarding hop)", () => {
  const VIRGINIA = "us-east-1";
  const PROFILE_HUB = "hub-us-east-1";
  const ZONE_HUB = "hub-eu-central-1";
  const FRANKFURT = "eu-central-1";
  const S3 = "s3.us-east-1.amazonaws.com";
  const S3_HOST = `my-bucket.${S3}`;
  const STS = "sts.us-east-1.amazonaws.com";

  /** The zones of ec2-like names: sts (one name) and s3 (wildcard and apex). */
  const usZones = [zone(S3, { [S3]: "s3", [`*.${S3}`]: "s3" }), zone(STS, { [STS]: "sts" })];

  const profile = (change: Partial<ProfileView> = {}): ProfileView => ({
    stack: PROFILE_HUB,
    region: VIRGINIA,
    shared: true,
    contents: "zones",
    zones: usZones,
    ...change,
  });

  /** A hub of us-east-1 that shares its zones in a Profile: no inbound endpoint, no rules. */
  function profileHub(change: Partial<HubView> = {}): HubView {
    return {
      stack: PROFILE_HUB,
      region: VIRGINIA,
      vpcId: "vpc-0b1c2d3e4f5a67890",
      mechanism: "profile",
      rules: [],
      zones: usZones,
      endpoints: new Set(["s3", "sts"]),
      profile: profile(),
      ...change,
    };
  }

  const usVpc = (change: Partial<SpokeVpcView> = {}): SpokeVpcView => ({
    stack: SPOKE,
    region: VIRGINIA,
    vpcId: SPOKE_VPC,
    rules: [],
    profile: profile(),
    ...change,
  });

  const FRANKFURT_EC2 = "ec2.eu-central-1.amazonaws.com";
  const frankfurtZones = [zone(FRANKFURT_EC2, { [FRANKFURT_EC2]: "ec2" })];

  /** A hub of eu-central-1 that authorizes the spoke VPC to associate its zones. */
  function zoneHub(change: Partial<HubView> = {}): HubView {
    return {
      stack: ZONE_HUB,
      region: FRANKFURT,
      vpcId: "vpc-0c1d2e3f4a5b67890",
      mechanism: "zone-association",
      rules: [],
      zones: frankfurtZones,
      endpoints: new Set(["ec2"]),
      authorizedVpcIds: new Set([SPOKE_VPC]),
      ...change,
    };
  }

  const association = (change: Partial<ZoneAssociationView> = {}): ZoneAssociationView => ({
    stack: ZONE_HUB,
    region: FRANKFURT,
    authorized: true,
    zone: frankfurtZones[0],
    ...change,
  });

  const frankfurtVpc = (change: Partial<SpokeVpcView> = {}): SpokeVpcView => ({
    stack: SPOKE,
    region: FRANKFURT,
    vpcId: SPOKE_VPC,
    rules: [],
    zones: [association()],
    ...change,
  });

  const all = () => [hub(), profileHub(), zoneHub()];

  describe("a Profile of zones", () => {
    it("answers every name of its zones from the VPC's own resolver, and says the Profile answered", () => {
      // GIVEN a spoke VPC associated with the hub's Profile WHEN its names are queried
      // THEN each resolves to its endpoint, answered by the Profile
      for (const name of [STS, S3, S3_HOST]) {
        expect(resolveName(all(), usVpc(), name === STS ? "sts" : "s3", name)).toEqual({
          failure: null,
          mechanism: "profile (zones)",
        });
      }
    });

    it("GIVEN the VPC without the Profile THEN it fails at the spoke's association, naming the Profile", () => {
      const failure = resolve(all(), usVpc({ profile: undefined }), "sts", STS);
      expect(failure).toMatchObject({ hop: "association", stack: SPOKE });
      expect(failure?.reason).toBe(
        `${SPOKE_VPC} (us-east-1) is not associated with the route 53 profile of ${PROFILE_HUB}: the names it holds resolve through public dns`,
      );
    });

    it("GIVEN a Profile in no RAM share THEN it fails at the share, naming the hub", () => {
      const vpc = usVpc({ profile: profile({ shared: false }) });
      expect(resolve(all(), vpc, "sts", STS)).toMatchObject({ hop: "share", stack: PROFILE_HUB });
    });

    it("GIVEN a Profile of another region THEN it fails at the region", () => {
      const vpc = usVpc({ region: "us-west-2" });
      expect(resolve(all(), vpc, "sts", STS)).toMatchObject({ hop: "region", stack: SPOKE });
    });

    it("GIVEN a zone of the Profile without the * record THEN a host under it is NXDOMAIN, with no fallback", () => {
      const vpc = usVpc({ profile: profile({ zones: [zone(S3, { [S3]: "s3" })] }) });
      const failure = resolve(all(), vpc, "s3", S3_HOST);
      expect(failure).toMatchObject({ hop: "record", stack: PROFILE_HUB });
      expect(failure?.reason).toContain("nxdomain, with no fallback to public dns");
    });

    it("GIVEN the hub without the endpoint the record names THEN it fails at the endpoint", () => {
      const hubs = [profileHub({ endpoints: new Set(["sts"]) })];
      expect(resolve(hubs, usVpc(), "s3", S3)).toMatchObject({ hop: "endpoint", stack: PROFILE_HUB });
    });

    it("GIVEN a forward rule of the same name as a zone of the Profile THEN the rule wins", () => {
      // GIVEN the VPC associated with the Profile and with a rule for sts that forwards nowhere
      const stale = rule(STS, { region: VIRGINIA, stack: PROFILE_HUB, targets: ["192.0.2.1"] });
      const vpc = usVpc({ rules: [stale] });
      // WHEN sts is queried THEN the rule takes it (and breaks); s3, which no rule matches, the Profile answers
      expect(resolveName(all(), vpc, "sts", STS)).toMatchObject({
        failure: { hop: "targets" },
        mechanism: "resolver-rules",
      });
      expect(resolveName(all(), vpc, "s3", S3)).toEqual({ failure: null, mechanism: "profile (zones)" });
    });

    it("GIVEN a broader forward rule THEN the more specific zone of the Profile answers", () => {
      const broad = rule("us-east-1.amazonaws.com", { region: VIRGINIA, targets: ["192.0.2.1"] });
      expect(resolveName(all(), usVpc({ rules: [broad] }), "sts", STS)).toEqual({
        failure: null,
        mechanism: "profile (zones)",
      });
    });

    it("GIVEN a name no zone of the hub holds THEN it fails at the hub's zone, naming the Profile", () => {
      const failure = resolve(all(), usVpc(), "ssm", "ssm.us-east-1.amazonaws.com");
      expect(failure).toMatchObject({ hop: "zone", stack: PROFILE_HUB });
      expect(failure?.reason).toContain(`nothing in the route 53 profile of ${PROFILE_HUB} contains`);
    });
  });

  describe("a Profile of endpoints", () => {
    // AWS hosts the endpoints' private DNS names: a zone per name, records aliasing the endpoint.
    const endpoints = () => profile({ contents: "endpoints" });

    it("answers the names AWS hosts for the endpoints, and says so", () => {
      const hubs = [profileHub({ zones: [], profile: endpoints() })];
      const vpc = usVpc({ profile: endpoints() });
      expect(resolveName(hubs, vpc, "s3", S3_HOST)).toEqual({
        failure: null,
        mechanism: "profile (endpoints)",
      });
      expect(resolveName(hubs, vpc, "sts", STS)).toEqual({ failure: null, mechanism: "profile (endpoints)" });
    });

    it("GIVEN the VPC without the Profile THEN it fails at the spoke's association", () => {
      const hubs = [profileHub({ zones: [], profile: endpoints() })];
      expect(resolve(hubs, usVpc({ profile: undefined }), "s3", S3)).toMatchObject({
        hop: "association",
        stack: SPOKE,
      });
    });
  });

  describe("zone association", () => {
    it("answers from the zone associated with the VPC, and says so", () => {
      expect(resolveName(all(), frankfurtVpc(), "ec2", FRANKFURT_EC2)).toEqual({
        failure: null,
        mechanism: "zone-association",
      });
    });

    it("GIVEN the VPC without the association THEN it fails at the spoke's association, naming the zone", () => {
      const failure = resolve(all(), frankfurtVpc({ zones: [] }), "ec2", FRANKFURT_EC2);
      expect(failure).toMatchObject({ hop: "association", stack: SPOKE });
      expect(failure?.reason).toBe(
        `${SPOKE_VPC} (eu-central-1) is not associated with the zone ${FRANKFURT_EC2} of ${ZONE_HUB}: its names resolve through public dns`,
      );
    });

    it("GIVEN an association the hub did not authorize THEN it fails at the hub's authorization", () => {
      const vpc = frankfurtVpc({ zones: [association({ authorized: false })] });
      const failure = resolve(all(), vpc, "ec2", FRANKFURT_EC2);
      expect(failure).toMatchObject({ hop: "authorization", stack: ZONE_HUB });
      expect(failure?.reason).toContain(`${ZONE_HUB} does not authorize ${SPOKE_VPC} (${SPOKE})`);
    });

    it("GIVEN a zone of another region THEN it fails at the region", () => {
      const vpc = frankfurtVpc({ region: PARIS });
      expect(resolve(all(), vpc, "ec2", FRANKFURT_EC2)).toMatchObject({ hop: "region", stack: SPOKE });
    });

    it("GIVEN a name of no zone the hub shares THEN it fails at the hub's zone", () => {
      const failure = resolve(all(), frankfurtVpc(), "sts", "sts.eu-central-1.amazonaws.com");
      expect(failure).toMatchObject({ hop: "zone", stack: ZONE_HUB });
      expect(failure?.reason).toContain("zone association");
    });

    it("GIVEN a forward rule of the same name THEN the rule wins over the associated zone", () => {
      const stale = rule(FRANKFURT_EC2, { region: FRANKFURT, targets: ["192.0.2.1"] });
      expect(resolveName(all(), frankfurtVpc({ rules: [stale] }), "ec2", FRANKFURT_EC2)).toMatchObject({
        failure: { hop: "targets" },
        mechanism: "resolver-rules",
      });
    });
  });

  describe("a spoke VPC's own endpoint of a service, private DNS on, and nothing associated that answers it", () => {
    // The VPC's own endpoint answers the service's names (AWS hosts them in the VPC): the hub's does not,
    // and nothing goes to public DNS.
    const ownEndpoint = (service: string) => ({ ownEndpoints: new Set([service]) });

    it("GIVEN the VPC without the rule's association THEN the failure says its own endpoint answers", () => {
      // GIVEN a Paris VPC associated only with the ec2 rule, with its own endpoint of ecr.dkr
      const vpc = spokeVpc([rule(EC2)], ownEndpoint("ecr.dkr"));
      // WHEN a dkr host is queried THEN it fails at the spoke's association, answered by the VPC's own endpoint
      const failure = resolve([hub()], vpc, "ecr.dkr", DKR_HOST);
      expect(failure).toEqual({
        hop: "association",
        stack: SPOKE,
        reason: `${SPOKE_VPC} (eu-west-3) lacks associations with rules of ${HUB}: the names of ecr.dkr answer from ${SPOKE_VPC}'s own endpoint, not the hub's`,
      });
    });

    it("GIVEN no rule of the hub for the name THEN the failure at the hub's rule says the VPC's own endpoint answers", () => {
      const vpc = spokeVpc([rule(EC2)], ownEndpoint("ecr.dkr"));
      const failure = resolve([hub({ rules: [rule(EC2)] })], vpc, "ecr.dkr", DKR_HOST);
      expect(failure).toMatchObject({ hop: "rule", stack: HUB });
      expect(failure?.reason).toBe(
        `no forward rule of eu-west-3 matches ${DKR_HOST}, a name of ecr.dkr: it answers from ${SPOKE_VPC}'s own endpoint of ecr.dkr, not the hub's`,
      );
    });

    it("GIVEN the VPC without the Profile THEN the failure says its own endpoint answers", () => {
      const failure = resolve(all(), usVpc({ profile: undefined, ...ownEndpoint("sts") }), "sts", STS);
      expect(failure).toEqual({
        hop: "association",
        stack: SPOKE,
        reason: `${SPOKE_VPC} (us-east-1) is not associated with the route 53 profile of ${PROFILE_HUB}: the names of sts answer from ${SPOKE_VPC}'s own endpoint, not the hub's`,
      });
    });

    it("GIVEN the VPC without the zone's association THEN the failure says its own endpoint answers", () => {
      const failure = resolve(
        all(),
        frankfurtVpc({ zones: [], ...ownEndpoint("ec2") }),
        "ec2",
        FRANKFURT_EC2,
      );
      expect(failure).toEqual({
        hop: "association",
        stack: SPOKE,
        reason: `${SPOKE_VPC} (eu-central-1) is not associated with the zone ${FRANKFURT_EC2} of ${ZONE_HUB}: the names of ec2 answer from ${SPOKE_VPC}'s own endpoint, not the hub's`,
      });
    });

    it("GIVEN an association the hub did not authorize THEN the failure says its own endpoint answers", () => {
      const vpc = frankfurtVpc({ zones: [association({ authorized: false })], ...ownEndpoint("ec2") });
      const failure = resolve(all(), vpc, "ec2", FRANKFURT_EC2);
      expect(failure).toMatchObject({ hop: "authorization", stack: ZONE_HUB });
      expect(failure?.reason).toMatch(
        new RegExp(
          `: the association fails and the names of ec2 answer from ${SPOKE_VPC}'s own endpoint, not the hub's$`,
        ),
      );
    });

    it("GIVEN a name that nothing the hub shares contains THEN the failure at the hub's zone says the VPC's own endpoint answers", () => {
      const ssm = "ssm.us-east-1.amazonaws.com";
      const failure = resolve(all(), usVpc(ownEndpoint("ssm")), "ssm", ssm);
      expect(failure).toMatchObject({ hop: "zone", stack: PROFILE_HUB });
      expect(failure?.reason).toBe(
        `nothing in the route 53 profile of ${PROFILE_HUB} contains ${ssm}, a name of ssm: it answers from ${SPOKE_VPC}'s own endpoint of ssm, not the hub's`,
      );
    });

    it("GIVEN its own endpoint of another service only THEN the name still resolves through public dns", () => {
      const failure = resolve(all(), usVpc({ profile: undefined, ...ownEndpoint("s3") }), "sts", STS);
      expect(failure?.reason).toMatch(/: the names it holds resolve through public dns$/);
    });

    it("GIVEN the VPC associated with the hub's rule THEN the rule wins over its own endpoint", () => {
      expect(resolve([hub()], spokeVpc(hub().rules, ownEndpoint("ec2")), "ec2", EC2)).toBeNull();
    });
  });

  describe("a spoke VPC's own endpoint of a service beside the hub's Profile", () => {
    it("GIVEN the VPC associated with the hub's Profile and its own sts endpoint with private DNS WHEN sts is queried THEN its own endpoint answers (a VPC's own zones win over its Profile's)", () => {
      const vpc = usVpc({ ownEndpoints: new Set(["sts"]) });
      expect(resolveName(all(), vpc, "sts", STS)).toEqual({
        failure: {
          hop: "endpoint",
          stack: SPOKE,
          reason: `${STS} answers from ${SPOKE_VPC}'s own endpoint of sts, not the hub's: a vpc's own zones win over its route 53 profile's`,
        },
        mechanism: "profile (zones)",
      });
    });

    it("GIVEN the same VPC WHEN a service it has no own endpoint of is queried THEN the Profile answers", () => {
      const vpc = usVpc({ ownEndpoints: new Set(["sts"]) });
      expect(resolve(all(), vpc, "s3", S3)).toBeNull();
    });
  });

  it("GIVEN a rule that targets a region whose hub builds no resolver endpoints THEN it fails at the targets", () => {
    // GIVEN a us-east-1 VPC associated with a rule of the Profile hub, which has no inbound endpoint
    const stale = rule(STS, { region: VIRGINIA, stack: PROFILE_HUB, targets: ["10.20.1.10"] });
    const vpc = usVpc({ profile: undefined, rules: [stale] });
    expect(resolve(all(), vpc, "sts", STS)).toMatchObject({ hop: "targets", stack: PROFILE_HUB });
  });
});
