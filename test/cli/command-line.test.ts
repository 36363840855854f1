/**
 * One argument parser for every command (src/cli/command.ts): each answers `--help` with its usage and
 * exit 0, and a command line it does not take with exit 2 and one line that says what it expects.
 */
import { BUILD_MODULES_COMMAND } from "../../src/cli/build-modules";
import {
  CommandDefinition,
  EXIT_OK,
  EXIT_USAGE,
  Output,
  runCommand,
  UsageError,
} from "../../src/cli/command";
import { COST_COMMAND } from "../../src/cli/cost";
import { DIAGRAM_COMMAND } from "../../src/cli/diagram";
import { SYNTH_COMMAND } from "../../src/cli/synth";
import { VERIFY_COMMAND } from "../../src/cli/verify";
import { BENCH_COMMAND } from "../../scripts/bench/bench";
import { CATALOG_IMPORT_COMMAND } from "../../scripts/import-endpoint-services";
import { DOCS_COMMAND } from "../../scripts/update-readme";
import { CONFIG_SCHEMA_COMMAND } from "../../scripts/write-config-schema";
import { npmRun, PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function run(command: CommandDefinition<any>, args: readonly string[]): Result {
  let [stdout, stderr] = ["", ""];
  const output: Output = { out: (text) => (stdout += text), err: (text) => (stderr += text) };
  const code = runCommand(command, args, output);
  return { code, stdout, stderr };
}

/** Every command, by its npm script. */
const COMMANDS = {
  synth: SYNTH_COMMAND,
  verify: VERIFY_COMMAND,
  cost: COST_COMMAND,
  diagram: DIAGRAM_COMMAND,
  bench: BENCH_COMMAND,
  "catalog:import": CATALOG_IMPORT_COMMAND,
  "build:modules": BUILD_MODULES_COMMAND,
  docs: DOCS_COMMAND,
  "config:schema": CONFIG_SCHEMA_COMMAND,
} as const;

describe.each(Object.entries(COMMANDS))("npm run %s", (script, command) => {
  it("GIVEN --help THEN its usage on stdout, exit 0, and nothing done", () => {
    for (const help of [["--help"], ["-h"], ["--no-such-option", "--help"]]) {
      expect(run(command, help)).toEqual({ code: EXIT_OK, stdout: `${command.usage}\n`, stderr: "" });
    }
    expect(command.usage).toMatch(new RegExp(`^usage: npm run ${script}\\b`));
  });

  it("GIVEN an unknown option THEN exit 2 and one line naming it and what the command takes", () => {
    const result = run(command, ["--no-such-option"]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      new RegExp(`^npm run ${script}: unknown option --no-such-option; expected [^\\n]+\\n$`),
    );
  });
});

describe("the parser", () => {
  const options = { out: { type: "string" }, json: { type: "boolean" } } as const;
  const seen: unknown[] = [];
  const command: CommandDefinition<typeof options> = {
    usage: "usage: npm run example -- [--out <file>] [--json]",
    options,
    valueNames: { out: "<file>" },
    run: (values, _, positionals) => {
      seen.push({ values, positionals });
      if (values.out === "bad") throw new UsageError("--out bad: expected a file name");
    },
  };
  beforeEach(() => (seen.length = 0));

  it.each([
    [["--out"], "--out takes a value"],
    [["--out", "--json"], "--out takes a value"],
    [["--out="], "--out takes a value"],
    [["--json=yes"], "--json takes no value"],
    [["-x"], "unknown option -x; expected --out <file>, --json"],
    [["file.txt"], 'unexpected argument "file.txt"; expected --out <file>, --json'],
    [["--out", "bad"], "--out bad: expected a file name"],
  ])("GIVEN %j THEN exit 2 and one line", (args, message) => {
    expect(run(command, args)).toEqual({
      code: EXIT_USAGE,
      stdout: "",
      stderr: `npm run example: ${message}\n`,
    });
  });

  it("GIVEN options in both spellings THEN the command gets their values", () => {
    expect(run(command, ["--out=a.txt", "--json"]).code).toBe(EXIT_OK);
    expect(run(command, ["--out", "b.txt"]).code).toBe(EXIT_OK);
    expect(seen).toEqual([
      { values: { out: "a.txt", json: true }, positionals: [] },
      { values: { out: "b.txt" }, positionals: [] },
    ]);
  });

  it("GIVEN a command that takes arguments THEN they reach it, also after --", () => {
    const withFiles = { ...command, positionals: "<file>s" };
    expect(run(withFiles, ["a.json", "--json", "--", "--b.json"]).code).toBe(EXIT_OK);
    expect(seen).toEqual([{ values: { json: true }, positionals: ["a.json", "--b.json"] }]);
    expect(run(withFiles, ["--nope"]).stderr).toBe(
      "npm run example: unknown option --nope; expected <file>s and --out <file>, --json\n",
    );
  });
});

describe("the commands as processes", () => {
  // Each starts ts-node through npm: seconds each on a busy 2-core machine (timeout above).
  it.each(Object.keys(COMMANDS))(
    "GIVEN npm run %s -- --no-such-option THEN exit 2 and one line, before doing anything",
    async (script) => {
      const result = await npmRun(script, ["--no-such-option"]);
      expect(result).toMatchObject({ code: EXIT_USAGE, timedOut: false, stdout: "" });
      expect(result.stderr).toMatch(
        new RegExp(`^npm run ${script}: unknown option --no-such-option; [^\\n]+\\n$`),
      );
    },
  );
});
