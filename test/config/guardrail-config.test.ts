import { expectOnlyIssue, load } from "./config-test-kit";

const POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }],
};

describe("guardrail settings in the configuration", () => {
  it("loads endpoint policy overrides, query logging and suppressions", () => {
    // GIVEN each optional guardrail setting WHEN loaded THEN it reaches the normalized configuration
    const destination = "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries";
    const config = load((c) => {
      c.hub.endpointPolicies = { sts: POLICY };
      c.hub.regions["eu-west-3"].queryLogDestinationArn = destination;
      c.policySuppressions = [
        { rule: "VPCE-TAG-1", stack: "hub-eu-west-3", reason: "tags come from a tag policy" },
      ];
    });
    expect(config.hub.endpointPolicies).toEqual({ sts: POLICY });
    expect(config.hub.regions["eu-west-3"].queryLogDestinationArn).toBe(destination);
    expect(config.policySuppressions).toEqual([
      { rule: "VPCE-TAG-1", stack: "hub-eu-west-3", reason: "tags come from a tag policy" },
    ]);
  });

  it("defaults to no suppressions", () => {
    expect(load().policySuppressions).toEqual([]);
  });

  it("refuses a suppression without a real reason", () => {
    expectOnlyIssue(
      (c) => void (c.policySuppressions = [{ rule: "VPCE-SG-1", reason: "ok" }]),
      "policySuppressions[0].reason",
      '"ok" is too short',
      "write why",
    );
  });

  it("refuses a suppression of a rule that does not exist", () => {
    expectOnlyIssue(
      (c) =>
        void (c.policySuppressions = [
          { rule: "VPCE-XX-9", reason: "a long enough reason to pass the check" },
        ]),
      "policySuppressions[0].rule",
      "VPCE-SG-1",
    );
  });

  it("refuses an endpoint policy for a service no hub region shares", () => {
    expectOnlyIssue(
      (c) => void (c.hub.endpointPolicies = { lambda: POLICY }),
      "hub.endpointPolicies.lambda",
      '"lambda" is not shared in any hub region',
    );
  });

  it("refuses an endpoint policy for a service that does not accept one", () => {
    expectOnlyIssue(
      (c) => {
        c.hub.regions["eu-west-3"].services.push("eks");
        c.hub.endpointPolicies = { eks: POLICY };
      },
      "hub.endpointPolicies.eks",
      '"eks" does not accept VPC endpoint policies',
    );
  });

  it("refuses an endpoint policy without statements", () => {
    expectOnlyIssue(
      (c) => void (c.hub.endpointPolicies = { sts: { Version: "2012-10-17", Statement: [] } }),
      "hub.endpointPolicies.sts.Statement",
      "has no statement",
    );
  });

  it("refuses a query log destination that is not a logs, s3 or firehose ARN", () => {
    expectOnlyIssue(
      (c) =>
        void (c.hub.regions["eu-west-3"].queryLogDestinationArn = "arn:aws:sns:eu-west-3:111111111111:topic"),
      "hub.regions.eu-west-3.queryLogDestinationArn",
      "is not a query log destination",
      "CloudWatch Logs group",
    );
  });
});
