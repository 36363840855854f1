/**
 * Local state belongs to one configuration: a state folder of its own, outside the output folder, that
 * two configurations never share, and that moving or deleting the output folder never orphans.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { VpceShareConfig } from "../../src/config/config-types";
import { localStateFile, stateFolder, STATE_OWNER_FILE } from "../../src/stacks/local-state";
import { synthesize, SynthesisError } from "../../src/stacks/synthesize";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import { sampleConfig } from "../support/sample-config";

// Several syntheses in this process.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let project: string;
beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "local-state-"));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

/** A configuration file in the project (its content is not read: synthesize gets `config`). */
function configFile(name: string): string {
  const file = path.join(project, "config", name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "{}\n");
  return file;
}

/** Another organization, with its own hub account. */
function otherOrganization(): VpceShareConfig {
  const config = sampleConfig();
  return {
    ...config,
    organization: {
      ...config.organization,
      arn: "arn:aws:organizations::999999999999:organization/o-zzzzzzzzzz",
      id: "o-zzzzzzzzzz",
    },
    hub: { ...config.hub, accountId: "999999999999" },
  };
}

function stackJson(outdir: string, stack: string): Json {
  return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
}

/** The state file a stack's backend names, resolved from the stack's working directory. */
function backendFile(outdir: string, stack: string): string {
  return path.resolve(outdir, "stacks", stack, stackJson(outdir, stack).terraform.backend.local.path);
}

const noStateDir = { env: {} };

describe("the state folder of a configuration", () => {
  it("is state/<organization id>-<hub account id> in the project, or VPCE_STATE_DIR (relative: from INIT_CWD)", () => {
    expect(stateFolder(sampleConfig(), { projectDir: "/p", env: {} })).toBe(
      "/p/state/o-a1b2c3d4e5-111111111111",
    );
    expect(
      stateFolder(sampleConfig(), { projectDir: "/p", env: { VPCE_STATE_DIR: "/srv/prod-state" } }),
    ).toBe("/srv/prod-state");
    expect(
      stateFolder(sampleConfig(), { projectDir: "/p", env: { VPCE_STATE_DIR: "s", INIT_CWD: "/home/me" } }),
    ).toBe("/home/me/s");
    expect(localStateFile(sampleConfig(), "hub-eu-west-3", { projectDir: "/p", env: {} })).toBe(
      "/p/state/o-a1b2c3d4e5-111111111111/terraform.hub-eu-west-3.tfstate",
    );
  });
});

