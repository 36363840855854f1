/**
 * What every workspace (stack) has in common: where its state lives, how other workspaces read it,
 * and an AWS provider pinned to one account.
 */
import * as path from "path";
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

export interface WorkspaceOptions {
  /** Absent: local state. */
  readonly terraformCloud?: TerraformCloudConfig;
  /**
   * Where `cdktf deploy` leaves local state, relative to a stack's working directory
   * (`<outdir>/stacks/<stack>`). Relative, so nothing machine-specific lands in the output.
   */
  readonly localStateDir: string;
}

/** The relative path from `<outdir>/stacks/<stack>` to the project directory (the cwd at synthesis). */
export function localStateDirFor(outdir: string, projectDir = process.cwd()): string {
  const stackDir = path.resolve(projectDir, outdir, "stacks", "any-stack");
  return path.relative(stackDir, projectDir).split(path.sep).join("/") || ".";
}

function localStatePath(options: WorkspaceOptions, stackName: string): string {
  return `${options.localStateDir}/terraform.${stackName}.tfstate`;
}

export function workspaceName(terraformCloud: TerraformCloudConfig, stackName: string): string {
  return `${terraformCloud.workspacePrefix}${stackName}`;
}

/** Backend (local or Terraform Cloud) and provider version range of one workspace. */
export function configureWorkspace(stack: TerraformStack, options: WorkspaceOptions): void {
  const stackName = stack.node.id;
  const tfc = options.terraformCloud;
  if (tfc) {
    new CloudBackend(stack, {
      organization: tfc.organization,
      hostname: tfc.hostname,
      workspaces: new NamedCloudWorkspace(workspaceName(tfc, stackName)),
    });
  } else {
    new LocalBackend(stack, { path: localStatePath(options, stackName) });
  }
  // The prebuilt bindings pin the exact 6.x version they were generated from.
  stack.addOverride("terraform.required_providers.aws.version", AWS_PROVIDER_VERSION);
}

/** Reads another workspace's outputs: the same backend kind the other workspace writes to. */
export function readWorkspace(
  scope: Construct,
  id: string,
  stackName: string,
  options: WorkspaceOptions,
): TerraformRemoteState {
  const tfc = options.terraformCloud;
  const remoteState = tfc
    ? new DataTerraformRemoteState(scope, id, {
        organization: tfc.organization,
        hostname: tfc.hostname,
        workspaces: new NamedRemoteWorkspace(workspaceName(tfc, stackName)),
      })
    : new DataTerraformRemoteStateLocal(scope, id, { path: localStatePath(options, stackName) });
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
