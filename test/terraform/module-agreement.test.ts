/**
 * One implementation, two deliveries: the hub-region Terraform module (Terraform derives the zones from
 * short names) must plan exactly what the cdktf hub stacks plan (TypeScript derives them), and the HCL
 * example must plan hubs and spokes in one run.
 */
import { loadConfig } from "../../apps/config/load-config";
import type { VpceShareConfig } from "../../apps/config/config-types";
import { hubStackName } from "../../modules/hub-outputs";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { regionKey } from "../../apps/spoke/spoke-stack";
import { EXAMPLE_DIR, exampleFiles } from "../support/hcl-example";
import { describeWithTerraform, planFiles, plannedResources, planStack } from "../support/terraform";

const config = loadConfig("config/example.json");

/** The example's hub plans are those of hub-plan.test.ts (shared through the plan cache). */
function planHub(cfg: VpceShareConfig, region: string) {
  return planStack(synthesizeStacks(cfg)[hubStackName(region)]);
}

describeWithTerraform("the Terraform modules against the cdktf stacks, planned by Terraform", () => {
  it("the hub-region module plans exactly what the hub stacks plan, and spokes plan in the same run", async () => {
    // GIVEN the HCL example, which calls the hub-region module with the example configuration's hubs
    // and the spoke module with their resolver_rule_ids, WHEN planned offline in one plan
    const example = plannedResources((await planFiles(exampleFiles({ offline: true }), EXAMPLE_DIR)).plan);
    for (const region of Object.keys(config.hub.regions)) {
      // THEN every managed resource of the module equals the stack's, address and planned values
      const prefix = `module.hub_${regionKey(region)}.`;
      const fromModule = new Map(
        [...example]
          .filter(([address, r]) => address.startsWith(prefix) && r.mode === "managed")
          .map(([address, r]) => [address.slice(prefix.length), r.values]),
      );
      const fromStack = plannedResources((await planHub(config, region)).plan);
      expect([...fromModule.keys()].sort()).toEqual([...fromStack.keys()].sort());
      for (const [address, resource] of fromStack) {
        expect({ address, values: fromModule.get(address) }).toEqual({ address, values: resource.values });
      }
      // AND the spoke's association keys are known at plan time, one per (VPC, rule)
      const spokePrefix = `module.spoke_${regionKey(region)}.aws_route53_resolver_rule_association.this[`;
      const associations = [...example.keys()].filter((a) => a.startsWith(spokePrefix));
      const rules = [...fromStack.keys()].filter((a) => a.startsWith("aws_route53_resolver_rule.this["));
      expect(associations.length).toBe(
        config.spokes["data-platform"].regions[region].vpcIds.length * rules.length,
      );
    }
  });
});
