/** The expression subset the verifier reads from cdktf's JSON, and what it refuses. */
import {
  MAX_EXPRESSION_NESTING,
  parseTemplate,
  UnsupportedSyntax,
} from "../../src/terraform-model/expressions";

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

  it("reads the association map of a spoke: a for over setproduct, a nested template and an object", () => {
    // GIVEN the local a spoke region's associations are planned from WHEN parsed
    const parsed = parseTemplate(
      "${{ for pair in setproduct(local.vpc_ids_x, local.domains_x) :" +
        ' "${pair[0]}/${pair[1]}" => { vpc_id = pair[0], "domain" = pair[1] } }}',
    );
    // THEN the collection is the call, the key a template of the pair, the value an object of two items
    const pair = (index: number) => ({
      kind: "traversal",
      root: "pair",
      steps: [{ kind: "index", key: { kind: "literal", value: index } }],
    });
    expect(parsed).toEqual({
      kind: "for",
      result: "object",
      keyVariable: undefined,
      valueVariable: "pair",
      collection: {
        kind: "call",
        name: "setproduct",
        args: [
          { kind: "traversal", root: "local", steps: [{ kind: "attribute", name: "vpc_ids_x" }] },
          { kind: "traversal", root: "local", steps: [{ kind: "attribute", name: "domains_x" }] },
        ],
      },
      key: { kind: "template", parts: [pair(0), "/", pair(1)] },
      value: {
        kind: "object",
        items: [
          { key: { kind: "literal", value: "vpc_id" }, value: pair(0) },
          { key: { kind: "literal", value: "domain" }, value: pair(1) },
        ],
      },
    });
  });

  it("reads strings inside expressions with their escapes, and tuples", () => {
    // GIVEN quoted strings with escapes, an escaped interpolation and a nested string WHEN parsed
    expect(parseTemplate('${["a\\"b\\\\c\\n\\u00e9", "$${x}", "${"}"}"]}')).toEqual({
      kind: "tuple",
      items: [
        { kind: "literal", value: 'a"b\\c\né' },
        { kind: "literal", value: "${x}" },
        { kind: "literal", value: "}" },
      ],
    });
  });

  it.each([
    ["${lookup(local.zones, each.key)}", "function call lookup(...) is not modeled"],
    ['${local.a != null ? local.a : "x"}', 'operator "!=" is not modeled'],
    ["${aws_route53_resolver_endpoint.inbound.ip_address[*].ip}", "splat expressions are not modeled"],
    ['${{ for k, v in local.zones : k => v if v.service == "s3" }}', 'operator "==" is not modeled'],
    ["${[for k, v in local.zones : k if true]}", "for expressions with an if clause are not modeled"],
    ["%{ if true }x%{ endif }", "template directives (%{...}) are not modeled"],
    ['${upper("a")}', "function call upper(...) is not modeled"],
    ['${"a\\qb"}', 'invalid escape "\\\\q" in a string'],
    ['${"${local.a}"', "unterminated ${"],
  ])("refuses %s", (text, detail) => {
    // GIVEN an expression outside the subset WHEN parsed THEN it is refused, naming the construct
    expect(() => parseTemplate(text)).toThrow(new UnsupportedSyntax(text, detail));
  });

  it.each([
    ["tuples", "[", "]"],
    ["objects", "{ a = ", " }"],
    ["strings in interpolations", '"${', '}"'],
  ])("refuses %s nested past the limit, in a message of bounded length", (_, open, close) => {
    // GIVEN an expression nested 20,000 levels deep (input read from a file) WHEN parsed
    const text = `\${${open.repeat(20_000)}1${close.repeat(20_000)}}`;
    // THEN it is refused (the stack is not exhausted), and the message shows the start of it
    expect(() => parseTemplate(text)).toThrow(
      new UnsupportedSyntax(text, `nested more than ${MAX_EXPRESSION_NESTING} levels deep`),
    );
    expect(() => parseTemplate(text)).toThrow(/^unsupported expression "\$\{.*\.\.\.": nested [^"]*$/);
    try {
      parseTemplate(text);
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(500);
    }
  });
  it("reads an expression nested up to the limit", () => {
    const depth = MAX_EXPRESSION_NESTING - 1;
    expect(parseTemplate(`\${${"[".repeat(depth)}1${"]".repeat(depth)}}`)).toMatchObject({ kind: "tuple" });
  });
});
