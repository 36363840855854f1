/**
 * The three maps a hub region is keyed by, `local.endpoints` (service -> endpoint service name),
 * `local.zones` (zone domain -> service, rule name) and `local.records` (record name -> zone, service),
 * built one of two ways:
 *
 * - `resolvedServiceMaps`: from services resolved in TypeScript (app stacks, where the configuration is
 *   known): the maps are literal, readable in the synthesized JSON, and checked by fast unit tests.
 * - `catalogServiceMaps`: by Terraform, from a list of short names that is only known at plan time
 *   (the generated HCL modules, whose callers pass `services`): the catalog travels as a local, and
 *   the same derivation is written as Terraform expressions.
 *
 * Both must agree: test/terraform/module-agreement.test.ts plans one configuration both ways and
 * compares every planned resource.
 */
import { Construct, TerraformLocal } from "../../framework";
import { DataAwsPartition, DataAwsRegion } from "../../framework/aws";
import { PARTITIONS, serviceNameInRegion } from "../../catalog/partitions";
import {
  CATALOG,
  CATALOG_SNAPSHOTS,
  CatalogEntry,
  isGlobalService,
  offeredIn,
} from "../../catalog/service-catalog";
import type { HubRegionShare } from "../../topology/topology";
import { RULE_NAME_MAX } from "../../topology/topology";
import { EndpointPolicies, organizationOnlyPolicyExpression } from "./endpoint-policy";

const HTTPS_PORT = 443;

export interface ServiceMaps {
  readonly endpoints: unknown;
  readonly zones: unknown;
  readonly records: unknown;
  /** TCP ports other than 443 that some shared endpoint listens on, as strings, sorted. */
  readonly extraPorts: readonly string[] | string;
  /**
   * service -> { service_name, private_dns_names, endpoint_policy }: what the service-check module
   * compares with AWS's answer, when the services are known only to Terraform.
   */
  readonly serviceChecks?: string;
}

/** The maps of what a hub region shares (src/topology/topology.ts), written out literally. */
export function resolvedServiceMaps(share: HubRegionShare): ServiceMaps {
  const ruleNames = new Map(share.rules.map((r) => [r.domain, r.name]));
  return {
    endpoints: Object.fromEntries(
      share.services.map((s) => [s.name, { service_name: s.serviceName, policy: s.policy }]),
    ),
    // A zone's rule name only where the hub builds resolver rules (the rules follow the zones).
    zones: Object.fromEntries(
      share.zones.map((z) => {
        const ruleName = ruleNames.get(z.domain);
        return [
          z.domain,
          ruleName !== undefined ? { service: z.service, rule_name: ruleName } : { service: z.service },
        ];
      }),
    ),
    records: Object.fromEntries(
      share.zones.flatMap((z) => z.records.map((name) => [name, { zone: z.domain, service: z.service }])),
    ),
    extraPorts: share.extraPorts.map(String),
  };
}

/** Catalog entries that a hub can share: regional, with private DNS names somewhere. */
export function shareableCatalogNames(catalog: Readonly<Record<string, CatalogEntry>> = CATALOG): string[] {
  return Object.keys(catalog)
    .filter((name) => {
      const entry = catalog[name];
      const names = [entry.privateDnsNames, ...Object.values(entry.regionalPrivateDnsNames ?? {})];
      return !isGlobalService(entry) && names.some((n) => n.length > 0);
    })
    .sort();
}

/** The regions whose endpoint service name is not the template's (China, for some services). */
function regionalServiceNames(name: string, entry: CatalogEntry): Record<string, string> {
  const regions = Object.values(PARTITIONS).flatMap((p) => Object.keys(p.serviceNameExceptions));
  return Object.fromEntries(
    regions.flatMap((region) => {
      const plain = entry.serviceName.split("{region}").join(region);
      const named = serviceNameInRegion(plain, name, region);
      return named === plain ? [] : [[region, named]];
    }),
  );
}

/**
 * Terraform derives the maps from `serviceNames` (a list known at plan time), the region and partition
 * of the provider, and the catalog, which it carries as `local.service_catalog`.
 */
