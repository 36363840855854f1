// Runs once, in the parent process, before jest starts its workers (which inherit its environment):
// cdktf's Testing.app() and the tests write temp folders under os.tmpdir(); keep them inside the
// project's gitignored .tmp/ rather than the system temp dir, and start each run clean.
import * as fs from "fs";
import * as path from "path";
import { PLAN_CACHE_DIR } from "./support/terraform";

export default function globalSetup(): void {
  const tmp = path.resolve(__dirname, "..", ".tmp", "jest");
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  // Plans are shared between the workers of one run, never between runs.
  fs.rmSync(PLAN_CACHE_DIR, { recursive: true, force: true });
}
