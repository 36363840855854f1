import { isMap } from "../../terraform-model/terraform-model";
import type { PolicyRule } from "../policy-rule";

/** The resource types of this project that take tags. */
export const TAGGABLE_TYPES = [
  "aws_ram_resource_share",
  "aws_route53_resolver_endpoint",
  "aws_route53_resolver_query_log_config",
  "aws_route53_resolver_rule",
  "aws_route53_zone",
  "aws_security_group",
  "aws_vpc_endpoint",
  "aws_vpc_security_group_egress_rule",
  "aws_vpc_security_group_ingress_rule",
];

/** VPCE-TAG-1: every taggable resource carries the configured tags. */
export const missingTags: PolicyRule = {
  id: "VPCE-TAG-1",
  description: "every taggable resource carries the tags of the configuration",
  check: (stack, context) =>
    TAGGABLE_TYPES.flatMap((type) => stack.instances(type)).flatMap((resource) => {
      const tags = resource.attribute("tags");
      const present = isMap(tags) ? Object.keys(tags) : [];
      const missing = context.requiredTags.filter((key) => !present.includes(key));
      return missing.length > 0
        ? [{ address: resource.address, message: `lacks the tag(s) ${missing.join(", ")}` }]
        : [];
    }),
};
