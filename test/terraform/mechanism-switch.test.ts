/**
 * Changing a region's mechanism is three applies: the hub with the new mechanism beside the retiring one,
 * every spoke of the region, then the hub without the retiring one (README, "Changing a region's
 * mechanism"). This applies the synthesized hub stacks of each step in turn to one state with real
 * Terraform and a mock provider (`terraform test`): a resource that a step replaced would come back with
 * a new id, so the assertions that ids stay the same prove that no endpoint, zone, rule or Profile is
 * replaced on the way, in both directions.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import type { SharingMechanism } from "../../src/topology/sharing-mechanism";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, testFiles } from "../support/terraform";

const REGION = "eu-west-3";
const base = loadConfig("config/example.json");

/** The example with eu-west-3 sharing by `mechanism`, keeping `retiring` beside it. */
function step(mechanism: SharingMechanism, retiring?: SharingMechanism): VpceShareConfig {
  const region = { ...base.hub.regions[REGION], mechanism };
  return {
    ...base,
    hub: {
      ...base.hub,
      regions: { [REGION]: retiring === undefined ? region : { ...region, retiringMechanism: retiring } },
    },
    spokes: {},
  };
}

/**
 * The hub stack of one step, as a module folder for `terraform test`, without its plan-time service
 * checks: they compare AWS's answer with the catalog (a mock provider's answer fails them), which is
 * not what a switch changes (test/terraform-modules/service-check.test.ts tests them).
 */
function hubFolder(name: string, config: VpceShareConfig): Record<string, string> {
  const stack = { ...(synthesizeStacks(config)[`hub-${REGION}`] as Record<string, unknown>) };
  delete stack.check;
  return { [`switch/${name}/main.tf.json`]: JSON.stringify(stack, null, 2) };
}

const SUITE = `
# Offline: the provider is mocked (fixed ARNs where the provider validates their shape; every id random,
# so a replaced resource shows as a changed id).
mock_provider "aws" {
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.ec2.${REGION}.vpce.amazonaws.com", hosted_zone_id = "Z1DXTCH7BTVDFF" }]
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:${REGION}:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678" }
  }
  mock_resource "aws_route53_resolver_rule" {
    defaults = { arn = "arn:aws:route53resolver:${REGION}:111111111111:resolver-rule/rslvr-rr-0123456789abcdef0" }
  }
  mock_resource "aws_route53_zone" {
    defaults = { arn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" }
  }
  mock_resource "aws_route53profiles_profile" {
    defaults = { arn = "arn:aws:route53profiles:${REGION}:111111111111:profile/rp-0123456789abcdef" }
  }
}

run "rules" {
  state_key = "hub"
  module {
    source = "./rules"
  }
}

run "profile_beside_rules" {
  state_key = "hub"
  module {
    source = "./profile-retiring-rules"
  }
  assert {
    condition     = output.resolver_rule_ids == run.rules.resolver_rule_ids && output.inbound_resolver_ips == run.rules.inbound_resolver_ips
    error_message = "step 1 keeps the rules and the inbound IPs that spokes not yet moved use"
  }
  assert {
    condition     = output.endpoint_ids == run.rules.endpoint_ids && output.private_hosted_zone_ids == run.rules.private_hosted_zone_ids
    error_message = "step 1 replaces no endpoint and no zone"
  }
  assert {
    condition     = output.route53_profile_id != null && keys(aws_route53profiles_resource_association.zones) == keys(output.private_hosted_zone_ids)
    error_message = "step 1 adds the Profile with every zone, for spokes to move to"
  }
}

run "profile" {
  state_key = "hub"
  module {
    source = "./profile"
  }
  assert {
    condition     = output.route53_profile_id == run.profile_beside_rules.route53_profile_id
    error_message = "step 3 keeps the Profile the spokes now use"
  }
  assert {
    condition     = output.endpoint_ids == run.rules.endpoint_ids && output.private_hosted_zone_ids == run.rules.private_hosted_zone_ids
    error_message = "step 3 removes the rules only: no endpoint and no zone is replaced"
  }
}

run "rules_beside_profile" {
  state_key = "hub"
  module {
    source = "./rules-retiring-profile"
  }
  assert {
    condition     = output.route53_profile_id == run.profile_beside_rules.route53_profile_id && output.ram_resource_share_arn != null
    error_message = "back again, step 1 keeps the Profile that spokes not yet moved use"
  }
  assert {
    condition     = output.endpoint_ids == run.rules.endpoint_ids && output.private_hosted_zone_ids == run.rules.private_hosted_zone_ids
    error_message = "back again, no endpoint and no zone is replaced"
  }
  assert {
    condition     = keys(output.resolver_rule_ids) == keys(output.private_hosted_zone_ids)
    error_message = "back again, every zone gets its rule"
  }
}

run "rules_again" {
  state_key = "hub"
  module {
    source = "./rules"
  }
  assert {
    condition     = output.resolver_rule_ids == run.rules_beside_profile.resolver_rule_ids && output.endpoint_ids == run.rules.endpoint_ids
    error_message = "back again, step 3 keeps the rules and the endpoints"
  }
}

run "zone_association_beside_rules" {
  state_key = "hub"
  module {
    source = "./zone-association-retiring-rules"
  }
  assert {
    condition     = output.resolver_rule_ids == run.rules_beside_profile.resolver_rule_ids && output.private_hosted_zone_ids == run.rules.private_hosted_zone_ids
    error_message = "to zone association, step 1 keeps rules and zones"
  }
}

run "zone_association" {
  state_key = "hub"
  module {
    source = "./zone-association"
  }
  assert {
    condition     = output.private_hosted_zone_ids == run.rules.private_hosted_zone_ids && output.endpoint_ids == run.rules.endpoint_ids
    error_message = "to zone association, step 3 keeps the zones the spokes associated and the endpoints"
  }
}
`;

describeWithTerraform(
  "changing a region's mechanism, applied step by step to one hub state (mock provider)",
  () => {
    it("GIVEN the hub of each step WHEN applied in order, rules -> Profile -> rules -> zone association THEN nothing the spokes use is replaced", async () => {
      const files = {
        "switch/main.tf.json": JSON.stringify({
          terraform: { required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0" } } },
        }),
        "switch/tests/switch.tftest.hcl": SUITE,
        ...hubFolder("rules", step("resolver-rules")),
        ...hubFolder("profile-retiring-rules", step("profile", "resolver-rules")),
        ...hubFolder("profile", step("profile")),
        ...hubFolder("rules-retiring-profile", step("resolver-rules", "profile")),
        ...hubFolder("zone-association-retiring-rules", step("zone-association", "resolver-rules")),
        ...hubFolder("zone-association", step("zone-association")),
      };
      const output = await testFiles(files, "switch");
      expect(output).toMatch(/Success! 7 passed, 0 failed\./);
    });
  },
);
