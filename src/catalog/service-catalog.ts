/**
 * The service catalog: short service name -> endpoint service name and private DNS names, per region
 * and partition. The data lives in services.json (built from `describe-vpc-endpoint-services` snapshots
 * and documented-services.ts by scripts/import-endpoint-services.ts); this file only reads it.
 */
import * as path from "path";
import catalogData from "./services.json";
import type { RefusedService } from "./documented-services";
import {
  dnsNameInPartition,
  isRegion,
  Partition,
  PARTITIONS,
  partitionOfRegion,
  serviceNameInRegion,
} from "./partitions";

export const CATALOG_PATH = path.join(__dirname, "services.json");

/** The port every interface endpoint listens on (HTTPS); CatalogEntry.ports names the exceptions. */
export const DEFAULT_ENDPOINT_PORTS: readonly number[] = [443];

export interface CatalogEntry {
  /** `com.amazonaws.{region}.ec2`; no `{region}` means a global service. */
  readonly serviceName: string;
  /** Private DNS names in the `aws` partition, `{region}` for the region, `*.` for wildcards. */
  readonly privateDnsNames: readonly string[];
  /** Regions whose names differ from `privateDnsNames` (seen in that region's snapshot, or documented). */
  readonly regionalPrivateDnsNames?: Readonly<Record<string, readonly string[]>>;
  /** Whether the endpoint accepts a VPC endpoint policy. */
  readonly endpointPolicy: boolean;
  /** TCP ports the endpoint listens on. @default DEFAULT_ENDPOINT_PORTS */
  readonly ports?: readonly number[];
  /** Why sharing the service harms the spokes (`{region}` for the region): a warning at synthesis. */
  readonly hazard?: string;
  /**
   * AWS's own buckets (`{region}` for the region) that spokes read through the service's endpoint with
   * no principal of the organization (ECR image layers, Amazon Linux repositories): the default
   * endpoint policy lets anyone read their objects (documented-services.ts).
   */
  readonly awsOwnedBuckets?: readonly string[];
  /** The date of the service's oldest source (snapshot or documented), ISO 8601 at its precision. */
  readonly since: string;
  /** The snapshots that list the service: region -> snapshot date. */
  readonly listedIn?: Readonly<Record<string, string>>;
  /** The documented facts the entry follows: `<date>: <what> (<source>)`. */
  readonly documented?: readonly string[];
}

/** services.json. */
export interface CatalogFile {
  /** The `describe-vpc-endpoint-services` snapshot each region's facts come from: region -> date. */
  readonly snapshots: Readonly<Record<string, string>>;
  readonly services: Readonly<Record<string, CatalogEntry>>;
  /** Services that are known and refused with the reason (global, or names not stated yet). */
  readonly refused: Readonly<Record<string, RefusedService>>;
}

/** A service as one hub region deploys it. */
export interface ResolvedService {
  /** The short name used in the configuration and in Terraform addresses. */
  readonly name: string;
  readonly serviceName: string;
  /** Concrete private DNS names for the region, wildcards kept (`*.dkr.ecr.eu-west-3.amazonaws.com`). */
  readonly privateDnsNames: readonly string[];
  readonly endpointPolicy: boolean;
  /** TCP ports the endpoint listens on. */
  readonly ports: readonly number[];
  /** Why sharing it harms the spokes, for the region (catalog services only). */
  readonly hazard?: string;
  /**
   * Objects of AWS's own buckets that the default endpoint policy lets anyone read
   * (`arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*`), for the region and its partition.
   */
  readonly awsOwnedObjectArns?: readonly string[];
  readonly source: "catalog" | "custom";
}

/** A service definition from the configuration's `customServices` (same templates as the catalog). */
export interface CustomServiceDefinition {
  readonly serviceName: string;
  readonly privateDnsNames: readonly string[];
  readonly endpointPolicy: boolean;
}

export type ServiceCatalogErrorKind =
  "unknown" | "no-private-dns" | "global" | "names-unknown" | "not-in-region";

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

