/**
 * `npm run catalog:import`: refreshes src/catalog/services.json from your own
 * `aws ec2 describe-vpc-endpoint-services` output, for any number of regions, and reports what changed.
 *
 *   aws ec2 describe-vpc-endpoint-services --region eu-west-1 > eu-west-1.json
 *   npm run catalog:import -- eu-west-1.json [more.json ...] [--date 2026-12]
 *
 * Each file is what the command prints (or its `ServiceDetails` list); its region is read from the
 * service names. A file replaces the snapshot of its region in the snapshot folder
 * (test/fixtures/endpoint-services/, where the catalog test checks every entry), the other regions'
 * snapshots stay, and the catalog is rebuilt from all of them and the documented facts
 * (src/catalog/documented-services.ts):
 *
 * - names are stored with `{region}`; the names common to every snapshot that lists a service are the
 *   default, and a region whose snapshot lists other names gets its own list;
 * - a documented fact applies in a region unless the region's snapshot is at least as new as the fact;
 * - each entry records the snapshots that list it (region and date) and the facts it follows, so a
 *   region whose snapshot does not list a service refuses it (when the snapshot is at least as new as
 *   the oldest source of the service).
 *
 * Exit codes: 0 imported (or nothing changed), 1 an unusable file (nothing written), 2 bad options.
 */
import * as fs from "fs";
import * as path from "path";
import {
  CATALOG_PATH,
  CatalogEntry,
  CatalogFile,
  offeredIn,
  serviceNameTemplateToShortName,
} from "../src/catalog/service-catalog";
import {
  DOCUMENTED_AWS_OWNED_BUCKETS,
  DOCUMENTED_HAZARDS,
  DOCUMENTED_NAME_CHANGES,
  DOCUMENTED_PORTS,
  DOCUMENTED_SERVICES,
  DocumentedNameChange,
  REFUSED_SERVICES,
} from "../src/catalog/documented-services";
import { isRegion, partitionOfRegion } from "../src/catalog/partitions";
import { CommandDefinition, CommandError, EXIT_BAD_INPUT, runCommand, UsageError } from "../src/cli/command";

export const SNAPSHOT_DIR = path.join(__dirname, "..", "test", "fixtures", "endpoint-services");

export interface ServiceDetail {
  readonly ServiceName: string;
  readonly Owner: string;
  readonly ServiceType: ReadonlyArray<{ ServiceType: string }>;
  readonly PrivateDnsNames?: ReadonlyArray<{ PrivateDnsName: string }>;
  readonly VpcEndpointPolicySupported: boolean;
}

/** One region's describe output and the date it was taken (ISO 8601, "2023-09" or "2026-12-01"). */
export interface Snapshot {
  readonly date: string;
  readonly details: readonly ServiceDetail[];
}

interface Sighting {
  readonly region: string;
  readonly date: string;
  readonly serviceName: string;
  readonly names: readonly string[];
  readonly endpointPolicy: boolean;
}

/** The catalog from the snapshots (region -> snapshot) and the documented facts. */
export function buildCatalog(snapshots: Readonly<Record<string, Snapshot>>): CatalogFile {
  const sightings = new Map<string, Sighting[]>();
  for (const region of Object.keys(snapshots).sort()) {
    const { date, details } = snapshots[region];
    for (const detail of details) {
      if (detail.Owner !== "amazon" || !detail.ServiceType.some((t) => t.ServiceType === "Interface"))
        continue;
      const serviceName = detail.ServiceName.split(`.${region}.`).join(".{region}.");
      const shortName = serviceNameTemplateToShortName(serviceName);
      const names = (detail.PrivateDnsNames ?? []).map((n) =>
        n.PrivateDnsName.split(region).join("{region}"),
      );
      const list = sightings.get(shortName) ?? [];
      list.push({ region, date, serviceName, names, endpointPolicy: detail.VpcEndpointPolicySupported });
      sightings.set(shortName, list);
    }
  }
  const shortNames = [...new Set([...sightings.keys(), ...Object.keys(DOCUMENTED_SERVICES)])].sort();
  const services: Record<string, CatalogEntry> = {};
  for (const shortName of shortNames) {
    services[shortName] = catalogEntry(shortName, sightings.get(shortName) ?? []);
  }
  const refused = Object.fromEntries(
    Object.entries(REFUSED_SERVICES).filter(
      ([name]) => !Object.prototype.hasOwnProperty.call(services, name),
    ),
  );
  const snapshotDates = Object.fromEntries(
    Object.keys(snapshots)
      .sort()
      .map((region) => [region, snapshots[region].date]),
  );
  return { snapshots: snapshotDates, services, refused };
}

