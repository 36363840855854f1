/** The --prices file: what it accepts, and problems reported path by path like configuration problems. */
import { ConfigError } from "../../src/config/config-error";
import { loadPricesFile, parsePricesFile, pricesFor } from "../../src/cost/prices-file";
import { DEFAULT_PRICES } from "../../src/cost/prices";
import { makeWorkDir, removeWorkDir } from "./cost-fixtures";

const HUB_REGIONS = ["eu-west-3", "us-east-1"];

function problemsOf(text: string): string[] {
  try {
    parsePricesFile(text, "prices.json", HUB_REGIONS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error("expected a ConfigError, but the prices file was accepted");
}

const problemsOfJson = (value: unknown) => problemsOf(JSON.stringify(value));

describe("valid prices files", () => {
  it("GIVEN every key THEN it is accepted", () => {
    const file = parsePricesFile(
      JSON.stringify({
        default: { ...DEFAULT_PRICES, endpoint_hour: 0.011 },
        regions: { "eu-west-3": { tgw_gb: 0.03, queries_millions: 12.5, transfer_gb: 0 } },
      }),
      "prices.json",
      HUB_REGIONS,
    );
    expect(pricesFor("eu-west-3", file)).toEqual({ ...DEFAULT_PRICES, endpoint_hour: 0.011, tgw_gb: 0.03 });
    expect(pricesFor("us-east-1", file)).toEqual({ ...DEFAULT_PRICES, endpoint_hour: 0.011 });
  });

  it("GIVEN no file THEN the defaults", () => {
    expect(pricesFor("eu-west-3", undefined)).toEqual(DEFAULT_PRICES);
  });
});

describe("invalid prices files", () => {
  it("GIVEN a negative price THEN its path, the value and what is valid", () => {
    expect(problemsOfJson({ default: { endpoint_hour: -0.01 } })).toEqual([
      "default.endpoint_hour: -0.01 is negative; expected a number >= 0",
    ]);
  });

  it("GIVEN a currency that is not a code THEN what a code is", () => {
    expect(problemsOfJson({ currency: "yuan" })).toEqual([
      'currency: "yuan" is not a currency code; expected three capital letters, e.g. "CNY"',
    ]);
  });

  it("GIVEN a price as a string THEN its type", () => {
    expect(problemsOfJson({ regions: { "eu-west-3": { tgw_gb: "0.02" } } })).toEqual([
      'regions.eu-west-3.tgw_gb: "0.02" is a string; expected a number',
    ]);
  });

  it("GIVEN a misspelt key THEN a suggestion and the allowed keys", () => {
    const [problem, ...others] = problemsOfJson({ default: { endpoint_hours: 0.01 } });
    expect(others).toEqual([]);
    expect(problem).toMatch(
      /^default\.endpoint_hours: unknown key "endpoint_hours" \(did you mean "endpoint_hour"\?\)/,
    );
    expect(problem).toContain('"resolver_query_per_million"');
  });

  it("GIVEN traffic under default THEN it is refused: traffic is per region", () => {
    expect(problemsOfJson({ default: { queries_millions: 3 } })[0]).toMatch(
      /^default\.queries_millions: unknown key "queries_millions"/,
    );
  });

  it("GIVEN a region the configuration does not serve THEN the path and the hub regions", () => {
    expect(problemsOfJson({ regions: { "eu-west-1": { tgw_gb: 0.02 } } })).toEqual([
      'regions.eu-west-1: "eu-west-1" is not a hub region of the configuration; expected one of "eu-west-3", "us-east-1"',
    ]);
  });

  it("GIVEN several problems THEN each is reported", () => {
    expect(
      problemsOfJson({
        default: { tgw_gb: -1 },
        regions: { "us-east-1": { transfer_gb: -5 }, "eu-west-1": {} },
      }).map((problem) => problem.split(":")[0]),
    ).toEqual(["default.tgw_gb", "regions.us-east-1.transfer_gb", "regions.eu-west-1"]);
  });

  it("GIVEN a list instead of an object THEN the root's type", () => {
    expect(problemsOf("[]")).toEqual(["(root): [] is an array; expected an object"]);
  });

  it("GIVEN malformed JSON THEN the file", () => {
    expect(problemsOf('{ "default": { "tgw_gb": 0.02, } }')[0]).toMatch(/^\(file\): invalid JSON: /);
  });

  it("GIVEN a missing file THEN the path and what to check", () => {
    const dir = makeWorkDir();
    try {
      expect(() => loadPricesFile(`${dir}/nope.json`, HUB_REGIONS)).toThrow(
        /\(file\): no such file ".*nope\.json"; check the --prices path/,
      );
    } finally {
      removeWorkDir(dir);
    }
  });

  it("reports in the configuration format, header first", () => {
    try {
      parsePricesFile('{"default": {"tgw_gb": -1}}', "prices.json", HUB_REGIONS);
      throw new Error("accepted");
    } catch (error) {
      expect((error as ConfigError).format()).toBe(
        "invalid configuration prices.json: 1 problem\n  default.tgw_gb: -1 is negative; expected a number >= 0",
      );
    }
  });
});
