/** Runs a command of the project as a user would, killed if it hangs. */
import { spawn } from "child_process";
import * as path from "path";

export const REPO = path.resolve(__dirname, "..", "..");

/**
 * The jest timeout of every test file that starts a process (`jest.setTimeout(PROCESS_TEST_TIMEOUT_MS)`;
 * a test checks that each one sets it). Sized for a 2-core machine busy with other work: a command
 * that takes 2 s on an idle machine (ts-node startup included) took 5.7 s on a loaded one, past jest's
 * 5 s default, and a test may run several.
 */
export const PROCESS_TEST_TIMEOUT_MS = 240_000;

/** How long one command may run before it is killed: under the test timeout, so the test reports it. */
export const COMMAND_LIMIT_MS = 120_000;

export interface CommandResult {
  readonly code: number | null;
  /** Killed at the time limit. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command` in the project folder in a process group of its own, and kills the group (npm, the
 * shell and node under it) when it has not finished within `limitMs`.
 */
export function runCommand(
  command: readonly string[],
  env: Record<string, string>,
  limitMs: number,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: REPO,
      env: { ...process.env, ...env, NO_COLOR: "1", CHECKPOINT_DISABLE: "1" },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let [stdout, stderr, timedOut] = ["", "", false];
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, limitMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
  });
}

/** `npm run --silent <script> -- <args>`, as the README tells users to run it. */
export function npmRun(
  script: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
  limitMs = COMMAND_LIMIT_MS,
): Promise<CommandResult> {
  return runCommand(["npm", "run", "--silent", script, "--", ...args], env, limitMs);
}
