/** The report for people: aligned columns, money in cents with thousands separators. */
import { estimateCosts } from "../../src/cost/cost-estimate";
import { formatCostReport } from "../../src/cost/cost-report";
import { formatTable, usd } from "../../src/cost/text-format";
import { testConfig } from "./cost-fixtures";

describe("usd", () => {
  it.each([
    [1234.564, "$1,234.56"],
    [1234.565001, "$1,234.57"],
    [0, "$0.00"],
    [-221.5, "-$221.50"],
    [-0.001, "$0.00"],
    [1_000_000, "$1,000,000.00"],
  ])("GIVEN %d THEN %s", (amount, text) => {
    expect(usd(amount)).toBe(text);
  });
});

describe("formatTable", () => {
  it("pads every column to its widest cell, numbers right-aligned, no trailing spaces", () => {
    const table = formatTable(
      [{ header: "region" }, { header: "cost", align: "right" }, { header: "note" }],
      [
        ["eu-west-3", "$1.00", ""],
        ["us-east-1", "$1,000.00", "x"],
      ],
    );
    expect(table).toBe(
      ["region          cost  note", "eu-west-3      $1.00", "us-east-1  $1,000.00  x"].join("\n"),
    );
  });
});

describe("formatCostReport", () => {
  const report = formatCostReport(estimateCosts(testConfig()), "test-config.json");

  it("GIVEN the test configuration THEN one row per region and a total, in cents", () => {
    expect(report).toMatch(
      /^Monthly cost of test-config\.json in USD \(730 hours a month; AWS us-east-1 list prices\)\n/,
    );
    expect(report).toMatch(
      /\neu-west-3 +resolver-rules +6 +4 +3 +5 +\$525\.60 +\$665\.60 +-\$140\.00 +from 8 spoke VPCs\n/,
    );
    expect(report).toMatch(
      /\nus-east-1 +resolver-rules +1 +2 +2 +3 +\$29\.20 +\$395\.70 +-\$366\.50 +from 14 spoke VPCs\n/,
    );
    expect(report).toMatch(/\ntotal +7 +\$554\.80 +\$1,061\.30 +-\$506\.50\n/);
  });

  it("itemizes the centralized cost with the quantities", () => {
    expect(report).toMatch(/\neu-west-3 +\$87\.60 +\$547\.50 +\$2\.50 +\$20\.00 +\$0\.00 +\$8\.00\n/);
    expect(report).toMatch(/\n +4 x 3 AZs +3 \+ 3 IPs +5 zones +25 M queries x 2 +- +400 GB\n/);
  });

  it("aligns the money columns of the summary on their right edge", () => {
    const lines = report.split("\n");
    const header = lines.findIndex((line) => line.startsWith("region") && line.includes("baseline"));
    const rows = lines.slice(header, header + 4);
    const rightEdge = (line: string, text: string) => line.indexOf(text) + text.length;
    const [, eu, us, total] = rows;
    const edges = [
      rightEdge(rows[0], "centralized"),
      rightEdge(eu, "$665.60"),
      rightEdge(us, "$395.70"),
      rightEdge(total, "$1,061.30"),
    ];
    expect(new Set(edges).size).toBe(1);
  });
});
