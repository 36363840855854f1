// Shared jest setup: cdktf's Testing.app() and our helpers write temp folders under os.tmpdir();
// keep them inside the project's gitignored .tmp/ instead of leaking into the system temp dir.
import * as fs from "fs";
import * as path from "path";

const tmp = path.resolve(__dirname, "..", ".tmp", "jest");
fs.mkdirSync(tmp, { recursive: true });
process.env.TMPDIR = tmp;