const CATALOG_FILE = catalogData as CatalogFile;
export const CATALOG: Readonly<Record<string, CatalogEntry>> = CATALOG_FILE.services;
/** The snapshot date of each region the catalog has a snapshot of. */
export const CATALOG_SNAPSHOTS: Readonly<Record<string, string>> = CATALOG_FILE.snapshots;
export const REFUSED: Readonly<Record<string, RefusedService>> = CATALOG_FILE.refused;

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
      ports: DEFAULT_ENDPOINT_PORTS,
      source: "custom",
    };
  }
  const entry = Object.prototype.hasOwnProperty.call(CATALOG, name) ? CATALOG[name] : undefined;
  if (!entry) {
    if (Object.prototype.hasOwnProperty.call(REFUSED, name)) throw refusal(name, REFUSED[name]);
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
  if (!offeredIn(entry, region)) {
    const snapshot = CATALOG_SNAPSHOTS[region];
    throw new ServiceCatalogError(
      "not-in-region",
      name,
      `${shown(name)} is not offered in ${region}: the catalog's describe-vpc-endpoint-services snapshot of ${region} (${snapshot}) does not list it; if AWS offers it there now, refresh the catalog (aws ec2 describe-vpc-endpoint-services --region ${region} > ${region}.json, then npm run catalog:import -- ${region}.json) or declare it in customServices`,
    );
  }
  return {
    name,
    serviceName: serviceNameInRegion(render(entry.serviceName), name, region),
    privateDnsNames: names.map((n) => dnsNameInPartition(render(n), partition)),
    endpointPolicy: entry.endpointPolicy,
    ports: entry.ports ?? DEFAULT_ENDPOINT_PORTS,
    ...(entry.hazard !== undefined ? { hazard: render(entry.hazard) } : {}),
    ...(entry.awsOwnedBuckets !== undefined
      ? { awsOwnedObjectArns: entry.awsOwnedBuckets.map((b) => awsOwnedObjectArn(render(b), partition)) }
      : {}),
    source: "catalog",
  };
}

/** Every object of an AWS-owned bucket, as an endpoint policy's Resource names it. */
export function awsOwnedObjectArn(bucket: string, partition: Partition): string {
  return `arn:${partition.name}:s3:::${bucket}/*`;
}

/** `arn:<partition>:s3:::<bucket>/*` of each AWS-owned bucket the catalog names, its region captured. */
const AWS_OWNED_OBJECTS: readonly RegExp[] = [
  ...new Set(Object.values(CATALOG).flatMap((entry) => entry.awsOwnedBuckets ?? [])),
].map((bucket) => {
  const [before, after] = bucket.split("{region}").map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&"));
  return new RegExp(`^arn:(?:${Object.keys(PARTITIONS).join("|")}):s3:::${before}([a-z0-9-]+)${after}/\\*$`);
});

/**
 * Whether an IAM policy statement only lets principals read objects of the AWS-owned buckets the
 * catalog names (`s3:GetObject` on `arn:<partition>:s3:::<bucket>/*` for a region, exact names, no
 * `NotAction`/`NotResource`): such a statement admits nothing of the organization's, whoever it lets in.
 */
export function readsOnlyAwsOwnedBuckets(statement: Readonly<Record<string, unknown>>): boolean {
  if (statement.NotAction !== undefined || statement.NotResource !== undefined) return false;
  const list = (value: unknown) => (typeof value === "string" ? [value] : value);
  const actions = list(statement.Action);
  const resources = list(statement.Resource);
  return (
    Array.isArray(actions) &&
    actions.length > 0 &&
    actions.every((a) => typeof a === "string" && a.toLowerCase() === "s3:getobject") &&
    Array.isArray(resources) &&
    resources.length > 0 &&
    resources.every(
      (r) =>
        typeof r === "string" &&
        AWS_OWNED_OBJECTS.some((pattern) => {
          const region = pattern.exec(r)?.[1];
          return region !== undefined && isRegion(region);
        }),
    )
  );
}

/**
 * Whether a region offers a service: false when the catalog's snapshot of the region does not list it
 * and is at least as new as the service's oldest source (so the snapshot is not merely older than the
 * service); true where no snapshot of the region exists.
 */
export function offeredIn(
  entry: CatalogEntry,
  region: string,
  snapshots: Readonly<Record<string, string>> = CATALOG_SNAPSHOTS,
): boolean {
  const snapshot = Object.prototype.hasOwnProperty.call(snapshots, region) ? snapshots[region] : undefined;
  return snapshot === undefined || entry.listedIn?.[region] !== undefined || snapshot < entry.since;
}

/** The error for a service that is known and cannot be shared. */
function refusal(name: string, refused: RefusedService): ServiceCatalogError {
  if (refused.kind === "global") {
    return new ServiceCatalogError(
      "global",
      name,
      `${shown(name)} is a global service, not shareable this way: ${refused.reason}, so one region's resolver rule would capture every region's traffic to it; keep its access as it is`,
    );
  }
  const serviceName = refused.serviceName ?? `com.amazonaws.{region}.${name}`;
  return new ServiceCatalogError(
    "names-unknown",
    name,
    `${shown(name)} has no private DNS names in the catalog yet: ${refused.reason}. Import a fresh describe (aws ec2 describe-vpc-endpoint-services --region <region> > <region>.json, then npm run catalog:import -- <region>.json), or declare it in customServices with the PrivateDnsNames that describe shows: "customServices": { ${JSON.stringify(name)}: { "serviceName": ${JSON.stringify(serviceName)}, "privateDnsNames": ["<name>.{region}.amazonaws.com"] } }`,
  );
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
