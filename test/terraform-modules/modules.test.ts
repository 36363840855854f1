/**
 * The Terraform modules for HCL users (dist/terraform/modules): built from the constructs, committed,
 * shaped like a reusable module, and tested by their `terraform test` suites.
 */
import * as fs from "fs";
import * as path from "path";
import { MODULE_FILE, MODULES_DIR, synthesizeModules } from "../../src/cli/build-modules";
import { AWS_PROVIDER_VERSION } from "../../src/stacks/workspace";
import { HUB_OUTPUTS, hubOutputKeys } from "../../src/constructs/hub-outputs";
import { HUB_REGION_MODULES } from "../../src/terraform-modules/hub-region-module";
import { PROFILE_ENDPOINTS_PROVIDER_VERSION } from "../../src/topology/sharing-mechanism";
import {
  IPV4,
  IPV4_CIDR,
  ORGANIZATION_ID,
  ORGANIZATION_ID_IN_ARN,
  SHARE_TARGET,
  SUBNET_ID,
  SUPPRESSION_REASON_MIN_LENGTH,
  VPC_ID,
} from "../../src/config/formats";
import { EXAMPLE_DIR, exampleFiles } from "../support/hcl-example";
import { describeWithTerraform, testFiles } from "../support/terraform";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const built = synthesizeModules();
const modules: Record<string, Json> = Object.fromEntries(
  Object.entries(built).map(([name, text]) => [name, JSON.parse(text)]),
);

