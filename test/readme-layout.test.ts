/**
 * The README's layout table matches the tree: every path it names exists, and every folder of `src/`
 * (and every file directly in `src/`) is named, itself or through a file or folder inside it.
 */
import * as fs from "fs";
import * as path from "path";

const REPO = path.resolve(__dirname, "..");

function layoutPaths(readme: string): string[] {
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) throw new Error("README has no ## Layout section");
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split(" | ")[0].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

/** Every folder under src/, relative to the project: `src/cli`, `src/constructs/hub-region`, ... */
function sourceFolders(dir = "src"): string[] {
  return fs
    .readdirSync(path.join(REPO, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const folder = `${dir}/${entry.name}`;
      return [folder, ...sourceFolders(folder)];
    });
}

describe("README layout table", () => {
  const paths = layoutPaths(fs.readFileSync(path.join(REPO, "README.md"), "utf8"));

  it("names only paths that exist", () => {
    // GIVEN the paths in the first column WHEN looked up THEN each exists
    const missing = paths.filter((p) => !fs.existsSync(path.join(REPO, p)));
    expect(missing).toEqual([]);
  });

  it("covers every folder of src/", () => {
    // GIVEN every folder under src/ WHEN matched against the table's paths
    const covered = (folder: string) =>
      paths.some((p) => {
        const named = p.replace(/\/$/, "");
        return named === folder || named.startsWith(`${folder}/`) || folder.startsWith(`${named}/`);
      });
    // THEN none is left out
    expect(sourceFolders().filter((folder) => !covered(folder))).toEqual([]);
  });
});
