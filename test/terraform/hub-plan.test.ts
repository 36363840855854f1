/**
 * Real Terraform on the hub stacks of the example configuration: an offline `terraform plan` (which
 * validates the configuration first) against the AWS provider schema, checked resource by resource
 * against the catalog.
 */
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { HUB_OUTPUTS, hubOutputKeys, hubStackName } from "../../src/constructs/hub-outputs";
import { privateZones } from "../../src/catalog/private-zones";
import { resolveService } from "../../src/catalog/service-catalog";
import { synthesizeStacks } from "../support/synthesize-stacks";
import { serviceCheckName } from "../../src/constructs/hub-region/service-check";
import {
  Diagnostic,
  describeWithTerraform,
  PlanJson,
  plannedOutputs,
  plannedResources,
  PlanResult,
  planStack,
} from "../support/terraform";

const config = loadConfig("config/example.json");

/**
 * What an offline plan of a hub stack may warn about, and nothing else: each service's plan-time check
 * (`check.endpoint_service_<name>`) cannot read AWS's answer offline, which Terraform reports as one
 * warning per service and never as an error.
 */
function offlineCheckWarnings(services: readonly string[]): object[] {
  return services
    .map((service) => `data.aws_vpc_endpoint_service.${serviceCheckName(service)}`)
    .sort((a, b) => a.localeCompare(b))
    .map((address) => ({
      severity: "warning",
      summary: expect.stringMatching(/^reading EC2 VPC Endpoint Services/),
      address,
    }));
}

