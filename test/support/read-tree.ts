import * as fs from "fs";
import * as path from "path";

/** Every file under `dir`, relative path -> content. */
export function readTree(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(files, readTree(dir, relative));
    else files[relative] = fs.readFileSync(path.join(dir, relative), "utf8");
  }
  return files;
}
