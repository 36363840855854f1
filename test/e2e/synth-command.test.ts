/**
 * The commands a user runs: `npm run synth` (the README's main job) and `cdktf synth` (what
 * `cdktf deploy` runs first), on the example configuration and on broken ones.
 */
import * as fs from "fs";
import { FRAMEWORK } from "../../src/framework";
import { COMMAND_LIMIT_MS, npmRun, PROCESS_TEST_TIMEOUT_MS, runCommand } from "../support/run-command";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** `npm run synth`, with local state in the test's folder (the default is the project's state/ folder). */
const synth = (env: Record<string, string>) =>
  npmRun("synth", [], { VPCE_STATE_DIR: path.join(workDir, "state"), ...env });

let workDir: string;
beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-"));
});
afterEach(() => fs.rmSync(workDir, { recursive: true, force: true }));

function writeConfig(change: (config: Record<string, unknown>) => void | string): string {
  const config = JSON.parse(fs.readFileSync(path.join(REPO, "config", "example.json"), "utf8"));
  const replaced = change(config);
  const file = path.join(workDir, "config.json");
  fs.writeFileSync(file, typeof replaced === "string" ? replaced : JSON.stringify(config, null, 2));
  return file;
}

const STACKS = ["hub-eu-west-3", "hub-us-east-1", "spoke-data-platform", "spoke-payments-prod"];

