/**
 * A Mermaid flowchart of a configuration: per hub region its endpoints (services listed), private
 * hosted zones, and what shares them, by the region's mechanism: resolver endpoints and rules (one node
 * per region: one rule per zone), a Route 53 Profile, or zone authorizations; a mechanism the hub keeps
 * while its spokes move off it is drawn too, marked retiring. Per spoke its VPCs, each associated by its
 * region's mechanism: with the rules, the Profile or the zones.
 */
import { ORGANIZATION_ARN, OU_ARN } from "../config/formats";
import type { VpceShareConfig } from "../config/config-types";
import { HubRegionTopology, topologyOf } from "../topology/topology";
import {
  hubBuilds,
  hubHostsZones,
  mechanismLabel,
  PROFILE_RAM_PERMISSION,
  SharingMechanism,
} from "../topology/sharing-mechanism";
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
  const topology = topologyOf(config).hubRegion(region)!;
  const { sharing } = topology;
  const zones = topology.zones.map((zone) => zone.domain);
  const id = hubNodeIds(region);
  const listedZones =
    zones.length > MAX_LISTED_ZONES
      ? [...zones.slice(0, MAX_LISTED_ZONES - 1), `... and ${zones.length - (MAX_LISTED_ZONES - 1)} more`]
      : zones;
  const ips = hub.inboundResolverIps ? hub.inboundResolverIps.join(", ") : "IPs assigned by AWS";
  const shareWith = `RAM share with ${config.hub.shareWith.map(principalName).join(", ")}`;
  /** "retiring: " before the first line of what the hub keeps only while its spokes move off it. */
  const state = (mechanism: SharingMechanism) =>
    sharing.retiringMechanism === mechanism ? "retiring: " : "";
  const privateDnsOn = sharing.mechanism === "profile" && sharing.profileContents === "endpoints";
  // Existing (resolver-rules) regions keep their title: the mechanism is named only when there is another.
  const title =
    sharing.mechanism === "resolver-rules" && sharing.retiringMechanism === undefined
      ? ""
      : `, by ${mechanismLabel(sharing)}${sharing.retiringMechanism ? ` (retiring ${sharing.retiringMechanism})` : ""}`;
  const lines = [
    `  subgraph ${id.region}[${label(`hub-${region}: account ${config.hub.accountId}, ${hub.vpcId}${title}`)}]`,
    "    direction TB",
    `    ${id.endpoints}[${label(
      `${plural(hub.services.length, "interface endpoint")} in ${plural(hub.subnetIds.length, "AZ")}${privateDnsOn ? ", private DNS on" : ""}`,
      ...chunk(hub.services, SERVICES_PER_LINE).map((names) => names.join(", ")),
    )}]`,
  ];
  const edges: string[] = [];
  if (hubHostsZones(sharing)) {
    lines.push(`    ${id.zones}[${label(plural(zones.length, "private hosted zone"), ...listedZones)}]`);
    edges.push(`    ${id.zones} -->|"alias A"| ${id.endpoints}`);
  }
  if (hubBuilds(sharing, "resolver-rules")) {
    const retiring = state("resolver-rules");
    lines.push(
      `    ${id.inbound}[${label(`${retiring}inbound resolver endpoint`, ips)}]`,
      `    ${id.outbound}[${label(`${retiring}outbound resolver endpoint`, plural(hub.subnetIds.length, "IP"))}]`,
      `    ${id.rules}[${label(
        `${retiring}${plural(zones.length, "FORWARD resolver rule")}, one per zone`,
        shareWith,
      )}]`,
    );
    edges.push(
      `    ${id.rules} -->|"forward"| ${id.outbound}`,
      `    ${id.outbound} -->|"DNS :53"| ${id.inbound}`,
      `    ${id.inbound} -->|"answers from"| ${id.zones}`,
    );
  }
  if (hubBuilds(sharing, "profile")) {
    const ofEndpoints = sharing.profileContents === "endpoints";
    lines.push(
      `    ${id.profile}[${label(
        `${state("profile")}Route 53 Profile of ${ofEndpoints ? plural(hub.services.length, "endpoint") : plural(zones.length, "zone")}`,
        ...(ofEndpoints
          ? [`AWS hosts their names: ${plural(topology.dnsZones.length, "private DNS zone")}`]
          : []),
        `${shareWith} (${PROFILE_RAM_PERMISSION})`,
      )}]`,
    );
    edges.push(`    ${id.profile} -->|"holds"| ${ofEndpoints ? id.endpoints : id.zones}`);
  }
  if (hubBuilds(sharing, "zone-association")) {
    const vpcs = topology.spokeVpcIds.length;
    lines.push(
      `    ${id.authorizations}[${label(
        `${state("zone-association")}${plural(zones.length * vpcs, "zone association authorization")}`,
        `each zone for each of ${plural(vpcs, "spoke VPC")}`,
      )}]`,
    );
    edges.push(`    ${id.authorizations} -->|"authorize"| ${id.zones}`);
  }
  return [...lines, ...edges, "  end"];
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
    ...vpcs.map(({ region, id }) => associationLine(topologyOf(config).hubRegion(region)!, id)),
  ];
}

/** A spoke VPC's association, by its region's mechanism: with every rule, with the Profile, with every zone. */
function associationLine(hub: HubRegionTopology, vpc: string): string {
  const id = hubNodeIds(hub.region);
  switch (hub.mechanism) {
    case "profile":
      return `  ${vpc} -.->|${label("Profile association")}| ${id.profile}`;
    case "zone-association":
      return `  ${vpc} -.->|${label(plural(hub.zones.length, "zone association"))}| ${id.zones}`;
    default:
      return `  ${vpc} -.->|${label(plural(hub.rules.length, "rule association"))}| ${id.rules}`;
  }
}

function hubNodeIds(region: string) {
  return {
    region: nodeId("hub", region),
    endpoints: nodeId("hub", region, "endpoints"),
    zones: nodeId("hub", region, "zones"),
    inbound: nodeId("hub", region, "inbound"),
    outbound: nodeId("hub", region, "outbound"),
    rules: nodeId("hub", region, "rules"),
    profile: nodeId("hub", region, "profile"),
    authorizations: nodeId("hub", region, "authorizations"),
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
