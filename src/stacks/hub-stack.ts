/** The `hub-<region>` workspace: one hub region of the topology and the outputs of the hub contract. */
import { Construct } from "../framework";
import { HubRegion } from "../constructs/hub-region/hub-region";
import type { HubRegionTopology, Topology } from "../topology/topology";
import type { VpceShareConfig } from "../config/config-types";
import { PROFILE_ENDPOINTS_PROVIDER_VERSION } from "../topology/sharing-mechanism";
import { WorkspaceStack, accountProvider, configureWorkspace } from "./workspace";

export class HubStack extends WorkspaceStack {
  public readonly hub: HubRegion;

  constructor(scope: Construct, config: VpceShareConfig, topology: Topology, region: HubRegionTopology) {
    super(scope, region.stackName);
    configureWorkspace(this, config);
    accountProvider(this, "aws", {
      region: region.region,
      accountId: topology.hub.accountId,
      roleArn: topology.hub.roleArn,
    });

    this.hub = new HubRegion(this, "Hub", {
      vpcId: region.vpcId,
      subnetIds: region.subnets.map((s) => s.subnetId),
      inboundResolverIps: region.pinnedInboundIps
        ? region.subnets.map((s) => s.inboundIp as string)
        : undefined,
      services: region,
      organizationCidrs: topology.organization.cidrs,
      shareWith: topology.hub.shareWith,
      tags: topology.tags,
      queryLogDestinationArn: region.queryLogDestinationArn,
      sharing: region.sharing,
      authorizedVpcIds: region.spokeVpcIds,
      partition: topology.organization.partition,
    });
    if (region.sharing.profileContents === "endpoints") {
      // The provider applies a Profile of endpoints from 6.3.0 on (sharing-mechanism.ts says why).
      this.addOverride("terraform.required_providers.aws.version", PROFILE_ENDPOINTS_PROVIDER_VERSION);
    }

    this.hub.addContractOutputs();
  }
}
