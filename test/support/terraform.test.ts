import {
  describeWithTerraform,
  planStack,
  plannedOutputs,
  plannedResources,
  prepareStackForOfflinePlan,
  resourceChanges,
  stateFixtureFile,
  stateWithOutputs,
  terraformVersion,
} from "./terraform";

const AWS = "registry.terraform.io/hashicorp/aws";

/** A hand-written stack shaped like cdktf output (provider array, `//` metadata, remote state on TFC). */
function sampleStack(): Record<string, unknown> {
  return {
    "//": { metadata: { backend: "local", stackName: "sample", version: "0.21.0" } },
    terraform: {
      required_providers: { aws: { source: "aws", version: "5.100.0" } },
      backend: { local: { path: "/somewhere/else/terraform.tfstate" } },
    },
    provider: {
      aws: [
        {
          region: "eu-west-3",
          assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/deploy" }],
          default_tags: [{ tags: { project: "vpce-share" } }],
        },
        { alias: "us_east_1", region: "us-east-1" },
      ],
    },
    data: {
      terraform_remote_state: {
        hub: {
          backend: "remote",
          config: { organization: "acme", workspaces: { name: "hub-eu-west-3" } },
        },
      },
    },
    resource: {
      aws_route53_zone: {
        svc: {
          for_each: { ssm: "ssm.eu-west-3.amazonaws.com", sts: "sts.eu-west-3.amazonaws.com" },
          name: "${each.value}",
          comment: "shared ${each.key} endpoint",
          vpc: [{ vpc_id: "vpc-0123456789abcdef0" }],
        },
      },
      aws_route53_resolver_rule: {
        fwd: {
          provider: "aws.us_east_1",
          name: "forward-ssm",
          domain_name: "ssm.eu-west-3.amazonaws.com",
          rule_type: "FORWARD",
          resolver_endpoint_id: "${data.terraform_remote_state.hub.outputs.outbound_endpoint_id}",
          target_ip: [{ ip: "${data.terraform_remote_state.hub.outputs.inbound_ips[0]}", port: 53 }],
        },
      },
    },
    output: {
      hub_inbound_ips: { value: "${data.terraform_remote_state.hub.outputs.inbound_ips}" },
      zone_names: { value: "${{ for k, z in aws_route53_zone.svc : k => z.name }}" },
      zone_ids: { value: "${{ for k, z in aws_route53_zone.svc : k => z.zone_id }}" },
    },
  };
}

/** The parts of a prepared stack the unit tests read. */
interface Prepared {
  terraform: { backend?: unknown; cloud?: unknown; required_providers?: unknown };
  provider: { aws: Record<string, unknown> | Record<string, unknown>[] };
  data: { terraform_remote_state: Record<string, unknown> };
  resource: unknown;
}

const hubState = stateWithOutputs({
  outbound_endpoint_id: { value: "rslvr-out-0123456789abcdef0", type: "string" },
  inbound_ips: { value: ["10.0.0.10", "10.0.1.10"], type: ["list", "string"] },
});

