/**
 * What belongs to resolver rules alone: query logging of the hub VPC (spoke queries reach it only
 * through the inbound endpoint) and the inbound endpoint's pinned IPs.
 */
import { issueAt, issuesOf, load } from "./config-test-kit";

const LOG = "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries";

describe("hub.regions.<region>.queryLogDestinationArn and the sharing mechanism", () => {
  it.each(["profile", "zone-association"])(
    "is refused with mechanism %s, naming the path and why",
    (mechanism) => {
      // GIVEN a region that logs queries but shares by a mechanism without a resolver endpoint
      const issues = issuesOf((c) => {
        Object.assign(c.hub.regions["eu-west-3"], { mechanism, queryLogDestinationArn: LOG });
        delete c.hub.regions["eu-west-3"].inboundResolverIps;
      });
      // THEN the one problem names the path, the mechanism and the fix
      expect(issues).toHaveLength(1);
      issueAt(issues, "hub.regions.eu-west-3.queryLogDestinationArn", `"${mechanism}"`, "remove it");
    },
  );

  it("is accepted while resolver rules retire (the inbound endpoint still answers spokes not yet moved)", () => {
    // GIVEN a Profile region still keeping its rules
    const config = load((c) => {
      Object.assign(c.hub.regions["eu-west-3"], {
        mechanism: "profile",
        retiringMechanism: "resolver-rules",
        queryLogDestinationArn: LOG,
      });
    });
    // THEN the configuration loads
    expect(config.hub.regions["eu-west-3"].queryLogDestinationArn).toBe(LOG);
  });
});

describe("hub.regions.<region>.inboundResolverIps and the sharing mechanism", () => {
  it.each(["profile", "zone-association"])(
    "is refused with mechanism %s (there is no inbound endpoint)",
    (mechanism) => {
      // GIVEN the example's eu-west-3, whose inbound IPs are pinned, sharing by another mechanism
      const issues = issuesOf((c) => {
        c.hub.regions["eu-west-3"].mechanism = mechanism;
      });
      // THEN the pinned IPs are the one problem, with the fix
      expect(issues).toHaveLength(1);
      issueAt(issues, "hub.regions.eu-west-3.inboundResolverIps", `"${mechanism}"`, "remove it");
    },
  );
});
