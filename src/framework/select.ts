/**
 * Which Terraform CDK this process runs on: cdktf (HashiCorp's, archived) or cdktn (its community fork,
 * CDK Terrain). The one place that names their packages; everything else imports the framework through
 * src/framework/ (src/framework/index.ts, aws.ts, internals.ts).
 *
 * VPCE_FRAMEWORK=cdktf|cdktn chooses; unset, cdktf when it is installed, else cdktn. Packages are found
 * the way Node finds any package (the project's node_modules, then NODE_PATH).
 */
import * as fs from "fs";
import * as path from "path";

export type FrameworkName = "cdktf" | "cdktn";

export interface Framework {
  readonly name: FrameworkName;
  /** The core package: App, TerraformStack, tokens. */
  readonly corePackage: string;
  /** The prebuilt AWS provider bindings, imported one resource at a time (`<package>/lib/<resource>`). */
  readonly awsPackage: string;
  /** The command users run stacks with (`npx <cli> deploy <stack>`). */
  readonly cli: string;
  /** Versions installed, as their package.json says. */
  readonly coreVersion: string;
  readonly awsVersion: string;
  /** The folder of the core package: `constructs` is resolved from there, so both share one copy. */
  readonly coreDir: string;
}

const PACKAGES: Readonly<Record<FrameworkName, { core: string; aws: string; cli: string }>> = {
  cdktf: { core: "cdktf", aws: "@cdktf/provider-aws", cli: "cdktf" },
  cdktn: { core: "cdktn", aws: "@cdktn/provider-aws", cli: "cdktn" },
};

export const FRAMEWORK_ENV = "VPCE_FRAMEWORK";

/** A framework that cannot be used: one line, naming the variable and what would be valid. */
export class FrameworkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FrameworkError";
  }
}

function packageJson(name: string): string | undefined {
  try {
    return require.resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
}

const versionOf = (packageJsonFile: string): string =>
  (JSON.parse(fs.readFileSync(packageJsonFile, "utf8")) as { version: string }).version;

/** The framework that `env` selects, with its packages located; throws a FrameworkError if it cannot be. */
export function selectFramework(env: NodeJS.ProcessEnv = process.env): Framework {
  const chosen = env[FRAMEWORK_ENV];
  let name: FrameworkName;
  if (chosen === undefined || chosen === "") {
    name = packageJson(PACKAGES.cdktf.core) || !packageJson(PACKAGES.cdktn.core) ? "cdktf" : "cdktn";
  } else if (chosen === "cdktf" || chosen === "cdktn") {
    name = chosen;
  } else {
    throw new FrameworkError(
      `${FRAMEWORK_ENV}: "${chosen}" is not a framework; expected cdktf (the default) or cdktn`,
    );
  }
  const { core, aws, cli } = PACKAGES[name];
  const [coreJson, awsJson] = [packageJson(core), packageJson(aws)];
  const missing = [coreJson ? undefined : core, awsJson ? undefined : aws].filter((p) => p !== undefined);
  if (!coreJson || !awsJson) {
    throw new FrameworkError(
      `${FRAMEWORK_ENV}=${name}: ${missing.join(" and ")} not installed; install ${core} and ${aws} ` +
        `(README, "Moving from cdktf to cdktn")`,
    );
  }
  return {
    name,
    corePackage: core,
    awsPackage: aws,
    cli,
    coreVersion: versionOf(coreJson),
    awsVersion: versionOf(awsJson),
    coreDir: path.dirname(coreJson),
  };
}

/**
 * The framework of this process, selected once, when src/framework is first loaded. Nothing runs
 * without one: a selection that cannot be made ends the process with its one-line reason.
 */
export const FRAMEWORK: Framework = (() => {
  try {
    return selectFramework();
  } catch (error) {
    if (!(error instanceof FrameworkError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  }
})();
