import type { ConstructionGuarantee } from "../policy-rule";

/** VPCE-RAM-1: resource shares stay inside the organization. */
export const externalRamPrincipals: ConstructionGuarantee = {
  id: "VPCE-RAM-1",
  description: "RAM shares never allow principals outside the organization",
  guaranteedBy:
    "the hub region construct builds its RAM shares (of the resolver rules, of the Route 53 Profile) with allow_external_principals = false, which no input changes",
};
