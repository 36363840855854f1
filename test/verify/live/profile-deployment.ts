/**
 * A deployment of the example configuration with both hub regions shared through a Route 53 Profile
 * (eu-west-3 holds its zones, us-east-1 its endpoints), as read-aws.ts would read it from AWS when it is
 * exactly as configured: what the Profile tests of verify --live start from and then change.
 */
import type { VpceShareConfig } from "../../../src/config/config-types";
import { hubHostsZones } from "../../../src/topology/sharing-mechanism";
import { topologyOf, type HubRegionTopology, type Topology } from "../../../src/topology/topology";
import type { HubReading, SpokeRegionReading } from "../../../src/verify/live/read-aws";
import { load } from "../../config/config-test-kit";

export const HUB_ACCOUNT = "111111111111";

export const config = load((c) => {
  for (const region of ["eu-west-3", "us-east-1"]) {
    c.hub.regions[region].mechanism = "profile";
    delete c.hub.regions[region].inboundResolverIps;
  }
  c.hub.regions["us-east-1"].profileContents = "endpoints";
}) as VpceShareConfig;
export const topology = topologyOf(config);

export const profileId = (region: string) => `rp-${region.replace(/-/g, "")}`;
export const profileArn = (region: string) =>
  `arn:aws:route53profiles:${region}:${HUB_ACCOUNT}:profile/${profileId(region)}`;
export const zoneId = (hub: HubRegionTopology, domain: string) =>
  `Z${hub.zones.findIndex((z) => z.domain === domain)}${hub.region.replace(/-/g, "")}`;
export const endpointId = (hub: HubRegionTopology, service: string) =>
  `vpce-${hub.region.replace(/-/g, "")}-${service.replace(/\W/g, "")}`;

/** What AWS would answer for a deployment that is exactly `topology`: both regions share by a Profile. */
export function deployed(t: Topology) {
  const hubs = new Map<string, HubReading>();
  for (const hub of t.hubRegions) {
    const alias = (service: string) => `${endpointId(hub, service)}.${hub.region}.vpce.amazonaws.com`;
    const ofZones = hubHostsZones(hub.sharing);
    hubs.set(hub.region, {
      endpoints: hub.services.map((s, i) => ({
        id: endpointId(hub, s.name),
        vpcId: hub.vpcId,
        serviceName: s.serviceName,
        state: "available",
        privateDnsEnabled: !ofZones,
        dnsNames: [alias(s.name)],
        ips: [`10.1.0.${i}`],
      })),
      zones: hub.zones.map((z) => ({
        id: zoneId(hub, z.domain),
        domain: z.domain,
        ownerAccount: HUB_ACCOUNT,
        records: z.records.map((name) => ({ name, type: "A", aliasTarget: alias(z.service) })),
      })),
      resolverEndpoints: [],
      rules: [],
      sharedWith: new Map([[profileArn(hub.region), [...t.hub.shareWith]]]),
      profile: {
        id: profileId(hub.region),
        arn: profileArn(hub.region),
        name: "vpce-share",
        shareStatus: "SHARED_BY_ME",
        resources: ofZones
          ? hub.zones.map((z) => ({
              id: `rpr-${zoneId(hub, z.domain)}`,
              profileId: profileId(hub.region),
              resourceArn: `arn:aws:route53:::hostedzone/${zoneId(hub, z.domain)}`,
              resourceType: "PRIVATE_HOSTED_ZONE",
              status: "COMPLETE",
              name: `vpce-share-${z.domain.replace(/\./g, "-")}`,
            }))
          : hub.services.map((s) => ({
              id: `rpr-${endpointId(hub, s.name)}`,
              profileId: profileId(hub.region),
              resourceArn: `arn:aws:ec2:${hub.region}:${HUB_ACCOUNT}:vpc-endpoint/${endpointId(hub, s.name)}`,
              resourceType: "INTERFACE_ENDPOINT",
              status: "COMPLETE",
              name: `vpce-share-${s.name.replace(/\./g, "-")}`,
            })),
      },
    });
  }
  const spokes = new Map<string, SpokeRegionReading>();
  for (const spoke of t.spokes) {
    for (const region of spoke.regions) {
      const profile = hubs.get(region.region)!.profile!;
      spokes.set(`${spoke.name}/${region.region}`, {
        associations: [],
        rules: new Map(),
        zones: new Map(region.vpcIds.map((v) => [v, []])),
        endpoints: [],
        profileAssociations: region.vpcIds.map((vpcId) => ({
          id: `rpassoc-${vpcId}`,
          profileId: profile.id,
          vpcId,
          status: "COMPLETE",
        })),
        profiles: new Map([
          [
            profile.id,
            { id: profile.id, arn: profile.arn, name: profile.name, shareStatus: "SHARED_WITH_ME" },
          ],
        ]),
      });
    }
  }
  return { hubs, spokes };
}