describe("Terraform modules", () => {
  it("the committed modules are what the constructs build (run `npm run build:modules`)", () => {
    // GIVEN the constructs WHEN the modules are built THEN they equal the committed files
    for (const [name, text] of Object.entries(built)) {
      const file = path.join(MODULES_DIR, name, MODULE_FILE);
      expect({ file, text: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)" }).toEqual({
        file,
        text,
      });
    }
    expect(fs.readdirSync(MODULES_DIR).sort()).toEqual(Object.keys(built).sort());
  });

  it("there are the hub-region modules (one per sharing mechanism), the service-check module they call, and a spoke module per mechanism", () => {
    expect(Object.keys(modules).sort()).toEqual([
      "hub-region",
      "hub-region-profile",
      "hub-region-profile-endpoints",
      "hub-region-zone-association",
      "service-check",
      "spoke",
      "spoke-profile",
      "spoke-zone-association",
    ]);
  });

  it("each hub-region module publishes its mechanism's part of the hub output contract and holds only its resources", () => {
    // GIVEN the hub modules WHEN built THEN outputs and resource types follow the mechanism
    for (const [name, sharing] of Object.entries(HUB_REGION_MODULES)) {
      const module = modules[name];
      expect({ name, outputs: Object.keys(module.output).sort() }).toEqual({
        name,
        outputs: hubOutputKeys(sharing)
          .map((key) => HUB_OUTPUTS[key].name)
          .sort(),
      });
      const types = Object.keys(module.resource);
      expect({
        name,
        resolver: types.filter((t) => t.startsWith("aws_route53_resolver_")).length > 0,
      }).toEqual({
        name,
        resolver: sharing.mechanism === "resolver-rules",
      });
      expect({ name, profile: "aws_route53profiles_profile" in module.resource }).toEqual({
        name,
        profile: sharing.mechanism === "profile",
      });
    }
  });

  it("hub-region-profile-endpoints keeps the endpoints' private DNS, puts them in the Profile, and requires the provider that applies it", () => {
    const module = modules["hub-region-profile-endpoints"];
    expect(module.terraform.required_providers.aws.version).toBe(PROFILE_ENDPOINTS_PROVIDER_VERSION);
    expect(module.resource.aws_vpc_endpoint.this.private_dns_enabled).toBe(true);
    expect(module.resource.aws_route53profiles_resource_association.endpoints.for_each).toBe(
      "${local.endpoints}",
    );
    expect(module.resource.aws_route53_zone).toBeUndefined();
    expect(
      module.resource.aws_route53profiles_resource_association.endpoints.resource_properties,
    ).toBeUndefined();
  });

  it.each(Object.keys(built))("%s has typed, described variables and described outputs", (name) => {
    const module = modules[name];
    for (const [variable, spec] of Object.entries<Json>(module.variable)) {
      expect({ variable, type: typeof spec.type, description: typeof spec.description }).toEqual({
        variable,
        type: "string",
        description: "string",
      });
    }
    for (const [output, spec] of Object.entries<Json>(module.output ?? {})) {
      expect({ output, description: typeof spec.description }).toEqual({ output, description: "string" });
    }
  });

  it.each(Object.keys(built))(
    "%s has no backend, no provider configuration and a provider range for 5.100 to 6.x (6.3 to 6.x with a Profile of endpoints)",
    (name) => {
      const module = modules[name];
      expect(module.provider).toBeUndefined();
      expect(module.terraform.backend).toBeUndefined();
      expect(module.terraform.cloud).toBeUndefined();
      const endpointsInProfile = HUB_REGION_MODULES[name]?.profileContents === "endpoints";
      expect(module.terraform.required_providers).toEqual({
        aws: {
          source: "hashicorp/aws",
          version: endpointsInProfile ? PROFILE_ENDPOINTS_PROVIDER_VERSION : AWS_PROVIDER_VERSION,
        },
      });
      expect(JSON.stringify(module)).not.toContain("//");
    },
  );

  it("hub-region takes the documented inputs and publishes the hub output contract", () => {
    const hub = modules["hub-region"];
    expect(Object.keys(hub.variable).sort()).toEqual(
      [
        "any_network_reason",
        "custom_services",
        "endpoint_policies",
        "inbound_resolver_ips",
        "organization_cidrs",
        "organization_id",
        "services",
        "share_with",
        "subnet_ids",
        "tags",
        "vpc_id",
      ].sort(),
    );
    expect(hub.variable.inbound_resolver_ips).toMatchObject({ default: null, nullable: true });
    expect(hub.variable.tags).toMatchObject({ default: {} });
    expect(Object.keys(hub.output).sort()).toEqual(
      hubOutputKeys({ mechanism: "resolver-rules" })
        .map((key) => HUB_OUTPUTS[key].name)
        .sort(),
    );
  });

  it("hub-region validates its inputs with the configuration schema's patterns (one definition)", () => {
    // GIVEN the patterns the configuration schema checks WHEN the module is built THEN its validations
    // test the same patterns, as HCL strings
    const conditions = (variable: string): string =>
      modules["hub-region"].variable[variable].validation.map((v: Json) => v.condition).join("\n");
    const expected: Record<string, RegExp> = {
      vpc_id: VPC_ID,
      subnet_ids: SUBNET_ID,
      share_with: SHARE_TARGET,
      organization_id: ORGANIZATION_ID,
      organization_cidrs: IPV4_CIDR,
      inbound_resolver_ips: IPV4,
    };
    for (const [variable, pattern] of Object.entries(expected)) {
      expect({ variable, condition: conditions(variable) }).toEqual({
        variable,
        condition: expect.stringContaining(`regex(${JSON.stringify(pattern.source)}, `),
      });
    }
    expect(modules["hub-region"].locals.organization_id).toContain(
      `regex(${JSON.stringify(ORGANIZATION_ID_IN_ARN.source)}, `,
    );
    expect(conditions("any_network_reason")).toContain(`>= ${SUPPRESSION_REASON_MIN_LENGTH}`);
  });

  it("hub-region carries the service catalog: callers pass only short names", () => {
    const catalog = modules["hub-region"].locals.service_catalog;
    expect(catalog["ecr.dkr"]).toEqual({
      service_name: "com.amazonaws.{region}.ecr.dkr",
      regional_service_names: {
        "cn-north-1": "cn.com.amazonaws.cn-north-1.ecr.dkr",
        "cn-northwest-1": "cn.com.amazonaws.cn-northwest-1.ecr.dkr",
      },
      private_dns_names: ["*.dkr.ecr.{region}.amazonaws.com"],
      regional_private_dns_names: {},
      endpoint_policy: true,
    });
    // China names only the services of the aws-cdk's list with cn.com.amazonaws
    expect(catalog["ssm"].regional_service_names).toEqual({});
    // ports besides 443 travel with the module, for the services that listen on them
    expect(modules["hub-region"].locals.service_ports["email-smtp"]).toEqual([25, 465, 587, 2587]);
    expect(catalog).not.toHaveProperty(["iot.data"]); // no private DNS names: nothing to share
    expect(catalog).not.toHaveProperty(["s3-global.accesspoint"]); // global
    expect(modules["hub-region"].locals.service_names).toBe("${var.services}");
  });

  it("spoke takes vpc_ids and the hub's resolver_rule_ids and publishes association ids", () => {
    const spoke = modules.spoke;
    expect(Object.keys(spoke.variable).sort()).toEqual(["resolver_rule_ids", "vpc_ids"]);
    expect(spoke.variable.resolver_rule_ids.type).toBe("map(string)");
    // vpc_ids are held to the configuration schema's VPC id pattern (one definition)
    expect(spoke.variable.vpc_ids.validation[0].condition).toContain(
      `regex(${JSON.stringify(VPC_ID.source)}, `,
    );
    expect(Object.keys(spoke.output)).toEqual(["association_ids"]);
  });

  it.each([
    ["spoke-profile", "route53ProfileId", "string", ["tags"]],
    ["spoke-zone-association", "privateHostedZoneIds", "map(string)", []],
  ] as const)(
    "%s takes vpc_ids and the hub's %s output (the contract's name) and publishes association ids",
    (name, key, type, optional) => {
      const output = HUB_OUTPUTS[key];
      // GIVEN the module of a mechanism WHEN built THEN it takes the output its mechanism publishes
      const spoke = modules[name];
      expect(output.publishedBy).toContain(name === "spoke-profile" ? "profile" : "zone-association");
      expect(Object.keys(spoke.variable).sort()).toEqual(["vpc_ids", output.name, ...optional].sort());
      expect(spoke.variable[output.name].type).toBe(type);
      // AND holds vpc_ids to the configuration schema's VPC id pattern, as the spoke module does
      expect(spoke.variable.vpc_ids.validation).toEqual(modules.spoke.variable.vpc_ids.validation);
      expect(Object.keys(spoke.output)).toEqual(["association_ids"]);
    },
  );

  it("the spoke modules of the other mechanisms hold no resolver rule association, and the spoke module no other", () => {
    const resourceTypes = (name: string) => Object.keys(modules[name].resource).sort();
    expect(resourceTypes("spoke")).toEqual(["aws_route53_resolver_rule_association"]);
    expect(resourceTypes("spoke-profile")).toEqual(["aws_route53profiles_association"]);
    expect(resourceTypes("spoke-zone-association")).toEqual(["aws_route53_zone_association"]);
  });
});