describe("npm run synth", () => {
  it("writes every stack of the example into CDKTF_OUTDIR, with nothing machine-specific in it", async () => {
    // GIVEN the example configuration WHEN the README's synth command runs with CDKTF_OUTDIR
    const outdir = path.join(workDir, "out");
    const result = await synth({ CDKTF_OUTDIR: outdir });
    // THEN it succeeds and writes one cdk.tf.json per stack, listed in the manifest
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(`synthesized 4 stacks into ${outdir}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(STACKS);
    for (const stack of STACKS) {
      const text = fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
      expect(text).not.toContain(REPO);
      expect(text).not.toContain(workDir);
    }
    // AND local state lives in the configuration's state folder (VPCE_STATE_DIR), by a relative path,
    // and the folder names the configuration that owns it
    const hub = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "hub-eu-west-3", "cdk.tf.json"), "utf8"),
    );
    const statePath = path.resolve(outdir, "stacks", "hub-eu-west-3", hub.terraform.backend.local.path);
    expect(statePath).toBe(path.join(workDir, "state", "terraform.hub-eu-west-3.tfstate"));
    const owner = JSON.parse(fs.readFileSync(path.join(workDir, "state", "owner.json"), "utf8"));
    expect(path.resolve(workDir, "state", owner.configuration)).toBe(
      path.join(REPO, "config", "example.json"),
    );
    expect(fs.readdirSync(workDir).sort()).toEqual(["out", "state"]); // no staging folder left behind
    expect(result.stdout).not.toContain("retired");
  });

  it("says which stacks left the configuration and the exact commands that retire them, spokes first", async () => {
    // GIVEN the example synthesized, then the spoke payments-prod and the us-east-1 region removed
    const outdir = path.join(workDir, "out");
    expect((await synth({ CDKTF_OUTDIR: outdir })).code).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const config = writeConfig((c: Record<string, any>) => {
      delete c.spokes["payments-prod"];
      delete c.hub.regions["us-east-1"];
      delete c.spokes["data-platform"].regions["us-east-1"];
    });
    // WHEN synthesized again (the state folder now belongs to the edited copy)
    fs.rmSync(path.join(workDir, "state", "owner.json"));
    const result = await synth({ CDKTF_OUTDIR: outdir, VPCE_CONFIG: config });
    // THEN it says which, and what to run where: the retired spoke, the spokes that remain (their
    // associations in us-east-1 go), then the retired hub
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    const folder = (stack: string) => path.relative(REPO, path.join(outdir, "retired", stack));
    expect(result.stdout).toContain(
      [
        "retired: spoke-payments-prod, hub-us-east-1 left the configuration; their resources remain until you destroy them, in this order (spokes before hubs):",
        `  terraform -chdir=${folder("spoke-payments-prod")} init && terraform -chdir=${folder("spoke-payments-prod")} destroy`,
        `  npx ${FRAMEWORK.cli} deploy spoke-data-platform`,
        `  terraform -chdir=${folder("hub-us-east-1")} init && terraform -chdir=${folder("hub-us-east-1")} destroy`,
        `then delete each folder (rm -r ${folder("spoke-payments-prod")} ${folder("hub-us-east-1")}); README: "Retiring a spoke or a region"`,
      ].join("\n"),
    );
    expect(fs.existsSync(path.join(outdir, "retired", "hub-us-east-1", "cdk.tf.json"))).toBe(true);
  });

  it.each<[string, (dir: string) => string, string]>([
    ["a file", (dir) => path.join(dir, "out.txt"), "is a file, not a folder"],
    ["the root folder", () => "/", "is the root of the file system"],
  ])("refuses a CDKTF_OUTDIR that is %s: one line, exit 1, nothing written", async (_, outdir, why) => {
    // GIVEN a file where the output would go
    fs.writeFileSync(path.join(workDir, "out.txt"), "mine");
    const rootBefore = fs.readdirSync("/");
    // WHEN synthesized into it
    const result = await synth({ CDKTF_OUTDIR: outdir(workDir) });
    // THEN refused in one line, and nothing changed
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 1, stdout: "" });
    expect(result.stderr).toBe(
      `output folder ${outdir(workDir)} ${why}; point CDKTF_OUTDIR at a new or empty folder, or at one that holds an earlier synthesis (default: cdktf.out in the project)\n`,
    );
    expect(fs.readFileSync(path.join(workDir, "out.txt"), "utf8")).toBe("mine");
    expect(fs.readdirSync(workDir)).toEqual(["out.txt"]);
    expect(fs.readdirSync("/")).toEqual(rootBefore);
  });

  it("reports shared services that accept no endpoint policy", async () => {
    // GIVEN eks (no endpoint policy support) shared in eu-west-3 WHEN synthesized
    const config = writeConfig(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (c: Record<string, any>) => void c.hub.regions["eu-west-3"].services.push("eks"),
    );
    const result = await synth({ CDKTF_OUTDIR: path.join(workDir, "out"), VPCE_CONFIG: config });
    // THEN it succeeds and says so
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "note: hub-eu-west-3: eks accept no endpoint policy: any principal that reaches the endpoint may use it",
    );
  });

  it("says that s3's default policy lets anyone read AWS's own buckets that ECR and Amazon Linux need", async () => {
    // GIVEN the example, which shares s3 in us-east-1 WHEN synthesized
    const outdir = path.join(workDir, "out");
    const result = await synth({ CDKTF_OUTDIR: outdir });
    // THEN a note names the stack and the buckets' objects the policy lets anyone read
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "note: hub-us-east-1: s3's endpoint policy admits the organization's principals, and lets anyone read (s3:GetObject, nothing else) the AWS-owned buckets that ECR image layers and Amazon Linux repositories live in: arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*, arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*, arn:aws:s3:::amazonlinux-2-repos-us-east-1/*",
    );
    // AND the s3 endpoint's policy says so
    const hub = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "hub-us-east-1", "cdk.tf.json"), "utf8"),
    );
    const s3 = JSON.parse(hub.locals.endpoints.s3.policy);
    expect(s3.Statement[1]).toMatchObject({ Sid: "AwsOwnedBucketsReadOnly", Action: "s3:GetObject" });
  });

  it("says which AWS-owned buckets an s3 endpoint policy of the configuration's own does not name", async () => {
    // GIVEN an s3 override that names the ECR layer bucket only
    const config = writeConfig(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (c: Record<string, any>) =>
        void (c.hub.endpointPolicies = {
          s3: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: "*",
                Action: "*",
                Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
              },
              {
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: ["arn:aws:s3:::prod-us-east-1-starport-layer-bucket/*"],
              },
            ],
          },
        }),
    );
    // WHEN synthesized
    const result = await synth({ CDKTF_OUTDIR: path.join(workDir, "out"), VPCE_CONFIG: config });
    // THEN it succeeds, and the note names the two repository buckets the override leaves out
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `note: hub-us-east-1: hub.endpointPolicies.s3 does not name arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*, arn:aws:s3:::amazonlinux-2-repos-us-east-1/*: unless it lets any principal read (s3:GetObject) them, docker pull from ECR and dnf/yum on Amazon Linux fail in the spokes (README, "The service catalog")`,
    );
    expect(result.stdout).not.toContain("lets anyone read (s3:GetObject, nothing else)");
  });

  it("warns, naming the region, that sharing execute-api breaks spokes' calls to public APIs", async () => {
    // GIVEN the example, which shares execute-api in us-east-1 WHEN synthesized
    const result = await synth({ CDKTF_OUTDIR: path.join(workDir, "out") });
    // THEN it succeeds (a warning, not an error) and the warning names the stack, the region and why
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "warning: hub-us-east-1: sharing execute-api in us-east-1: every spoke's calls to public regional APIs (*.execute-api.us-east-1.amazonaws.com) then reach the hub's endpoint, which admits private APIs only and answers 403",
    );
    expect(result.stderr).not.toContain("eu-west-3");
  });

  it("reads the configuration named by VPCE_CONFIG", async () => {
    const outdir = path.join(workDir, "out");
    const result = await synth({
      CDKTF_OUTDIR: outdir,
      VPCE_CONFIG: path.join(REPO, "config", "example-terraform-cloud.json"),
    });
    expect(result.code).toBe(0);
    const hub = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "hub-eu-west-3", "cdk.tf.json"), "utf8"),
    );
    expect(hub.terraform.cloud).toMatchObject({
      organization: "acme",
      workspaces: { name: "vpce-hub-eu-west-3" },
    });
  });

  it.each<[string, (config: Record<string, unknown>) => void | string, RegExp]>([
    [
      "a bad subnet id",
      (c: Record<string, any>) => void (c.hub.regions["eu-west-3"].subnetIds[1] = "subnet-xyz"), // eslint-disable-line @typescript-eslint/no-explicit-any
      /hub\.regions\.eu-west-3\.subnetIds\[1\]: "subnet-xyz" is not a subnet id/,
    ],
    [
      "an unknown service",
      (c: Record<string, any>) => void c.hub.regions["eu-west-3"].services.push("ecr-dkr"), // eslint-disable-line @typescript-eslint/no-explicit-any
      /hub\.regions\.eu-west-3\.services\[5\]: unknown service "ecr-dkr"; did you mean "ecr.dkr"/,
    ],
    [
      "malformed JSON",
      () => '{\n  "organization": {\n  }\n  "hub": {}\n}\n',
      /invalid JSON at line 4, column 3/,
    ],
  ])(
    "refuses %s: exit 1, a report naming the config path, no stack trace, nothing written",
    async (_, change, report) => {
      // GIVEN a broken configuration WHEN synthesized
      const outdir = path.join(workDir, "out");
      const result = await synth({ CDKTF_OUTDIR: outdir, VPCE_CONFIG: writeConfig(change) });
      // THEN it fails with the report only, and writes nothing
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^invalid configuration .*config\.json: \d+ problems?\n/);
      expect(result.stderr).toMatch(report);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe("");
      expect(fs.readdirSync(workDir)).toEqual(["config.json"]);
    },
  );

  it("fails on a policy finding with the report only, and writes nothing", async () => {
    // GIVEN a valid configuration whose security groups would admit the whole internet
    const outdir = path.join(workDir, "out");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const config = writeConfig((c: Record<string, any>) => void (c.organization.cidrs = ["0.0.0.0/0"]));
    // WHEN synthesized THEN the policy checks stop it, naming stack, rule and address
    const result = await synth({ CDKTF_OUTDIR: outdir, VPCE_CONFIG: config });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^policy checks failed: \d+ finding\(s\)\n/);
    expect(result.stderr).toContain(
      'hub-eu-west-3 [VPCE-SG-1] aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]',
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(workDir)).toEqual(["config.json"]);
  });

  it("prints each suppressed finding with its reason, and warns of a suppression that suppresses nothing", async () => {
    // GIVEN the whole internet in organization.cidrs, suppressed for hub-eu-west-3 only, and a suppression
    // of VPCE-RAM-1, which no configuration can trigger
    const outdir = path.join(workDir, "out");
    const reason = "reviewed: the hub VPC is reachable from the transit gateway only";
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const config = writeConfig((c: Record<string, any>) => {
      c.organization.cidrs = ["0.0.0.0/0"];
      c.hub.regions = { "eu-west-3": c.hub.regions["eu-west-3"] };
      c.spokes = {};
      c.policySuppressions = [
        { rule: "VPCE-SG-1", stack: "hub-eu-west-3", reason },
        { rule: "VPCE-RAM-1", reason: "left over from an earlier review of the shares" },
      ];
    });
    // WHEN synthesized
    const result = await synth({ CDKTF_OUTDIR: outdir, VPCE_CONFIG: config });
    // THEN it succeeds, prints every suppressed finding with its reason, and warns of the unused one
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `suppressed: hub-eu-west-3 [VPCE-SG-1] aws_vpc_security_group_ingress_rule.endpoints_https["0.0.0.0/0"]: organization.cidrs[0]: admits 0.0.0.0/0: anyone who can route to the hub VPC (reason: ${reason})`,
    );
    expect(result.stdout.match(/^suppressed: /gm)).toHaveLength(5);
    expect(result.stderr).toContain(
      "warning: policySuppressions[1]: suppresses nothing (VPCE-RAM-1 never fires: ",
    );
    expect(fs.existsSync(path.join(outdir, "stacks", "hub-eu-west-3", "cdk.tf.json"))).toBe(true);
  });

  it("refuses Terraform Cloud synthesis without terraform on PATH: one line, exit 1, nothing written", async () => {
    // GIVEN a PATH that holds node and no terraform (cdktf checks `terraform version` for a cloud block)
    const bin = path.join(workDir, "bin");
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    // WHEN the Terraform Cloud example is synthesized
    const result = await runCommand(
      [process.execPath, path.join(REPO, "node_modules", ".bin", "ts-node"), "--swc", "src/cli/synth.ts"],
      {
        PATH: bin,
        VPCE_CONFIG: path.join(REPO, "config", "example-terraform-cloud.json"),
        CDKTF_OUTDIR: path.join(workDir, "out"),
      },
      COMMAND_LIMIT_MS,
    );
    // THEN it says what is missing and how to fix it, without a stack trace, and writes nothing
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 1,
      stderr:
        "Validation failed with the following errors:\n" +
        `  terraformCloud: the cloud block needs Terraform >= 1.1, which ${FRAMEWORK.name} checks with \`terraform version\` ` +
        "while synthesizing: terraform is not on PATH; install Terraform (1.11.x) and put it on PATH\n",
    });
    expect(fs.readdirSync(workDir)).toEqual(["bin"]);
  });

  it("reads a relative VPCE_CONFIG from the folder the user ran npm in", async () => {
    // GIVEN a configuration in the project's config folder WHEN synth runs from there with a relative name
    const outdir = path.join(workDir, "out");
    const result = await runCommand(
      ["sh", "-c", "cd config && npm run --silent synth"],
      { VPCE_CONFIG: "example-terraform-cloud.json", CDKTF_OUTDIR: outdir },
      COMMAND_LIMIT_MS,
    );
    // THEN it read config/example-terraform-cloud.json (stderr holds only the catalog's hazard warnings)
    const problems = result.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("warning: "));
    expect({ code: result.code, problems }).toEqual({ code: 0, problems: [] });
    const hub = JSON.parse(
      fs.readFileSync(path.join(outdir, "stacks", "hub-eu-west-3", "cdk.tf.json"), "utf8"),
    );
    expect(hub.terraform.cloud.organization).toBe("acme");
  });

  it("refuses a missing configuration file and says how to point at another", async () => {
    const result = await synth({
      CDKTF_OUTDIR: path.join(workDir, "out"),
      VPCE_CONFIG: path.join(workDir, "nope.json"),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /no such file ".*nope\.json"; point VPCE_CONFIG at your configuration file/,
    );
    expect(fs.readdirSync(workDir)).toEqual([]);
  });
});

describe("cdktf synth (the first step of cdktf deploy)", () => {
  it("runs the app from cdktf.json and writes every stack", async () => {
    const outdir = path.join(workDir, "cdktf-out");
    const result = await runCommand(
      [path.join(REPO, "node_modules", ".bin", "cdktf"), "synth", "--output", outdir],
      { CI: "true", VPCE_STATE_DIR: path.join(workDir, "state") },
      COMMAND_LIMIT_MS,
    );
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    for (const stack of STACKS)
      expect(fs.existsSync(path.join(outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
  });

  it("keeps a stack that left the configuration in retired/, and cdktf goes on", async () => {
    // GIVEN the example synthesized by cdktf, then the same file without the spoke payments-prod
    const outdir = path.join(workDir, "cdktf-out");
    const config = writeConfig(() => undefined);
    const cdktfSynth = () =>
      runCommand(
        [path.join(REPO, "node_modules", ".bin", "cdktf"), "synth", "--output", outdir],
        { CI: "true", VPCE_CONFIG: config, VPCE_STATE_DIR: path.join(workDir, "state") },
        COMMAND_LIMIT_MS,
      );
    expect((await cdktfSynth()).code).toBe(0);
    writeConfig((c: Record<string, any>) => void delete c.spokes["payments-prod"]); // eslint-disable-line @typescript-eslint/no-explicit-any
    // WHEN cdktf synthesizes again (it deletes the folders of stacks the app no longer writes)
    const result = await cdktfSynth();
    // THEN it succeeds, the spoke's last synthesis is in retired/, and stacks/ holds the others
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(fs.existsSync(path.join(outdir, "retired", "spoke-payments-prod", "cdk.tf.json"))).toBe(true);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(
      STACKS.filter((s) => s !== "spoke-payments-prod"),
    );
  });
});
