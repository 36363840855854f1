/**
 * Hostile files through the real command, `npm run --silent synth` (VPCE_CONFIG, CDKTF_OUTDIR), as a
 * user runs it: exit code 1, a report on stderr that names a config path, no stack trace, nothing
 * written. Each run is killed after COMMAND_TIME_LIMIT_MS, so a file that would hang the command fails
 * the test instead of stalling it. The runs are independent processes and run concurrently.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EXAMPLE, exampleText } from "./config-arbitraries";
import { COMMAND_LIMIT_MS, PROCESS_TEST_TIMEOUT_MS, runCommand } from "../support/run-command";

/**
 * A hang guard: the command refuses a bad file in about a second (ts-node startup included) on an idle
 * machine; the limit leaves room for a busy one.
 */
const COMMAND_TIME_LIMIT_MS = COMMAND_LIMIT_MS;

const synth = (env: Record<string, string>) =>
  runCommand(["npm", "run", "--silent", "synth"], env, COMMAND_TIME_LIMIT_MS);

const HOSTILE_FILES: [string, () => Buffer, RegExp][] = [
  [
    "a truncated file with a byte-order mark and invalid UTF-8",
    () =>
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(EXAMPLE.text.slice(0, 400)),
        Buffer.from([0xff, 0xc0, 0xaf, 0x00]),
      ]),
    /^ {2}\(file\): invalid UTF-8 at byte offset 403 \(line \d+, column \d+\): bytes 0xff 0xc0 0xaf; /m,
  ],
  [
    "odd unicode: a right-to-left override in a subnet id and a lone surrogate in an unknown key",
    () =>
      Buffer.from(
        exampleText((c) => {
          c.hub.regions["eu-west-3"].subnetIds[1] = "subnet-0a1b2c3d\u202e4e5f60002";
          c.hub.regions["eu-west-3"]["\ud800\u0000services"] = ["ec2"];
        }),
      ),
    /^ {2}hub\.regions\.eu-west-3\.subnetIds\[1\]: "subnet-0a1b2c3d\\u202e4e5f60002" is not a subnet id/m,
  ],
  [
    "a value nested 10,000 levels deep",
    () =>
      Buffer.from(exampleText((c) => (c.organization = "@@raw@@"), "[".repeat(10_000) + "]".repeat(10_000))),
    /^ {2}(organization|\(file\)): /m,
  ],
  [
    "20,000 malformed VPC ids in one spoke region",
    () =>
      Buffer.from(
        exampleText(
          (c) =>
            (c.spokes["payments-prod"].regions["eu-west-3"].vpcIds = Array.from(
              { length: 20_000 },
              (_, i) => `vpc-${i}z`,
            )),
        ),
      ),
    /^ {2}spokes\.payments-prod\.regions\.eu-west-3\.vpcIds\[19999\]: "vpc-19999z" is not a VPC id/m,
  ],
  [
    "a service name of a million letters (1 MB)",
    () => Buffer.from(exampleText((c) => c.hub.regions["eu-west-3"].services.push("a".repeat(1_000_000)))),
    /^ {2}hub\.regions\.eu-west-3\.services\[5\]: unknown service /m,
  ],
];

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

// Made when the file loads: jest starts concurrent tests before it runs beforeAll hooks.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hostile-e2e-"));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe("npm run synth on a hostile file", () => {
  it.concurrent.each(HOSTILE_FILES.map(([name, bytes, report], i) => ({ name, bytes, report, i })))(
    "refuses $name: exit 1, a report naming the config path, no stack trace, nothing written",
    async ({ bytes, report, i }) => {
      // GIVEN a hostile configuration file in a folder of its own
      const folder = path.join(workDir, `case-${i}`);
      fs.mkdirSync(folder, { recursive: true });
      const file = path.join(folder, "config.json");
      fs.writeFileSync(file, bytes());
      // WHEN the README's synth command runs on it
      const result = await synth({ VPCE_CONFIG: file, CDKTF_OUTDIR: path.join(folder, "out") });
      // THEN it ends in time with exit code 1 and the report only, and writes nothing
      const ended = result.timedOut ? `killed after ${COMMAND_TIME_LIMIT_MS} ms` : "ended";
      expect({ ended, stderr: result.stderr.slice(0, 2_000) }).toEqual({
        ended: "ended",
        stderr: expect.anything(),
      });
      expect({ code: result.code, stderr: result.stderr.slice(0, 2_000) }).toEqual({
        code: 1,
        stderr: expect.stringMatching(/^invalid configuration .*config\.json: \d+ problems?\n/),
      });
      expect(result.stderr).toMatch(report);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      for (const raw of ["\u0000", "\u202e", "\ufffd"]) expect(result.stderr).not.toContain(raw); // escaped
      expect(result.stdout).toBe("");
      expect(fs.readdirSync(folder)).toEqual(["config.json"]);
    },
  );
});

describe("npm run synth on a configuration that is not a regular file", () => {
  it.concurrent(
    "refuses a named pipe (FIFO) without opening it: exit 1 in time, where a read would wait for a writer forever",
    async () => {
      // GIVEN VPCE_CONFIG naming a FIFO that no process ever writes to
      const folder = path.join(workDir, "fifo");
      fs.mkdirSync(folder, { recursive: true });
      const fifo = path.join(folder, "config.json");
      execFileSync("mkfifo", [fifo]);
      // WHEN the README's synth command runs on it
      const result = await synth({ VPCE_CONFIG: fifo, CDKTF_OUTDIR: path.join(folder, "out") });
      // THEN it ends in time (a read would block until it is killed), exit code 1, at (file), nothing written
      expect({ timedOut: result.timedOut, code: result.code, stderr: result.stderr.slice(0, 2_000) }).toEqual(
        {
          timedOut: false,
          code: 1,
          stderr: expect.stringMatching(
            /^invalid configuration .*config\.json: 1 problem\n {2}\(file\): ".*config\.json" is a named pipe \(FIFO\), not a regular file, so it was not opened; point VPCE_CONFIG at/,
          ),
        },
      );
      expect(fs.readdirSync(folder)).toEqual(["config.json"]);
    },
  );
});
