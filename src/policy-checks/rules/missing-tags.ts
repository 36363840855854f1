import type { ConstructionGuarantee } from "../policy-rule";

/** VPCE-TAG-1: every taggable resource carries the configured tags. */
export const missingTags: ConstructionGuarantee = {
  id: "VPCE-TAG-1",
  description: "every taggable resource carries the tags of the configuration",
  guaranteedBy: "the hub region construct passes the configured tags to every resource that takes tags",
};
