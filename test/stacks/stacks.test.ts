import { Testing } from "../../src/framework";
import { buildStacks } from "../../src/stacks/build-stacks";
import type { VpceShareConfig } from "../../src/config/config-types";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { sampleConfig } from "../support/sample-config";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthAll(config: VpceShareConfig = sampleConfig()): Record<string, Json> {
  return synthesizeStacks(config);
}

const withTerraformCloud = (): VpceShareConfig => ({
  ...sampleConfig(),
  terraformCloud: { organization: "acme", workspacePrefix: "vpce-", hostname: "app.terraform.io" },
});

describe("stacks of a configuration", () => {
  it("one hub-<region> stack per hub region and one spoke-<name> stack per spoke", () => {
    expect(Object.keys(synthAll()).sort()).toEqual([
      "hub-eu-west-3",
      "hub-us-east-1",
      "spoke-data-platform",
      "spoke-payments-prod",
    ]);
  });

  it("every stack accepts provider 5.100 through 6.x", () => {
    for (const json of Object.values(synthAll())) {
      expect(json.terraform.required_providers.aws.version).toBe(AWS_PROVIDER_VERSION);
    }
  });

  it("every stack declares the provider's source as `aws`, whichever bindings built it", () => {
    // GIVEN bindings that write `aws` (@cdktf/provider-aws 21.x) or `hashicorp/aws` (@cdktn/provider-aws 25.x)
    // WHEN the stacks are synthesized THEN they all name the provider one way, so both frameworks agree
    for (const json of Object.values(synthAll())) {
      expect(json.terraform.required_providers.aws.source).toBe("aws");
    }
  });

  describe("hub stack", () => {
    it("pins its provider to the hub account and region, with the hub role when given", () => {
      const config = sampleConfig();
      const json = synthAll({
        ...config,
        hub: { ...config.hub, roleArn: "arn:aws:iam::111111111111:role/hub" },
      });
      expect(json["hub-eu-west-3"].provider.aws).toEqual([
        {
          region: "eu-west-3",
          allowed_account_ids: ["111111111111"],
          assume_role: [{ role_arn: "arn:aws:iam::111111111111:role/hub", session_name: "vpce-share" }],
        },
      ]);
    });

    it("publishes the hub output contract", () => {
      const outputs = synthAll()["hub-eu-west-3"].output;
      expect(Object.keys(outputs).sort()).toEqual([
        "endpoint_ids",
        "inbound_resolver_ips",
        "private_hosted_zone_ids",
        "ram_resource_share_arn",
        "resolver_rule_ids",
      ]);
      expect(outputs.resolver_rule_ids.value).toBe(
        "${{ for domain, rule in aws_route53_resolver_rule.this : domain => rule.id }}",
      );
      expect(outputs.inbound_resolver_ips.value).toEqual(["10.10.1.10", "10.10.2.10"]);
    });

    it("keeps local state in the configuration's state folder, by a path relative to the stack", () => {
      // The default layout: output in cdktf.out, state in state/<organization id>-<hub account id>
      const backend = synthAll()["hub-eu-west-3"].terraform.backend;
      expect(backend).toEqual({
        local: { path: "../../../state/o-a1b2c3d4e5-111111111111/terraform.hub-eu-west-3.tfstate" },
      });
    });
  });

  describe("spoke stack", () => {
    it("has a provider per region, aliased by region, pinned to the spoke account and role", () => {
      const providers = synthAll()["spoke-data-platform"].provider.aws;
      expect(providers).toEqual([
        {
          alias: "eu_west_3",
          region: "eu-west-3",
          allowed_account_ids: ["333333333333"],
          assume_role: [
            { role_arn: "arn:aws:iam::333333333333:role/vpce-share", session_name: "vpce-share" },
          ],
        },
        {
          alias: "us_east_1",
          region: "us-east-1",
          allowed_account_ids: ["333333333333"],
          assume_role: [
            { role_arn: "arn:aws:iam::333333333333:role/vpce-share", session_name: "vpce-share" },
          ],
        },
      ]);
    });

    it("reads each region's hub from its local state file and associates its rules with every VPC", () => {
      const json = synthAll()["spoke-payments-prod"];
      expect(json.data.terraform_remote_state).toEqual({
        hub_eu_west_3: {
          backend: "local",
          config: { path: "../../../state/o-a1b2c3d4e5-111111111111/terraform.hub-eu-west-3.tfstate" },
          defaults: { resolver_rule_ids: expect.stringContaining("local.domains_eu_west_3") },
        },
      });
      // (each VPC with each domain: the spoke association's Terraform test plans the pairs)
      expect(json.locals).toMatchObject({
        vpc_ids_eu_west_3: ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"],
        domains_eu_west_3: [
          "dkr.ecr.eu-west-3.amazonaws.com",
          "ec2.eu-west-3.amazonaws.com",
          "sts.eu-west-3.amazonaws.com",
        ],
      });
      expect(json.resource.aws_route53_resolver_rule_association.eu_west_3).toMatchObject({
        provider: "aws.eu_west_3",
        resolver_rule_id:
          "${data.terraform_remote_state.hub_eu_west_3.outputs.resolver_rule_ids[each.value.domain]}",
      });
    });

    it("depends on the hub stack of each region it reads, so cdktf runs hubs first and destroys them last", () => {
      // GIVEN every stack of the sample built in one app
      const { hubs, spokes } = buildStacks(Testing.app(), sampleConfig());
      // THEN each spoke declares (to cdktf) the hubs it reads, and nothing else
      expect(spokes["payments-prod"].dependencies).toEqual([hubs["eu-west-3"]]);
      expect(spokes["data-platform"].dependencies).toEqual([hubs["eu-west-3"], hubs["us-east-1"]]);
      expect(spokes["data-platform"].hubStackNames).toEqual(["hub-eu-west-3", "hub-us-east-1"]);
      expect(Object.values(hubs).map((hub) => hub.dependencies)).toEqual([[], []]);
    });

    it("only reads the hubs of its own regions", () => {
      expect(Object.keys(synthAll()["spoke-data-platform"].data.terraform_remote_state)).toEqual([
        "hub_eu_west_3",
        "hub_us_east_1",
      ]);
    });
  });

  describe("with terraformCloud", () => {
    it("gives every stack a cloud block for workspace <prefix><stack>", () => {
      for (const [stack, json] of Object.entries(synthAll(withTerraformCloud()))) {
        expect(json.terraform.backend).toBeUndefined();
        expect(json.terraform.cloud).toEqual({
          organization: "acme",
          hostname: "app.terraform.io",
          workspaces: { name: `vpce-${stack}` },
        });
      }
    });

    it("makes spokes read the hubs through the remote backend with the same organization and workspaces", () => {
      expect(synthAll(withTerraformCloud())["spoke-data-platform"].data.terraform_remote_state).toEqual({
        hub_eu_west_3: {
          backend: "remote",
          config: {
            organization: "acme",
            hostname: "app.terraform.io",
            workspaces: { name: "vpce-hub-eu-west-3" },
          },
          defaults: { resolver_rule_ids: expect.stringContaining("local.domains_eu_west_3") },
        },
        hub_us_east_1: {
          backend: "remote",
          config: {
            organization: "acme",
            hostname: "app.terraform.io",
            workspaces: { name: "vpce-hub-us-east-1" },
          },
          defaults: { resolver_rule_ids: expect.stringContaining("local.domains_us_east_1") },
        },
      });
    });
  });

  it("contains nothing machine-specific: no absolute paths", () => {
    const text = JSON.stringify(synthAll());
    expect(text).not.toContain(process.cwd());
    expect(text).not.toMatch(/"\/(tmp|root|home|work)\//);
  });
});
