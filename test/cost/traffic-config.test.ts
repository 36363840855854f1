/** The configuration's optional `traffic` figures per hub region (config-schema.ts). */
import { configJsonSchemaText } from "../../src/config/config-schema";
import { expectOnlyIssue, load } from "../config/config-test-kit";

const EU = "hub.regions.eu-west-3";

describe("hub.regions.<region>.traffic", () => {
  it("GIVEN every figure THEN they are kept as given", () => {
    const traffic = { queriesMillionsPerMonth: 12.5, transferGbPerMonth: 0, peakQueriesPerSecond: 900 };
    expect(
      load((c) => (c.hub.regions["eu-west-3"].traffic = traffic)).hub.regions["eu-west-3"].traffic,
    ).toEqual(traffic);
  });

  it("GIVEN no traffic or an empty object THEN it loads (every figure is optional)", () => {
    expect(() => load((c) => delete c.hub.regions["eu-west-3"].traffic)).not.toThrow();
    expect(() => load((c) => (c.hub.regions["eu-west-3"].traffic = {}))).not.toThrow();
  });

  it.each(["queriesMillionsPerMonth", "transferGbPerMonth", "peakQueriesPerSecond"])(
    "GIVEN a negative %s THEN its path and the rule",
    (key) => {
      expectOnlyIssue(
        (c) => (c.hub.regions["eu-west-3"].traffic = { [key]: -1 }),
        `${EU}.traffic.${key}`,
        "-1 is negative; expected a number >= 0",
      );
    },
  );

  it("GIVEN the planner's two yes/no inputs THEN they are kept; a string is refused with its path", () => {
    const traffic = { hubAlreadyPaysProfile: true, onPremisesInboundEndpoint: false };
    expect(
      load((c) => (c.hub.regions["eu-west-3"].traffic = traffic)).hub.regions["eu-west-3"].traffic,
    ).toEqual(traffic);
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].traffic = { onPremisesInboundEndpoint: "yes" }),
      `${EU}.traffic.onPremisesInboundEndpoint`,
      '"yes" is a string; expected a boolean',
    );
  });

  it("GIVEN a string THEN its type", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].traffic = { transferGbPerMonth: "300" }),
      `${EU}.traffic.transferGbPerMonth`,
      '"300" is a string; expected a number',
    );
  });

  it("GIVEN a misspelt figure THEN a suggestion", () => {
    expectOnlyIssue(
      (c) => (c.hub.regions["eu-west-3"].traffic = { peakQueriesPerSeconds: 5 }),
      `${EU}.traffic.peakQueriesPerSeconds`,
      'did you mean "peakQueriesPerSecond"?',
    );
  });

  it("is described in config/schema.json, with a minimum of 0", () => {
    const schema = JSON.parse(configJsonSchemaText());
    const traffic = schema.properties.hub.properties.regions.additionalProperties.properties.traffic;
    expect(traffic.description).toContain("npm run cost");
    expect(traffic.properties.peakQueriesPerSecond).toMatchObject({ type: "number", minimum: 0 });
    expect(traffic.properties.hubAlreadyPaysProfile.description).toContain("Default: false.");
    expect(traffic.properties.onPremisesInboundEndpoint.description).toContain("Default: false.");
  });
});
