/** Every workspace of a configuration: one hub stack per hub region, one spoke stack per spoke. */
import { App } from "cdktf";
import type { VpceShareConfig } from "./config/config-types";
import { HubStack } from "./hub/hub-stack";
import { SpokeStack } from "./spoke/spoke-stack";

export interface Stacks {
  readonly hubs: Readonly<Record<string, HubStack>>;
  readonly spokes: Readonly<Record<string, SpokeStack>>;
}

export function buildStacks(app: App, config: VpceShareConfig): Stacks {
  const hubs: Record<string, HubStack> = {};
  for (const region of Object.keys(config.hub.regions).sort()) {
    hubs[region] = new HubStack(app, config, region);
  }
  const spokes: Record<string, SpokeStack> = {};
  for (const name of Object.keys(config.spokes).sort()) {
    spokes[name] = new SpokeStack(app, config, name);
  }
  return { hubs, spokes };
}
