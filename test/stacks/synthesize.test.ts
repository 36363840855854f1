/**
 * synthesize() takes shortcuts through cdktf for speed (README, "Performance"): stacks built and
 * synthesized in batches of apps, no preparing pass, validations run once, short token traces. Each
 * must leave the output exactly as cdktf's own `app.synth()` writes it.
 */
import childProcess from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "../../src/framework";
import { AwsProvider, VpcEndpoint } from "../../src/framework/aws";
import { buildStacks } from "../../src/stacks/build-stacks";
import type { VpceShareConfig } from "../../src/config/config-types";
import { synthesize, validateApp } from "../../src/stacks/synthesize";
import { stateFolderFromStack } from "../../src/stacks/local-state";
import { STATE_FOLDER_CONTEXT, WorkspaceStack } from "../../src/stacks/workspace";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import { sampleConfig } from "../support/sample-config";
import { readTree } from "../support/read-tree";

// It mocks execSync rather than start terraform, but synthesizes several times in this process.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** The sample configuration and `extra` more spokes, so that synthesis needs more than one app. */
function manySpokes(extra: number): VpceShareConfig {
  const config = sampleConfig();
  const spokes = { ...config.spokes };
  for (let i = 0; i < extra; i++) {
    spokes[`team-${i}`] = {
      accountId: String(400_000_000_000 + i),
      regions: { "eu-west-3": { vpcIds: [`vpc-${(0xc0000000 + i).toString(16)}`] } },
    };
  }
  return { ...config, spokes };
}

let workDir: string;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "synthesize-"));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe("synthesize", () => {
  it("writes the same files as one cdktf app with all its passes, over several batches of stacks", () => {
    // GIVEN the sample's 4 stacks and 3 more
    const config = manySpokes(3);
    // WHEN synthesized 3 stacks per app, and the plain cdktf way (one app, preparing pass, validations)
    const result = synthesize(config, path.join(workDir, "fast"), { stacksPerApp: 3 });
    jest.spyOn(WorkspaceStack.prototype, "prepareStack").mockImplementation(function (this: WorkspaceStack) {
      TerraformStack.prototype.prepareStack.call(this);
    });
    const app = new App({
      outdir: path.join(workDir, "cdktf"),
      context: { [STATE_FOLDER_CONTEXT]: stateFolderFromStack(result.outdir, result.stateFolder!) },
    });
    buildStacks(app, config);
    app.synth();
    // THEN every stack is there, in the manifest too, and every file is byte for byte the same
    expect(result.stacks).toHaveLength(7);
    const fast = readTree(result.outdir);
    expect(Object.keys(JSON.parse(fast["manifest.json"]).stacks).sort()).toEqual([...result.stacks].sort());
    expect(fast).toEqual(readTree(path.join(workDir, "cdktf")));
  });

  it("records in the manifest that each spoke depends on the hubs it reads, also from another batch", () => {
    // GIVEN the sample: payments-prod in eu-west-3, data-platform in eu-west-3 and us-east-1
    // WHEN synthesized one stack per app (no spoke is built with its hubs)
    const result = synthesize(sampleConfig(), path.join(workDir, "out"), { stacksPerApp: 1 });
    // THEN cdktf's manifest, which orders `cdktf deploy` and `cdktf destroy`, lists each spoke's hubs
    const manifest = JSON.parse(fs.readFileSync(path.join(result.outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, { dependencies: string[] }>;
    };
    expect(
      Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies])),
    ).toEqual({
      "hub-eu-west-3": [],
      "hub-us-east-1": [],
      "spoke-payments-prod": ["hub-eu-west-3"],
      "spoke-data-platform": ["hub-eu-west-3", "hub-us-east-1"],
    });
  });

  it("checks the Terraform version that the cloud block needs once, not once per stack", () => {
    // GIVEN Terraform Cloud workspaces, whose cloud backend checks `terraform version` on validation
    const config: VpceShareConfig = {
      ...sampleConfig(),
      terraformCloud: { organization: "acme", workspacePrefix: "vpce-", hostname: "app.terraform.io" },
    };
    const execSync = jest.spyOn(childProcess, "execSync").mockReturnValue(Buffer.from("Terraform v1.11.4\n"));
    // WHEN its 4 stacks are synthesized
    synthesize(config, path.join(workDir, "out"));
    // THEN terraform ran once
    expect(execSync.mock.calls.filter(([command]) => command === "terraform version")).toHaveLength(1);
  });

  it("leaves the stack traces of errors and annotations as they were", () => {
    const before = Error.prepareStackTrace;
    synthesize(sampleConfig(), path.join(workDir, "out"));
    expect(Error.prepareStackTrace).toBe(before);
  });
});

describe("validateApp", () => {
  it("fails on cdktf's validations, naming the construct", () => {
    // GIVEN a stack with a resource and no provider
    const app = new App({ outdir: path.join(workDir, "out"), skipValidation: true });
    const stack = new TerraformStack(app, "lonely");
    new VpcEndpoint(stack, "endpoint", { vpcId: "vpc-12345678", serviceName: "com.amazonaws.eu-west-3.ec2" });
    // THEN validation fails as cdktf's would
    expect(() => validateApp(app)).toThrow(
      /Validation failed with the following errors:\n {2}\[lonely\] Found resources without a matching provider construct/,
    );
    // AND passes with one
    new AwsProvider(stack, "aws", { region: "eu-west-3" });
    expect(() => validateApp(app)).not.toThrow();
  });
});
