/**
 * `npm run verify -- --live` and `--probe` as a user runs them, where AWS cannot be read: bad options,
 * no credentials, an endpoint that does not answer. Each is one line and exit 2, never a stack trace.
 * What they print when AWS answers: test/emulator/live-verify.emulator.ts.
 */
import { npmRun, PROCESS_TEST_TIMEOUT_MS } from "../../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

/** No credentials anywhere the SDK's standard chain looks (environment, files, instance metadata). */
const NO_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: "",
  AWS_SECRET_ACCESS_KEY: "",
  AWS_SESSION_TOKEN: "",
  AWS_PROFILE: "",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  AWS_CONFIG_FILE: "/nonexistent/config",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "",
  AWS_CONTAINER_CREDENTIALS_FULL_URI: "",
  AWS_WEB_IDENTITY_TOKEN_FILE: "",
};
/** Credentials, and an endpoint where nothing listens (port 9, discard). */
const UNREACHABLE = {
  ...NO_CREDENTIALS,
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_ENDPOINT_URL: "http://127.0.0.1:9",
  AWS_MAX_ATTEMPTS: "2",
};

const oneLine = (stderr: string) => {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe("npm run verify -- --live / --probe where AWS cannot be read", () => {
  it("GIVEN options that do not go together WHEN run THEN each is refused in one line, exit 2", async () => {
    const runs = await Promise.all([
      npmRun("verify", ["--live", "--probe"]),
      npmRun("verify", ["--live", "--dir", "cdktf.out"]),
      npmRun("verify", ["--probe"]),
      npmRun("verify", ["--live", "--region", "eu-west-3"]),
      npmRun("verify", ["--probe", "--region", "eu-central-2"]),
    ]);
    expect(runs.map((r) => [r.code, r.stdout, r.stderr])).toEqual([
      [2, "", "npm run verify: --live and --probe exclude each other\n"],
      [2, "", "npm run verify: --dir is for the output folder; --live and --probe read AWS\n"],
      [2, "", "npm run verify: --probe takes --region <region>\n"],
      [2, "", "npm run verify: --region and --dns-server go with --probe\n"],
      [
        2,
        "",
        "npm run verify: --region eu-central-2 is not a hub region of config/example.json; expected one of eu-west-3, us-east-1\n",
      ],
    ]);
  });

  it("GIVEN no credentials WHEN verify --live runs THEN one line says so, exit 2", async () => {
    const run = await npmRun("verify", ["--live"], NO_CREDENTIALS);
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: "" });
    expect(run.stderr).toMatch(
      /^cannot verify: cannot read aws: CredentialsProviderError: Could not load credentials from any providers\n$/,
    );
    oneLine(run.stderr);
  });

  it("GIVEN an endpoint that does not answer WHEN verify --live and --probe run THEN one line each, exit 2", async () => {
    const [live, probe] = await Promise.all([
      npmRun("verify", ["--live"], UNREACHABLE),
      npmRun("verify", ["--probe", "--region", "eu-west-3"], UNREACHABLE),
    ]);
    expect([live.code, live.stdout, probe.code, probe.stdout]).toEqual([2, "", 2, ""]);
    expect(live.stderr).toMatch(/^cannot verify: cannot read aws: .*ECONNREFUSED.*\n$/);
    expect(probe.stderr).toMatch(
      /^cannot probe: cannot read the hub endpoints of eu-west-3 in account 111111111111: .*ECONNREFUSED.*\n$/,
    );
    oneLine(live.stderr);
    oneLine(probe.stderr);
  });
});
