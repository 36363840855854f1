/**
 * Terraform addresses are API: a grown configuration plans every existing resource at the same address
 * with the same values, and only adds the new items' resources (and removing them only removes those).
 */
import { loadConfig } from "../../apps/config/load-config";
import type { VpceShareConfig } from "../../apps/config/config-types";
import { hubStackName } from "../../modules/hub-outputs";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { describeWithTerraform, plannedResources, planStack } from "../support/terraform";

const config = loadConfig("config/example.json");

/**
 * The example's hub plans are the validated ones of hub-plan.test.ts (shared through the plan cache);
 * other configurations need no `terraform validate` to be compared.
 */
function planHub(cfg: VpceShareConfig, region: string) {
  return planStack(synthesizeStacks(cfg)[hubStackName(region)], {}, { validate: cfg === config });
}

describeWithTerraform("address stability, planned by Terraform", () => {
  it("growing the configuration only adds the new items' resources and changes nothing else", async () => {
    // GIVEN the example's eu-west-3 hub, and the same hub with its services reordered, a new service,
    // a new CIDR and a new share principal
    const region = "eu-west-3";
    const hub = config.hub.regions[region];
    const newOu = "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-99999999";
    const grown: VpceShareConfig = {
      ...config,
      organization: { ...config.organization, cidrs: [...config.organization.cidrs, "172.16.0.0/12"] },
      hub: {
        ...config.hub,
        shareWith: [newOu, ...config.hub.shareWith],
        regions: {
          ...config.hub.regions,
          [region]: { ...hub, services: ["logs", ...[...hub.services].reverse()] },
        },
      },
    };
    // WHEN both are planned
    const before = plannedResources((await planHub(config, region)).plan);
    const after = plannedResources((await planHub(grown, region)).plan);
    // THEN every resource of the first keeps its address and planned values
    for (const [address, resource] of before) {
      expect({ address, values: after.get(address)?.values }).toEqual({ address, values: resource.values });
    }
    // AND the only new addresses are the new service's, the new CIDR's and the new principal's
    const added = [...after.keys()].filter((a) => !before.has(a)).sort();
    expect(added).toEqual(
      [
        'aws_ram_principal_association.rules["' + newOu + '"]',
        'aws_ram_resource_association.rules["logs.eu-west-3.amazonaws.com"]',
        'aws_route53_record.this["logs.eu-west-3.amazonaws.com"]',
        'aws_route53_resolver_rule.this["logs.eu-west-3.amazonaws.com"]',
        'aws_route53_zone.this["logs.eu-west-3.amazonaws.com"]',
        'aws_vpc_endpoint.this["logs"]',
        'aws_vpc_security_group_egress_rule.resolver_dns_tcp["172.16.0.0/12"]',
        'aws_vpc_security_group_egress_rule.resolver_dns_udp["172.16.0.0/12"]',
        'aws_vpc_security_group_ingress_rule.endpoints_https["172.16.0.0/12"]',
        'aws_vpc_security_group_ingress_rule.resolver_dns_tcp["172.16.0.0/12"]',
        'aws_vpc_security_group_ingress_rule.resolver_dns_udp["172.16.0.0/12"]',
      ].sort(),
    );
  });
});
