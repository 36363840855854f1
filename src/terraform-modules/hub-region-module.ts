/**
 * The `hub-region` Terraform modules: the HubRegion construct with its inputs taken from variables, so
 * HCL users call it with `module "hub" { source = ".../hub-region" ... }` and their own provider. One
 * module per sharing mechanism (the mechanism decides which resources exist, so it is the module's
 * source rather than a variable): `hub-region` (resolver rules), `hub-region-profile` (a Profile of
 * the zones), `hub-region-profile-endpoints` (a Profile of the endpoints) and
 * `hub-region-zone-association`. The same block name keeps the endpoints' and zones' addresses when
 * the source changes.
 */
import { Construct, TerraformResource, TerraformStack, TerraformVariableConfig, Token } from "../framework";
import {
  CUSTOM_SERVICE_NAME,
  IPV4,
  IPV4_CIDR,
  ORGANIZATION_ARN_SHAPE,
  ORGANIZATION_ID,
  ORGANIZATION_ID_IN_ARN,
  ORGANIZATION_ID_SHAPE,
  PRIVATE_DNS_NAME,
  SERVICE_NAME,
  SHARE_TARGET,
  SUBNET_ID,
  SUPPRESSION_REASON_MIN_LENGTH,
  VPC_ID,
} from "../config/formats";
import { HubRegion, ServicesFromCatalog } from "../constructs/hub-region/hub-region";
import {
  HubSharing,
  hubBuilds,
  hubHostsZones,
  PROFILE_ENDPOINTS_PROVIDER_VERSION,
} from "../topology/sharing-mechanism";
import { shareableCatalogNames } from "../constructs/hub-region/service-maps";
import { AWS_LIMITS } from "../catalog/aws-limits";
import { AWS_DNS_SUFFIXES, REGION_PATTERN } from "../catalog/partitions";
import { hclString, matches, moduleSettings, moduleVariable } from "./module-settings";

const { min, max } = AWS_LIMITS.resolverEndpointIps;
const ANY_NETWORK = "0.0.0.0/0";

/** The organization id in an organization or OU ARN (`regex` returns the capture group's list). */
function organizationIdIn(value: string): string {
  return `regex(${hclString(ORGANIZATION_ID_IN_ARN.source)}, ${value})[0]`;
}

/** The hub modules, by name: what each shares and how. */
export const HUB_REGION_MODULES: Readonly<Record<string, HubSharing>> = {
  "hub-region": { mechanism: "resolver-rules" },
  "hub-region-profile": { mechanism: "profile", profileContents: "zones" },
  "hub-region-profile-endpoints": { mechanism: "profile", profileContents: "endpoints" },
  "hub-region-zone-association": { mechanism: "zone-association" },
};

