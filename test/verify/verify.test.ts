/**
 * The verifier's DNS model on synthesized stacks: the example resolves everywhere, and each way of breaking
 * a synthesized output (in-memory JSON) fails at the hop that broke, with the stack, address and reason.
 */
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";
import { stacksFromJson } from "../../src/verify/read-stacks";
import { Failure, namesToResolve, verifyStacks, VerifyReport } from "../../src/verify/verify";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { instancesOf } from "../support/instances";
import { sampleConfig } from "../support/sample-config";
import { synthesizeStacks } from "../support/synthesize-stacks";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const REPO = path.resolve(__dirname, "..", "..");
const EXAMPLE = loadConfig(path.join(REPO, "config", "example.json"));
const PARIS = "eu-west-3";
const VIRGINIA = "us-east-1";
const HUB_PARIS = hubStackName(PARIS);
const HUB_VIRGINIA = hubStackName(VIRGINIA);
const DATA_PLATFORM = spokeStackName("data-platform");
const PAYMENTS = spokeStackName("payments-prod");
const DATA_PLATFORM_PARIS_VPC = EXAMPLE.spokes["data-platform"].regions[PARIS].vpcIds[1];
const DATA_PLATFORM_VIRGINIA_VPC = EXAMPLE.spokes["data-platform"].regions[VIRGINIA].vpcIds[0];
const PAYMENTS_VPC = EXAMPLE.spokes["payments-prod"].regions[PARIS].vpcIds[0];
const HUB_PARIS_VPC = EXAMPLE.hub.regions[PARIS].vpcId;
const EC2_PARIS = "ec2.eu-west-3.amazonaws.com";
const DKR_PARIS = "dkr.ecr.eu-west-3.amazonaws.com";
const DKR_VIRGINIA = "dkr.ecr.us-east-1.amazonaws.com";

const synthesized = new Map<VpceShareConfig, Record<string, Json>>();

/** The stacks of a configuration, synthesized once, then deep-copied and changed by `corrupt`. */
function verify(
  config: VpceShareConfig,
  corrupt: (stacks: Record<string, Json>) => void = () => {},
): VerifyReport {
  if (!synthesized.has(config)) synthesized.set(config, synthesizeStacks(config));
  const stacks = structuredClone(synthesized.get(config)!);
  corrupt(stacks);
  return verifyStacks(stacksFromJson(stacks));
}

function cell(report: VerifyReport, stack: string, region: string, service: string): string {
  const value = report.rows.find((r) => r.stack === stack && r.region === region)?.cells[service];
  return value === undefined ? "-" : value === null ? "ok" : value.hop;
}

function expectFailure(report: VerifyReport, failure: Failure): void {
  expect(report.failures).toContainEqual(failure);
}

const association = (key: string, vpc: string, domain: string) =>
  `aws_route53_resolver_rule_association.${key}[${JSON.stringify(`${vpc}/${domain}`)}]`;

