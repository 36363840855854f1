import type { PolicyRule } from "../policy-rule";

/** VPCE-RAM-1: resource shares stay inside the organization. */
export const externalRamPrincipals: PolicyRule = {
  id: "VPCE-RAM-1",
  description: "RAM shares never allow principals outside the organization",
  check: (stack) =>
    stack
      .instances("aws_ram_resource_share")
      .flatMap((share) =>
        share.attribute("allow_external_principals") === false
          ? []
          : [{ address: share.address, message: "allow_external_principals is not false" }],
      ),
};
