/** The README's generated blocks (cost table and diagram of the example) are those of the current code. */
import * as fs from "fs";
import { README_PATH, readmeBlocks, withBlocks } from "../../scripts/update-readme";

describe("README.md", () => {
  const readme = fs.readFileSync(README_PATH, "utf8");

  it.each(["cost", "diagram"])("has the %s block inside '## Cost and topology'", (name) => {
    const section = readme.slice(readme.indexOf("## Cost and topology"), readme.indexOf("## Layout"));
    expect(section).toContain(`<!-- ${name}:begin -->`);
    expect(section).toContain(`<!-- ${name}:end -->`);
  });

  it("shows the example's cost table and diagram as they are now (run: npm run docs)", () => {
    expect(readme).toBe(withBlocks(readme, readmeBlocks()));
  });

  it("GIVEN a stale block WHEN regenerated THEN only the block changes", () => {
    const stale = readme.replace(/(<!-- cost:begin -->\n)[\s\S]*?(<!-- cost:end -->)/, "$1old table\n$2");
    expect(stale).not.toBe(readme);
    expect(withBlocks(stale, readmeBlocks())).toBe(readme);
  });

  it("GIVEN a README without the markers THEN regenerating fails, naming them", () => {
    expect(() => withBlocks("# nothing here\n", readmeBlocks())).toThrow('"<!-- cost:begin -->"');
  });
});
