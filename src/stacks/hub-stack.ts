/** The `hub-<region>` workspace: one hub region and the outputs of the hub contract. */
import { Construct } from "constructs";
import { HubRegion } from "../constructs/hub-region/hub-region";
import { hubStackName } from "../constructs/hub-outputs";
import type { VpceShareConfig } from "../config/config-types";
import { hubRegionShare } from "../topology/hub-region-share";
import { WorkspaceStack, accountProvider, configureWorkspace } from "./workspace";

export class HubStack extends WorkspaceStack {
  public readonly hub: HubRegion;

  constructor(scope: Construct, config: VpceShareConfig, region: string) {
    super(scope, hubStackName(region));
    const regionConfig = config.hub.regions[region];
    configureWorkspace(this, config);
    accountProvider(this, "aws", { region, accountId: config.hub.accountId, roleArn: config.hub.roleArn });

    this.hub = new HubRegion(this, "Hub", {
      vpcId: regionConfig.vpcId,
      subnetIds: regionConfig.subnetIds,
      inboundResolverIps: regionConfig.inboundResolverIps,
      services: hubRegionShare(config, region).services,
      organizationCidrs: config.organization.cidrs,
      shareWith: config.hub.shareWith,
      tags: config.tags,
      organizationId: config.organization.id,
      endpointPolicies: Object.fromEntries(
        Object.entries(config.hub.endpointPolicies ?? {}).map(([service, document]) => [
          service,
          JSON.stringify(document),
        ]),
      ),
      queryLogDestinationArn: regionConfig.queryLogDestinationArn,
    });

    this.hub.addContractOutputs();
  }
}