export function catalogServiceMaps(
  scope: Construct,
  serviceNames: unknown,
  prefix: string,
  policies: EndpointPolicies = {},
  customServices: unknown = {},
  catalog: Readonly<Record<string, CatalogEntry>> = CATALOG,
): ServiceMaps {
  const region = new DataAwsRegion(scope, "Region");
  region.overrideLogicalId("current");
  const partition = new DataAwsPartition(scope, "Partition");
  partition.overrideLogicalId("current");

  const local = (name: string, value: unknown) =>
    new TerraformLocal(scope, name, value).overrideLogicalId(name);
  local("service_names", serviceNames);
  local("organization_id", policies.organizationId ?? null);
  local("endpoint_policy_overrides", policies.overrides ?? {});
  const shareable = shareableCatalogNames(catalog);
  local(
    "service_catalog",
    Object.fromEntries(
      shareable.map((name) => [
        name,
        {
          service_name: catalog[name].serviceName,
          regional_service_names: regionalServiceNames(name, catalog[name]),
          private_dns_names: catalog[name].privateDnsNames,
          regional_private_dns_names: catalog[name].regionalPrivateDnsNames ?? {},
          endpoint_policy: catalog[name].endpointPolicy,
        },
      ]),
    ),
  );
  // Ports other than 443, only for the services that listen on them.
  local(
    "service_ports",
    Object.fromEntries(
      shareable
        .filter((name) => catalog[name].ports !== undefined)
        .map((name) => [name, catalog[name].ports]),
    ),
  );
  // AWS's own buckets that spokes read through the service with no principal of the organization.
  local(
    "service_aws_owned_buckets",
    Object.fromEntries(
      shareable
        .filter((name) => catalog[name].awsOwnedBuckets !== undefined)
        .map((name) => [name, catalog[name].awsOwnedBuckets]),
    ),
  );
  // The regions whose describe snapshot does not list the service (service-catalog.ts, offeredIn).
  local(
    "service_unavailable_in",
    Object.fromEntries(
      shareable
        .map((name) => [
          name,
          Object.keys(CATALOG_SNAPSHOTS)
            .filter((r) => !offeredIn(catalog[name], r))
            .sort(),
        ])
        .filter(([, regions]) => regions.length > 0),
    ),
  );
  // Services the caller declares (custom_services, the configuration's customServices): they win over
  // the catalog's entry of the same name, take 443 alone and the organization-only policy alone, and
  // their names are used as written ({region} replaced), as the app stacks do (resolveService).
  local("custom_services", customServices);
  local(
    "service_definitions",
    `\${merge(local.service_catalog, { for name, custom in local.custom_services : name => {
    service_name = custom.service_name
    regional_service_names = {}
    private_dns_names = custom.private_dns_names
    regional_private_dns_names = {}
    endpoint_policy = custom.endpoint_policy
  } })}`,
  );
  local(
    "partition_naming",
    Object.fromEntries(
      Object.values(PARTITIONS).map((p) => [
        p.name,
        { suffix_rewrites: p.suffixRewrites.map(([from, to]) => ({ from, to })) },
      ]),
    ),
  );
  // aws_region's `id` is the region name in provider 5.x and 6.x alike.
  local("region", "${data.aws_region.current.id}");
  local("naming", "${local.partition_naming[data.aws_partition.current.partition]}");
  local(
    "resolved_services",
    `\${{ for name in local.service_names : name => {
    service_name = lookup(local.service_definitions[name].regional_service_names, local.region, replace(local.service_definitions[name].service_name, "{region}", local.region))
    private_dns_names = [
      for template in lookup(local.service_definitions[name].regional_private_dns_names, local.region, local.service_definitions[name].private_dns_names) :
      [
        for dns_name in [replace(template, "{region}", local.region)] :
        contains(keys(local.custom_services), name) ? dns_name : concat([for r in local.naming.suffix_rewrites : "\${trimsuffix(dns_name, r.from)}\${r.to}" if endswith(dns_name, r.from)], [dns_name])[0]
      ][0]
    ]
  } }}`,
  );
  local(
    "zone_names",
    `\${flatten([for name, service in local.resolved_services : [
    for dns_name in service.private_dns_names : { service = name, domain = trimprefix(dns_name, "*."), wildcard = startswith(dns_name, "*.") }
  ]])}`,
  );
  local("zone_names_by_domain", "${{ for z in local.zone_names : z.domain => z... }}");
  // The zones of every catalog service the region offers: a custom service's zone must be none of them
  // and enclose none of them (but its own entry's, when it corrects that entry).
  local(
    "catalog_zones",
    `\${flatten([for name, entry in local.service_catalog : [
    for template in lookup(entry.regional_private_dns_names, local.region, entry.private_dns_names) : {
      service = name
      domain = trimprefix([
        for dns_name in [replace(template, "{region}", local.region)] :
        concat([for r in local.naming.suffix_rewrites : "\${trimsuffix(dns_name, r.from)}\${r.to}" if endswith(dns_name, r.from)], [dns_name])[0]
      ][0], "*.")
    }
  ] if !contains(lookup(local.service_unavailable_in, name, []), local.region)])}`,
  );
  return {
    // Services that refuse endpoint policies get none; the others the override, or the organization-only one.
    endpoints: `\${{ for name, service in local.resolved_services : name => {
    service_name = service.service_name
    policy = !local.service_definitions[name].endpoint_policy ? null : lookup(local.endpoint_policy_overrides, name, local.organization_id == null ? null : ${organizationOnlyPolicyExpression("local.organization_id", `[for bucket in contains(keys(local.custom_services), name) ? [] : lookup(local.service_aws_owned_buckets, name, []) : "arn:\${data.aws_partition.current.partition}:s3:::\${replace(bucket, "{region}", local.region)}/*"]`)})
  } }}`,
    // one() fails the plan when two services claim one zone: a region serves each zone once.
    zones: `\${{ for domain, names in local.zone_names_by_domain : domain => {
    service = one(distinct(names[*].service))
    rule_name = substr("${prefix}-\${replace(domain, ".", "-")}", 0, ${RULE_NAME_MAX})
  } }}`,
    serviceChecks: `\${{ for name, service in local.resolved_services : name => {
    service_name = service.service_name
    private_dns_names = service.private_dns_names
    endpoint_policy = local.service_definitions[name].endpoint_policy
  } }}`,
    extraPorts: `\${distinct(flatten([for name in local.service_names : [for port in contains(keys(local.custom_services), name) ? [] : lookup(local.service_ports, name, []) : tostring(port) if port != ${HTTPS_PORT}]]))}`,
    records: `\${merge(
    { for domain, names in local.zone_names_by_domain : domain => { zone = domain, service = names[0].service } },
    { for domain, names in local.zone_names_by_domain : "*.\${domain}" => { zone = domain, service = names[0].service } if anytrue(names[*].wildcard) }
  )}`,
  };
}
