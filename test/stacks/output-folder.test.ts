/**
 * The output folder is replaced all or nothing, and only where it is ours to replace; a stack that left
 * the configuration keeps its last synthesis in `<outdir>/retired/<stack>`, so its resources can still
 * be destroyed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { VpceShareConfig } from "../../src/config/config-types";
import { synthesize, SynthesisError } from "../../src/stacks/synthesize";
import { PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";
import { sampleConfig } from "../support/sample-config";
import { readTree } from "../support/read-tree";

// Several syntheses in this process.
jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

let project: string;
beforeEach(() => {
  project = fs.mkdtempSync(path.join(os.tmpdir(), "output-folder-"));
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

const synth = (config: VpceShareConfig, outdir: string) =>
  synthesize(config, outdir, { projectDir: project, env: {} });

const withoutSpoke = (name: string): VpceShareConfig => {
  const config = sampleConfig();
  const spokes = { ...config.spokes };
  delete spokes[name];
  return { ...config, spokes };
};

const withoutRegion = (region: string): VpceShareConfig => {
  const config = sampleConfig();
  const regions = { ...config.hub.regions };
  delete regions[region];
  const spokes = Object.fromEntries(
    Object.entries(config.spokes)
      .map(([name, spoke]) => {
        const spokeRegions = { ...spoke.regions };
        delete spokeRegions[region];
        return [name, { ...spoke, regions: spokeRegions }] as const;
      })
      .filter(([, spoke]) => Object.keys(spoke.regions).length > 0),
  );
  return { ...config, hub: { ...config.hub, regions }, spokes };
};

describe("where synthesis writes", () => {
  it.each([
    [
      "the root of the file system",
      () => path.parse(process.cwd()).root,
      () => "is the root of the file system",
    ],
    ["the home folder", () => os.homedir(), () => "is the home folder"],
    ["the project folder", () => project, () => "is the project folder"],
    ["a folder that holds the project", () => path.dirname(project), () => "holds the project folder"],
    [
      "the state folder's parent",
      () => path.join(project, "state"),
      () => `holds the local state folder ${path.join(project, "state", "o-a1b2c3d4e5-111111111111")}`,
    ],
  ])("refuses %s, before writing anything", (_, outdir, why) => {
    fs.mkdirSync(outdir(), { recursive: true });
    const before = fs.readdirSync(outdir());
    const attempt = () => synth(sampleConfig(), outdir());
    expect(attempt).toThrow(SynthesisError);
    expect(attempt).toThrow(
      `output folder ${outdir()} ${why()}; point CDKTF_OUTDIR at a new or empty folder, or at one that holds an earlier synthesis (default: cdktf.out in the project)`,
    );
    expect(fs.readdirSync(outdir())).toEqual(before);
  });

  it("refuses a file, and leaves it as it was", () => {
    const file = path.join(project, "out");
    fs.writeFileSync(file, "mine");
    expect(() => synth(sampleConfig(), file)).toThrow(`output folder ${file} is a file, not a folder;`);
    expect(fs.readFileSync(file, "utf8")).toBe("mine");
    expect(fs.readdirSync(project)).toEqual(["out"]);
  });

  it("refuses a folder with anything but a synthesis of ours, and leaves it as it was", () => {
    // GIVEN a previous synthesis to which someone added notes, and a folder of someone else's
    const ours = synth(sampleConfig(), path.join(project, "ours")).outdir;
    fs.writeFileSync(path.join(ours, "notes.txt"), "mine");
    const theirs = path.join(project, "theirs");
    fs.mkdirSync(theirs);
    fs.writeFileSync(
      path.join(theirs, "manifest.json"),
      '{"stacks": {"x": {"synthesizedStackPath": "../x"}}}',
    );
    const [oursBefore, theirsBefore] = [readTree(ours), readTree(theirs)];
    // THEN both are refused, naming what is foreign, and neither changes
    expect(() => synth(sampleConfig(), ours)).toThrow(
      `output folder ${ours} holds files that are not a synthesis of this project (notes.txt);`,
    );
    expect(() => synth(sampleConfig(), theirs)).toThrow(
      `output folder ${theirs} holds files that are not a synthesis of this project (manifest.json);`,
    );
    expect([readTree(ours), readTree(theirs)]).toEqual([oursBefore, theirsBefore]);
    expect(fs.readdirSync(project).sort()).toEqual(["ours", "theirs"]);
  });

  it("replaces an earlier synthesis whole, keeping what cdktf and terraform left in each stack's folder", () => {
    // GIVEN an earlier synthesis with a .terraform folder and a lock file in a stack's folder, and a
    // stack path that is a file where the new synthesis has a folder (the old merge stopped half way)
    const outdir = synth(sampleConfig(), path.join(project, "out")).outdir;
    const hub = path.join(outdir, "stacks", "hub-eu-west-3");
    fs.mkdirSync(path.join(hub, ".terraform"));
    fs.writeFileSync(path.join(hub, ".terraform", "terraform.tfstate"), "backend");
    fs.writeFileSync(path.join(hub, ".terraform.lock.hcl"), "lock");
    fs.writeFileSync(path.join(hub, "cdk.tf.json"), "stale");
    const spoke = path.join(outdir, "stacks", "spoke-payments-prod");
    fs.rmSync(spoke, { recursive: true });
    fs.writeFileSync(spoke, "in the way");
    // WHEN synthesized again
    synth(sampleConfig(), outdir);
    // THEN the output is exactly a fresh synthesis, plus what terraform left in the hub's folder
    const fresh = readTree(synth(sampleConfig(), path.join(project, "fresh")).outdir);
    expect(readTree(outdir)).toEqual({
      ...fresh,
      [path.join("stacks", "hub-eu-west-3", ".terraform", "terraform.tfstate")]: "backend",
      [path.join("stacks", "hub-eu-west-3", ".terraform.lock.hcl")]: "lock",
    });
    expect(fs.readdirSync(project).sort()).toEqual(["fresh", "out"]); // nothing left aside
  });
});

describe("stacks that leave the configuration", () => {
  it("keep their last synthesis in retired/<stack>, where the same state is still named, spokes listed first", () => {
    // GIVEN the sample synthesized, and terraform's working files in the spoke's folder
    const outdir = synth(sampleConfig(), path.join(project, "out")).outdir;
    const spokeBefore = readTree(path.join(outdir, "stacks", "spoke-payments-prod"));
    fs.mkdirSync(path.join(outdir, "stacks", "spoke-payments-prod", ".terraform"));
    // WHEN a spoke and a hub region (and the spoke regions in it) leave the configuration
    const config = withoutRegion("us-east-1");
    delete (config.spokes as Record<string, unknown>)["payments-prod"];
    const result = synth(config, outdir);
    // THEN both are retired, spokes first, out of stacks/ and the manifest
    expect(result.retired).toEqual(["spoke-payments-prod", "hub-us-east-1"]);
    // (an empty folder in stacks/ for each newly retired stack: cdktf deletes it, and fails if it is gone)
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual([
      "hub-eu-west-3",
      "hub-us-east-1",
      "spoke-data-platform",
      "spoke-payments-prod",
    ]);
    expect(fs.readdirSync(path.join(outdir, "stacks", "spoke-payments-prod"))).toEqual([]);
    expect(fs.readdirSync(path.join(outdir, "stacks", "hub-us-east-1"))).toEqual([]);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["hub-eu-west-3", "spoke-data-platform"]);
    // AND the retired spoke's folder is its last synthesis, with terraform's files, as deep as before
    const retired = path.join(outdir, "retired", "spoke-payments-prod");
    expect(readTree(retired)).toEqual(spokeBefore);
    expect(fs.existsSync(path.join(retired, ".terraform"))).toBe(true);
    expect(fs.existsSync(path.join(outdir, "retired", "hub-us-east-1", "cdk.tf.json"))).toBe(true);
  });

  it("stay retired over later syntheses, until they return to the configuration", () => {
    const outdir = synth(sampleConfig(), path.join(project, "out")).outdir;
    expect(synth(withoutSpoke("payments-prod"), outdir).retired).toEqual(["spoke-payments-prod"]);
    expect(synth(withoutSpoke("payments-prod"), outdir).retired).toEqual(["spoke-payments-prod"]);
    expect(fs.existsSync(path.join(outdir, "stacks", "spoke-payments-prod"))).toBe(false); // cdktf's placeholder goes
    // WHEN the spoke returns THEN it is a stack again, and no longer retired
    expect(synth(sampleConfig(), outdir).retired).toEqual([]);
    expect(fs.existsSync(path.join(outdir, "retired", "spoke-payments-prod"))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks", "spoke-payments-prod", "cdk.tf.json"))).toBe(true);
  });
});
