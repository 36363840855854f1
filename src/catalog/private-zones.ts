/**
 * From private DNS names to the private hosted zones, records and resolver rules that answer them.
 *
 * Route 53 rejects wildcard zone names, so `*.dkr.ecr.<r>.amazonaws.com` becomes the zone
 * `dkr.ecr.<r>.amazonaws.com` with a `*` record and an apex record: a name inside a private zone that
 * has no record answers NXDOMAIN, with no fallback to public DNS (path-style S3 requests use the apex).
 */
import type { ResolvedService } from "./service-catalog";

export interface PrivateZone {
  /** Zone name, also the resolver rule's domain: never a wildcard. */
  readonly domain: string;
  /** Short name of the service whose endpoint answers every record of the zone. */
  readonly service: string;
  /** Full record names, apex first, then `*.<domain>` when the service has a wildcard name. */
  readonly records: readonly string[];
}

export class ZoneConflictError extends Error {
  constructor(
    readonly domain: string,
    readonly services: readonly [string, string],
  ) {
    super(`services "${services[0]}" and "${services[1]}" both need the private hosted zone ${domain}`);
    this.name = "ZoneConflictError";
  }
}

/** Splits a private DNS name into its zone domain and whether it is a wildcard. */
export function zoneOfName(name: string): { domain: string; wildcard: boolean } {
  return name.startsWith("*.")
    ? { domain: name.slice(2), wildcard: true }
    : { domain: name, wildcard: false };
}

/** The zones for a set of services, sorted by domain. Throws ZoneConflictError when two services share one. */
export function privateZones(services: readonly ResolvedService[]): PrivateZone[] {
  const zones = new Map<string, { service: string; wildcard: boolean }>();
  for (const service of services) {
    for (const name of service.privateDnsNames) {
      const { domain, wildcard } = zoneOfName(name);
      const existing = zones.get(domain);
      if (existing && existing.service !== service.name) {
        throw new ZoneConflictError(domain, [existing.service, service.name]);
      }
      zones.set(domain, { service: service.name, wildcard: wildcard || (existing?.wildcard ?? false) });
    }
  }
  return [...zones.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([domain, { service, wildcard }]) => ({
      domain,
      service,
      records: wildcard ? [domain, `*.${domain}`] : [domain],
    }));
}