function catalogEntry(shortName: string, seen: readonly Sighting[]): CatalogEntry {
  const documented = has(DOCUMENTED_SERVICES, shortName) ? DOCUMENTED_SERVICES[shortName] : undefined;
  const changes = has(DOCUMENTED_NAME_CHANGES, shortName) ? DOCUMENTED_NAME_CHANGES[shortName] : [];
  const applied = new Set<DocumentedNameChange>();
  const apply = (names: readonly string[], region: string | undefined, newerThan: string): string[] => {
    const result = new Set(names);
    for (const change of changes) {
      if (change.date <= newerThan) continue; // the snapshot is AWS's own, newer answer
      if (change.regions && (region === undefined || !change.regions.includes(region))) continue;
      change.add?.forEach((n) => result.add(n));
      change.retire?.forEach((n) => result.delete(n));
      applied.add(change);
    }
    return [...result].sort();
  };

  const serviceNames = new Set(seen.map((s) => s.serviceName));
  if (serviceNames.size > 1)
    throw new ImportError(
      `${shortName}: service names differ between regions: ${[...serviceNames].join(", ")}`,
    );
  const byRegion = new Map(seen.map((s) => [s.region, apply(s.names, s.region, s.date)]));
  const lists = [...byRegion.values()];
  const defaults =
    lists.length > 0
      ? lists[0].filter((n) => lists.every((l) => l.includes(n)))
      : apply(documented?.privateDnsNames ?? [], undefined, "");
  // Facts for one region the snapshots do not cover give that region a list of its own.
  for (const region of new Set(changes.flatMap((c) => c.regions ?? []))) {
    if (!byRegion.has(region)) byRegion.set(region, apply(defaults, region, ""));
  }
  const regional: Record<string, string[]> = {};
  for (const region of [...byRegion.keys()].sort()) {
    const names = byRegion.get(region)!;
    if (names.length !== defaults.length || names.some((n) => !defaults.includes(n)))
      regional[region] = names;
  }

  const dates = [...seen.map((s) => s.date), ...(documented ? [documented.date] : [])].sort();
  const facts = [
    ...(documented ? [`${documented.date}: the service and its names (${documented.source})`] : []),
    ...changes.filter((c) => applied.has(c)).map(describeChange),
    ...(has(DOCUMENTED_PORTS, shortName) ? [`ports (${DOCUMENTED_PORTS[shortName].source})`] : []),
    ...(has(DOCUMENTED_HAZARDS, shortName) ? [`hazard (${DOCUMENTED_HAZARDS[shortName].source})`] : []),
    ...(has(DOCUMENTED_AWS_OWNED_BUCKETS, shortName)
      ? DOCUMENTED_AWS_OWNED_BUCKETS[shortName].map((b) => `AWS-owned bucket ${b.bucket} (${b.source})`)
      : []),
  ];
  return {
    serviceName: seen[0]?.serviceName ?? documented!.serviceName,
    privateDnsNames: defaults,
    ...(Object.keys(regional).length > 0 ? { regionalPrivateDnsNames: regional } : {}),
    endpointPolicy: seen.length > 0 ? seen.every((s) => s.endpointPolicy) : documented!.endpointPolicy,
    ...(has(DOCUMENTED_PORTS, shortName) ? { ports: [...DOCUMENTED_PORTS[shortName].ports] } : {}),
    ...(has(DOCUMENTED_HAZARDS, shortName) ? { hazard: DOCUMENTED_HAZARDS[shortName].hazard } : {}),
    ...(has(DOCUMENTED_AWS_OWNED_BUCKETS, shortName)
      ? { awsOwnedBuckets: DOCUMENTED_AWS_OWNED_BUCKETS[shortName].map((b) => b.bucket) }
      : {}),
    since: dates[0],
    ...(seen.length > 0 ? { listedIn: Object.fromEntries(seen.map((s) => [s.region, s.date])) } : {}),
    ...(facts.length > 0 ? { documented: facts } : {}),
  };
}

function describeChange(change: DocumentedNameChange): string {
  const what = [
    ...(change.add ?? []).map((n) => `+ ${n}`),
    ...(change.retire ?? []).map((n) => `retired ${n}`),
  ].join(", ");
  const where = change.regions ? ` in ${change.regions.join(", ")}` : "";
  return `${change.date}: ${what}${where} (${change.source})`;
}