export class HubRegionModule extends TerraformStack {
  constructor(scope: Construct, id: string, sharing: HubSharing = HUB_REGION_MODULES["hub-region"]) {
    super(scope, id);
    moduleSettings(this);
    if (sharing.profileContents === "endpoints") {
      this.addOverride("terraform.required_providers.aws.version", PROFILE_ENDPOINTS_PROVIDER_VERSION);
    }
    const rules = hubBuilds(sharing, "resolver-rules");
    const shared = rules || hubBuilds(sharing, "profile");
    const zoneAssociation = hubBuilds(sharing, "zone-association");

    const variable = (name: string, config: TerraformVariableConfig) => moduleVariable(this, name, config);
    const vpcId = variable("vpc_id", {
      type: "string",
      description:
        "The hub VPC that holds the endpoints, the private hosted zones and the resolver endpoints.",
      validation: [
        {
          condition: `\${${matches(VPC_ID, "var.vpc_id")}}`,
          errorMessage: 'vpc_id must be "vpc-" and 8 or 17 hex digits, e.g. "vpc-0a1b2c3d4e5f67890".',
        },
      ],
    });
    const subnetIds = variable("subnet_ids", {
      type: "list(string)",
      description: rules
        ? `${min} to ${max} subnets of the hub VPC in distinct availability zones: one endpoint ENI and one resolver IP in each.`
        : `${min} to ${max} subnets of the hub VPC in distinct availability zones: one endpoint ENI in each.`,
      validation: [
        {
          condition: `\${length(var.subnet_ids) >= ${min} && length(var.subnet_ids) <= ${max} && length(distinct(var.subnet_ids)) == length(var.subnet_ids)}`,
          errorMessage: rules
            ? `subnet_ids must list ${min} to ${max} distinct subnets (Route 53 Resolver endpoints take ${min} to ${max} IPs).`
            : `subnet_ids must list ${min} to ${max} distinct subnets (as the configuration's subnetIds).`,
        },
        {
          condition: `\${alltrue([for s in var.subnet_ids : ${matches(SUBNET_ID, "s")}])}`,
          errorMessage:
            'subnet_ids must be "subnet-" and 8 or 17 hex digits each, e.g. "subnet-0a1b2c3d4e5f60001".',
        },
      ],
    });
    const shareable = shareableCatalogNames();
    const services = variable("services", {
      type: "list(string)",
      description:
        'Short names of the services to share, as AWS writes them after the region in the endpoint service name ("ec2", "ecr.dkr", "kinesis-firehose"). The service catalog travels with the module.',
      validation: [
        {
          condition: "${length(var.services) > 0 && length(distinct(var.services)) == length(var.services)}",
          errorMessage: "services must list at least one service, each once.",
        },
        {
          condition: `\${alltrue([for s in var.services : contains(${JSON.stringify(shareable)}, s) || contains(keys(var.custom_services), s)])}`,
          errorMessage:
            "services may only name regional services of the catalog that have private DNS names (see src/catalog/services.json in vpce-share), or services declared in custom_services.",
        },
      ],
    });
    // The configuration's customServices: what it refuses of one definition, in variable validations
    // (with `{region}` standing for a region); what depends on the region, in preconditions below.
    const dnsSuffixes = AWS_DNS_SUFFIXES.map((suffix) => suffix.replace(/\./g, "\\."));
    const customZones =
      '[for name, custom in var.custom_services : [for dns_name in custom.private_dns_names : trimprefix(replace(dns_name, "{region}", "ap-southeast-5"), "*.")]]';
    const customServices = variable("custom_services", {
      type: "map(object({ service_name = string, private_dns_names = list(string), endpoint_policy = optional(bool, true) }))",
      default: {},
      description:
        'Services the catalog lacks, or knows wrongly (a name of the catalog replaces its entry), as the configuration\'s customServices: short name -> { service_name, private_dns_names, endpoint_policy (default true) }; "{region}" stands for the provider\'s region, e.g. { "acme-api" = { service_name = "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0", private_dns_names = ["api.acme.example.com"] } }. Name them in services to share them.',
      validation: [
        {
          condition: `\${alltrue([for name in keys(var.custom_services) : ${matches(SERVICE_NAME, "name")}])}`,
          errorMessage:
            'custom_services keys must be short service names: lowercase letters, digits, "." and "-", starting with a letter or digit, e.g. "acme-api".',
        },
        {
          condition: `\${alltrue([for custom in values(var.custom_services) : custom.service_name != "" && ${matches(CUSTOM_SERVICE_NAME, "custom.service_name")}])}`,
          errorMessage:
            'custom_services service_name must be an endpoint service name: letters, digits, "." and "-", with "{region}" for the region, e.g. "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0".',
        },
        {
          condition: `\${alltrue([for custom in values(var.custom_services) : length(custom.private_dns_names) > 0 && length(distinct(custom.private_dns_names)) == length(custom.private_dns_names) && alltrue([for dns_name in custom.private_dns_names : ${matches(PRIVATE_DNS_NAME, 'replace(dns_name, "{region}", "ap-southeast-5")')}])])}`,
          errorMessage:
            'custom_services private_dns_names must list at least one DNS name, each once: lowercase dot-separated labels, an optional "*." in front, "{region}" for the region, e.g. "api.acme.example.com".',
        },
        {
          condition: `\${!anytrue(flatten([for zones in ${customZones} : [for zone in zones : anytrue([for suffix in ${JSON.stringify(AWS_DNS_SUFFIXES)} : zone == suffix || endswith(suffix, ".\${zone}")])]]))}`,
          errorMessage: `custom_services private_dns_names must be the service's own names: a zone that is or encloses an AWS DNS suffix (${AWS_DNS_SUFFIXES.join(", ")}) holds every AWS API name, and its forward rule would send them all from every spoke VPC to the hub.`,
        },
        {
          condition: `\${!anytrue(flatten([for zones in ${customZones} : [for zone in zones : ${matches(new RegExp(`^[^.]+\\.(?:.*\\.)?(?:${dnsSuffixes.join("|")})$`), "zone")} && ${matches(REGION_PATTERN, 'split(".", zone)[0]')}]]))}`,
          errorMessage:
            'custom_services private_dns_names must be the service\'s own names: a region\'s apex under an AWS DNS suffix ("{region}.amazonaws.com", "{region}.vpce.amazonaws.com") holds every AWS service name of the region.',
        },
      ],
    });
    const organizationCidrs = variable("organization_cidrs", {
      type: "list(string)",
      description: `IPv4 CIDRs of every network that may use the shared endpoints (443) and resolver (53 tcp/udp). ${ANY_NETWORK} only with any_network_reason.`,
      validation: [
        {
          condition: `\${length(var.organization_cidrs) > 0 && alltrue([for c in var.organization_cidrs : ${matches(IPV4_CIDR, "c")} && try(cidrhost(c, 0) == split("/", c)[0], false)])}`,
          errorMessage: 'organization_cidrs must list IPv4 networks without host bits, e.g. "10.0.0.0/8".',
        },
        {
          condition: "${length(distinct(var.organization_cidrs)) == length(var.organization_cidrs)}",
          errorMessage: "organization_cidrs must list each network once.",
        },
      ],
    });
    const shareWith = !shared
      ? undefined
      : variable("share_with", {
          type: "list(string)",
          description: rules
            ? "Principals that receive the resolver rules through RAM: the organization ARN, OU ARNs or account ids."
            : "Principals that receive the Route 53 Profile through RAM: the organization ARN, OU ARNs or account ids.",
          validation: [
            {
              condition: `\${length(var.share_with) > 0 && alltrue([for p in var.share_with : ${matches(SHARE_TARGET, "p")}])}`,
              errorMessage: `share_with must list the organization ARN (${ORGANIZATION_ARN_SHAPE}), OU ARNs (".../ou/o-<id>/ou-<root id>-<ou id>") or 12-digit account ids.`,
            },
            {
              condition: "${length(distinct(var.share_with)) == length(var.share_with)}",
              errorMessage: `share_with must list each principal once (RAM shares the ${rules ? "rules" : "Profile"} once per principal).`,
            },
          ],
        });
    const inboundResolverIps = !rules
      ? undefined
      : variable("inbound_resolver_ips", {
          type: "list(string)",
          nullable: true,
          description:
            "Pinned inbound resolver IPs, the i-th in the i-th subnet (AWS assigns new random IPs when an endpoint is re-created). Default: AWS picks them.",
          validation: [
            {
              condition: `\${var.inbound_resolver_ips == null ? true : length(var.inbound_resolver_ips) >= ${min} && length(var.inbound_resolver_ips) <= ${max} && length(distinct(var.inbound_resolver_ips)) == length(var.inbound_resolver_ips) && alltrue([for ip in var.inbound_resolver_ips : ${matches(IPV4, "ip")}])}`,
              errorMessage: `inbound_resolver_ips must be null or ${min} to ${max} distinct IPv4 addresses (no leading zeros), one per subnet.`,
            },
          ],
        });
    inboundResolverIps?.addOverride("default", null); // cdktf cannot write a null default itself
    const organizationId = variable("organization_id", {
      type: "string",
      nullable: shared,
      description: shared
        ? "Organization (o-...) whose principals alone may use the endpoints (aws:PrincipalOrgID). Default: the organization id in share_with (an organization or OU ARN); required when share_with lists only account ids."
        : "Organization (o-...) whose principals alone may use the endpoints (aws:PrincipalOrgID).",
      validation: [
        {
          condition: `\${var.organization_id == null ? true : ${matches(ORGANIZATION_ID, "var.organization_id")}}`,
          errorMessage: `organization_id must be ${ORGANIZATION_ID_SHAPE}, e.g. "o-a1b2c3d4e5".`,
        },
      ],
    });
    if (shared) organizationId.addOverride("default", null);
    const spokeVpcIds = !zoneAssociation
      ? undefined
      : variable("spoke_vpc_ids", {
          type: "list(string)",
          default: [],
          description:
            "The spoke VPCs of this region (any account) that may associate the hub's private hosted zones: each zone authorizes each. Default: none yet.",
          validation: [
            {
              condition: `\${length(distinct(var.spoke_vpc_ids)) == length(var.spoke_vpc_ids) && alltrue([for v in var.spoke_vpc_ids : ${matches(VPC_ID, "v")}])}`,
              errorMessage:
                'spoke_vpc_ids must list each VPC once, each "vpc-" and 8 or 17 hex digits, e.g. "vpc-0a1b2c3d4e5f67890".',
            },
          ],
        });
    const endpointPolicies = variable("endpoint_policies", {
      type: "map(string)",
      default: {},
      description:
        "IAM policy documents (JSON) that replace the organization-only endpoint policy, keyed by service short name, for services that need more.",
      validation: [
        {
          condition: "${alltrue([for p in values(var.endpoint_policies) : can(jsondecode(p))])}",
          errorMessage: "endpoint_policies must map service names to JSON policy documents.",
        },
      ],
    });
    const anyNetworkReason = variable("any_network_reason", {
      type: "string",
      nullable: true,
      description: `Why organization_cidrs may include ${ANY_NETWORK}, which admits anyone who can route to the hub (${SUPPRESSION_REASON_MIN_LENGTH} characters at least): the module's counterpart of a VPCE-SG-1 suppression. Default: ${ANY_NETWORK} is refused.`,
      validation: [
        {
          condition: `\${var.any_network_reason == null ? true : length(trimspace(var.any_network_reason)) >= ${SUPPRESSION_REASON_MIN_LENGTH}}`,
          errorMessage: `any_network_reason must be null or say why ${ANY_NETWORK} is acceptable, in ${SUPPRESSION_REASON_MIN_LENGTH} characters at least.`,
        },
      ],
    });
    anyNetworkReason.addOverride("default", null);
    const tags = variable("tags", {
      type: "map(string)",
      default: {},
      description: "Tags for every taggable resource.",
    });

    const hub = new HubRegion(this, "Hub", {
      vpcId: vpcId.stringValue,
      subnetIds: subnetIds.listValue,
      services: new ServicesFromCatalog(
        services.listValue,
        {
          organizationId: shared
            ? `\${var.organization_id != null ? var.organization_id : try(${organizationIdIn('join(" ", var.share_with)')}, null)}`
            : "${var.organization_id}",
          overrides: Token.asStringMap(endpointPolicies.value),
        },
        customServices.value,
      ),
      organizationCidrs: organizationCidrs.listValue,
      shareWith: shareWith ? shareWith.listValue : [],
      inboundResolverIps: inboundResolverIps?.listValue,
      tags: Token.asStringMap(tags.value),
      sharing,
      authorizedVpcIds: spokeVpcIds?.listValue,
    });
    hub.addContractOutputs();

    // What the configuration refuses across values, which variable validations cannot see together
    // (Terraform < 1.9): preconditions on the resources they protect.
    const resource = (id: string) => hub.node.findChild(id) as TerraformResource;
    if (shared) {
      precondition(resource("EndpointSecurityGroup"), {
        condition: "${local.organization_id != null}",
        errorMessage:
          'share_with lists only account ids, so no endpoint policy could name the organization: set organization_id ("o-...") so that only its principals may use the endpoints.',
      });
      precondition(resource(rules ? "RuleSharePrincipals" : "ProfileSharePrincipals"), {
        condition: `\${!startswith(each.key, "arn:") || try(${organizationIdIn("each.key")} == local.organization_id, false)}`,
        errorMessage:
          "every organization or OU ARN in share_with must belong to one organization: organization_id, or else the first one share_with names.",
      });
    }
    precondition(resource("EndpointHttpsIngress"), {
      condition: `\${each.key != "${ANY_NETWORK}" || var.any_network_reason != null}`,
      errorMessage: `organization_cidrs includes ${ANY_NETWORK}, which admits anyone who can route to the hub: list the organization's networks, or say why in any_network_reason.`,
    });
    precondition(resource("Endpoints"), {
      condition:
        "${contains(keys(local.custom_services), each.key) || !contains(lookup(local.service_unavailable_in, each.key, []), local.region)}",
      errorMessage:
        "${each.key} is not offered in ${local.region}: the catalog's describe-vpc-endpoint-services snapshot of ${local.region} does not list it. If AWS offers it there now, refresh the catalog (npm run catalog:import in vpce-share) or declare it in custom_services.",
    });
    // A custom service's zone must be its own name: neither the zone of another service (the catalog's
    // services of the region, shared or not, and the services shared here) nor an ancestor of one.
    const capturedZones =
      '[for z in concat(local.catalog_zones, [for domain, zone in local.zones : { service = zone.service, domain = domain }]) : "${z.domain} (${z.service})" if z.service != each.value.service && (z.domain == each.key || endswith(z.domain, ".${each.key}"))]';
    if (hubHostsZones(sharing)) {
      precondition(resource("Zones"), {
        condition: `\${!contains(keys(local.custom_services), each.value.service) || length(${capturedZones}) == 0}`,
        errorMessage: `the private hosted zone \${each.key} of custom service \${each.value.service} is or encloses the zone of another service: \${join(", ", distinct(${capturedZones}))}. Its forward rule sends every name under it from every spoke VPC to the hub; declare the service's own name, or name the custom service as the catalog does to correct that entry.`,
      });
    }
    if (rules) {
      precondition(resource("InboundEndpoint"), {
        condition:
          '${var.inbound_resolver_ips == null ? true : length(var.inbound_resolver_ips) == length(var.subnet_ids) && alltrue([for ip in var.inbound_resolver_ips : anytrue([for c in var.organization_cidrs : try(cidrhost(c, 0) == cidrhost("${ip}/${split("/", c)[1]}", 0), false)])])}',
        errorMessage:
          "inbound_resolver_ips must hold one IP per subnet (the i-th in the i-th subnet), each inside organization_cidrs (the security groups admit only those networks).",
      });
    }
  }
}

/** A lifecycle precondition: Terraform refuses to plan the resource (each instance) when it is false. */
function precondition(resource: TerraformResource, check: { condition: string; errorMessage: string }): void {
  resource.addOverride("lifecycle.precondition", [
    { condition: check.condition, error_message: check.errorMessage },
  ]);
}