/** The diagnostics of a plan, as offlineCheckWarnings describes them, sorted by address. */
function warningsOf(diagnostics: readonly Diagnostic[]): object[] {
  return diagnostics
    .map((d) => ({ severity: d.severity, summary: d.summary, address: d.address }))
    .sort((a, b) => String(a.address).localeCompare(String(b.address)));
}
const stacks = synthesizeStacks(config);
function planExampleHub(region: string): Promise<PlanResult> {
  return planStack(stacks[hubStackName(region)]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The keys of a map output whose values are known only after apply. */
function unknownMapKeys(plan: PlanJson, output: string): string[] {
  return Object.keys((plan as Json).output_changes[output].after_unknown ?? {}).sort();
}

function expectHubPlan(plan: PlanJson, cfg: VpceShareConfig, region: string): void {
  const hub = cfg.hub.regions[region];
  const services = hub.services.map((s) => resolveService(s, region, cfg.customServices));
  const zones = privateZones(services);
  const resources = plannedResources(plan);
  const at = (address: string) => {
    const resource = resources.get(address);
    if (!resource) throw new Error(`${address} is not in the plan of hub-${region}`);
    return resource.values as Json;
  };

  for (const service of services) {
    expect(at(`aws_vpc_endpoint.this["${service.name}"]`)).toMatchObject({
      service_name: service.serviceName,
      vpc_endpoint_type: "Interface",
      private_dns_enabled: false,
      vpc_id: hub.vpcId,
      subnet_ids: [...hub.subnetIds].sort(),
    });
  }
  for (const zone of zones) {
    expect(at(`aws_route53_zone.this["${zone.domain}"]`)).toMatchObject({
      name: zone.domain,
      vpc: [{ vpc_id: hub.vpcId }],
    });
    for (const record of zone.records) {
      expect(at(`aws_route53_record.this["${record}"]`)).toMatchObject({
        name: record,
        type: "A",
        alias: [{ evaluate_target_health: false }],
      });
    }
    const rule = at(`aws_route53_resolver_rule.this["${zone.domain}"]`);
    expect(rule).toMatchObject({ domain_name: zone.domain, rule_type: "FORWARD" });
    expect(rule.target_ip.map((t: Json) => `${t.ip}:${t.port}`).sort()).toEqual(
      (hub.inboundResolverIps ?? []).map((ip) => `${ip}:53`).sort(),
    );
    expect(resources.has(`aws_ram_resource_association.rules["${zone.domain}"]`)).toBe(true);
  }
  expect(at("aws_ram_resource_share.rules")).toMatchObject({ allow_external_principals: false });
  for (const principal of cfg.hub.shareWith) {
    expect(at(`aws_ram_principal_association.rules["${principal}"]`)).toMatchObject({ principal });
  }
  expect(at("aws_route53_resolver_endpoint.inbound")).toMatchObject({ direction: "INBOUND" });
  expect(at("aws_route53_resolver_endpoint.inbound").ip_address).toHaveLength(hub.subnetIds.length);
  expect(at("aws_route53_resolver_endpoint.outbound")).toMatchObject({ direction: "OUTBOUND" });

  // Exactly the mechanism, nothing else.
  const records = zones.reduce((n, z) => n + z.records.length, 0);
  const cidrs = cfg.organization.cidrs.length;
  const expected =
    services.length + // endpoints
    zones.length * 3 + // zones, rules, rule shares
    records +
    2 + // security groups
    cidrs * 5 + // https ingress, dns tcp/udp ingress and egress
    2 + // resolver endpoints
    1 + // resource share
    cfg.hub.shareWith.length +
    services.length; // the services' plan-time checks read data.aws_vpc_endpoint_service
  expect(resources.size).toBe(expected);
  for (const service of services) {
    expect(resources.get(`data.aws_vpc_endpoint_service.${serviceCheckName(service.name)}`)).toMatchObject({
      mode: "data",
      values: { service_name: service.serviceName, service_type: "Interface" },
    });
  }

  // Every taggable resource carries the configured tags.
  for (const [address, resource] of resources) {
    const values = resource.values as Json;
    if ("tags" in values) expect({ address, tags: values.tags }).toMatchObject({ address, tags: cfg.tags });
  }

  const outputs = plannedOutputs(plan);
  expect(Object.keys(outputs).sort()).toEqual(
    hubOutputKeys({ mechanism: "resolver-rules" })
      .map((key) => HUB_OUTPUTS[key].name)
      .sort(),
  );
  expect(unknownMapKeys(plan, HUB_OUTPUTS.resolverRuleIds.name)).toEqual(zones.map((z) => z.domain).sort());
  expect(unknownMapKeys(plan, HUB_OUTPUTS.privateHostedZoneIds.name)).toEqual(
    zones.map((z) => z.domain).sort(),
  );
  expect(unknownMapKeys(plan, HUB_OUTPUTS.endpointIds.name)).toEqual(services.map((s) => s.name).sort());
  expect(outputs[HUB_OUTPUTS.ramResourceShareArn.name].unknown).toBe(true);
  if (hub.inboundResolverIps) {
    expect(outputs[HUB_OUTPUTS.inboundResolverIps.name].value).toEqual(hub.inboundResolverIps);
  }
}

describeWithTerraform("hub stacks of the example configuration, planned by Terraform", () => {
  for (const region of Object.keys(config.hub.regions)) {
    it(`${hubStackName(region)} validates and plans the endpoints, zones, records, rules, share and outputs`, async () => {
      // GIVEN the synthesized stack WHEN terraform validates and plans it offline
      const { diagnostics, plan } = await planExampleHub(region);
      // THEN it is valid, without a warning but each service check's (AWS cannot be asked offline), and
      // contains exactly the mechanism for the configured services
      expect(warningsOf(diagnostics)).toEqual(offlineCheckWarnings(config.hub.regions[region].services));
      expectHubPlan(plan, config, region);
    });
  }

  it("an endpoint policy with IAM policy variables reaches the plan unchanged (Terraform reads no template in it)", async () => {
    // GIVEN an override for sts whose resource uses ${aws:username}
    const region = "eu-west-3";
    const document = {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "arn:aws:s3:::team-bucket/${aws:username}/*",
          Condition: { StringEquals: { "aws:PrincipalOrgID": config.organization.id } },
        },
      ],
    };
    const withVariables: VpceShareConfig = {
      ...config,
      hub: {
        ...config.hub,
        endpointPolicies: { sts: document },
        regions: { [region]: config.hub.regions[region] },
      },
      spokes: {},
    };
    // WHEN planned
    const { diagnostics, plan } = await planStack(synthesizeStacks(withVariables)[hubStackName(region)]);
    // THEN the planned policy is the document as written
    expect(warningsOf(diagnostics)).toEqual(offlineCheckWarnings(config.hub.regions[region].services));
    const sts = plannedResources(plan).get('aws_vpc_endpoint.this["sts"]');
    expect(JSON.parse((sts?.values as Json).policy)).toEqual(document);
  });

  it("a hub without pinned inbound IPs plans rules that follow the inbound endpoint's addresses", async () => {
    // GIVEN a region without inboundResolverIps
    const region = "eu-west-3";
    const unpinned: VpceShareConfig = {
      ...config,
      hub: {
        ...config.hub,
        regions: { [region]: { ...config.hub.regions[region], inboundResolverIps: undefined } },
      },
      spokes: {},
    };
    // WHEN planned
    const { plan } = await planStack(synthesizeStacks(unpinned)[hubStackName(region)]);
    // THEN every rule targets one address per inbound IP, port 53, known only after apply
    const rules = [...plannedResources(plan).values()].filter((r) => r.type === "aws_route53_resolver_rule");
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const targets = (rule.values as Json).target_ip;
      expect(targets).toHaveLength(config.hub.regions[region].subnetIds.length);
      for (const target of targets) {
        expect(target.port).toBe(53);
        expect(target.ip).toBeUndefined();
      }
    }
    expect(plannedOutputs(plan)[HUB_OUTPUTS.inboundResolverIps.name].unknown).toBe(true);
  });
});
