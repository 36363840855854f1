import type { PolicyRule } from "../policy-rule";
import { endpointOrganizationPolicy } from "./endpoint-organization-policy";
import { externalRamPrincipals } from "./external-ram-principals";
import { missingTags } from "./missing-tags";
import { openSecurityGroup } from "./open-security-group";
import { profileSharePermission } from "./profile-share-permission";
import { ruleAssociatedWithHubVpc } from "./rule-associated-with-hub-vpc";

/** Every rule, in report order. */
export const POLICY_RULES: readonly PolicyRule[] = [
  openSecurityGroup,
  endpointOrganizationPolicy,
  externalRamPrincipals,
  profileSharePermission,
  ruleAssociatedWithHubVpc,
  missingTags,
];