describe("verify", () => {
  describe("the example configuration", () => {
    it("resolves every shared name from every spoke vpc to its hub endpoint", () => {
      // GIVEN the example's stacks WHEN verified
      const report = verify(EXAMPLE);
      // THEN nothing fails, and every spoke region expects exactly its hub's services
      expect(report.failures).toEqual([]);
      expect(report.rows.map((r) => [r.stack, r.region, r.vpcs.length, Object.keys(r.cells)])).toEqual([
        [DATA_PLATFORM, PARIS, 2, [...EXAMPLE.hub.regions[PARIS].services].sort()],
        [DATA_PLATFORM, VIRGINIA, 1, [...EXAMPLE.hub.regions[VIRGINIA].services].sort()],
        [PAYMENTS, PARIS, 1, [...EXAMPLE.hub.regions[PARIS].services].sort()],
      ]);
      expect(report.rows.every((r) => Object.values(r.cells).every((c) => c === null))).toBe(true);
    });

    it("resolves a concrete host under each wildcard name and the apex", () => {
      // GIVEN private DNS names WHEN turned into names to resolve THEN wildcards give a host and their apex
      expect(namesToResolve("*.dkr.ecr.eu-west-3.amazonaws.com")).toEqual([
        "123456789012.dkr.ecr.eu-west-3.amazonaws.com",
        DKR_PARIS,
      ]);
      expect(namesToResolve("*.s3.us-east-1.amazonaws.com")).toEqual([
        "my-bucket.s3.us-east-1.amazonaws.com",
        "s3.us-east-1.amazonaws.com",
      ]);
      expect(namesToResolve(EC2_PARIS)).toEqual([EC2_PARIS]);
    });

    it("takes well under a second", () => {
      // GIVEN the example's stacks, synthesized WHEN verified
      const stacks = stacksFromJson(synthesizeStacks(EXAMPLE));
      const start = process.hrtime.bigint();
      verifyStacks(stacks);
      // THEN it is fast enough to run before every deploy (a few tens of ms; generous for loaded machines)
      expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
    });
  });

  describe("other shapes that resolve", () => {
    const terraformCloud: VpceShareConfig = {
      ...EXAMPLE,
      terraformCloud: { organization: "acme", workspacePrefix: "vpce-", hostname: "app.terraform.io" },
    };
    const sample = sampleConfig();
    const customService: VpceShareConfig = {
      ...sample,
      hub: {
        ...sample.hub,
        regions: {
          ...sample.hub.regions,
          [PARIS]: {
            ...sample.hub.regions[PARIS],
            services: [...sample.hub.regions[PARIS].services, "billing"],
          },
        },
      },
      customServices: {
        billing: {
          serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
          privateDnsNames: ["billing.{region}.example.internal", "*.billing.{region}.example.internal"],
          endpointPolicy: false,
        },
      },
    };

    it.each([
      ["inbound ips assigned by aws (rules follow the endpoint's ip_address)", sampleConfig()],
      ["terraform cloud workspaces (remote state read from the hub workspaces)", terraformCloud],
      ["a custom service (names from the hub's records)", customService],
    ])("%s", (_, config) => {
      // GIVEN the stacks of the configuration WHEN verified THEN nothing fails
      const report = verify(config);
      expect(report.failures).toEqual([]);
      expect(report.rows.length).toBeGreaterThan(0);
    });

    it("checks a custom service against the names of its hub's records", () => {
      // GIVEN a custom service (unknown to the catalog) WHEN its hub loses the * record, then the apex record
      const withoutWildcard = verify(customService, (stacks) => {
        delete stacks[HUB_PARIS].locals.records["*.billing.eu-west-3.example.internal"];
      });
      const withoutApex = verify(customService, (stacks) => {
        delete stacks[HUB_PARIS].locals.records["billing.eu-west-3.example.internal"];
      });
      // THEN the names come from the records: a missing * record removes the name, the apex is still expected
      expect(cell(withoutWildcard, PAYMENTS, PARIS, "billing")).toBe("ok");
      expect(cell(withoutApex, PAYMENTS, PARIS, "billing")).toBe("record");
    });
  });

  describe("failures", () => {
    it("a wildcard name without its * record: the hosts under it are nxdomain", () => {
      // GIVEN the hub of Paris without the record *.dkr.ecr.eu-west-3.amazonaws.com WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        delete stacks[HUB_PARIS].locals.records[`*.${DKR_PARIS}`];
      });
      // THEN ecr.dkr fails at the record hop for every spoke in Paris, and only ecr.dkr
      expectFailure(report, {
        hop: "record",
        stack: HUB_PARIS,
        address: `aws_route53_zone.this["${DKR_PARIS}"]`,
        reason: `no record answers 123456789012.${DKR_PARIS}: nxdomain, with no fallback to public dns`,
      });
      expect(report.failures).toHaveLength(1);
      expect(cell(report, PAYMENTS, PARIS, "ecr.dkr")).toBe("record");
      expect(cell(report, DATA_PLATFORM, PARIS, "ecr.dkr")).toBe("record");
      expect(cell(report, PAYMENTS, PARIS, "ecr.api")).toBe("ok");
    });

    it("a wildcard name without its apex record: the apex answers no data", () => {
      // GIVEN the hub of Paris without the record dkr.ecr.eu-west-3.amazonaws.com WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        delete stacks[HUB_PARIS].locals.records[DKR_PARIS];
      });
      // THEN the apex fails (the zone apex exists, without an A record), though * answers the hosts below it
      expect(report.failures).toEqual([
        {
          hop: "record",
          stack: HUB_PARIS,
          address: `aws_route53_zone.this["${DKR_PARIS}"]`,
          reason: `no record answers ${DKR_PARIS}: no data, with no fallback to public dns`,
        },
      ]);
    });

    it("a spoke vpc without the association for a rule: the name resolves publicly", () => {
      // GIVEN one vpc of data-platform without its association for ec2 in Paris WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        // (the pairs written out as a literal map, which Terraform accepts as well, without that one)
        const spoke = stacks[DATA_PLATFORM];
        const pairs = instancesOf(spoke, "aws_route53_resolver_rule_association.eu_west_3");
        delete pairs[`${DATA_PLATFORM_PARIS_VPC}/${EC2_PARIS}`];
        spoke.locals.associations_eu_west_3 = pairs;
      });
      // THEN that spoke's ec2 cell fails at the association hop
      expect(report.failures).toEqual([
        {
          hop: "association",
          stack: DATA_PLATFORM,
          address: "aws_route53_resolver_rule_association.eu_west_3",
          reason:
            `${DATA_PLATFORM_PARIS_VPC} has no association for aws_route53_resolver_rule.this["${EC2_PARIS}"]` +
            ` of ${HUB_PARIS}: ${EC2_PARIS} resolves through public dns`,
        },
      ]);
      expect(cell(report, DATA_PLATFORM, PARIS, "ec2")).toBe("association");
      expect(cell(report, PAYMENTS, PARIS, "ec2")).toBe("ok");
    });

    it.each([
      [
        "the remote state reads the other region's hub",
        (spoke: Json, stacks: Record<string, Json>) => {
          spoke.data.terraform_remote_state.hub_eu_west_3.config =
            stacks[HUB_VIRGINIA].terraform.backend.local;
        },
        "hub_eu_west_3",
      ],
      [
        "the rule is looked up in the other region's hub",
        (spoke: Json) => {
          const resource = spoke.resource.aws_route53_resolver_rule_association.eu_west_3;
          resource.resolver_rule_id = resource.resolver_rule_id.replace("hub_eu_west_3", "hub_us_east_1");
        },
        "hub_us_east_1",
      ],
    ])("an association to a rule of another region: %s", (_, corrupt, remoteState) => {
      // GIVEN data-platform's Paris associations following a rule of the us-east-1 hub WHEN verified
      const report = verify(EXAMPLE, (stacks) => corrupt(stacks[DATA_PLATFORM], stacks));
      // THEN each of them fails at the region hop; the us-east-1 associations still resolve
      expectFailure(report, {
        hop: "region",
        stack: DATA_PLATFORM,
        address: association("eu_west_3", DATA_PLATFORM_PARIS_VPC, EC2_PARIS),
        reason:
          `reads its rule from ${HUB_VIRGINIA} (${VIRGINIA}) through data.terraform_remote_state.${remoteState}` +
          ` but associates it in ${PARIS}: a resolver rule can only be associated in its own region`,
      });
      expect(cell(report, DATA_PLATFORM, PARIS, "ec2")).toBe("region");
      expect(cell(report, DATA_PLATFORM, VIRGINIA, "ec2")).toBe("ok");
    });

    it("a forward rule associated with the hub vpc that holds its inbound endpoint: a loop", () => {
      // GIVEN payments-prod's associations made with the hub vpc of Paris WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        stacks[PAYMENTS].locals.vpc_ids_eu_west_3 = [HUB_PARIS_VPC];
      });
      // THEN every service of that spoke fails at the loop hop (AWS refuses with RSLVR-00804)
      expectFailure(report, {
        hop: "loop",
        stack: PAYMENTS,
        address: association("eu_west_3", HUB_PARIS_VPC, EC2_PARIS),
        reason:
          `associates aws_route53_resolver_rule.this["${EC2_PARIS}"] of ${HUB_PARIS} with ${HUB_PARIS_VPC},` +
          " the vpc of its target inbound endpoint aws_route53_resolver_endpoint.inbound:" +
          " a dns loop that aws refuses (RSLVR-00804)",
      });
      const row = report.rows.find((r) => r.stack === PAYMENTS)!;
      expect(row.vpcs).toEqual([HUB_PARIS_VPC]);
      expect(new Set(Object.values(row.cells).map((c) => c?.hop))).toEqual(new Set(["loop"]));
    });

    it.each([
      [
        "an ip that is not the inbound endpoint's",
        1,
        { ip: "10.10.9.9", port: 53 },
        "10.10.1.10:53, 10.10.9.9:53",
      ],
      ["another port", 0, { ip: "10.10.1.10", port: 5353 }, "10.10.1.10:5353, 10.10.2.10:53"],
    ])("rule targets with %s", (_, index, target, forwards) => {
      // GIVEN the Paris hub's rules forwarding to another target WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        stacks[HUB_PARIS].resource.aws_route53_resolver_rule.this.target_ip[index] = target;
      });
      // THEN every rule fails at the targets hop
      expectFailure(report, {
        hop: "targets",
        stack: HUB_PARIS,
        address: `aws_route53_resolver_rule.this["${EC2_PARIS}"]`,
        reason:
          `forwards to ${forwards}, not to the ips of the inbound endpoint aws_route53_resolver_endpoint.inbound` +
          " (10.10.1.10:53, 10.10.2.10:53)",
      });
      expect(cell(report, PAYMENTS, PARIS, "sts")).toBe("targets");
    });

    it("an inbound endpoint in fewer than 2 subnets", () => {
      // GIVEN the Paris hub's inbound endpoint with both ips in one subnet WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        const addresses = stacks[HUB_PARIS].resource.aws_route53_resolver_endpoint.inbound.ip_address;
        addresses[1].subnet_id = addresses[0].subnet_id;
      });
      // THEN it fails at the inbound hop
      expect(report.failures).toEqual([
        {
          hop: "inbound",
          stack: HUB_PARIS,
          address: "aws_route53_resolver_endpoint.inbound",
          reason:
            "has its ips in 1 subnet(s); route 53 resolver needs at least 2, in distinct availability zones",
        },
      ]);
    });

    it("a service shared in one region, expected by a spoke in a region whose hub lacks it: not shared", () => {
      // GIVEN data-platform associating ecr.dkr's domain in us-east-1, whose hub does not share ecr.dkr
      const report = verify(EXAMPLE, (stacks) => {
        stacks[DATA_PLATFORM].locals.domains_us_east_1.push(DKR_VIRGINIA);
      });
      // WHEN verified THEN that cell reads "not shared", and nothing else breaks
      expect(report.failures).toEqual([
        {
          hop: "not shared",
          stack: DATA_PLATFORM,
          address: association("us_east_1", DATA_PLATFORM_VIRGINIA_VPC, DKR_VIRGINIA),
          reason:
            `ecr.dkr is not shared in ${VIRGINIA}: data.terraform_remote_state.hub_us_east_1.outputs` +
            `.resolver_rule_ids has no key ["${DKR_VIRGINIA}"]`,
        },
      ]);
      expect(cell(report, DATA_PLATFORM, VIRGINIA, "ecr.dkr")).toBe("not shared");
      expect(cell(report, DATA_PLATFORM, PARIS, "ecr.dkr")).toBe("ok");
    });

    it.each<[string, (hub: Json) => void, Failure]>([
      [
        "a rule that does not forward",
        (hub) => {
          hub.resource.aws_route53_resolver_rule.this.rule_type = "SYSTEM";
        },
        {
          hop: "rule",
          stack: HUB_PARIS,
          address: `aws_route53_resolver_rule.this["${EC2_PARIS}"]`,
          reason: "rule_type is SYSTEM, not FORWARD: it does not forward to the hub",
        },
      ],
      [
        "rules in no ram share",
        (hub) => {
          delete hub.resource.aws_ram_resource_association;
        },
        {
          hop: "share",
          stack: HUB_PARIS,
          address: `aws_route53_resolver_rule.this["${EC2_PARIS}"]`,
          reason: "is in no ram resource share: spoke accounts cannot associate it",
        },
      ],
      [
        "zones associated with another vpc than the inbound endpoint's",
        (hub) => {
          hub.resource.aws_route53_zone.this.vpc = [{ vpc_id: "vpc-0ffffffffffffffff" }];
        },
        {
          hop: "zone",
          stack: HUB_PARIS,
          address: "aws_route53_zone.this",
          reason:
            `no private hosted zone associated with ${HUB_PARIS_VPC} contains ${EC2_PARIS}:` +
            " the inbound endpoint answers it from public dns",
        },
      ],
      [
        "a record that aliases another service's endpoint",
        (hub) => {
          hub.locals.records[EC2_PARIS].service = "sts";
        },
        {
          hop: "alias",
          stack: HUB_PARIS,
          address: `aws_route53_record.this["${EC2_PARIS}"]`,
          reason: `answers ${EC2_PARIS} with aws_vpc_endpoint.this["sts"], not the endpoint of ec2`,
        },
      ],
      [
        "endpoints that keep their private dns",
        (hub) => {
          hub.resource.aws_vpc_endpoint.this.private_dns_enabled = true;
        },
        {
          hop: "endpoint",
          stack: HUB_PARIS,
          address: 'aws_vpc_endpoint.this["ec2"]',
          reason:
            "keeps private dns enabled beside the private hosted zone of its names (ConflictingDomainExists)",
        },
      ],
    ])("%s", (_, corrupt, failure) => {
      // GIVEN the Paris hub broken at one hop WHEN verified
      const report = verify(EXAMPLE, (stacks) => corrupt(stacks[HUB_PARIS]));
      // THEN ec2 fails at that hop, with the stack, address and reason
      expectFailure(report, failure);
      expect(cell(report, PAYMENTS, PARIS, "ec2")).toBe(failure.hop);
    });
  });

  describe("what the model does not cover fails, never passes", () => {
    it.each<[string, (stacks: Record<string, Json>) => void, Failure]>([
      [
        "a resource type it does not model",
        (stacks) => {
          stacks[HUB_PARIS].resource.aws_route53_zone_association = {
            extra: { zone_id: "Z1", vpc_id: "vpc-1" },
          };
        },
        {
          hop: "unsupported",
          stack: HUB_PARIS,
          address: "aws_route53_zone_association.extra",
          reason: "resource type aws_route53_zone_association is not modeled by the verifier",
        },
      ],
      [
        "an expression shape it does not understand",
        (stacks) => {
          stacks[HUB_PARIS].resource.aws_route53_record.this.alias.name =
            "${lookup(aws_vpc_endpoint.this, each.value.service).dns_entry[0].dns_name}";
        },
        {
          hop: "unsupported",
          stack: HUB_PARIS,
          address: `aws_route53_record.this["${EC2_PARIS}"]`,
          reason:
            'unsupported expression "${lookup(aws_vpc_endpoint.this, each.value.service).dns_entry[0].dns_name}":' +
            " function call lookup(...) is not modeled",
        },
      ],
      [
        "a backend it cannot map to a hub stack",
        (stacks) => {
          stacks[PAYMENTS].data.terraform_remote_state.hub_eu_west_3 = {
            backend: "s3",
            config: { bucket: "state", key: "hub-eu-west-3" },
          };
        },
        {
          hop: "unsupported",
          stack: PAYMENTS,
          address: "data.terraform_remote_state.hub_eu_west_3",
          reason: "backend s3 is not modeled (local, remote and cloud are)",
        },
      ],
      [
        "remote state defaults for an output the hub does not write (the model reads declared outputs only)",
        (stacks) => {
          stacks[PAYMENTS].data.terraform_remote_state.hub_eu_west_3.defaults = { endpoint_arns: {} };
        },
        {
          hop: "unsupported",
          stack: PAYMENTS,
          address: "data.terraform_remote_state.hub_eu_west_3",
          reason: "defaults.endpoint_arns: hub-eu-west-3 has no such output, and defaults are not modeled",
        },
      ],
      [
        "a remote state that no stack writes",
        (stacks) => {
          stacks[PAYMENTS].data.terraform_remote_state.hub_eu_west_3.config.path =
            "../../../elsewhere.tfstate";
        },
        {
          hop: "association",
          stack: PAYMENTS,
          address: "data.terraform_remote_state.hub_eu_west_3",
          reason: "reads the local state ../../../elsewhere.tfstate, which no stack of this output writes",
        },
      ],
    ])("%s", (_, corrupt, failure) => {
      // GIVEN a construct outside the model WHEN verified THEN it is a failure
      const report = verify(EXAMPLE, corrupt);
      expect(report.failures).toContainEqual(failure);
    });

    it("a hub that breaks the output contract", () => {
      // GIVEN the Paris hub publishing rule arns as resolver_rule_ids WHEN verified
      const report = verify(EXAMPLE, (stacks) => {
        stacks[HUB_PARIS].output.resolver_rule_ids.value =
          "${{ for domain, rule in aws_route53_resolver_rule.this : domain => rule.arn }}";
      });
      // THEN the output and every association through it fail
      expectFailure(report, {
        hop: "stack",
        stack: HUB_PARIS,
        address: "output.resolver_rule_ids",
        reason: "is not the id of every forward rule by its domain",
      });
      expectFailure(report, {
        hop: "association",
        stack: PAYMENTS,
        address: association("eu_west_3", PAYMENTS_VPC, EC2_PARIS),
        reason: `resolver_rule_id is aws_route53_resolver_rule.this["${EC2_PARIS}"].arn, not the id of a resolver rule`,
      });
    });
  });
});
