/**
 * The service catalog: short service name -> endpoint service name and private DNS names, per region
 * and partition. The data lives in services.json (built from `describe-vpc-endpoint-services` snapshots
 * by scripts/import-endpoint-services.ts); this file only reads it.
 */
import * as path from "path";
import catalogData from "./services.json";
import { inPartition, partitionOfRegion } from "./partitions";

export const CATALOG_PATH = path.join(__dirname, "services.json");

export interface CatalogEntry {
  /** `com.amazonaws.{region}.ec2`; no `{region}` means a global service. */
  readonly serviceName: string;
  /** Private DNS names in the `aws` partition, `{region}` for the region, `*.` for wildcards. */
  readonly privateDnsNames: readonly string[];
  /** Regions whose names differ from `privateDnsNames` (seen in that region's snapshot). */
  readonly regionalPrivateDnsNames?: Readonly<Record<string, readonly string[]>>;
  /** Whether the endpoint accepts a VPC endpoint policy. */
  readonly endpointPolicy: boolean;
}

/** A service as one hub region deploys it. */
export interface ResolvedService {
  /** The short name used in the configuration and in Terraform addresses. */
  readonly name: string;
  readonly serviceName: string;
  /** Concrete private DNS names for the region, wildcards kept (`*.dkr.ecr.eu-west-3.amazonaws.com`). */
  readonly privateDnsNames: readonly string[];
  readonly endpointPolicy: boolean;
  readonly source: "catalog" | "custom";
}

/** A service definition from the configuration's `customServices` (same templates as the catalog). */
export interface CustomServiceDefinition {
  readonly serviceName: string;
  readonly privateDnsNames: readonly string[];
  readonly endpointPolicy: boolean;
}

export type ServiceCatalogErrorKind = "unknown" | "no-private-dns" | "global";

export class ServiceCatalogError extends Error {
  constructor(
    readonly kind: ServiceCatalogErrorKind,
    readonly service: string,
    message: string,
  ) {
    super(message);
    this.name = "ServiceCatalogError";
  }
}

export const CATALOG: Readonly<Record<string, CatalogEntry>> = catalogData as Record<string, CatalogEntry>;

/** `com.amazonaws.{region}.ecr.dkr` -> `ecr.dkr`; `aws.sagemaker.{region}.notebook` -> `notebook`. */
export function serviceNameTemplateToShortName(serviceName: string): string {
  const marker = ".{region}.";
  const at = serviceName.indexOf(marker);
  if (at >= 0) return serviceName.slice(at + marker.length);
  return serviceName.replace(/^com\.amazonaws\./, "");
}

export function isGlobalService(entry: CatalogEntry): boolean {
  return !entry.serviceName.includes("{region}");
}

/**
 * Resolves a short service name for a region. Custom definitions win over the catalog, so a
 * configuration can correct an outdated entry. Throws ServiceCatalogError for unknown services,
 * services without private DNS names and global services.
 */
export function resolveService(
  name: string,
  region: string,
  custom: Readonly<Record<string, CustomServiceDefinition>> = {},
): ResolvedService {
  const partition = partitionOfRegion(region);
  const render = (template: string) => template.split("{region}").join(region);
  const customEntry = Object.prototype.hasOwnProperty.call(custom, name) ? custom[name] : undefined;
  if (customEntry) {
    return {
      name,
      serviceName: render(customEntry.serviceName),
      privateDnsNames: customEntry.privateDnsNames.map(render),
      endpointPolicy: customEntry.endpointPolicy,
      source: "custom",
    };
  }
  const entry = Object.prototype.hasOwnProperty.call(CATALOG, name) ? CATALOG[name] : undefined;
  if (!entry) {
    const near = suggestServices(name, [...Object.keys(CATALOG), ...Object.keys(custom)]);
    throw new ServiceCatalogError(
      "unknown",
      name,
      `unknown service ${shown(name)}` +
        (near.length > 0 ? `; did you mean ${near.map((n) => `"${n}"`).join(", ")}?` : "") +
        ` Use the short name after the region in the endpoint service name (com.amazonaws.<region>.ecr.dkr -> "ecr.dkr"), or declare it in customServices.`,
    );
  }
  if (isGlobalService(entry)) {
    throw new ServiceCatalogError(
      "global",
      name,
      `${shown(name)} is a global service (${entry.serviceName}): its names do not carry the region, so one region's rule would capture every region's traffic; declare it in customServices for the one region that should serve it`,
    );
  }
  const names = entry.regionalPrivateDnsNames?.[region] ?? entry.privateDnsNames;
  if (names.length === 0) {
    throw new ServiceCatalogError(
      "no-private-dns",
      name,
      `${shown(name)} has no private DNS name, so there is nothing for spokes to resolve through a shared rule; keep a spoke-local endpoint for it, or declare its names in customServices`,
    );
  }
  return {
    name,
    serviceName: inPartition(render(entry.serviceName), partition, "serviceName"),
    privateDnsNames: names.map((n) => inPartition(render(n), partition, "dns")),
    endpointPolicy: entry.endpointPolicy,
    source: "catalog",
  };
}

/** A name as messages show it: quoted, at most 64 characters, anything but printable ASCII escaped. */
function shown(name: string): string {
  const cut = name.length > SUGGESTION_LIMIT ? `${name.slice(0, SUGGESTION_LIMIT)}...` : name;
  return JSON.stringify(cut).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Longer names are no typo of a service name, and edit distance grows with the square of the length. */
const SUGGESTION_LIMIT = 64;

/** Up to three known names close to `name` (edit distance, or one contains the other). */
export function suggestServices(name: string, known: readonly string[] = Object.keys(CATALOG)): string[] {
  if (name.length > SUGGESTION_LIMIT) return [];
  const wanted = name.toLowerCase();
  const budget = Math.max(2, Math.floor(wanted.length / 3));
  return known
    .map((candidate) => ({ candidate, distance: editDistance(wanted, candidate) }))
    .filter(
      ({ candidate, distance }) => distance <= budget || (wanted.length >= 3 && candidate.includes(wanted)),
    )
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
