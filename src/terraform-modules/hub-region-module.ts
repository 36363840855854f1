/**
 * The `hub-region` Terraform module: the HubRegion construct with its inputs taken from variables, so
 * HCL users call it with `module "hub" { source = ".../hub-region" ... }` and their own provider.
 */
import { Construct, TerraformResource, TerraformStack, TerraformVariableConfig, Token } from "../framework";
import {
  IPV4,
  IPV4_CIDR,
  ORGANIZATION_ARN_SHAPE,
  ORGANIZATION_ID,
  ORGANIZATION_ID_IN_ARN,
  ORGANIZATION_ID_SHAPE,
  SHARE_TARGET,
  SUBNET_ID,
  SUPPRESSION_REASON_MIN_LENGTH,
  VPC_ID,
} from "../config/formats";
import { HubRegion, ServicesFromCatalog } from "../constructs/hub-region/hub-region";
import { shareableCatalogNames } from "../constructs/hub-region/service-maps";
import { AWS_LIMITS } from "../catalog/aws-limits";
import { hclString, matches, moduleSettings, moduleVariable } from "./module-settings";

const { min, max } = AWS_LIMITS.resolverEndpointIps;
const ANY_NETWORK = "0.0.0.0/0";

/** The organization id in an organization or OU ARN (`regex` returns the capture group's list). */
function organizationIdIn(value: string): string {
  return `regex(${hclString(ORGANIZATION_ID_IN_ARN.source)}, ${value})[0]`;
}

export class HubRegionModule extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    moduleSettings(this);

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
      description: `${min} to ${max} subnets of the hub VPC in distinct availability zones: one endpoint ENI and one resolver IP in each.`,
      validation: [
        {
          condition: `\${length(var.subnet_ids) >= ${min} && length(var.subnet_ids) <= ${max} && length(distinct(var.subnet_ids)) == length(var.subnet_ids)}`,
          errorMessage: `subnet_ids must list ${min} to ${max} distinct subnets (Route 53 Resolver endpoints take ${min} to ${max} IPs).`,
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
          condition: `\${alltrue([for s in var.services : contains(${JSON.stringify(shareable)}, s)])}`,
          errorMessage:
            "services may only name regional services of the catalog that have private DNS names (see src/catalog/services.json in vpce-share).",
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
    const shareWith = variable("share_with", {
      type: "list(string)",
      description:
        "Principals that receive the resolver rules through RAM: the organization ARN, OU ARNs or account ids.",
      validation: [
        {
          condition: `\${length(var.share_with) > 0 && alltrue([for p in var.share_with : ${matches(SHARE_TARGET, "p")}])}`,
          errorMessage: `share_with must list the organization ARN (${ORGANIZATION_ARN_SHAPE}), OU ARNs (".../ou/o-<id>/ou-<root id>-<ou id>") or 12-digit account ids.`,
        },
        {
          condition: "${length(distinct(var.share_with)) == length(var.share_with)}",
          errorMessage: "share_with must list each principal once (RAM shares the rules once per principal).",
        },
      ],
    });
    const inboundResolverIps = variable("inbound_resolver_ips", {
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
    inboundResolverIps.addOverride("default", null); // cdktf cannot write a null default itself
    const organizationId = variable("organization_id", {
      type: "string",
      nullable: true,
      description:
        "Organization (o-...) whose principals alone may use the endpoints (aws:PrincipalOrgID). Default: the organization id in share_with (an organization or OU ARN); required when share_with lists only account ids.",
      validation: [
        {
          condition: `\${var.organization_id == null ? true : ${matches(ORGANIZATION_ID, "var.organization_id")}}`,
          errorMessage: `organization_id must be ${ORGANIZATION_ID_SHAPE}, e.g. "o-a1b2c3d4e5".`,
        },
      ],
    });
    organizationId.addOverride("default", null);
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
      services: new ServicesFromCatalog(services.listValue, {
        organizationId: `\${var.organization_id != null ? var.organization_id : try(${organizationIdIn('join(" ", var.share_with)')}, null)}`,
        overrides: Token.asStringMap(endpointPolicies.value),
      }),
      organizationCidrs: organizationCidrs.listValue,
      shareWith: shareWith.listValue,
      inboundResolverIps: inboundResolverIps.listValue,
      tags: Token.asStringMap(tags.value),
    });
    hub.addContractOutputs();

    // What the configuration refuses across values, which variable validations cannot see together
    // (Terraform < 1.9): preconditions on the resources they protect.
    const resource = (id: string) => hub.node.findChild(id) as TerraformResource;
    precondition(resource("EndpointSecurityGroup"), {
      condition: "${local.organization_id != null}",
      errorMessage:
        'share_with lists only account ids, so no endpoint policy could name the organization: set organization_id ("o-...") so that only its principals may use the endpoints.',
    });
    precondition(resource("RuleSharePrincipals"), {
      condition: `\${!startswith(each.key, "arn:") || try(${organizationIdIn("each.key")} == local.organization_id, false)}`,
      errorMessage:
        "every organization or OU ARN in share_with must belong to one organization: organization_id, or else the first one share_with names.",
    });
    precondition(resource("EndpointHttpsIngress"), {
      condition: `\${each.key != "${ANY_NETWORK}" || var.any_network_reason != null}`,
      errorMessage: `organization_cidrs includes ${ANY_NETWORK}, which admits anyone who can route to the hub: list the organization's networks, or say why in any_network_reason.`,
    });
    precondition(resource("InboundEndpoint"), {
      condition:
        '${var.inbound_resolver_ips == null ? true : length(var.inbound_resolver_ips) == length(var.subnet_ids) && alltrue([for ip in var.inbound_resolver_ips : anytrue([for c in var.organization_cidrs : try(cidrhost(c, 0) == cidrhost("${ip}/${split("/", c)[1]}", 0), false)])])}',
      errorMessage:
        "inbound_resolver_ips must hold one IP per subnet (the i-th in the i-th subnet), each inside organization_cidrs (the security groups admit only those networks).",
    });
  }
}

/** A lifecycle precondition: Terraform refuses to plan the resource (each instance) when it is false. */
function precondition(resource: TerraformResource, check: { condition: string; errorMessage: string }): void {
  resource.addOverride("lifecycle.precondition", [
    { condition: check.condition, error_message: check.errorMessage },
  ]);
}
