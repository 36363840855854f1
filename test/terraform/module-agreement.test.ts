/**
 * One implementation, two deliveries: the hub-region Terraform module (Terraform derives the zones from
 * short names) must plan exactly what the cdktf hub stacks plan (TypeScript derives them), and the HCL
 * example must plan hubs and spokes in one run.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { hubStackName } from "../../src/constructs/hub-outputs";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { regionKey } from "../../src/stacks/spoke-stack";
import { EXAMPLE_DIR, exampleFiles } from "../support/hcl-example";
import * as path from "path";
import { sampleConfig } from "../support/sample-config";
import {
  describeWithTerraform,
  filesBelow,
  offlineProviderOverride,
  planFiles,
  plannedResources,
  planStack,
  TerraformFiles,
} from "../support/terraform";

const config = loadConfig("config/example.json");

/** The managed resources of a plan: what both deliveries create (each reads AWS's answer its own way). */
function managed<T extends { mode: string }>(resources: Map<string, T>): Map<string, T> {
  return new Map([...resources].filter(([, r]) => r.mode === "managed"));
}

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
      const fromStack = managed(plannedResources((await planHub(config, region)).plan));
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

/** A root module that calls the built hub-region module for one region, as an HCL user would. */
function hubModuleRoot(cfg: VpceShareConfig, region: string): TerraformFiles {
  const hub = cfg.hub.regions[region];
  const main = {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: ">= 5.100.0, < 7.0.0" } } },
    provider: { aws: [{ region }] },
    module: {
      hub: {
        source: "../dist/terraform/modules/hub-region",
        vpc_id: hub.vpcId,
        subnet_ids: hub.subnetIds,
        inbound_resolver_ips: hub.inboundResolverIps,
        services: hub.services,
        custom_services: Object.fromEntries(
          Object.entries(cfg.customServices ?? {}).map(([name, c]) => [
            name,
            {
              service_name: c.serviceName,
              private_dns_names: c.privateDnsNames,
              endpoint_policy: c.endpointPolicy,
            },
          ]),
        ),
        organization_cidrs: cfg.organization.cidrs,
        share_with: cfg.hub.shareWith,
        tags: cfg.tags,
      },
    },
  };
  return {
    "root/main.tf.json": JSON.stringify(main, null, 2),
    "root/offline_override.tf.json": offlineProviderOverride([undefined]),
    ...filesBelow(path.join(__dirname, "..", "..", "dist", "terraform", "modules"), "dist/terraform/modules"),
  };
}

/** One hub region of the sample configuration, in `partition`, sharing `services`. */
function oneHubConfig(region: string, services: string[], partition: "aws" | "aws-cn"): VpceShareConfig {
  const base = sampleConfig();
  const arn = base.organization.arn.replace("arn:aws:", `arn:${partition}:`);
  return {
    ...base,
    organization: { ...base.organization, arn, partition, cidrs: ["10.0.0.0/8", "172.16.0.0/12"] },
    hub: {
      ...base.hub,
      shareWith: [arn],
      regions: { [region]: { ...base.hub.regions["eu-west-3"], services } },
    },
    spokes: {},
  };
}

describeWithTerraform("the hub-region module against a hub stack, per catalog case", () => {
  it.each([
    // services on ports besides 443, and services the 2023 snapshots predate
    ["eu-west-3", "aws", ["ec2", "email-smtp", "git-codecommit", "cassandra", "eks-auth", "monitoring"]],
    // China: ssm keeps com.amazonaws, ec2 takes cn.com.amazonaws, transcribe ends in .cn
    ["cn-north-1", "aws-cn", ["ec2", "ssm", "transcribe"]],
  ] as const)(
    "%s (%s): the module plans exactly what the hub stack plans",
    async (region, partition, services) => {
      // GIVEN one hub region WHEN planned as a cdktf stack and through the module
      const cfg = oneHubConfig(region, [...services], partition);
      const [stackPlan, modulePlan] = await Promise.all([
        planHub(cfg, region),
        planFiles(hubModuleRoot(cfg, region), "root"),
      ]);
      const fromStack = managed(plannedResources(stackPlan.plan));
      const fromModule = new Map(
        [...plannedResources(modulePlan.plan)]
          .filter(([address, r]) => address.startsWith("module.hub.") && r.mode === "managed")
          .map(([address, r]) => [address.slice("module.hub.".length), r.values]),
      );
      // THEN the same addresses with the same planned values
      expect([...fromModule.keys()].sort()).toEqual([...fromStack.keys()].sort());
      for (const [address, resource] of fromStack) {
        expect({ address, values: fromModule.get(address) }).toEqual({ address, values: resource.values });
      }
      const endpoints = [...fromStack].filter(([a]) => a.startsWith("aws_vpc_endpoint.this["));
      expect(endpoints.length).toBe(services.length);
    },
  );

  it("custom services (customServices, custom_services): the module plans exactly what the hub stack plans", async () => {
    // GIVEN a service the catalog lacks and a correction of a catalog entry (no policy, 443 alone)
    const region = "eu-west-3";
    const cfg: VpceShareConfig = {
      ...oneHubConfig(region, ["ec2", "acme-api", "email-smtp"], "aws"),
      customServices: {
        "acme-api": {
          serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
          privateDnsNames: ["*.api.acme.example.com", "acme.{region}.example.com"],
          endpointPolicy: true,
        },
        "email-smtp": {
          serviceName: "com.amazonaws.{region}.email-smtp",
          privateDnsNames: ["email-smtp.{region}.amazonaws.com"],
          endpointPolicy: false,
        },
      },
    };
    // WHEN planned as a cdktf stack and through the module
    const [stackPlan, modulePlan] = await Promise.all([
      planHub(cfg, region),
      planFiles(hubModuleRoot(cfg, region), "root"),
    ]);
    const fromStack = managed(plannedResources(stackPlan.plan));
    const fromModule = new Map(
      [...plannedResources(modulePlan.plan)]
        .filter(([address, r]) => address.startsWith("module.hub.") && r.mode === "managed")
        .map(([address, r]) => [address.slice("module.hub.".length), r.values]),
    );
    // THEN the same addresses with the same planned values
    expect([...fromModule.keys()].sort()).toEqual([...fromStack.keys()].sort());
    for (const [address, resource] of fromStack) {
      expect({ address, values: fromModule.get(address) }).toEqual({ address, values: resource.values });
    }
    expect(fromStack.has('aws_route53_zone.this["api.acme.example.com"]')).toBe(true);
    expect(fromStack.has('aws_route53_zone.this["acme.eu-west-3.example.com"]')).toBe(true);
    expect(
      [...fromStack.keys()].some((a) => a.startsWith("aws_vpc_security_group_ingress_rule.endpoints_ports")),
    ).toBe(false);
  });
});
