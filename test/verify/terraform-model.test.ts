/** The model's evaluation of the expressions beyond references: function calls, constructors, templates. */
import { ModelError, Unknown, Value } from "../../src/terraform-model/terraform-model";
import { stackModel } from "../support/instances";

/** `local.value` of a stack whose locals are `locals`. */
function evaluate(locals: Record<string, unknown>): Value {
  const stack = stackModel({ locals });
  return stack.local("value", stack.scope("test"));
}

const ASSOCIATIONS =
  '${{ for pair in setproduct(local.vpcs, local.domains) : "${pair[0]}/${pair[1]}" => { vpc_id = pair[0], domain = pair[1] } }}';

describe("the Terraform model's expressions", () => {
  it("pairs every element of each list with every element of the next, in order (setproduct)", () => {
    // GIVEN two lists WHEN their product is evaluated THEN every pair, first list outermost
    expect(evaluate({ value: "${setproduct(local.a, local.b)}", a: ["x", "y"], b: [1, 2, 3] })).toEqual([
      ["x", 1],
      ["x", 2],
      ["x", 3],
      ["y", 1],
      ["y", 2],
      ["y", 3],
    ]);
    // AND an empty list empties the product
    expect(evaluate({ value: "${setproduct(local.a, local.b)}", a: ["x"], b: [] })).toEqual([]);
  });

  it("evaluates a spoke region's association map: one entry per pair, keyed '<vpc>/<domain>'", () => {
    // GIVEN the association expression over 2 VPCs and 2 domains WHEN evaluated
    const value = evaluate({ value: ASSOCIATIONS, vpcs: ["vpc-1", "vpc-2"], domains: ["a.com", "b.com"] });
    // THEN four objects built by the nested template and the object constructor
    expect(value).toEqual({
      "vpc-1/a.com": { vpc_id: "vpc-1", domain: "a.com" },
      "vpc-1/b.com": { vpc_id: "vpc-1", domain: "b.com" },
      "vpc-2/a.com": { vpc_id: "vpc-2", domain: "a.com" },
      "vpc-2/b.com": { vpc_id: "vpc-2", domain: "b.com" },
    });
  });

  it("lists the keys of a map in lexical order (keys), and builds tuples", () => {
    expect(evaluate({ value: "${[keys(local.m), 1, true]}", m: { b: 1, a: 2 } })).toEqual([
      ["a", "b"],
      1,
      true,
    ]);
  });

  it("keeps a key named __proto__ as a key, not as the object's prototype", () => {
    const value = evaluate({ value: "${{ for k in local.l : k => 1 }}", l: ["__proto__", "a"] });
    expect(Object.keys(value as object)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it("stays unknown where an argument is known only after apply", () => {
    // GIVEN a product over a resource attribute that only apply knows WHEN evaluated THEN an Unknown
    const stack = stackModel({
      locals: { value: "${setproduct(aws_vpc.main.ids, local.a)}", a: ["x"] },
      resource: { aws_vpc: { main: { cidr_block: "10.0.0.0/16" } } },
      provider: { aws: [{ region: "eu-west-3" }] },
    });
    expect(stack.local("value", stack.scope("test"))).toBeInstanceOf(Unknown);
  });

  it.each([
    [
      "a pair twice (Terraform: duplicate object key)",
      { vpcs: ["vpc-1", "vpc-1"], domains: ["a.com"] },
      "twice",
    ],
    ["a product of one list", { value: "${setproduct(local.vpcs)}", vpcs: [] }, "takes two or more lists"],
    [
      "a product of a map",
      { value: "${setproduct(local.vpcs, local.vpcs)}", vpcs: { a: 1 } },
      "two or more lists",
    ],
    ["the keys of a list", { value: "${keys(local.vpcs)}", vpcs: ["a"] }, "takes one map"],
  ])("refuses %s", (_, locals, reason) => {
    expect(() => evaluate({ value: ASSOCIATIONS, ...locals })).toThrow(ModelError);
    expect(() => evaluate({ value: ASSOCIATIONS, ...locals })).toThrow(reason);
  });
});
