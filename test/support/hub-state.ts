/**
 * Hub workspace state fixtures built from the hub output contract, for the real-Terraform spoke tests.
 */
import type { VpceShareConfig } from "../../src/config/config-types";
import { topologyOf } from "../../src/topology/topology";
import { HUB_OUTPUTS, HubOutputKey, HubOutputValues } from "../../src/constructs/hub-outputs";
import { stateWithOutputs } from "./terraform";

/** A hub state whose outputs carry exactly the contract's names and types (those `values` has). */
export function hubState(values: HubOutputValues): object {
  return stateWithOutputs(
    Object.fromEntries(
      (Object.keys(HUB_OUTPUTS) as HubOutputKey[])
        .filter((key) => values[key] !== undefined)
        .map((key) => [HUB_OUTPUTS[key].name, { value: values[key], type: HUB_OUTPUTS[key].type }]),
    ),
  );
}

/** Zone domains a configuration's hub shares in a region, in address order. */
export function hubDomains(config: VpceShareConfig, region: string): string[] {
  return topologyOf(config)
    .hubRegion(region)!
    .rules.map((r) => r.domain);
}

/** Plausible outputs of a deployed hub region: fake ids that name what they stand for. */
export function fakeHubOutputs(config: VpceShareConfig, region: string): HubOutputValues {
  const hub = topologyOf(config).hubRegion(region)!;
  const domains = hubDomains(config, region);
  const zones = hub.zones.map((z) => z.domain);
  const services = config.hub.regions[region].services;
  return {
    resolverRuleIds: Object.fromEntries(domains.map((d, i) => [d, `rslvr-rr-${region}-${i}`])),
    inboundResolverIps: [
      ...(config.hub.regions[region].inboundResolverIps ?? ["10.255.0.10", "10.255.1.10"]),
    ],
    endpointIds: Object.fromEntries(services.map((s, i) => [s, `vpce-${region}-${i}`])),
    privateHostedZoneIds: Object.fromEntries(zones.map((d, i) => [d, `Z${region.replace(/-/g, "")}${i}`])),
    ramResourceShareArn: `arn:aws:ram:${region}:${config.hub.accountId}:resource-share/fake-${region}`,
    ...(hub.mechanism === "profile" ? { route53ProfileId: `rp-fake-${region}` } : {}),
  };
}
