/**
 * Helpers for the configuration tests: inputs are the example file, deep-cloned and changed in one
 * place; a failing load must throw a ConfigError (nothing else) whose issues we inspect.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigIssue } from "../../src/config/config-error";
import { parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const EXAMPLE_PATH = path.join(REPO_ROOT, "config", "example.json");
export const TERRAFORM_CLOUD_EXAMPLE_PATH = path.join(REPO_ROOT, "config", "example-terraform-cloud.json");

/** The example configuration as plain JSON data, loosely typed so tests can break it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A fresh deep copy of config/example.json. */
export function example(): Json {
  return JSON.parse(fs.readFileSync(EXAMPLE_PATH, "utf8"));
}

/** The example after `change`, loaded. */
export function load(change: (config: Json) => void = () => {}): VpceShareConfig {
  const config = example();
  change(config);
  return parseConfig(JSON.stringify(config, null, 2), "test.json");
}

/** What `run` returns, or the ConfigError it throws; anything else it throws (a TypeError...) fails the test. */
export function attempt<T>(run: () => T): T | ConfigError {
  try {
    return run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/** The ConfigError that `run` must throw. */
export function configErrorOf(run: () => unknown): ConfigError {
  const result = attempt(run);
  if (!(result instanceof ConfigError))
    throw new Error("expected a ConfigError, but the configuration loaded");
  return result;
}

/** The issues of the example after `change`. */
export function issuesOf(change: (config: Json) => void): readonly ConfigIssue[] {
  return configErrorOf(() => load(change)).issues;
}

/**
 * The one issue at `path` (fails listing all issues otherwise), after checking that its message
 * contains each of `words`.
 */
export function issueAt(issues: readonly ConfigIssue[], path: string, ...words: string[]): ConfigIssue {
  const matching = issues.filter((issue) => issue.path === path);
  if (matching.length !== 1) {
    throw new Error(
      `expected one issue at ${path}, got ${matching.length}:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`,
    );
  }
  for (const word of words) expect(matching[0].message).toContain(word);
  return matching[0];
}

/** Shorthand: the example after `change` has exactly one issue, at `path`, with `words` in its message. */
export function expectOnlyIssue(
  change: (config: Json) => void,
  path: string,
  ...words: string[]
): ConfigIssue {
  const issues = issuesOf(change);
  const issue = issueAt(issues, path, ...words);
  expect(issues).toHaveLength(1);
  return issue;
}
