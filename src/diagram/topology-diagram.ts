/**
 * A Mermaid flowchart of a configuration: per hub region its endpoints (services listed), private
 * hosted zones, resolver endpoints and rules (one node per region: one rule per zone); per spoke its
 * VPCs, each associated with the rules of its region.
 */
import { ORGANIZATION_ARN, OU_ARN } from "../config/formats";
import type { VpceShareConfig } from "../config/config-types";
import { topologyOf } from "../topology/topology";
import { plural } from "../cost/text-format";

/** Zones listed one per line; beyond this a node names the first ones and counts the rest. */
export const MAX_LISTED_ZONES = 12;
/** Services per line of the endpoints node. */
const SERVICES_PER_LINE = 6;

export function topologyDiagram(config: VpceShareConfig): string {
  const lines = ["flowchart LR"];
  for (const region of Object.keys(config.hub.regions)) lines.push(...hubRegionLines(config, region));
  for (const name of Object.keys(config.spokes)) lines.push(...spokeLines(config, name));
  return `${lines.join("\n")}\n`;
}

function hubRegionLines(config: VpceShareConfig, region: string): string[] {
  const hub = config.hub.regions[region];
  const zones = topologyOf(config)
    .hubRegion(region)!
    .zones.map((zone) => zone.domain);
  const id = hubNodeIds(region);
  const listedZones =
    zones.length > MAX_LISTED_ZONES
      ? [...zones.slice(0, MAX_LISTED_ZONES - 1), `... and ${zones.length - (MAX_LISTED_ZONES - 1)} more`]
      : zones;
  const ips = hub.inboundResolverIps ? hub.inboundResolverIps.join(", ") : "IPs assigned by AWS";
  return [
    `  subgraph ${id.region}[${label(`hub-${region}: account ${config.hub.accountId}, ${hub.vpcId}`)}]`,
    "    direction TB",
    `    ${id.endpoints}[${label(
      `${plural(hub.services.length, "interface endpoint")} in ${plural(hub.subnetIds.length, "AZ")}`,
      ...chunk(hub.services, SERVICES_PER_LINE).map((names) => names.join(", ")),
    )}]`,
    `    ${id.zones}[${label(plural(zones.length, "private hosted zone"), ...listedZones)}]`,
    `    ${id.inbound}[${label("inbound resolver endpoint", ips)}]`,
    `    ${id.outbound}[${label("outbound resolver endpoint", plural(hub.subnetIds.length, "IP"))}]`,
    `    ${id.rules}[${label(
      `${plural(zones.length, "FORWARD resolver rule")}, one per zone`,
      `RAM share with ${config.hub.shareWith.map(principalName).join(", ")}`,
    )}]`,
    `    ${id.zones} -->|"alias A"| ${id.endpoints}`,
    `    ${id.rules} -->|"forward"| ${id.outbound}`,
    `    ${id.outbound} -->|"DNS :53"| ${id.inbound}`,
    `    ${id.inbound} -->|"answers from"| ${id.zones}`,
    "  end",
  ];
}

function spokeLines(config: VpceShareConfig, name: string): string[] {
  const spoke = config.spokes[name];
  const vpcs = Object.entries(spoke.regions).flatMap(([region, { vpcIds }]) =>
    vpcIds.map((vpcId) => ({ region, vpcId, id: nodeId("spoke", name, vpcId) })),
  );
  return [
    `  subgraph ${nodeId("spoke", name)}[${label(`spoke-${name}: account ${spoke.accountId}`)}]`,
    ...vpcs.map(({ region, vpcId, id }) => `    ${id}[${label(vpcId, region)}]`),
    "  end",
    ...vpcs.map(({ region, id }) => {
      const rules = topologyOf(config).hubRegion(region)!.rules.length;
      return `  ${id} -.->|${label(plural(rules, "rule association"))}| ${hubNodeIds(region).rules}`;
    }),
  ];
}

function hubNodeIds(region: string) {
  return {
    region: nodeId("hub", region),
    endpoints: nodeId("hub", region, "endpoints"),
    zones: nodeId("hub", region, "zones"),
    inbound: nodeId("hub", region, "inbound"),
    outbound: nodeId("hub", region, "outbound"),
    rules: nodeId("hub", region, "rules"),
  };
}

/**
 * Mermaid ids are words: `hub`, `eu-west-3`, `rules` -> `hub_eu_west_3_rules`. Region codes, spoke names
 * and VPC ids use only lowercase letters, digits and "-", so ids stay distinct.
 */
function nodeId(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9]/g, "_")).join("_");
}

/** A quoted Mermaid label, one line per argument; quotes and angle brackets escaped as entities. */
function label(...lines: string[]): string {
  const escape = (text: string) =>
    text.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
  return `"${lines.map(escape).join("<br/>")}"`;
}

/** `OU ou-ab12-cdef3456`, `organization o-a1b2c3d4e5`, `account 444444444444`. */
function principalName(principal: string): string {
  if (ORGANIZATION_ARN.test(principal)) return `organization ${principal.split("/").pop()}`;
  if (OU_ARN.test(principal)) return `OU ${principal.split("/").pop()}`;
  return `account ${principal}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );
}
