/** The README's generated blocks (cost table and diagram of the example) are those of the current code. */
import * as fs from "fs";
import { README_PATH, readmeBlocks, withBlocks } from "../../scripts/update-readme";

describe("README.md", () => {
  const readme = fs.readFileSync(README_PATH, "utf8");

  it.each(["cost", "cost-mechanisms", "diagram"])(
    "has the %s block inside '## Cost and topology'",
    (name) => {
      const section = readme.slice(readme.indexOf("## Cost and topology"), readme.indexOf("## Layout"));
      expect(section).toContain(`<!-- ${name}:begin -->`);
      expect(section).toContain(`<!-- ${name}:end -->`);
    },
  );

  it("shows the examples' cost tables and diagram as they are now (run: npm run docs)", () => {
    expect(readme).toBe(withBlocks(readme, readmeBlocks()));
  });

  it.each(["cost", "cost-mechanisms"])(
    "GIVEN a stale %s block WHEN regenerated THEN only the block changes",
    (name) => {
      const block = new RegExp(`(<!-- ${name}:begin -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
      const stale = readme.replace(block, "$1old table\n$2");
      expect(stale).not.toBe(readme);
      expect(withBlocks(stale, readmeBlocks())).toBe(readme);
    },
  );

  it("shows each example region priced with its configured mechanism", () => {
    const block = readme.slice(
      readme.indexOf("<!-- cost-mechanisms:begin -->"),
      readme.indexOf("<!-- cost-mechanisms:end -->"),
    );
    expect(block).toMatch(/\neu-west-3 +resolver-rules +/);
    expect(block).toMatch(/\nus-east-1 +profile \(zones\) +/);
    expect(block).toMatch(/\neu-central-1 +zone-association +/);
  });

  it("GIVEN a README without the markers THEN regenerating fails, naming them", () => {
    expect(() => withBlocks("# nothing here\n", readmeBlocks())).toThrow('"<!-- cost:begin -->"');
  });
});
