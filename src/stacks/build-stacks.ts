/** Every workspace of a configuration: one hub stack per hub region, one spoke stack per spoke. */
import { Annotations, App } from "../framework";
import { policyReport } from "../policy-checks/policy-checks";
import type { VpceShareConfig } from "../config/config-types";
import { HubStack } from "./hub-stack";
import { topologyOf } from "../topology/topology";
import { SpokeStack } from "./spoke-stack";

export interface Stacks {
  readonly hubs: Readonly<Record<string, HubStack>>;
  readonly spokes: Readonly<Record<string, SpokeStack>>;
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
  // A suppressed policy finding stays in its stack's annotations (manifest.json), with its reason.
  const built = [...Object.values(hubs), ...Object.values(spokes)];
  for (const finding of policyReport(config).suppressed) {
    const stack = built.find((s) => s.node.id === finding.stack);
    const text = `[${finding.rule}] ${finding.address}: ${finding.message} (suppressed: ${finding.reason})`;
    if (stack) Annotations.of(stack).addInfo(text);
  }
  return { hubs, spokes };
}
