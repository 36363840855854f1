/**
 * The validated, normalized configuration that the apps build stacks from: the output of the schema
 * (`VpceShareConfigSchema` in config-schema.ts, whose `.describe()` texts document each field), read
 * only. `load-config.ts` turns the user's JSON file into this shape (defaults filled in) or fails with
 * a `ConfigError` that lists every problem with its config path.
 */
import type { z } from "zod";
import type { VpceShareConfigSchema } from "./config-schema";
export type { PolicySuppression } from "../policy-checks/policy-checks";

/** `T` with every property, array and map of it read only, at every depth. */
type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type VpceShareConfig = DeepReadonly<z.output<typeof VpceShareConfigSchema>>;
export type OrganizationConfig = VpceShareConfig["organization"];
export type HubConfig = VpceShareConfig["hub"];
export type HubRegionConfig = HubConfig["regions"][string];
export type TrafficConfig = NonNullable<HubRegionConfig["traffic"]>;
export type SpokeConfig = VpceShareConfig["spokes"][string];
export type SpokeRegionConfig = SpokeConfig["regions"][string];
export type TerraformCloudConfig = NonNullable<VpceShareConfig["terraformCloud"]>;
export type CustomServiceConfig = VpceShareConfig["customServices"][string];
