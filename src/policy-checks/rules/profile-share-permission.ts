import { PROFILE_RAM_PERMISSION } from "../../topology/sharing-mechanism";
import type { ConstructionGuarantee } from "../policy-rule";

/** VPCE-RAM-2: a Route 53 Profile is shared read-only: consumers may associate it, and do nothing else. */
export const profileSharePermission: ConstructionGuarantee = {
  id: "VPCE-RAM-2",
  description: `the RAM share of a Route 53 Profile grants only ${PROFILE_RAM_PERMISSION} (associate it with your own VPCs) and never allows principals outside the organization`,
  guaranteedBy: `the hub region construct builds the Profile's RAM share with allow_external_principals = false and permission_arns = [the ${PROFILE_RAM_PERMISSION} ARN], which no input changes`,
};
