/** What synth tells whoever applies a region whose mechanism needs more than one apply, or a newer provider. */
import { sharingNote } from "../../src/cli/synth";
import { topologyOf } from "../../src/topology/topology";
import { load } from "../config/config-test-kit";

describe("synth's note on a region's mechanism", () => {
  it("GIVEN a retiring mechanism THEN it says the three applies, in order", () => {
    const config = load((c) => {
      Object.assign(c.hub.regions["eu-west-3"], {
        mechanism: "profile",
        retiringMechanism: "resolver-rules",
      });
    });
    expect(sharingNote(topologyOf(config).hubRegion("eu-west-3")!)).toBe(
      'note: hub-eu-west-3: keeps resolver-rules beside profile (zones) while spokes move: apply hub-eu-west-3, then every spoke of eu-west-3, then remove retiringMechanism and apply hub-eu-west-3 again (README, "Changing a region\'s mechanism")',
    );
  });

  it("GIVEN a Profile of endpoints THEN it names the provider range the stack declares", () => {
    const config = load((c) => {
      Object.assign(c.hub.regions["eu-west-3"], { mechanism: "profile", profileContents: "endpoints" });
      delete c.hub.regions["eu-west-3"].inboundResolverIps;
    });
    expect(sharingNote(topologyOf(config).hubRegion("eu-west-3")!)).toContain(
      "AWS provider >= 6.3.0, < 7.0.0",
    );
  });

  it("GIVEN resolver rules, a Profile of zones or zone association THEN there is nothing to say", () => {
    const config = load();
    expect(sharingNote(topologyOf(config).hubRegion("eu-west-3")!)).toBeUndefined();
  });
});
