/**
 * What every workspace (stack) has in common: where its state lives, how other workspaces read it,
 * and an AWS provider pinned to one account.
 */
import {
  CloudBackend,
  Construct,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  LocalBackend,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  TerraformRemoteState,
  TerraformStack,
} from "../framework";
import { AWS_PROVIDER_SOURCE, AwsProvider } from "../framework/aws";
import { skipCrossStackPreparingPass } from "../framework/internals";
import type { TerraformCloudConfig, VpceShareConfig } from "../config/config-types";
import { defaultStateFolderFromStack, stateFileName } from "./local-state";

/** The provider versions the synthesized stacks accept: 5.100 (tested offline) through 6.x (bindings). */
export const AWS_PROVIDER_VERSION = ">= 5.100.0, < 7.0.0";

/**
 * App context: the local state folder of the configuration, relative to a stack's working directory
 * (`<outdir>/stacks/<stack>`, or `<outdir>/retired/<stack>`, as deep). synthesize() sets it from where
 * the output and the state folder are (see local-state.ts); without it, the default layout: the output
 * in `cdktf.out` and the state in `state/<folder>` of the project.
 */
export const STATE_FOLDER_CONTEXT = "vpce-share:stateFolder";

/**
 * The local state file of a stack, as its backend (and a spoke's remote state) names it: relative to the
 * stack's working directory, so nothing absolute lands in the output for the default layout.
 */
export function localStatePath(scope: Construct, config: VpceShareConfig, stackName: string): string {
  const folder: unknown = scope.node.tryGetContext(STATE_FOLDER_CONTEXT);
  const fromStack = typeof folder === "string" ? folder : defaultStateFolderFromStack(config);
  return `${fromStack}/${stateFileName(stackName)}`;
}

/**
 * A workspace: a stack built from the configuration alone, never from another stack's constructs.
 *
 * So it never references another stack's resources (spokes read hubs by workspace name, through
 * `readWorkspace`), and the framework's preparing pass has nothing to find: before synthesis, it
 * resolves every element of every stack once more only to discover such cross-stack references and
 * wire them through generated outputs and remote state. That pass was a quarter of synthesis time at
 * organization scale (README, "Performance"); workspaces skip it (src/framework/internals.ts).
 */
export abstract class WorkspaceStack extends TerraformStack {
  public prepareStack(): void {
    skipCrossStackPreparingPass(this);
  }
}

export function workspaceName(terraformCloud: TerraformCloudConfig, stackName: string): string {
  return `${terraformCloud.workspacePrefix}${stackName}`;
}

/** Backend (local or Terraform Cloud) and provider version range of one workspace. */
export function configureWorkspace(stack: TerraformStack, config: VpceShareConfig): void {
  const stackName = stack.node.id;
  const tfc = config.terraformCloud;
  if (tfc) {
    new CloudBackend(stack, {
      organization: tfc.organization,
      hostname: tfc.hostname,
      workspaces: new NamedCloudWorkspace(workspaceName(tfc, stackName)),
    });
  } else {
    new LocalBackend(stack, { path: localStatePath(stack, config, stackName) });
  }
  // The prebuilt bindings pin the exact 6.x version they were generated from.
  stack.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
  stack.addOverride("terraform.required_providers.aws.source", AWS_PROVIDER_SOURCE);
}

/** Reads another workspace's outputs: the same backend kind the other workspace writes to. */
export function readWorkspace(
  scope: Construct,
  id: string,
  stackName: string,
  config: VpceShareConfig,
): TerraformRemoteState {
  const tfc = config.terraformCloud;
  const remoteState = tfc
    ? new DataTerraformRemoteState(scope, id, {
        organization: tfc.organization,
        hostname: tfc.hostname,
        workspaces: new NamedRemoteWorkspace(workspaceName(tfc, stackName)),
      })
    : new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(scope, config, stackName) });
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
