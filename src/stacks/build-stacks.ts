/** Every workspace of a configuration: one hub stack per hub region, one spoke stack per spoke. */
import { App, Aspects } from "../framework";
import { PolicyChecks } from "../policy-checks/policy-checks";
import type { PolicyContext } from "../policy-checks/policy-rule";
import { resolveService, ServiceCatalogError } from "../catalog/service-catalog";
import type { VpceShareConfig } from "../config/config-types";
import { HubStack } from "./hub-stack";
import { topologyOf } from "../topology/topology";
import { SpokeStack } from "./spoke-stack";

export interface Stacks {
  readonly hubs: Readonly<Record<string, HubStack>>;
  readonly spokes: Readonly<Record<string, SpokeStack>>;
  /** Runs on every stack at synthesis; holds the findings that no suppression covers. */
  readonly policyChecks: PolicyChecks;
}

/** Which workspaces to build: hub regions and spoke names, in build order. */
export interface StackSelection {
  readonly hubRegions: readonly string[];
  readonly spokes: readonly string[];
}

/** Every workspace of the configuration: hub regions, then spokes, each sorted. */
export function allStacks(config: VpceShareConfig): StackSelection {
  return { hubRegions: Object.keys(config.hub.regions).sort(), spokes: Object.keys(config.spokes).sort() };
}

/** The workspaces of `allStacks`, in order, `size` at a time (one empty batch if there are none). */
export function stackBatches(config: VpceShareConfig, size: number): StackSelection[] {
  const { hubRegions, spokes } = allStacks(config);
  const batches: StackSelection[] = [];
  for (let start = 0; start === 0 || start < hubRegions.length + spokes.length; start += size) {
    const end = start + size;
    batches.push({
      hubRegions: hubRegions.slice(start, end),
      spokes: spokes.slice(Math.max(0, start - hubRegions.length), Math.max(0, end - hubRegions.length)),
    });
  }
  return batches;
}

export function buildStacks(
  app: App,
  config: VpceShareConfig,
  only: StackSelection = allStacks(config),
): Stacks {
  const topology = topologyOf(config);
  const hubs: Record<string, HubStack> = {};
  for (const region of only.hubRegions) {
    hubs[region] = new HubStack(app, config, topology, topology.hubRegion(region)!);
  }
  const spokes: Record<string, SpokeStack> = {};
  for (const name of only.spokes) {
    const spoke = (spokes[name] = new SpokeStack(app, config, topology.spoke(name)!));
    // A hub built in another app (another batch of `synthesize`) is recorded in the manifest there.
    for (const hub of Object.values(hubs))
      if (spoke.hubStackNames.includes(hub.node.id)) spoke.addDependency(hub);
  }
  const policyChecks = new PolicyChecks(policyContext(config), config.policySuppressions);
  for (const stack of [...Object.values(hubs), ...Object.values(spokes)]) Aspects.of(stack).add(policyChecks);
  return { hubs, spokes, policyChecks };
}

/** What the policy rules need to know of the configuration. */
export function policyContext(config: VpceShareConfig): PolicyContext {
  const regions = Object.keys(config.hub.regions);
  return {
    endpointPolicySupported: (service) => {
      try {
        return resolveService(service, regions[0], config.customServices).endpointPolicy;
      } catch (error) {
        if (error instanceof ServiceCatalogError) return true; // unknown: hold it to the rule
        throw error;
      }
    },
    organizationId: config.organization.id,
    hubVpcIds: new Set(Object.values(config.hub.regions).map((r) => r.vpcId)),
    requiredTags: Object.keys(config.tags),
  };
}
