/**
 * `npm run catalog:import`: the user's own describe-vpc-endpoint-services output refreshes the catalog,
 * merged with the other regions' snapshots, and the command says what changed.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  buildCatalog,
  catalogChanges,
  readDescribeOutput,
  readSnapshots,
  ServiceDetail,
  SNAPSHOT_DIR,
} from "../../scripts/import-endpoint-services";
import { CATALOG_PATH, CatalogFile } from "../../src/catalog/service-catalog";
import { COMMAND_LIMIT_MS, npmRun, PROCESS_TEST_TIMEOUT_MS } from "../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const committed = JSON.parse(fs.readFileSync(CATALOG_PATH, "utf8")) as CatalogFile;
const euWest3 = JSON.parse(
  fs.readFileSync(path.join(SNAPSHOT_DIR, "eu-west-3.json"), "utf8"),
) as ServiceDetail[];

/** A copy of the catalog and its snapshots in a temporary folder, for the command to rewrite. */
function workspace(): { dir: string; catalog: string; snapshots: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-catalog-import-"));
  const snapshots = path.join(dir, "snapshots");
  fs.mkdirSync(snapshots);
  for (const region of Object.keys(committed.snapshots)) {
    fs.copyFileSync(path.join(SNAPSHOT_DIR, `${region}.json`), path.join(snapshots, `${region}.json`));
  }
  const catalog = path.join(dir, "services.json");
  fs.copyFileSync(CATALOG_PATH, catalog);
  return { dir, catalog, snapshots };
}

function service(name: string, dnsNames: string[], extra: Partial<ServiceDetail> = {}): ServiceDetail {
  return {
    ServiceName: name,
    Owner: "amazon",
    ServiceType: [{ ServiceType: "Interface" }],
    PrivateDnsNames: dnsNames.map((PrivateDnsName) => ({ PrivateDnsName })),
    VpcEndpointPolicySupported: true,
    ...extra,
  };
}

/**
 * eu-west-3 as `aws ec2 describe-vpc-endpoint-services --region eu-west-3` prints it: the 2023 services,
 * one new service, sts with one more name, and the entries the catalog ignores (gateway endpoints,
 * endpoint services of other accounts).
 */
function describeOutput(): object {
  const details = [
    ...euWest3.map((d) =>
      d.ServiceName === "com.amazonaws.eu-west-3.sts"
        ? {
            ...d,
            PrivateDnsNames: [...(d.PrivateDnsNames ?? []), { PrivateDnsName: "sts.eu-west-3.api.aws" }],
          }
        : d,
    ),
    service("com.amazonaws.eu-west-3.newsvc", ["newsvc.eu-west-3.amazonaws.com"]),
    service("com.amazonaws.eu-west-3.dynamodb", [], { ServiceType: [{ ServiceType: "Gateway" }] }),
    service("com.amazonaws.vpce.eu-west-3.vpce-svc-0123456789abcdef0", ["api.example.com"], {
      Owner: "123456789012",
    }),
  ];
  return { ServiceDetails: details, ServiceNames: details.map((d) => d.ServiceName) };
}

describe("npm run catalog:import", () => {
  it("reports a new service and a changed name, and updates the catalog and the region's snapshot", async () => {
    // GIVEN the catalog and its snapshots, and a fresh eu-west-3 describe with one new service and one
    // new name of sts
    const ws = workspace();
    const file = path.join(ws.dir, "my-describe.json");
    fs.writeFileSync(file, JSON.stringify(describeOutput(), null, 2));
    try {
      // WHEN imported as of 2026-12
      const run = await npmRun(
        "catalog:import",
        [file, "--date", "2026-12", "--catalog", ws.catalog, "--snapshots", ws.snapshots],
        {},
        COMMAND_LIMIT_MS,
      );
      // THEN the command reports both changes
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("snapshot eu-west-3: 2023-09 -> 2026-12");
      expect(run.stdout).toContain(
        "added newsvc: com.amazonaws.{region}.newsvc, newsvc.{region}.amazonaws.com",
      );
      expect(run.stdout).toContain("changed sts: names in eu-west-3: + sts.{region}.api.aws");
      // AND the catalog holds them, with where they come from
      const updated = JSON.parse(fs.readFileSync(ws.catalog, "utf8")) as CatalogFile;
      expect(updated.snapshots).toEqual({ "eu-west-3": "2026-12", "us-east-1": "2023-09" });
      expect(updated.services.newsvc).toMatchObject({
        serviceName: "com.amazonaws.{region}.newsvc",
        privateDnsNames: ["newsvc.{region}.amazonaws.com"],
        listedIn: { "eu-west-3": "2026-12" },
        since: "2026-12",
      });
      expect(updated.services.sts.regionalPrivateDnsNames).toEqual({
        "eu-west-3": ["sts.{region}.amazonaws.com", "sts.{region}.api.aws"],
      });
      expect(updated.services).not.toHaveProperty("vpce-svc-0123456789abcdef0");
      // AND the snapshot folder holds the new eu-west-3 snapshot, so the catalog test checks its entries
      expect(buildCatalog(readSnapshots(updated, ws.snapshots))).toEqual(updated);
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });

  it("refuses a file that is not a describe output in one line, and writes nothing", async () => {
    const ws = workspace();
    const file = path.join(ws.dir, "eu-west-3.json");
    fs.writeFileSync(file, JSON.stringify({ Reservations: [] }));
    try {
      const run = await npmRun(
        "catalog:import",
        [file, "--catalog", ws.catalog, "--snapshots", ws.snapshots],
        {},
        COMMAND_LIMIT_MS,
      );
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([
        `catalog import failed, nothing written: ${file}: expected the JSON of aws ec2 describe-vpc-endpoint-services (ServiceDetails, each with ServiceName, Owner, ServiceType, VpcEndpointPolicySupported)`,
      ]);
      expect(fs.readFileSync(ws.catalog, "utf8")).toBe(fs.readFileSync(CATALOG_PATH, "utf8"));
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});

describe("what the import reports", () => {
  const snapshots = readSnapshots(committed, SNAPSHOT_DIR);

  it("says which services a newer snapshot of a region no longer offers", () => {
    // GIVEN eu-west-3 described again in 2026-12 without bedrock-runtime (documented in 2026)
    const after = buildCatalog({ ...snapshots, "eu-west-3": { date: "2026-12", details: euWest3 } });
    // THEN the report says the region does not offer it
    expect(catalogChanges(committed, after)).toContain(
      "changed bedrock-runtime: not offered in eu-west-3 (its 2026-12 snapshot does not list it)",
    );
  });

  it("reports nothing when the same snapshots are imported again", () => {
    expect(catalogChanges(committed, buildCatalog(snapshots))).toEqual([]);
  });

  it("a China describe output is refused: the catalog derives China's names", () => {
    const ws = workspace();
    const file = path.join(ws.dir, "cn.json");
    fs.writeFileSync(
      file,
      JSON.stringify([service("cn.com.amazonaws.cn-north-1.ec2", ["ec2.cn-north-1.amazonaws.com.cn"])]),
    );
    try {
      expect(() => readDescribeOutput(file)).toThrow(/cn-north-1 is a China region/);
    } finally {
      fs.rmSync(ws.dir, { recursive: true, force: true });
    }
  });
});
