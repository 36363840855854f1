/**
 * What one hub region of a configuration shares: its services resolved with the catalog, and the
 * private hosted zones (one resolver rule each) they need. The hub stack, every spoke of the region, the
 * quota checks, the cost planner and the diagram all ask this; it is worked out once per configuration
 * and region.
 */
import { hubStackName } from "../constructs/hub-outputs";
import { PrivateZone, privateZones } from "../catalog/private-zones";
import { ResolvedService, resolveService } from "../catalog/service-catalog";
import type { VpceShareConfig } from "../config/config-types";

export interface HubRegionShare {
  readonly services: readonly ResolvedService[];
  /** Sorted by domain. */
  readonly zones: readonly PrivateZone[];
}

const shares = new WeakMap<VpceShareConfig, Map<string, HubRegionShare>>();

export function hubRegionShare(config: VpceShareConfig, region: string): HubRegionShare {
  let byRegion = shares.get(config);
  if (!byRegion) shares.set(config, (byRegion = new Map()));
  let share = byRegion.get(region);
  if (!share) {
    const services = config.hub.regions[region].services.map((name) =>
      resolveService(name, region, config.customServices),
    );
    share = { services, zones: privateZones(services) };
    byRegion.set(region, share);
  }
  return share;
}

/** The zones of a hub region: one forward rule each, in address order. */
export function hubRegionZones(config: VpceShareConfig, region: string): readonly PrivateZone[] {
  return hubRegionShare(config, region).zones;
}

/** Shared services that refuse endpoint policies (so none protects them), by hub stack. */
export function servicesWithoutEndpointPolicy(config: VpceShareConfig): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const region of Object.keys(config.hub.regions).sort()) {
    const names = hubRegionShare(config, region)
      .services.filter((s) => !s.endpointPolicy)
      .map((s) => s.name);
    if (names.length > 0) found[hubStackName(region)] = names;
  }
  return found;
}

/** Shared services whose sharing harms the spokes (execute-api), one line each: stack, region, why. */
export function sharingHazards(config: VpceShareConfig): string[] {
  return Object.keys(config.hub.regions)
    .sort()
    .flatMap((region) =>
      hubRegionShare(config, region).services.flatMap((s) =>
        s.hazard === undefined
          ? []
          : [`${hubStackName(region)}: sharing ${s.name} in ${region}: ${s.hazard}`],
      ),
    );
}
