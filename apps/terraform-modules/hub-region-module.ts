/**
 * The `hub-region` Terraform module: the HubRegion construct with its inputs taken from variables, so
 * HCL users call it with `module "hub" { source = ".../hub-region" ... }` and their own provider.
 */
import { Construct } from "constructs";
import { TerraformStack, TerraformVariableConfig, Token } from "cdktf";
import { HubRegion, ServicesFromCatalog } from "../../modules/hub-region/hub-region";
import { shareableCatalogNames } from "../../modules/hub-region/service-maps";
import { AWS_LIMITS } from "../../modules/aws-limits";
import { moduleSettings, moduleVariable } from "./module-settings";

const { min, max } = AWS_LIMITS.resolverEndpointIps;

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
          condition: '${can(regex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$", var.vpc_id))}',
          errorMessage: 'vpc_id must look like "vpc-0a1b2c3d4e5f67890".',
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
            "services may only name regional services of the catalog that have private DNS names (see modules/service-catalog/services.json in vpce-share).",
        },
      ],
    });
    const organizationCidrs = variable("organization_cidrs", {
      type: "list(string)",
      description:
        "IPv4 CIDRs of every network that may use the shared endpoints (443) and resolver (53 tcp/udp).",
      validation: [
        {
          condition:
            '${length(var.organization_cidrs) > 0 && alltrue([for c in var.organization_cidrs : can(cidrnetmask(c)) && cidrhost(c, 0) == split("/", c)[0]])}',
          errorMessage: 'organization_cidrs must list IPv4 networks without host bits, e.g. "10.0.0.0/8".',
        },
      ],
    });
    const shareWith = variable("share_with", {
      type: "list(string)",
      description:
        "Principals that receive the resolver rules through RAM: the organization ARN, OU ARNs or account ids.",
      validation: [
        {
          condition:
            '${length(var.share_with) > 0 && alltrue([for p in var.share_with : can(regex("^(arn:aws[a-z-]*:organizations::[0-9]{12}:(organization|ou)/o-[a-z0-9]+(/ou-[a-z0-9]+-[a-z0-9]+)?|[0-9]{12})$", p))])}',
          errorMessage: "share_with must list the organization ARN, OU ARNs or 12-digit account ids.",
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
          condition: `\${var.inbound_resolver_ips == null ? true : length(var.inbound_resolver_ips) >= ${min} && length(var.inbound_resolver_ips) <= ${max} && alltrue([for ip in var.inbound_resolver_ips : can(cidrhost("\${ip}/32", 0))])}`,
          errorMessage: `inbound_resolver_ips must be null or ${min} to ${max} IPv4 addresses, one per subnet.`,
        },
      ],
    });
    inboundResolverIps.addOverride("default", null); // cdktf cannot write a null default itself
    const organizationId = variable("organization_id", {
      type: "string",
      nullable: true,
      description:
        "Organization (o-...) whose principals alone may use the endpoints (aws:PrincipalOrgID). Default: the organization id in share_with (an organization or OU ARN); without one, no endpoint policies.",
      validation: [
        {
          condition:
            '${var.organization_id == null ? true : can(regex("^o-[a-z0-9]{10,32}$", var.organization_id))}',
          errorMessage: 'organization_id must look like "o-a1b2c3d4e5".',
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
    const tags = variable("tags", {
      type: "map(string)",
      default: {},
      description: "Tags for every taggable resource.",
    });

    const hub = new HubRegion(this, "Hub", {
      vpcId: vpcId.stringValue,
      subnetIds: subnetIds.listValue,
      services: new ServicesFromCatalog(services.listValue),
      organizationCidrs: organizationCidrs.listValue,
      shareWith: shareWith.listValue,
      inboundResolverIps: inboundResolverIps.listValue,
      tags: Token.asStringMap(tags.value),
      organizationId:
        '${var.organization_id != null ? var.organization_id : try(regex("o-[a-z0-9]{10,32}", join(" ", var.share_with)), null)}',
      endpointPolicies: Token.asStringMap(endpointPolicies.value),
    });
    hub.addContractOutputs();
  }
}