describe("synthesis with local state", () => {
  it("gives two configurations synthesized side by side (out/prod, out/staging) state files of their own", () => {
    // GIVEN two organizations, synthesized into two folders of the same parent
    const [prod, staging] = [path.join(project, "out", "prod"), path.join(project, "out", "staging")];
    synthesize(sampleConfig(), prod, { projectDir: project, ...noStateDir });
    synthesize(otherOrganization(), staging, { projectDir: project, ...noStateDir });
    // THEN their backends name different files: each configuration's own, as localStateFile derives it
    const options = { projectDir: project, env: {} };
    expect(backendFile(prod, "hub-eu-west-3")).toBe(localStateFile(sampleConfig(), "hub-eu-west-3", options));
    expect(backendFile(staging, "hub-eu-west-3")).toBe(
      localStateFile(otherOrganization(), "hub-eu-west-3", options),
    );
    expect(backendFile(prod, "hub-eu-west-3")).not.toBe(backendFile(staging, "hub-eu-west-3"));
  });

  it("keeps state where it is when the output folder moves or is deleted, and spokes read their hubs there", () => {
    // GIVEN the configuration synthesized into cdktf.out, then into another folder after deleting it
    const first = synthesize(sampleConfig(), "cdktf.out", { projectDir: project, ...noStateDir }).outdir;
    const hubState = backendFile(first, "hub-eu-west-3");
    fs.rmSync(first, { recursive: true });
    const moved = synthesize(sampleConfig(), path.join(project, "elsewhere", "deep", "out"), {
      projectDir: project,
      ...noStateDir,
    }).outdir;
    // THEN the new backend names the same state file, outside both output folders
    expect(backendFile(moved, "hub-eu-west-3")).toBe(hubState);
    expect(hubState.startsWith(path.join(project, "state") + path.sep)).toBe(true);
    // AND a spoke's remote state is the hub's state file
    const spoke = stackJson(moved, "spoke-payments-prod");
    const remote = spoke.data.terraform_remote_state.hub_eu_west_3.config.path;
    expect(path.resolve(moved, "stacks", "spoke-payments-prod", remote)).toBe(hubState);
  });

  it("writes nothing absolute or machine-specific in the default layout", () => {
    const outdir = synthesize(sampleConfig(), "cdktf.out", { projectDir: project, ...noStateDir }).outdir;
    const text = fs.readFileSync(path.join(outdir, "stacks", "hub-eu-west-3", "cdk.tf.json"), "utf8");
    expect(text).not.toContain(project);
    expect(stackJson(outdir, "hub-eu-west-3").terraform.backend.local.path).toBe(
      "../../../state/o-a1b2c3d4e5-111111111111/terraform.hub-eu-west-3.tfstate",
    );
  });

  it("records the configuration that owns the state folder, by a path relative to it", () => {
    const file = configFile("prod.json");
    const { stateFolder: folder } = synthesize(sampleConfig(), "cdktf.out", {
      projectDir: project,
      configFile: file,
      ...noStateDir,
    });
    expect(JSON.parse(fs.readFileSync(path.join(folder!, STATE_OWNER_FILE), "utf8"))).toEqual({
      configuration: "../../config/prod.json",
    });
  });

  it("refuses another configuration that points at the same state folder, naming both, and writes nothing", () => {
    // GIVEN prod synthesized, and a copy of it (same organization and hub account) as staging.json
    const [prod, staging] = [configFile("prod.json"), configFile("staging.json")];
    const { stateFolder: folder } = synthesize(sampleConfig(), "out-prod", {
      projectDir: project,
      configFile: prod,
      ...noStateDir,
    });
    // WHEN staging is synthesized into a folder of its own THEN it is refused, naming both configurations
    const synthStaging = () =>
      synthesize(sampleConfig(), "out-staging", { projectDir: project, configFile: staging, ...noStateDir });
    expect(synthStaging).toThrow(SynthesisError);
    expect(synthStaging).toThrow(
      `local state: the state folder ${folder} belongs to the configuration ${prod}, not to ${staging}: ` +
        "two configurations must never share state. Give this one a folder of its own (VPCE_STATE_DIR=<folder>), " +
        `or, if ${staging} is that configuration moved or renamed, delete ${path.join(folder!, STATE_OWNER_FILE)}`,
    );
    expect(fs.existsSync(path.join(project, "out-staging"))).toBe(false);
    // AND with a state folder of its own, it synthesizes
    const own = synthesize(sampleConfig(), "out-staging", {
      projectDir: project,
      configFile: staging,
      env: { VPCE_STATE_DIR: path.join(project, "staging-state") },
    });
    expect(backendFile(own.outdir, "hub-eu-west-3")).toBe(
      path.join(project, "staging-state", "terraform.hub-eu-west-3.tfstate"),
    );
  });

  it("refuses to leave state at the old place beside the output folder, with the command that moves it", () => {
    // GIVEN state of an earlier version beside cdktf.out
    const old = path.join(project, "terraform.hub-eu-west-3.tfstate");
    fs.writeFileSync(old, "{}");
    // WHEN synthesized THEN refused with the exact move, nothing written
    const folder = stateFolder(sampleConfig(), { projectDir: project, env: {} });
    const synth = () =>
      synthesize(sampleConfig(), "cdktf.out", {
        projectDir: project,
        configFile: configFile("a.json"),
        env: {},
      });
    expect(synth).toThrow(`Move it there before anything else: mkdir -p ${folder} && mv ${old} ${folder}/`);
    expect(fs.readdirSync(project).sort()).toEqual(["config", "terraform.hub-eu-west-3.tfstate"]);
    // AND once moved, it synthesizes
    fs.mkdirSync(folder, { recursive: true });
    fs.renameSync(old, path.join(folder, "terraform.hub-eu-west-3.tfstate"));
    expect(synth().stacks).toHaveLength(4);
  });

  it("leaves Terraform Cloud configurations without a state folder", () => {
    const config: VpceShareConfig = {
      ...sampleConfig(),
      terraformCloud: { organization: "acme", workspacePrefix: "vpce-", hostname: "app.terraform.io" },
    };
    const result = synthesize(config, "cdktf.out", {
      projectDir: project,
      configFile: configFile("c.json"),
      env: {},
    });
    expect(result.stateFolder).toBeUndefined();
    expect(fs.existsSync(path.join(project, "state"))).toBe(false);
  });
});