describe("prepareStackForOfflinePlan", () => {
  it("uses a local backend, offline AWS providers and local state fixtures, without touching its input", () => {
    const input = sampleStack();
    (input.terraform as Record<string, unknown>).cloud = { organization: "acme" };
    const before = JSON.stringify(input);

    const out = prepareStackForOfflinePlan(input, { localStateFixtures: { hub: hubState } }) as Prepared;

    expect(JSON.stringify(input)).toBe(before);
    expect(out.terraform.backend).toEqual({ local: { path: "terraform.tfstate" } });
    expect(out.terraform.cloud).toBeUndefined();
    expect(out.terraform.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
    const offline = {
      access_key: "test",
      secret_key: "test",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    };
    expect(out.provider.aws).toEqual([
      { region: "eu-west-3", default_tags: [{ tags: { project: "vpce-share" } }], ...offline },
      { alias: "us_east_1", region: "us-east-1", ...offline },
    ]);
    expect(out.data.terraform_remote_state.hub).toEqual({
      backend: "local",
      config: { path: stateFixtureFile("hub") },
    });
    expect(out.resource).toEqual(input.resource);
  });

  it("accepts a provider written as a single object", () => {
    const out = prepareStackForOfflinePlan({
      provider: { aws: { region: "eu-west-3", profile: "dev" } },
    }) as Prepared;
    expect(out.provider.aws).toMatchObject({ region: "eu-west-3", access_key: "test" });
    expect(out.provider.aws).not.toHaveProperty("profile");
  });

  it("rejects a remote state without a fixture, and a fixture without a remote state", () => {
    expect(() => prepareStackForOfflinePlan(sampleStack())).toThrow(/hub \(backend "remote"\)/);
    expect(() =>
      prepareStackForOfflinePlan(sampleStack(), { localStateFixtures: { hub: hubState, spoke: hubState } }),
    ).toThrow(/names no data.terraform_remote_state entry: spoke/);
  });

  it("builds a v4 state with outputs", () => {
    expect(stateWithOutputs({ x: { value: "a", type: "string" } })).toEqual({
      version: 4,
      terraform_version: "1.11.4",
      serial: 1,
      lineage: expect.stringMatching(/^[0-9a-f-]{36}$/),
      outputs: { x: { value: "a", type: "string" } },
      resources: [],
      check_results: null,
    });
  });
});

describeWithTerraform("planStack (real terraform, offline)", () => {
  it("runs terraform 1.x", () => {
    expect(terraformVersion()).toMatch(/^1\.\d+\.\d+/);
  });

  it("plans a stack with for_each, an aliased provider and remote state from a fixture", async () => {
    const { diagnostics, plan, timingsMs } = await planStack(sampleStack(), {
      localStateFixtures: { hub: hubState },
    });
    console.info(`terraform timings (ms): ${JSON.stringify(timingsMs)}`);

    expect(diagnostics).toEqual([]);
    const resources = plannedResources(plan);
    expect([...resources.keys()].sort()).toEqual([
      "aws_route53_resolver_rule.fwd",
      'aws_route53_zone.svc["ssm"]',
      'aws_route53_zone.svc["sts"]',
    ]);

    const ssm = resources.get('aws_route53_zone.svc["ssm"]');
    expect(ssm).toMatchObject({
      type: "aws_route53_zone",
      name: "svc",
      index: "ssm",
      providerName: AWS,
      providerConfigKey: "aws",
    });
    expect(ssm?.values).toMatchObject({
      name: "ssm.eu-west-3.amazonaws.com",
      comment: "shared ssm endpoint",
      vpc: [expect.objectContaining({ vpc_id: "vpc-0123456789abcdef0" })],
      tags_all: { project: "vpce-share" },
    });

    const rule = resources.get("aws_route53_resolver_rule.fwd");
    expect(rule).toMatchObject({ providerName: AWS, providerConfigKey: "aws.us_east_1" });
    expect(rule?.values).toMatchObject({
      rule_type: "FORWARD",
      domain_name: "ssm.eu-west-3.amazonaws.com",
      resolver_endpoint_id: "rslvr-out-0123456789abcdef0",
      target_ip: [expect.objectContaining({ ip: "10.0.0.10", port: 53 })],
    });

    const changes = resourceChanges(plan);
    expect(changes.get("aws_route53_resolver_rule.fwd")?.change.actions).toEqual(["create"]);

    expect(plannedOutputs(plan)).toEqual({
      hub_inbound_ips: { value: ["10.0.0.10", "10.0.1.10"], unknown: false, sensitive: false },
      zone_names: {
        value: { ssm: "ssm.eu-west-3.amazonaws.com", sts: "sts.eu-west-3.amazonaws.com" },
        unknown: false,
        sensitive: false,
      },
      zone_ids: { unknown: true, sensitive: false },
    });
  });

  it("GIVEN a stack whose RAM share allows external principals WHEN planned THEN the plan is rejected for breaking a guarantee", async () => {
    const stack = sampleStack();
    (stack.resource as Record<string, unknown>).aws_ram_resource_share = {
      rules: { name: "rules", allow_external_principals: true },
    };
    await expect(planStack(stack, { localStateFixtures: { hub: hubState } })).rejects.toThrow(
      /breaks what the code guarantees:\n {2}aws_ram_resource_share\.rules: allow_external_principals is true, not false \(VPCE-RAM-1\)/,
    );
  });

  it("rejects an invalid stack with Terraform's diagnostic", async () => {
    const stack = sampleStack();
    (stack.output as Record<string, unknown>).broken = { value: "${aws_vpc.missing.id}" };
    await expect(planStack(stack, { localStateFixtures: { hub: hubState } })).rejects.toThrow(
      /Reference to undeclared resource[\s\S]*aws_vpc/,
    );
  });
});
