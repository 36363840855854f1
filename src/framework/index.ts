/**
 * The Terraform CDK that the constructs, stacks and modules are built with, cdktf or cdktn (see
 * select.ts): the core classes this project uses, and `constructs` as the framework itself loads it
 * (two copies of `constructs` in one construct tree break it). Import them from here, never from the
 * packages: the type names are cdktf's, the classes are the selected framework's.
 */
import type * as Core from "cdktf";
import type * as Constructs from "constructs";
import { FRAMEWORK } from "./select";

export { FRAMEWORK, FRAMEWORK_ENV, FrameworkError } from "./select";
export type { Framework, FrameworkName } from "./select";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require(FRAMEWORK.corePackage) as typeof Core;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const constructs = require(
  require.resolve("constructs", { paths: [FRAMEWORK.coreDir] }),
) as typeof Constructs;

export const { Construct } = constructs;
export type Construct = Constructs.Construct;
export type { IConstruct } from "constructs";

export const {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DISABLE_STACK_TRACE_IN_METADATA,
  Fn,
  Lazy,
  LocalBackend,
  Manifest,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  Op,
  TerraformElement,
  TerraformIterator,
  TerraformLocal,
  TerraformOutput,
  TerraformProvider,
  TerraformRemoteState,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} = core;
export type Annotations = Core.Annotations;
export type App = Core.App;
export type Aspects = Core.Aspects;
export type CloudBackend = Core.CloudBackend;
export type DataTerraformRemoteState = Core.DataTerraformRemoteState;
export type DataTerraformRemoteStateLocal = Core.DataTerraformRemoteStateLocal;
export type Fn = Core.Fn;
export type Lazy = Core.Lazy;
export type LocalBackend = Core.LocalBackend;
export type Manifest = Core.Manifest;
export type NamedCloudWorkspace = Core.NamedCloudWorkspace;
export type NamedRemoteWorkspace = Core.NamedRemoteWorkspace;
export type Op = Core.Op;
export type TerraformElement = Core.TerraformElement;
export type TerraformIterator = Core.TerraformIterator;
export type TerraformLocal = Core.TerraformLocal;
export type TerraformOutput = Core.TerraformOutput;
export type TerraformProvider = Core.TerraformProvider;
export type TerraformRemoteState = Core.TerraformRemoteState;
export type TerraformResource = Core.TerraformResource;
export type TerraformStack = Core.TerraformStack;
export type TerraformVariable = Core.TerraformVariable;
export type Testing = Core.Testing;
export type Token = Core.Token;
export type { IAspect, TerraformVariableConfig } from "cdktf";
