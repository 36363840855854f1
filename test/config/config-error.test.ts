import { ConfigError, formatPath, quote } from "../../src/config/config-error";

describe("formatPath", () => {
  it("joins keys with dots and puts array indexes in brackets", () => {
    expect(formatPath(["hub", "regions", "eu-west-3", "subnetIds", 1])).toBe(
      "hub.regions.eu-west-3.subnetIds[1]",
    );
  });

  it("brackets and quotes keys that would read ambiguously after a dot", () => {
    expect(formatPath(["customServices", "ecr.api", "serviceName"])).toBe(
      'customServices["ecr.api"].serviceName',
    );
    expect(formatPath(["tags", "cost center"])).toBe('tags["cost center"]');
    expect(formatPath(["tags", ""])).toBe('tags[""]');
  });

  it("keeps $schema plain and names the top level (root)", () => {
    expect(formatPath(["$schema"])).toBe("$schema");
    expect(formatPath([])).toBe("(root)");
  });
});

describe("quote", () => {
  it("shows strings and other values in JSON form", () => {
    expect(quote("subnet-xyz")).toBe('"subnet-xyz"');
    expect(quote(111111111111)).toBe("111111111111");
    expect(quote(null)).toBe("null");
    expect(quote({ a: [1] })).toBe('{"a":[1]}');
  });

  it("truncates long values to 100 characters (an OU ARN fits) and marks the cut", () => {
    expect(quote("x".repeat(101))).toBe(`"${"x".repeat(100)}"...`);
    expect(quote("x".repeat(100))).toBe(`"${"x".repeat(100)}"`);
    expect(quote(Array.from({ length: 60 }, (_, i) => i))).toMatch(/^\[0,1,2,.{90,}\.\.\.$/);
    expect(quote(Array.from({ length: 60 }, (_, i) => i))).toHaveLength(103);
  });

  it("escapes control, bidi and line-separator characters so they cannot rearrange the terminal output", () => {
    expect(quote("a\nb")).toBe('"a\\nb"');
    expect(quote("a\u202eb")).toBe('"a\\u202eb"');
    expect(quote("a\u2028b\u0085")).toBe('"a\\u2028b\\u0085"');
    expect(quote("zero\u200bwidth")).toBe('"zero\\u200bwidth"');
  });

  it("keeps ordinary unicode and never splits a surrogate pair when truncating", () => {
    expect(quote("café")).toBe('"café"');
    expect(quote("😀".repeat(101))).toBe(`"${"😀".repeat(100)}"...`);
  });
});

describe("ConfigError", () => {
  it("GIVEN issues WHEN formatted THEN a header with the count, then one indented line per issue", () => {
    const error = new ConfigError("config/x.json", [
      { path: "hub.accountId", message: "is missing" },
      { path: "spokes.a.accountId", message: '"1" is not an account id' },
    ]);
    expect(error.format()).toBe(
      [
        "invalid configuration config/x.json: 2 problems",
        "  hub.accountId: is missing",
        '  spokes.a.accountId: "1" is not an account id',
      ].join("\n"),
    );
    expect(error.message).toBe(error.format());
    expect(error.name).toBe("ConfigError");
    expect(error).toBeInstanceOf(Error);
  });

  it("says 1 problem, not 1 problems", () => {
    expect(new ConfigError("x", [{ path: "(file)", message: "m" }]).format()).toMatch(
      /^invalid configuration x: 1 problem\n/,
    );
  });
});
