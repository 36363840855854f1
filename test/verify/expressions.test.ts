/** The expression subset the verifier reads from cdktf's JSON, and what it refuses. */
import { parseTemplate, UnsupportedSyntax } from "../../modules/terraform-model/expressions";

describe("parseTemplate", () => {
  it("reads a single interpolation as the expression itself", () => {
    // GIVEN the alias name of a record WHEN parsed THEN a traversal with an index by each.value.service
    expect(parseTemplate("${aws_vpc_endpoint.this[each.value.service].dns_entry[0].dns_name}")).toEqual({
      kind: "traversal",
      root: "aws_vpc_endpoint",
      steps: [
        { kind: "attribute", name: "this" },
        {
          kind: "index",
          key: {
            kind: "traversal",
            root: "each",
            steps: [
              { kind: "attribute", name: "value" },
              { kind: "attribute", name: "service" },
            ],
          },
        },
        { kind: "attribute", name: "dns_entry" },
        { kind: "index", key: { kind: "literal", value: 0 } },
        { kind: "attribute", name: "dns_name" },
      ],
    });
  });

  it("reads text with interpolations as a template, and text without as a literal", () => {
    // GIVEN a tag value and an escaped interpolation WHEN parsed THEN a template, and a literal
    expect(parseTemplate("vpce-share-${each.key}")).toEqual({
      kind: "template",
      parts: [
        "vpce-share-",
        { kind: "traversal", root: "each", steps: [{ kind: "attribute", name: "key" }] },
      ],
    });
    expect(parseTemplate("cost $${each.key}")).toEqual({ kind: "literal", value: "cost ${each.key}" });
  });

  it("reads the for expressions of the hub outputs", () => {
    // GIVEN the resolver_rule_ids output WHEN parsed THEN an object for over the rules
    expect(
      parseTemplate("${{ for domain, rule in aws_route53_resolver_rule.this : domain => rule.id }}"),
    ).toEqual({
      kind: "for",
      result: "object",
      keyVariable: "domain",
      valueVariable: "rule",
      collection: {
        kind: "traversal",
        root: "aws_route53_resolver_rule",
        steps: [{ kind: "attribute", name: "this" }],
      },
      key: { kind: "traversal", root: "domain", steps: [] },
      value: { kind: "traversal", root: "rule", steps: [{ kind: "attribute", name: "id" }] },
    });
    // AND the inbound_resolver_ips output of a hub with unpinned ips: a tuple for
    expect(
      parseTemplate("${[for a in aws_route53_resolver_endpoint.inbound.ip_address : a.ip]}"),
    ).toMatchObject({
      kind: "for",
      result: "tuple",
      valueVariable: "a",
    });
  });

  it.each([
    ["${lookup(local.zones, each.key)}", "function call lookup(...) is not modeled"],
    ['${local.a != null ? local.a : "x"}', 'operator "!=" is not modeled'],
    ["${aws_route53_resolver_endpoint.inbound.ip_address[*].ip}", "splat expressions are not modeled"],
    ['${{ for k, v in local.zones : k => v if v.service == "s3" }}', 'operator "==" is not modeled'],
    ["${[for k, v in local.zones : k if true]}", "for expressions with an if clause are not modeled"],
    ["%{ if true }x%{ endif }", "template directives (%{...}) are not modeled"],
    ['${{ name: "b" }}', "object constructors are not modeled"],
  ])("refuses %s", (text, detail) => {
    // GIVEN an expression outside the subset WHEN parsed THEN it is refused, naming the construct
    expect(() => parseTemplate(text)).toThrow(new UnsupportedSyntax(text, detail));
  });
});
