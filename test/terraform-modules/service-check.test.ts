/**
 * AWS's own answer at plan time: every shared service is compared with `data.aws_vpc_endpoint_service`
 * in a `check` block, one per service in the app stacks and one `service-check` module call per service
 * in the hub-region module. `terraform test` with a mock provider proves the check both ways: AWS agrees
 * (the check passes) and AWS differs (the check fails, naming the service and both lists of names).
 */
import { loadConfig } from "../../src/config/load-config";
import { synthesizeModules } from "../../src/cli/build-modules";
import { hubStackName } from "../../src/constructs/hub-outputs";
import { serviceCheckName } from "../../src/constructs/hub-region/service-check";
import { topologyOf } from "../../src/topology/topology";
import { EXAMPLE_DIR, exampleFiles } from "../support/hcl-example";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, prepareStackForOfflinePlan, testFiles } from "../support/terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const config = loadConfig("config/example.json");
const region = "eu-west-3";
const hub = topologyOf(config).hubRegion(region)!;
const hubStack = synthesizeStacks(config)[hubStackName(region)] as Json;

describe("plan-time checks of the shared services against AWS's answer", () => {
  it("a hub stack has one check per shared service, reading that service in the region as an Interface", () => {
    // GIVEN the example's eu-west-3 hub stack THEN every service has its check, and nothing else does
    expect(Object.keys(hubStack.check).sort()).toEqual(
      hub.services.map((s) => serviceCheckName(s.name)).sort(),
    );
    const ecr = hubStack.check.endpoint_service_ecr_dkr;
    expect(ecr.data.aws_vpc_endpoint_service.endpoint_service_ecr_dkr).toEqual({
      service_name: "com.amazonaws.eu-west-3.ecr.dkr",
      service_type: "Interface",
    });
    // AND it compares AWS's names and policy support with the catalog's, naming the service in its messages
    expect(ecr.assert).toHaveLength(2);
    expect(ecr.assert[0].condition).toBe(
      '${sort(data.aws_vpc_endpoint_service.endpoint_service_ecr_dkr.private_dns_names) == sort(["*.dkr.ecr.eu-west-3.amazonaws.com"])}',
    );
    expect(ecr.assert[0].error_message).toMatch(/^ecr\.dkr: AWS lists the private DNS names \$\{/);
    expect(ecr.assert[1].condition).toBe(
      "${data.aws_vpc_endpoint_service.endpoint_service_ecr_dkr.vpc_endpoint_policy_supported == true}",
    );
  });

  it("the hub-region module calls the service-check module once per service, with the catalog's answer", () => {
    const modules = synthesizeModules();
    const call = JSON.parse(modules["hub-region"]).module.service_checks;
    expect(call).toMatchObject({
      source: "../service-check",
      service: "${each.key}",
      service_name: "${each.value.service_name}",
      private_dns_names: "${each.value.private_dns_names}",
      endpoint_policy: "${each.value.endpoint_policy}",
    });
    expect(call.for_each).toContain("local.resolved_services");
    expect(Object.keys(JSON.parse(modules["service-check"]).check)).toEqual(["endpoint_service"]);
  });
});

describeWithTerraform("plan-time checks under terraform test (mock provider)", () => {
  it("the service-check module passes when AWS agrees and fails when AWS's names or policy support differ", async () => {
    // GIVEN the suite's mocked answers WHEN `terraform test` runs THEN each run sees what it expects
    const output = await testFiles(exampleFiles(), EXAMPLE_DIR, ["tests/service-check.tftest.hcl"]);
    expect(output).toContain("Success! 3 passed, 0 failed.");
    for (const run of [
      "aws_agrees_with_the_catalog",
      "aws_lists_other_names",
      "aws_refuses_endpoint_policies",
    ])
      expect(output).toContain(`run "${run}"... pass`);
  });

  it("a differing answer names the service, AWS's names and the catalog's, and both policy answers", async () => {
    // GIVEN AWS answering other names and no policy support, with no expect_failures
    const suite = `mock_provider "aws" {}
run "aws_differs" {
  command = plan
  module {
    source = "../../dist/terraform/modules/service-check"
  }
  variables {
    service           = "ecr.dkr"
    service_name      = "com.amazonaws.eu-west-3.ecr.dkr"
    private_dns_names = ["*.dkr.ecr.eu-west-3.amazonaws.com"]
    endpoint_policy   = true
  }
  override_data {
    target = data.aws_vpc_endpoint_service.endpoint_service
    values = { private_dns_names = ["dkr.ecr.eu-west-3.api.aws"], vpc_endpoint_policy_supported = false }
  }
}
`;
    const files = { ...exampleFiles(), [`${EXAMPLE_DIR}/tests/differs.tftest.hcl`]: suite };
    // WHEN tested
    const failed = await testFiles(files, EXAMPLE_DIR, ["tests/differs.tftest.hcl"]).then(
      (stdout) => ({ exitCode: 0, stdout, stderr: "" }),
      (error: { exitCode: number; stdout: string; stderr: string }) => error,
    );
    const output = `${failed.stdout}\n${failed.stderr}`.replace(/\s+/g, " ");
    // THEN the check fails, and its messages say what differs
    expect(failed.exitCode).toBe(1);
    expect(output).toContain("Failure! 0 passed, 1 failed.");
    expect(output).toContain(
      "ecr.dkr: AWS lists the private DNS names dkr.ecr.eu-west-3.api.aws for com.amazonaws.eu-west-3.ecr.dkr, the catalog *.dkr.ecr.eu-west-3.amazonaws.com: spokes resolve the catalog's names only.",
    );
    expect(output).toContain(
      "ecr.dkr: AWS says com.amazonaws.eu-west-3.ecr.dkr refuses endpoint policies, the catalog says it accepts them.",
    );
  });

  it("a hub stack's checks pass when AWS agrees, and the one service whose answer differs fails", async () => {
    // GIVEN the synthesized eu-west-3 hub stack and AWS answering each service as the catalog does
    const answer = (name: string, names: readonly string[], policy: boolean) => `  override_data {
    target = data.aws_vpc_endpoint_service.${serviceCheckName(name)}
    values = { private_dns_names = ${JSON.stringify(names)}, vpc_endpoint_policy_supported = ${policy} }
  }`;
    const agreeing = hub.services.map((s) => answer(s.name, s.privateDnsNames, s.endpointPolicy));
    const differing = hub.services.map((s) =>
      s.name === "ecr.dkr"
        ? answer(s.name, ["dkr.ecr.eu-west-3.api.aws"], s.endpointPolicy)
        : agreeing[hub.services.indexOf(s)],
    );
    const suite = `mock_provider "aws" {}
run "aws_agrees" {
  command = plan
${agreeing.join("\n")}
}
run "aws_differs_for_ecr_dkr" {
  command = plan
${differing.join("\n")}
  expect_failures = [check.${serviceCheckName("ecr.dkr")}]
}
`;
    const files = {
      "main.tf.json": JSON.stringify(prepareStackForOfflinePlan(hubStack), null, 2),
      "tests/hub.tftest.hcl": suite,
    };
    // WHEN tested THEN both runs pass: no check fails when AWS agrees, and ecr.dkr's fails when it differs
    const output = await testFiles(files, ".", ["tests/hub.tftest.hcl"]);
    expect(output).toContain("Success! 2 passed, 0 failed.");
  });
});