describeWithTerraform("terraform test suites of the modules and the HCL example (mock provider)", () => {
  // Two runs of `terraform test`, so each fits the timeout of one test on a busy machine.
  const VALIDATIONS_SUITE = "tests/module-validations.tftest.hcl";
  // service-check.test.ts runs the service-check suite.
  const SERVICE_CHECK_SUITE = "tests/service-check.tftest.hcl";
  const SPOKE_MODULES_SUITE = "tests/spoke-modules.tftest.hcl";
  const otherSuites = fs
    .readdirSync(path.join(MODULES_DIR, "..", "..", "..", EXAMPLE_DIR, "tests"))
    .filter((file) => file.endsWith(".tftest.hcl"))
    .map((file) => `tests/${file}`)
    .filter((suite) => ![VALIDATIONS_SUITE, SERVICE_CHECK_SUITE, SPOKE_MODULES_SUITE].includes(suite));

  it("pass", async () => {
    // GIVEN the example root and the built modules WHEN `terraform test` runs THEN every run passes
    expect(otherSuites).toContain("tests/modules.tftest.hcl");
    const output = await testFiles(exampleFiles(), EXAMPLE_DIR, otherSuites);
    expect(output).toMatch(/Success! \d+ passed, 0 failed\./);
    expect(output).toContain('run "spoke"... pass');
    expect(output).toContain('run "hub_and_spoke"... pass');
    expect(output).toContain('run "custom_service"... pass');
    expect(output).toContain('run "custom_service_corrects_a_catalog_entry"... pass');
    expect(output).toContain('run "hub_profile"... pass');
    expect(output).toContain('run "hub_zone_association"... pass');
    expect(output).toContain('run "zone_association_with_a_short_organization_id_is_refused"... pass');
    expect(output).toContain('run "zone_association_with_a_malformed_vpc_is_refused"... pass');
  });

  it("the spoke-profile and spoke-zone-association modules associate per mechanism and refuse bad VPC ids", async () => {
    // GIVEN each module on its own, with the hub output of its mechanism WHEN `terraform test` runs THEN
    // every run passes: the associations and their keys, and each refusal the run expects
    const output = await testFiles(exampleFiles(), EXAMPLE_DIR, [SPOKE_MODULES_SUITE]);
    expect(output).toMatch(/Success! \d+ passed, 0 failed\./);
    for (const run of [
      "spoke_profile",
      "spoke_zone_association",
      "spoke_profile_malformed_vpc_id_is_refused",
      "spoke_profile_vpc_listed_twice_is_refused",
      "spoke_zone_association_malformed_vpc_id_is_refused",
    ]) {
      expect(output).toContain(`run "${run}"... pass`);
    }
  });

  it("the hub-region module refuses what the configuration refuses", async () => {
    // GIVEN inputs the configuration would refuse WHEN planned THEN each run sees the refusal it expects
    // (a run with expect_failures passes only when that failure comes), and the opt-in is accepted
    const output = await testFiles(exampleFiles(), EXAMPLE_DIR, [VALIDATIONS_SUITE]);
    expect(output).toMatch(/Success! \d+ passed, 0 failed\./);
    for (const run of [
      "short_organization_id_is_refused",
      "account_ids_without_organization_id_are_refused",
      "account_ids_with_organization_id",
      "share_with_of_another_organization_is_refused",
      "share_with_of_two_organizations_is_refused",
      "any_network_is_refused",
      "any_network_with_a_reason",
      "any_network_reason_too_short_is_refused",
      "inbound_ip_outside_organization_cidrs_is_refused",
      "inbound_ips_fewer_than_subnets_are_refused",
      "malformed_subnet_id_is_refused",
      "service_not_offered_in_the_region_is_refused",
      "service_not_offered_but_declared_in_custom_services",
      "custom_service_with_a_malformed_name_is_refused",
      "custom_service_without_names_is_refused",
      "custom_service_enclosing_an_aws_dns_suffix_is_refused",
      "custom_service_at_a_region_apex_is_refused",
      "custom_service_with_the_zone_of_a_catalog_service_is_refused",
      "custom_service_enclosing_a_shared_zone_is_refused",
    ]) {
      expect(output).toContain(`run "${run}"... pass`);
    }
  });
});
