/** Which framework a process runs on (src/framework/select.ts). */
import * as fs from "fs";
import { FRAMEWORK, FrameworkError } from "../../src/framework";
import { selectFramework } from "../../src/framework/select";
import { COMMAND_LIMIT_MS, PROCESS_TEST_TIMEOUT_MS, runCommand } from "../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const installed = (name: string): boolean => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};

describe("selectFramework", () => {
  it("takes cdktf without VPCE_FRAMEWORK when it is installed, with its packages and versions", () => {
    const framework = selectFramework({});
    expect(framework).toMatchObject({
      name: "cdktf",
      corePackage: "cdktf",
      awsPackage: "@cdktf/provider-aws",
    });
    expect(framework.coreVersion).toBe(
      JSON.parse(fs.readFileSync(require.resolve("cdktf/package.json"), "utf8")).version,
    );
  });

  it("takes cdktn when VPCE_FRAMEWORK says so, or names the packages to install", () => {
    // GIVEN VPCE_FRAMEWORK=cdktn WHEN cdktn is installed (npm run test:cdktn) THEN cdktn, else the packages
    if (installed("cdktn") && installed("@cdktn/provider-aws")) {
      expect(selectFramework({ VPCE_FRAMEWORK: "cdktn" })).toMatchObject({ name: "cdktn", cli: "cdktn" });
    } else {
      expect(() => selectFramework({ VPCE_FRAMEWORK: "cdktn" })).toThrow(
        new FrameworkError(
          'VPCE_FRAMEWORK=cdktn: cdktn and @cdktn/provider-aws not installed; install cdktn and @cdktn/provider-aws (README, "Moving from cdktf to cdktn")',
        ),
      );
    }
  });

  it("refuses another framework in one line", () => {
    expect(() => selectFramework({ VPCE_FRAMEWORK: "cdk" })).toThrow(
      new FrameworkError('VPCE_FRAMEWORK: "cdk" is not a framework; expected cdktf (the default) or cdktn'),
    );
  });

  it("is the framework this process runs on", () => {
    expect(FRAMEWORK).toEqual(selectFramework());
  });
});

describe("a command run with a framework that cannot be selected", () => {
  it("exits 1 with the reason in one line, and writes nothing", async () => {
    // GIVEN VPCE_FRAMEWORK=cdk WHEN npm run synth runs
    const result = await runCommand(
      ["npx", "ts-node", "--swc", "src/cli/synth.ts"],
      { VPCE_FRAMEWORK: "cdk", CDKTF_OUTDIR: "/nonexistent/out" },
      COMMAND_LIMIT_MS,
    );
    // THEN one line, no stack trace
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr: 'VPCE_FRAMEWORK: "cdk" is not a framework; expected cdktf (the default) or cdktn\n',
    });
  });
});
