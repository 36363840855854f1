/**
 * What every workspace (stack) has in common: where its state lives, how other workspaces read it,
 * and an AWS provider pinned to one account.
 */
import { Construct } from "constructs";
import {
  CloudBackend,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteState,
  LocalBackend,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  TerraformRemoteState,
  TerraformStack,
} from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { TerraformCloudConfig } from "./config/config-types";

/** The provider versions the synthesized stacks accept: 5.100 (tested offline) through 6.x (bindings). */
export const AWS_PROVIDER_VERSION = ">= 5.100.0, < 7.0.0";

/**
 * Local state lives beside the output folder (the project folder for the default `cdktf.out`): from a
 * stack's working directory `<outdir>/stacks/<stack>`, three levels up. Relative, so nothing
 * machine-specific lands in the output, and a new synthesis never touches it.
 */
export function localStatePath(stackName: string): string {
  return `../../../terraform.${stackName}.tfstate`;
}

/**
 * A workspace: a stack built from the configuration alone, never from another stack's constructs.
 *
 * So it never references another stack's resources (spokes read hubs by workspace name, through
 * `readWorkspace`), and cdktf's preparing pass has nothing to find: before synthesis, cdktf resolves
 * every element of every stack once more only to discover such cross-stack references and wire them
 * through generated outputs and remote state. That pass was a quarter of synthesis time at
 * organization scale (README, "Performance"); workspaces skip it. `Testing.synth`, which the stack and
 * Terraform plan tests use, never runs it either.
 */
export abstract class WorkspaceStack extends TerraformStack {
  public prepareStack(): void {
    this.ensureBackendExists();
  }
}

export function workspaceName(terraformCloud: TerraformCloudConfig, stackName: string): string {
  return `${terraformCloud.workspacePrefix}${stackName}`;
}

/** Backend (local or Terraform Cloud) and provider version range of one workspace. */
export function configureWorkspace(stack: TerraformStack, tfc: TerraformCloudConfig | undefined): void {
  const stackName = stack.node.id;
  if (tfc) {
    new CloudBackend(stack, {
      organization: tfc.organization,
      hostname: tfc.hostname,
      workspaces: new NamedCloudWorkspace(workspaceName(tfc, stackName)),
    });
  } else {
    new LocalBackend(stack, { path: localStatePath(stackName) });
  }
  // The prebuilt bindings pin the exact 6.x version they were generated from.
  stack.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
}

/** Reads another workspace's outputs: the same backend kind the other workspace writes to. */
export function readWorkspace(
  scope: Construct,
  id: string,
  stackName: string,
  tfc: TerraformCloudConfig | undefined,
): TerraformRemoteState {
  const remoteState = tfc
    ? new DataTerraformRemoteState(scope, id, {
        organization: tfc.organization,
        hostname: tfc.hostname,
        workspaces: new NamedRemoteWorkspace(workspaceName(tfc, stackName)),
      })
    : new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(stackName) });
  remoteState.overrideLogicalId(id);
  return remoteState;
}

export interface AccountProviderProps {
  readonly region: string;
  readonly accountId: string;
  /** @default - the caller's credentials */
  readonly roleArn?: string;
  /** @default - the default provider */
  readonly alias?: string;
}

/** An AWS provider that refuses to run against any account but the configured one. */
export function accountProvider(scope: Construct, id: string, props: AccountProviderProps): AwsProvider {
  return new AwsProvider(scope, id, {
    region: props.region,
    alias: props.alias,
    allowedAccountIds: [props.accountId],
    assumeRole: props.roleArn ? [{ roleArn: props.roleArn, sessionName: "vpce-share" }] : undefined,
  });
}