function has<T>(record: Readonly<Record<string, T>>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

// ---------------------------------------------------------------------------------------------------
// What changed

/** One line per change between two catalogs: services added or removed, names, policy, availability. */
export function catalogChanges(before: CatalogFile, after: CatalogFile): string[] {
  const lines: string[] = [];
  for (const region of Object.keys(after.snapshots)) {
    const was = before.snapshots[region];
    if (was !== after.snapshots[region])
      lines.push(`snapshot ${region}: ${was ?? "none"} -> ${after.snapshots[region]}`);
  }
  const names = [...new Set([...Object.keys(before.services), ...Object.keys(after.services)])].sort();
  for (const name of names) {
    const [old, now] = [before.services[name], after.services[name]];
    if (!old) {
      lines.push(`added ${name}: ${now.serviceName}, ${describeNames(now.privateDnsNames)}`);
      continue;
    }
    if (!now) {
      lines.push(`removed ${name}: no snapshot or documented source lists it any more`);
      continue;
    }
    if (old.serviceName !== now.serviceName)
      lines.push(`changed ${name}: service name ${old.serviceName} -> ${now.serviceName}`);
    const regions = [
      ...new Set([
        ...Object.keys(old.regionalPrivateDnsNames ?? {}),
        ...Object.keys(now.regionalPrivateDnsNames ?? {}),
      ]),
    ].sort();
    for (const region of [undefined, ...regions]) {
      const delta = nameDelta(namesIn(old, region), namesIn(now, region));
      if (delta) lines.push(`changed ${name}: names${region ? ` in ${region}` : ""}: ${delta}`);
    }
    if (old.endpointPolicy !== now.endpointPolicy)
      lines.push(
        `changed ${name}: endpoint policy ${now.endpointPolicy ? "now accepted" : "no longer accepted"}`,
      );
  }
  for (const name of names) {
    const [old, now] = [before.services[name], after.services[name]];
    if (!old || !now) continue;
    for (const region of Object.keys(after.snapshots)) {
      const [offered, wasOffered] = [
        offeredIn(now, region, after.snapshots),
        offeredIn(old, region, before.snapshots),
      ];
      if (offered && !wasOffered) lines.push(`changed ${name}: now offered in ${region}`);
      if (!offered && wasOffered)
        lines.push(
          `changed ${name}: not offered in ${region} (its ${after.snapshots[region]} snapshot does not list it)`,
        );
    }
  }
  return lines;
}

function namesIn(entry: CatalogEntry, region: string | undefined): readonly string[] {
  return (region && entry.regionalPrivateDnsNames?.[region]) || entry.privateDnsNames;
}

function nameDelta(before: readonly string[], after: readonly string[]): string | undefined {
  const parts = [
    ...after.filter((n) => !before.includes(n)).map((n) => `+ ${n}`),
    ...before.filter((n) => !after.includes(n)).map((n) => `- ${n}`),
  ];
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function describeNames(names: readonly string[]): string {
  return names.length > 0 ? names.join(", ") : "no private DNS name";
}

// ---------------------------------------------------------------------------------------------------
// Files

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/** The region of a describe output, from its service names (`com.amazonaws.<region>.<service>`). */
export function regionOfDetails(details: readonly ServiceDetail[], file: string): string {
  const counts = new Map<string, number>();
  for (const detail of details) {
    const region = /^(?:[a-z]+\.)*?(?:com\.amazonaws|aws\.[a-z]+)\.([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(
      detail.ServiceName,
    )?.[1];
    if (region) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  const [region] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!region || !isRegion(region))
    throw new ImportError(
      `${file}: no service name of the form com.amazonaws.<region>.<service>; expected the output of aws ec2 describe-vpc-endpoint-services --region <region>`,
    );
  if (partitionOfRegion(region).name === "aws-cn")
    throw new ImportError(
      `${file}: ${region} is a China region; the catalog stores aws-partition names and derives China's (src/catalog/partitions.ts), so import a describe output of an aws or aws-us-gov region`,
    );
  return region;
}

/** A describe output: `{ "ServiceDetails": [...] }` as the CLI prints it, or the list alone. */
export function readDescribeOutput(file: string): { region: string; details: ServiceDetail[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new ImportError(`${file}: ${(error as Error).message.split("\n")[0]}`);
  }
  const details = Array.isArray(parsed)
    ? parsed
    : (parsed as { ServiceDetails?: unknown } | null)?.ServiceDetails;
  if (!Array.isArray(details) || !details.every(isServiceDetail))
    throw new ImportError(
      `${file}: expected the JSON of aws ec2 describe-vpc-endpoint-services (ServiceDetails, each with ServiceName, Owner, ServiceType, VpcEndpointPolicySupported)`,
    );
  return { region: regionOfDetails(details, file), details };
}

function isServiceDetail(value: unknown): value is ServiceDetail {
  const d = value as ServiceDetail;
  return (
    typeof d === "object" &&
    d !== null &&
    typeof d.ServiceName === "string" &&
    typeof d.Owner === "string" &&
    Array.isArray(d.ServiceType) &&
    typeof d.VpcEndpointPolicySupported === "boolean" &&
    (d.PrivateDnsNames === undefined ||
      (Array.isArray(d.PrivateDnsNames) &&
        d.PrivateDnsNames.every((n) => typeof n?.PrivateDnsName === "string")))
  );
}

/** The snapshots a catalog was built from, read back from the snapshot folder. */
export function readSnapshots(catalog: CatalogFile, dir: string): Record<string, Snapshot> {
  return Object.fromEntries(
    Object.entries(catalog.snapshots).map(([region, date]) => {
      const file = path.join(dir, `${region}.json`);
      if (!fs.existsSync(file))
        throw new ImportError(`${file}: missing; the catalog was built from a ${region} snapshot of ${date}`);
      return [region, { date, details: JSON.parse(fs.readFileSync(file, "utf8")) as ServiceDetail[] }];
    }),
  );
}

export interface ImportOptions {
  readonly files: readonly string[];
  /** @default - this month, UTC */
  readonly date?: string;
  /** @default CATALOG_PATH */
  readonly catalogPath?: string;
  /** @default SNAPSHOT_DIR */
  readonly snapshotDir?: string;
}

/** Reads every file first, then writes the snapshots and the catalog; returns the report lines. */
export function importEndpointServices(options: ImportOptions): string[] {
  const catalogPath = options.catalogPath ?? CATALOG_PATH;
  const snapshotDir = options.snapshotDir ?? SNAPSHOT_DIR;
  const date = options.date ?? new Date().toISOString().slice(0, 7);
  const before = JSON.parse(fs.readFileSync(catalogPath, "utf8")) as CatalogFile;
  const snapshots = readSnapshots(before, snapshotDir);
  const imported = new Map<string, string>();
  for (const file of options.files) {
    const { region, details } = readDescribeOutput(file);
    const twice = imported.get(region);
    if (twice)
      throw new ImportError(`${file}: ${region} is also the region of ${twice}; give one file per region`);
    imported.set(region, file);
    snapshots[region] = { date, details };
  }
  const after = buildCatalog(snapshots);
  const lines = catalogChanges(before, after);
  for (const region of imported.keys()) {
    fs.writeFileSync(
      path.join(snapshotDir, `${region}.json`),
      JSON.stringify(snapshots[region].details, null, 2) + "\n",
    );
  }
  fs.writeFileSync(catalogPath, JSON.stringify(after, null, 2) + "\n");
  return lines;
}

const options = {
  date: { type: "string" },
  catalog: { type: "string" },
  snapshots: { type: "string" },
} as const;

export const CATALOG_IMPORT_COMMAND: CommandDefinition<typeof options> = {
  usage: [
    "usage: npm run catalog:import -- <describe-output>.json [...] [--date YYYY-MM[-DD]] [--catalog services.json] [--snapshots <dir>]",
    "  <describe-output>.json  what `aws ec2 describe-vpc-endpoint-services --region <region>` prints, one file per region",
    "  --date YYYY-MM[-DD]     when the snapshots were taken (default: this month)",
    "  --catalog <file>        the catalog to update (default: src/catalog/services.json)",
    "  --snapshots <dir>       the snapshot folder (default: test/fixtures/endpoint-services/)",
  ].join("\n"),
  options,
  valueNames: { date: "YYYY-MM[-DD]", catalog: "<file>", snapshots: "<dir>" },
  positionals: "<describe-output>.json files",
  run: (values, output, files) => {
    if (files.length === 0) throw new UsageError("expected at least one <describe-output>.json file");
    if (values.date !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(values.date)) {
      throw new UsageError(`--date ${JSON.stringify(values.date)}: expected YYYY, YYYY-MM or YYYY-MM-DD`);
    }
    let lines: string[];
    try {
      lines = importEndpointServices({
        files,
        date: values.date,
        catalogPath: values.catalog,
        snapshotDir: values.snapshots,
      });
    } catch (error) {
      if (error instanceof ImportError)
        throw new CommandError(`catalog import failed, nothing written: ${error.message}`, EXIT_BAD_INPUT);
      throw error;
    }
    const catalogPath = path.relative(process.cwd(), values.catalog ?? CATALOG_PATH);
    output.out(`${lines.length > 0 ? lines.join("\n") : "no change"}\n`);
    output.out(`wrote ${catalogPath}; review the diff before committing\n`);
  },
};

if (require.main === module) process.exitCode = runCommand(CATALOG_IMPORT_COMMAND, process.argv.slice(2));
