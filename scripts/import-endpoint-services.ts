/**
 * Rebuilds modules/service-catalog/services.json from `aws ec2 describe-vpc-endpoint-services` output.
 *
 *   aws ec2 describe-vpc-endpoint-services --region eu-west-3 --query ServiceDetails > eu-west-3.json
 *   npx ts-node --swc scripts/import-endpoint-services.ts eu-west-3.json us-east-1.json ...
 *
 * Each file must be named after its region. Names are stored with `{region}` in place of the region;
 * the names common to every snapshot that has the service are the default, and a region whose snapshot
 * has more (or other) names gets its own list. Review the diff before committing.
 */
import * as fs from "fs";
import * as path from "path";
import {
  CATALOG_PATH,
  CatalogEntry,
  serviceNameTemplateToShortName,
} from "../modules/service-catalog/service-catalog";

interface ServiceDetail {
  readonly ServiceName: string;
  readonly Owner: string;
  readonly ServiceType: ReadonlyArray<{ ServiceType: string }>;
  readonly PrivateDnsNames?: ReadonlyArray<{ PrivateDnsName: string }>;
  readonly VpcEndpointPolicySupported: boolean;
}

interface Sighting {
  readonly region: string;
  readonly serviceName: string;
  readonly names: string[];
  readonly endpointPolicy: boolean;
}

export function buildCatalog(
  snapshots: Readonly<Record<string, readonly ServiceDetail[]>>,
): Record<string, CatalogEntry> {
  const sightings = new Map<string, Sighting[]>();
  for (const [region, details] of Object.entries(snapshots)) {
    for (const detail of details) {
      if (detail.Owner !== "amazon" || !detail.ServiceType.some((t) => t.ServiceType === "Interface"))
        continue;
      const serviceName = detail.ServiceName.split(`.${region}.`).join(".{region}.");
      const shortName = serviceNameTemplateToShortName(serviceName);
      const names = (detail.PrivateDnsNames ?? [])
        .map((n) => n.PrivateDnsName.split(region).join("{region}"))
        .sort();
      const list = sightings.get(shortName) ?? [];
      list.push({ region, serviceName, names, endpointPolicy: detail.VpcEndpointPolicySupported });
      sightings.set(shortName, list);
    }
  }
  const catalog: Record<string, CatalogEntry> = {};
  for (const shortName of [...sightings.keys()].sort()) {
    const seen = sightings.get(shortName)!;
    const serviceNames = new Set(seen.map((s) => s.serviceName));
    if (serviceNames.size > 1)
      throw new Error(`${shortName}: service names differ between regions: ${[...serviceNames].join(", ")}`);
    const common = seen[0].names.filter((n) => seen.every((s) => s.names.includes(n)));
    const regional: Record<string, string[]> = {};
    for (const s of seen) {
      if (s.names.length !== common.length) regional[s.region] = s.names;
    }
    catalog[shortName] = {
      serviceName: seen[0].serviceName,
      privateDnsNames: common,
      ...(Object.keys(regional).length > 0 ? { regionalPrivateDnsNames: regional } : {}),
      endpointPolicy: seen.every((s) => s.endpointPolicy),
    };
  }
  return catalog;
}

function main(files: string[]): void {
  if (files.length === 0) {
    console.error("usage: import-endpoint-services <region>.json [<region>.json ...]");
    process.exit(2);
  }
  const snapshots: Record<string, ServiceDetail[]> = {};
  for (const file of files) {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    snapshots[path.basename(file, ".json")] = Array.isArray(parsed) ? parsed : parsed.ServiceDetails;
  }
  const catalog = buildCatalog(snapshots);
  fs.writeFileSync(CATALOG_PATH, JSON.stringify(catalog, null, 2) + "\n");
  console.log(
    `wrote ${Object.keys(catalog).length} services to ${path.relative(process.cwd(), CATALOG_PATH)}`,
  );
}

if (require.main === module) main(process.argv.slice(2));
