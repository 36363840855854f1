/**
 * Tests must not flake on a busy machine: every test file that starts a process (through the
 * run-command helpers or child_process) sets the timeout sized for a loaded 2-core machine, and
 * Terraform suites go through describeWithTerraform, which sets its own.
 */
import * as fs from "fs";
import * as path from "path";
import { COMMAND_LIMIT_MS, PROCESS_TEST_TIMEOUT_MS } from "./run-command";
import { TERRAFORM_TEST_TIMEOUT_MS } from "./terraform";

const TEST_ROOT = path.resolve(__dirname, "..");

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.name.endsWith(".test.ts") ? [file] : [];
  });
}

/** Whether a test file starts processes: imports the run-command helpers or child_process. */
const startsProcesses = (source: string): boolean =>
  /from "(\.\.?\/)+support\/run-command"|from "\.\/run-command"|from "child_process"|require\("child_process"\)/.test(
    source,
  );

describe("tests that start processes", () => {
  it("give a command time to finish, and the test time to report a killed command", () => {
    expect(COMMAND_LIMIT_MS).toBeGreaterThanOrEqual(60_000);
    expect(PROCESS_TEST_TIMEOUT_MS).toBeGreaterThan(COMMAND_LIMIT_MS);
    expect(TERRAFORM_TEST_TIMEOUT_MS).toBeGreaterThanOrEqual(PROCESS_TEST_TIMEOUT_MS);
  });

  it("set the process timeout, or run Terraform through describeWithTerraform", () => {
    // GIVEN every test file that starts a process (this one only reads files)
    const files = testFiles(TEST_ROOT).filter((file) => file !== __filename);
    const starting = files.filter((file) => startsProcesses(fs.readFileSync(file, "utf8")));
    expect(starting.length).toBeGreaterThan(5);
    // THEN each sets PROCESS_TEST_TIMEOUT_MS for the whole file, or uses describeWithTerraform
    const missing = starting
      .filter((file) => {
        const source = fs.readFileSync(file, "utf8");
        return (
          !/^jest\.setTimeout\(PROCESS_TEST_TIMEOUT_MS\);$/m.test(source) &&
          !/describeWithTerraform\(/.test(source)
        );
      })
      .map((file) => path.relative(TEST_ROOT, file));
    expect(missing).toEqual([]);
  });
});
