import { TerraformStack, Testing } from "../../src/framework";
import { AwsProvider } from "../../src/framework/aws";
import { HubRegion, HubRegionError, HubRegionProps } from "../../src/constructs/hub-region/hub-region";
import { resolveService } from "../../src/catalog/service-catalog";
import { resolverRuleName, sharedServices } from "../../src/topology/topology";
import { ORG_ARN } from "../support/sample-config";

const REGION = "eu-west-3";
const OU = "arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cdef3456";

/** Props, with services given by short name and shared as the topology shares them. */
type TestProps = Partial<Omit<HubRegionProps, "services">> & {
  readonly services?: readonly string[];
  readonly organizationId?: string;
  readonly endpointPolicies?: Readonly<Record<string, string>>;
};

function props(overrides: TestProps = {}): HubRegionProps {
  const { services = ["ec2", "ecr.dkr"], organizationId, endpointPolicies, ...rest } = overrides;
  return {
    vpcId: "vpc-0a1b2c3d4e5f67890",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    inboundResolverIps: ["10.10.1.10", "10.10.2.10"],
    organizationCidrs: ["10.0.0.0/8", "172.16.0.0/12"],
    shareWith: [ORG_ARN, OU],
    tags: { owner: "network-team" },
    ...rest,
    services: sharedServices(
      services.map((s) => resolveService(s, REGION)),
      organizationId,
      endpointPolicies,
    ),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthHub(overrides: TestProps = {}): Json {
  const stack = new TerraformStack(Testing.app(), "hub-test");
  new AwsProvider(stack, "aws", { region: REGION });
  new HubRegion(stack, "Hub", props(overrides));
  return JSON.parse(Testing.synth(stack));
}

describe("HubRegion", () => {
  describe("endpoints", () => {
    it("creates one interface endpoint per service, keyed by short name, private DNS disabled", () => {
      // GIVEN two services WHEN synthesized
      const json = synthHub();
      // THEN one for_each resource over local.endpoints keyed by short name
      expect(json.locals.endpoints).toEqual({
        ec2: { service_name: "com.amazonaws.eu-west-3.ec2", policy: null },
        "ecr.dkr": { service_name: "com.amazonaws.eu-west-3.ecr.dkr", policy: null },
      });
      const endpoint = json.resource.aws_vpc_endpoint.this;
      expect(endpoint).toMatchObject({
        for_each: "${local.endpoints}",
        service_name: "${each.value.service_name}",
        vpc_endpoint_type: "Interface",
        private_dns_enabled: false,
        vpc_id: "vpc-0a1b2c3d4e5f67890",
        subnet_ids: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
        security_group_ids: ["${aws_security_group.endpoints.id}"],
      });
    });

    it("admits only principals of the organization, on services that accept endpoint policies", () => {
      // GIVEN the organization id and a service that refuses endpoint policies (eks)
      const json = synthHub({
        organizationId: "o-a1b2c3d4e5",
        services: ["ec2", "eks"],
      });
      // THEN ec2 gets the organization-only policy and eks none
      expect(JSON.parse(json.locals.endpoints.ec2.policy)).toEqual({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "OrganizationPrincipalsOnly",
            Effect: "Allow",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
          },
        ],
      });
      expect(json.locals.endpoints.eks.policy).toBeNull();
      expect(json.resource.aws_vpc_endpoint.this.policy).toBe("${each.value.policy}");
    });

    it("uses a per-service policy override instead of the organization-only policy", () => {
      const override = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "ec2:Describe*", Resource: "*" }],
      });
      const json = synthHub({ organizationId: "o-a1b2c3d4e5", endpointPolicies: { ec2: override } });
      expect(json.locals.endpoints.ec2.policy).toBe(override);
      expect(json.locals.endpoints["ecr.dkr"].policy).toContain('"aws:PrincipalOrgID":"o-a1b2c3d4e5"');
    });

    it("GIVEN an override with IAM policy variables WHEN synthesized THEN they are escaped so Terraform keeps them literal", () => {
      const override = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: "*",
            Action: "s3:*",
            Resource: "arn:aws:s3:::b/${aws:username}/%{x}",
          },
        ],
      });
      const json = synthHub({ organizationId: "o-a1b2c3d4e5", endpointPolicies: { ec2: override } });
      expect(json.locals.endpoints.ec2.policy).toContain("arn:aws:s3:::b/$${aws:username}/%%{x}");
      expect(json.locals.endpoints.ec2.policy).not.toMatch(/[^$]\$\{|[^%]%\{/);
    });

    it("admits HTTPS only, from each organization CIDR, keyed by CIDR", () => {
      const json = synthHub();
      expect(json.resource.aws_vpc_security_group_ingress_rule.endpoints_https).toMatchObject({
        for_each: { "10.0.0.0/8": "10.0.0.0/8", "172.16.0.0/12": "172.16.0.0/12" },
        cidr_ipv4: "${each.key}",
        ip_protocol: "tcp",
        from_port: 443,
        to_port: 443,
        security_group_id: "${aws_security_group.endpoints.id}",
      });
      expect(json.resource.aws_vpc_security_group_egress_rule).not.toHaveProperty("endpoints_https");
      // AND no rule for other ports when no shared service listens on one
      expect(json.resource.aws_vpc_security_group_ingress_rule).not.toHaveProperty("endpoints_ports");
    });

    it("admits each shared service's own ports besides 443, one rule per CIDR and port", () => {
      // GIVEN services that listen on SMTP, SSH and CQL ports
      const json = synthHub({
        services: ["ec2", "email-smtp", "git-codecommit", "transfer.server", "cassandra"],
      });
      // THEN HTTPS keeps its rules, and every other port gets a rule per CIDR keyed "<cidr> tcp/<port>"
      const rules = json.resource.aws_vpc_security_group_ingress_rule;
      expect(rules.endpoints_https.for_each).toEqual({
        "10.0.0.0/8": "10.0.0.0/8",
        "172.16.0.0/12": "172.16.0.0/12",
      });
      const ports = [22, 25, 465, 587, 2587, 9142];
      expect(Object.keys(rules.endpoints_ports.for_each).sort()).toEqual(
        ["10.0.0.0/8", "172.16.0.0/12"].flatMap((cidr) => ports.map((p) => `${cidr} tcp/${p}`)).sort(),
      );
      expect(rules.endpoints_ports.for_each["10.0.0.0/8 tcp/2587"]).toEqual({
        cidr: "10.0.0.0/8",
        port: 2587,
      });
      expect(rules.endpoints_ports).toMatchObject({
        cidr_ipv4: "${each.value.cidr}",
        ip_protocol: "tcp",
        from_port: "${each.value.port}",
        to_port: "${each.value.port}",
        security_group_id: "${aws_security_group.endpoints.id}",
      });
    });

    it("adding a service with another port adds rules and keeps every existing key", () => {
      // GIVEN a hub sharing git-codecommit (22) WHEN email-smtp joins
      const keys = (services: string[]) =>
        Object.keys(
          synthHub({ services }).resource.aws_vpc_security_group_ingress_rule.endpoints_ports.for_each,
        );
      const before = keys(["git-codecommit"]);
      const after = keys(["email-smtp", "git-codecommit"]);
      // THEN the port 22 rules keep their keys
      expect(after).toEqual(expect.arrayContaining(before));
      expect(after.length).toBe(before.length + 8);
    });
  });

  describe("private hosted zones and records", () => {
    it("creates a zone per private DNS name (wildcards without '*.'), associated with the hub VPC", () => {
      const json = synthHub();
      expect(Object.keys(json.locals.zones)).toEqual([
        "dkr.ecr.eu-west-3.amazonaws.com",
        "ec2.eu-west-3.amazonaws.com",
      ]);
      expect(json.resource.aws_route53_zone.this).toMatchObject({
        for_each: "${local.zones}",
        name: "${each.key}",
        vpc: [{ vpc_id: "vpc-0a1b2c3d4e5f67890" }],
      });
    });

    it("creates apex and '*' alias records for wildcard names, pointing at dns_entry[0] of the service's endpoint", () => {
      const json = synthHub();
      expect(json.locals.records).toEqual({
        "dkr.ecr.eu-west-3.amazonaws.com": { zone: "dkr.ecr.eu-west-3.amazonaws.com", service: "ecr.dkr" },
        "*.dkr.ecr.eu-west-3.amazonaws.com": { zone: "dkr.ecr.eu-west-3.amazonaws.com", service: "ecr.dkr" },
        "ec2.eu-west-3.amazonaws.com": { zone: "ec2.eu-west-3.amazonaws.com", service: "ec2" },
      });
      expect(json.resource.aws_route53_record.this).toMatchObject({
        for_each: "${local.records}",
        name: "${each.key}",
        type: "A",
        zone_id: "${aws_route53_zone.this[each.value.zone].zone_id}",
        alias: {
          name: "${aws_vpc_endpoint.this[each.value.service].dns_entry[0].dns_name}",
          zone_id: "${aws_vpc_endpoint.this[each.value.service].dns_entry[0].hosted_zone_id}",
        },
      });
    });
  });

  describe("resolver", () => {
    it("pins the inbound IPs, the i-th in the i-th subnet; the outbound endpoint uses every subnet", () => {
      const json = synthHub();
      const endpoints = json.resource.aws_route53_resolver_endpoint;
      expect(endpoints.inbound).toMatchObject({
        direction: "INBOUND",
        ip_address: [
          { subnet_id: "subnet-0a1b2c3d4e5f60001", ip: "10.10.1.10" },
          { subnet_id: "subnet-0a1b2c3d4e5f60002", ip: "10.10.2.10" },
        ],
        security_group_ids: ["${aws_security_group.resolver.id}"],
      });
      expect(endpoints.outbound).toMatchObject({
        direction: "OUTBOUND",
        ip_address: [{ subnet_id: "subnet-0a1b2c3d4e5f60001" }, { subnet_id: "subnet-0a1b2c3d4e5f60002" }],
      });
    });

    it("admits DNS over tcp and udp from each organization CIDR", () => {
      const json = synthHub();
      for (const protocol of ["tcp", "udp"]) {
        for (const direction of ["ingress", "egress"]) {
          expect(
            json.resource[`aws_vpc_security_group_${direction}_rule`][`resolver_dns_${protocol}`],
          ).toMatchObject({
            for_each: { "10.0.0.0/8": "10.0.0.0/8", "172.16.0.0/12": "172.16.0.0/12" },
            ip_protocol: protocol,
            from_port: 53,
            to_port: 53,
            security_group_id: "${aws_security_group.resolver.id}",
          });
        }
      }
    });

    it("creates one FORWARD rule per zone through the outbound endpoint to the pinned inbound IPs", () => {
      const json = synthHub();
      expect(json.resource.aws_route53_resolver_rule.this).toMatchObject({
        for_each: "${local.zones}",
        domain_name: "${each.key}",
        name: "${each.value.rule_name}",
        rule_type: "FORWARD",
        resolver_endpoint_id: "${aws_route53_resolver_endpoint.outbound.id}",
        target_ip: [
          { ip: "10.10.1.10", port: 53 },
          { ip: "10.10.2.10", port: 53 },
        ],
      });
      expect(json.locals.zones["ec2.eu-west-3.amazonaws.com"].rule_name).toBe(
        "vpce-share-ec2-eu-west-3-amazonaws-com",
      );
    });

    it("follows the endpoint's addresses when the inbound IPs are not pinned", () => {
      // GIVEN no pinned IPs WHEN synthesized THEN the rules target whatever IPs the inbound endpoint gets
      const json = synthHub({ inboundResolverIps: undefined });
      const rule = json.resource.aws_route53_resolver_rule.this;
      expect(rule.target_ip).toBeUndefined();
      expect(rule.dynamic.target_ip).toEqual({
        for_each: "${aws_route53_resolver_endpoint.inbound.ip_address}",
        content: { ip: "${target_ip.value.ip}", port: 53 },
      });
      expect(json.resource.aws_route53_resolver_endpoint.inbound.ip_address).toEqual([
        { subnet_id: "subnet-0a1b2c3d4e5f60001" },
        { subnet_id: "subnet-0a1b2c3d4e5f60002" },
      ]);
    });

    it("names rules without dots and within 64 characters", () => {
      expect(
        resolverRuleName("vpce-share", "featurestore-runtime.sagemaker.ap-southeast-1.amazonaws.com"),
      ).toBe("vpce-share-featurestore-runtime-sagemaker-ap-southeast-1-amazona");
    });
  });

  describe("query logging", () => {
    it("is off unless a destination is given", () => {
      expect(synthHub().resource.aws_route53_resolver_query_log_config).toBeUndefined();
    });

    it("logs the hub VPC's queries (every spoke query passes its inbound endpoint) to the destination", () => {
      const destination = "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries";
      const json = synthHub({ queryLogDestinationArn: destination });
      expect(json.resource.aws_route53_resolver_query_log_config.hub).toMatchObject({
        destination_arn: destination,
        name: "vpce-share-queries",
      });
      expect(json.resource.aws_route53_resolver_query_log_config_association.hub).toEqual(
        expect.objectContaining({
          resolver_query_log_config_id: "${aws_route53_resolver_query_log_config.hub.id}",
          resource_id: "vpc-0a1b2c3d4e5f67890",
        }),
      );
    });
  });

  describe("RAM share", () => {
    it("shares every rule with every principal and never with external principals", () => {
      const json = synthHub();
      expect(json.resource.aws_ram_resource_share.rules.allow_external_principals).toBe(false);
      expect(json.resource.aws_ram_resource_association.rules).toMatchObject({
        for_each: "${local.zones}",
        resource_arn: "${aws_route53_resolver_rule.this[each.key].arn}",
        resource_share_arn: "${aws_ram_resource_share.rules.arn}",
      });
      expect(json.resource.aws_ram_principal_association.rules).toMatchObject({
        for_each: { [ORG_ARN]: ORG_ARN, [OU]: OU },
        principal: "${each.key}",
      });
    });
  });

  it("tags every taggable resource with the configured tags", () => {
    const json = synthHub();
    const untaggable = new Set([
      "aws_route53_record",
      "aws_ram_resource_association",
      "aws_ram_principal_association",
    ]);
    let checked = 0;
    for (const [type, byName] of Object.entries<Record<string, Json>>(json.resource)) {
      if (untaggable.has(type)) continue;
      for (const [name, resource] of Object.entries<Json>(byName)) {
        expect({ address: `${type}.${name}`, owner: resource.tags?.owner }).toEqual({
          address: `${type}.${name}`,
          owner: "network-team",
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it("keeps every other item's entries when a service is added or the list is reordered", () => {
    // GIVEN a hub WHEN a service is added and the list reversed THEN the original keys and values remain
    const before = synthHub();
    const after = synthHub({ services: ["sts", "ecr.dkr", "ec2"] });
    for (const local of ["endpoints", "zones", "records"]) {
      expect(after.locals[local]).toMatchObject(before.locals[local]);
    }
    expect(Object.keys(after.locals.endpoints).sort()).toEqual(["ec2", "ecr.dkr", "sts"]);
  });

  describe("validation", () => {
    it.each([
      [
        { subnetIds: ["subnet-0a1b2c3d4e5f60001"] },
        /subnetIds has 1 subnet\(s\); resolver endpoints need 2 to 6/,
      ],
      [
        {
          subnetIds: Array.from({ length: 7 }, (_, i) => `subnet-0a1b2c3d4e5f6000${i}`),
          inboundResolverIps: undefined,
        },
        /subnetIds has 7 subnet\(s\)/,
      ],
      [{ inboundResolverIps: ["10.10.1.10"] }, /inboundResolverIps has 1 IP\(s\) for 2 subnet\(s\)/],
      [{ services: [] }, /services is empty/],
      [{ organizationCidrs: [] }, /organizationCidrs is empty/],
      [{ shareWith: [] }, /shareWith is empty/],
    ])("refuses %j", (overrides, message) => {
      expect(() => synthHub(overrides)).toThrow(HubRegionError);
      expect(() => synthHub(overrides)).toThrow(message);
    });

    it("refuses a second hub region in the same stack (addresses would collide)", () => {
      const stack = new TerraformStack(Testing.app(), "hub-test");
      new HubRegion(stack, "Hub", props());
      expect(() => new HubRegion(stack, "Hub2", props())).toThrow(/already has a hub region/);
    });
  });
});
