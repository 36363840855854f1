/**
 * A zone-association hub region and its spokes applied with real Terraform and the real AWS provider
 * against moto: the hub authorizes every spoke VPC for every zone
 * (`aws_route53_vpc_association_authorization`), each spoke associates its VPCs with every zone
 * (`aws_route53_zone_association`), and every workspace re-plans empty. `verify --live` (verifyLive, as
 * `npm run verify -- --live` runs it, through the configured roles and AWS_ENDPOINT_URL) then finds the
 * deployment clean, and each thing broken by hand, one at a time, with its reason; doing what the
 * differences say repairs it all, and everything is destroyed.
 *
 * moto 5.2.1 answers no VPC association authorization call (test/emulator/lifecycle.emulator.ts asserts
 * that gap): this test runs the server that closes it (test/support/moto_reads_like_aws.py), which also
 * makes the zones private as AWS does. Hub and spokes share one account (through different roles): moto
 * keeps hosted zones per account, so a spoke of another account would not find the hub's zones. AWS
 * needs the authorizations across accounts only; the hub applies and reads them back all the same.
 */
import * as fs from "fs";
import * as path from "path";
import {
  AssociateVPCWithHostedZoneCommand,
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  DeleteVPCAssociationAuthorizationCommand,
  DisassociateVPCFromHostedZoneCommand,
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { CreateVpcEndpointCommand, DeleteVpcEndpointsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { loadConfig } from "../../src/config/load-config";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { topologyOf } from "../../src/topology/topology";
import { verifyLive, type LiveReport } from "../../src/verify/live/live-verify";
import {
  describeWithEmulator,
  EmulatorClient,
  MOTO_READS_LIKE_AWS,
  phaseRunner,
  plannedChanges,
  startEmulator,
  synthesizeForEmulator,
  xmlValues,
  type Emulator,
  type EmulatorWorkspace,
  ACCOUNT,
  MINUTE,
  PARALLELISM,
  roleArn,
} from "../support/emulator";
import { REPO } from "../support/run-command";
import { terraformCli, type TerraformRun } from "../support/terraform";

const PARIS = "eu-west-3";
const EC2 = "ec2.eu-west-3.amazonaws.com";
const DKR = "dkr.ecr.eu-west-3.amazonaws.com";
const ZONES = [DKR, EC2];

type Cli = Awaited<ReturnType<typeof terraformCli>>;

describeWithEmulator("a zone-association hub and its spokes applied against the moto emulator", () => {
  let emulator: Emulator;
  let cli: Cli;
  let client: EmulatorClient;
  let projectDir: string;
  let workspaces: Record<string, EmulatorWorkspace>;
  let baseline: Record<string, string[]>;
  let spokeVpcs: Record<string, string[]>;
  let configFile: string;
  let ownEndpoint: string;
  /** SDK clients in the account of hub and spokes, for what people break by hand. */
  let byHand: { route53: Route53Client; ec2: EC2Client };
  const { phase, summary } = phaseRunner("zone association");

  beforeAll(async () => {
    [emulator, cli] = await Promise.all([startEmulator(60_000, MOTO_READS_LIKE_AWS), terraformCli()]);
    client = await new EmulatorClient(emulator.endpoint).assumeRole(roleArn("setup"));
    projectDir = fs.mkdtempSync(path.join(REPO, ".tmp", "emulator-zones-"));
    // What a user sets to reach the emulator for verify --live: the SDK's standard variables.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: PARIS,
      AWS_EC2_METADATA_DISABLED: "true",
    });
    const config = {
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: client.accessKeyId, secretAccessKey: "test" },
      maxAttempts: 2,
    };
    byHand = {
      route53: new Route53Client({ ...config, region: "us-east-1" }),
      ec2: new EC2Client({ ...config, region: PARIS }),
    };
  }, 2 * MINUTE);

  afterAll(async () => {
    for (const sdk of Object.values(byHand ?? {})) sdk.destroy();
    await emulator?.stop();
    console.log(summary());
    if (projectDir && !process.env.VPCE_KEEP_TF_DIRS) fs.rmSync(projectDir, { recursive: true, force: true });
    else if (projectDir) console.log(`emulator working folder kept: ${projectDir}`);
  }, MINUTE);

  const hub = () => workspaces[hubStackName(PARIS)];
  const spokes = () => Object.values(workspaces).filter((ws) => ws.name.startsWith("spoke-"));
  const tf = (ws: EmulatorWorkspace, args: string[], okCodes = [0]): Promise<TerraformRun> =>
    cli.run([...args, "-no-color"], ws.dir, okCodes);
  const apply = (ws: EmulatorWorkspace) => tf(ws, ["apply", "-auto-approve", "-input=false", PARALLELISM]);
  const destroy = (ws: EmulatorWorkspace) =>
    tf(ws, ["destroy", "-auto-approve", "-input=false", PARALLELISM]);

  /** Every resource of a workspace's state: address -> values. */
  async function state(ws: EmulatorWorkspace): Promise<Record<string, Record<string, unknown>>> {
    const show = JSON.parse((await tf(ws, ["show", "-json"])).stdout) as {
      values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } };
    };
    return Object.fromEntries((show.values?.root_module?.resources ?? []).map((r) => [r.address, r.values]));
  }

  /** The hub's zone ids by domain, from its real outputs. */
  async function zoneIds(): Promise<Record<string, string>> {
    const out = JSON.parse((await tf(hub(), ["output", "-json"])).stdout) as Record<
      string,
      { value: unknown }
    >;
    return out.private_hosted_zone_ids.value as Record<string, string>;
  }

  /** What the emulator answers: the VPCs authorized for a zone (ListVPCAssociationAuthorizations). */
  async function authorizedVpcs(zoneId: string): Promise<string[]> {
    return xmlValues(await client.route53(`hostedzone/${zoneId}/authorizevpcassociation`), "VPCId").sort();
  }

  /** What the emulator answers: the zones a VPC is associated with (ListHostedZonesByVPC), by name. */
  async function zonesOfVpc(vpcId: string): Promise<string[]> {
    const xml = await client.route53(`hostedzonesbyvpc?vpcid=${vpcId}&vpcregion=${PARIS}`);
    return xmlValues(xml, "HostedZoneId").sort();
  }

  const live = (): Promise<LiveReport> => verifyLive(topologyOf(loadConfig(configFile)));

  /** A report as lines: every row that fails (`<vpc> <name> <hop>: <reason>`) and every difference. */
  function reported(report: LiveReport): { failures: string[]; differences: string[] } {
    return {
      failures: report.rows
        .filter((r) => r.failure)
        .map((r) => `${r.vpc} ${r.name} ${r.failure?.hop}: ${r.failure?.reason}`)
        .sort(),
      differences: report.differences
        .map((d) => `${d.kind} ${d.account} ${d.region} ${d.resource} | ${d.problem} | ${d.fix}`)
        .sort(),
    };
  }

  /** verify --live's report as lines, printed (what a failure shows first). */
  async function verified(what: string): Promise<{ failures: string[]; differences: string[] }> {
    const report = await live();
    const lines = reported(report);
    console.log(
      `verify --live ${what}: ${report.rows.length} rows\n${[...lines.failures, ...lines.differences].join("\n")}`,
    );
    return lines;
  }

  /** What the breaks so far add up to: each adds its failing rows and differences to the earlier ones. */
  const broken: { failures: string[]; differences: string[] } = { failures: [], differences: [] };
  const expectBroken = (failures: string[], differences: string[]) => {
    broken.failures.push(...failures);
    broken.differences.push(...differences);
    return { failures: [...broken.failures].sort(), differences: [...broken.differences].sort() };
  };

  it(
    "the server answers VPC association authorizations as AWS documents them (moto's default account)",
    async () => {
      const route53 = new Route53Client({
        endpoint: emulator.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "test", secretAccessKey: "test" },
        maxAttempts: 1,
      });
      const plain = new EmulatorClient(emulator.endpoint);
      try {
        const hubVpc = await plain.createVpc(PARIS, "10.90.0.0/16");
        const vpc = (VPCId: string) => ({ VPCId, VPCRegion: PARIS as "eu-west-3" });
        const zone = await route53.send(
          new CreateHostedZoneCommand({
            Name: "authorizations.example",
            CallerReference: "api",
            VPC: vpc(hubVpc),
          }),
        );
        const HostedZoneId = (zone.HostedZone?.Id as string).replace("/hostedzone/", "");
        const errorOf = (promise: Promise<unknown>) =>
          promise.then(
            () => "no error",
            (e: { name: string; $metadata: { httpStatusCode?: number } }) =>
              `${e.name} ${e.$metadata.httpStatusCode}`,
          );

        // GIVEN three VPCs authorized, the first twice
        const created = await route53.send(
          new CreateVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc("vpc-0a") }),
        );
        for (const id of ["vpc-0a", "vpc-0b", "vpc-0c"]) {
          await route53.send(new CreateVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc(id) }));
        }
        // WHEN they are listed two a page THEN each is listed once, with the zone id
        const first = await route53.send(
          new ListVPCAssociationAuthorizationsCommand({ HostedZoneId, MaxResults: 2 }),
        );
        const second = await route53.send(
          new ListVPCAssociationAuthorizationsCommand({
            HostedZoneId,
            MaxResults: 2,
            NextToken: first.NextToken,
          }),
        );
        const page = (list: typeof first) => ({
          zone: list.HostedZoneId,
          vpcs: list.VPCs,
          more: list.NextToken !== undefined,
        });
        expect({
          created: { zone: created.HostedZoneId, vpc: created.VPC },
          first: page(first),
          second: page(second),
        }).toEqual({
          created: { zone: HostedZoneId, vpc: vpc("vpc-0a") },
          first: { zone: HostedZoneId, vpcs: [vpc("vpc-0a"), vpc("vpc-0b")], more: true },
          second: { zone: HostedZoneId, vpcs: [vpc("vpc-0c")], more: false },
        });

        // WHEN one is deleted twice THEN the second delete is VPCAssociationAuthorizationNotFound (404)
        await route53.send(
          new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc("vpc-0b") }),
        );
        expect(
          await errorOf(
            route53.send(new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc("vpc-0b") })),
          ),
        ).toBe("VPCAssociationAuthorizationNotFound 404");
        // AND an unknown zone is NoSuchHostedZone (404)
        expect(
          await errorOf(
            route53.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId: "Z0NOSUCHZONE" })),
          ),
        ).toBe("NoSuchHostedZone 404");

        // WHEN a VPC associated with the zone loses its authorization THEN its association stays
        const spokeVpc = await plain.createVpc(PARIS, "10.91.0.0/16");
        await route53.send(
          new CreateVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc(spokeVpc) }),
        );
        await route53.send(new AssociateVPCWithHostedZoneCommand({ HostedZoneId, VPC: vpc(spokeVpc) }));
        await route53.send(
          new DeleteVPCAssociationAuthorizationCommand({ HostedZoneId, VPC: vpc(spokeVpc) }),
        );
        const listed = await route53.send(new ListVPCAssociationAuthorizationsCommand({ HostedZoneId }));
        const zones = await route53.send(
          new ListHostedZonesByVPCCommand({ VPCId: spokeVpc, VPCRegion: PARIS }),
        );
        expect({
          authorized: listed.VPCs?.map((v) => v.VPCId),
          associated: zones.HostedZoneSummaries?.map((z) => z.HostedZoneId),
        }).toEqual({ authorized: ["vpc-0a", "vpc-0c"], associated: [HostedZoneId] });
      } finally {
        route53.destroy();
      }
    },
    MINUTE,
  );

  phase(
    "1. creates the networks, synthesizes a zone-association hub region and two spokes (three VPCs), initializes every workspace",
    5 * MINUTE,
    async () => {
      baseline = await client.inventory([PARIS]);
      const hubVpc = await client.createVpc(PARIS, "10.10.0.0/16");
      const subnets = [
        await client.createSubnet(PARIS, hubVpc, "10.10.1.0/24", "eu-west-3a"),
        await client.createSubnet(PARIS, hubVpc, "10.10.2.0/24", "eu-west-3b"),
      ];
      spokeVpcs = {
        "payments-prod": [await client.createVpc(PARIS, "10.30.0.0/16")],
        "data-platform": [
          await client.createVpc(PARIS, "10.31.0.0/16"),
          await client.createVpc(PARIS, "10.32.0.0/16"),
        ],
      };
      configFile = path.join(projectDir, "vpce-share.json");
      fs.writeFileSync(
        configFile,
        JSON.stringify(
          {
            organization: {
              arn: `arn:aws:organizations::${ACCOUNT}:organization/o-a1b2c3d4e5`,
              cidrs: ["10.0.0.0/8"],
            },
            hub: {
              accountId: ACCOUNT,
              roleArn: roleArn("hub"),
              regions: {
                [PARIS]: {
                  mechanism: "zone-association",
                  vpcId: hubVpc,
                  subnetIds: subnets,
                  services: ["ec2", "ecr.dkr"],
                },
              },
            },
            spokes: Object.fromEntries(
              Object.entries(spokeVpcs).map(([name, vpcIds]) => [
                name,
                { accountId: ACCOUNT, roleArn: roleArn(`spoke-${name}`), regions: { [PARIS]: { vpcIds } } },
              ]),
            ),
          },
          null,
          2,
        ),
      );
      // The zones stay private with their VPCs on this server: nothing of theirs is ignored beyond what
      // the hub stack itself ignores (the spokes' associations).
      workspaces = synthesizeForEmulator(configFile, projectDir, emulator.endpoint, { ignoreZoneVpc: false });
      expect(Object.keys(workspaces).sort()).toEqual(
        [hubStackName(PARIS), spokeStackName("data-platform"), spokeStackName("payments-prod")].sort(),
      );
      await Promise.all(Object.values(workspaces).map((ws) => tf(ws, ["init", "-input=false"])));
    },
  );

  phase(
    "2. applies the hub: one authorization per spoke VPC and zone, which the emulator lists for each zone",
    10 * MINUTE,
    async () => {
      await apply(hub());
      const ids = await zoneIds();
      expect(Object.keys(ids).sort()).toEqual(ZONES);
      const allSpokeVpcs = Object.values(spokeVpcs).flat().sort();
      const authorizations = Object.entries(await state(hub()))
        .filter(([address]) => address.startsWith("aws_route53_vpc_association_authorization."))
        .map(([address, values]) => `${address} ${String(values.zone_id)} ${String(values.vpc_region)}`);
      expect(authorizations.sort()).toEqual(
        allSpokeVpcs
          .flatMap((vpc) =>
            ZONES.map(
              (zone) =>
                `aws_route53_vpc_association_authorization.this["${vpc}/${zone}"] ${ids[zone]} ${PARIS}`,
            ),
          )
          .sort(),
      );
      for (const zone of ZONES)
        expect({ zone, vpcs: await authorizedVpcs(ids[zone]) }).toEqual({ zone, vpcs: allSpokeVpcs });
    },
  );

  phase(
    "3. applies the spokes: each VPC associated with every hub zone, read back from the emulator",
    10 * MINUTE,
    async () => {
      await Promise.all(spokes().map(apply));
      const ids = await zoneIds();
      for (const [spoke, vpcIds] of Object.entries(spokeVpcs)) {
        const associations = Object.entries(await state(workspaces[spokeStackName(spoke)]))
          .filter(([address]) => address.startsWith("aws_route53_zone_association."))
          .map(([address, values]) => `${address} ${String(values.zone_id)}`);
        expect({ [spoke]: associations.sort() }).toEqual({
          [spoke]: vpcIds
            .flatMap((vpc) =>
              ZONES.map((zone) => `aws_route53_zone_association.eu_west_3["${vpc}/${zone}"] ${ids[zone]}`),
            )
            .sort(),
        });
        for (const vpc of vpcIds) {
          expect({ vpc, zones: await zonesOfVpc(vpc) }).toEqual({ vpc, zones: Object.values(ids).sort() });
        }
      }
    },
  );

  phase("4. re-plans every workspace: no changes", 10 * MINUTE, async () => {
    const plans = await Promise.all(
      Object.values(workspaces).map(async (ws) => ({
        name: ws.name,
        ...plannedChanges((await tf(ws, ["plan", "-json", "-input=false", PARALLELISM])).stdout),
      })),
    );
    expect(plans).toEqual(
      Object.values(workspaces).map((ws) => ({ name: ws.name, changes: [], outputs: [] })),
    );
  });

  phase(
    "5. verify --live: the deployment is clean, every name of every spoke VPC ok",
    3 * MINUTE,
    async () => {
      const report = await live();
      // ec2, and ecr.dkr's wildcard name, from each of the three spoke VPCs
      expect(report.rows.map((r) => `${r.vpc} ${r.name}`).sort()).toEqual(
        Object.values(spokeVpcs)
          .flat()
          .flatMap((vpc) => [`${vpc} ${EC2}`, `${vpc} *.${DKR}`])
          .sort(),
      );
      expect(reported(report)).toEqual({ failures: [], differences: [] });
    },
  );

  phase(
    "6. a spoke VPC's zone association deleted by hand: missing, its names fail at the association",
    3 * MINUTE,
    async () => {
      const ids = await zoneIds();
      const [payments] = spokeVpcs["payments-prod"];
      await byHand.route53.send(
        new DisassociateVPCFromHostedZoneCommand({
          HostedZoneId: ids[EC2],
          VPC: { VPCId: payments, VPCRegion: PARIS },
        }),
      );
      expect(await verified("after the association was deleted")).toEqual(
        expectBroken(
          [
            `${payments} ${EC2} association: ${payments} (${PARIS}) is not associated with the zone ${EC2} of hub-eu-west-3: its names resolve through public dns`,
          ],
          [
            `missing ${ACCOUNT} ${PARIS} association of ${ids[EC2]} with ${payments} | ${payments} is not associated with the hub's zone ${EC2} | apply spoke-payments-prod`,
          ],
        ),
      );
    },
  );

  phase(
    "7. the hub's authorization of an associated VPC deleted by hand: missing, and its names still resolve (AWS keeps the association)",
    3 * MINUTE,
    async () => {
      const ids = await zoneIds();
      const [data1] = spokeVpcs["data-platform"];
      await byHand.route53.send(
        new DeleteVPCAssociationAuthorizationCommand({
          HostedZoneId: ids[DKR],
          VPC: { VPCId: data1, VPCRegion: PARIS },
        }),
      );
      expect(await zonesOfVpc(data1)).toEqual(Object.values(ids).sort());
      expect(await verified("after the authorization was deleted")).toEqual(
        expectBroken(
          [],
          [
            `missing ${ACCOUNT} ${PARIS} authorization of ${data1} for ${ids[DKR]} | the zone ${DKR} does not authorize ${data1} (spoke data-platform): an existing association keeps answering, a new or re-created one is refused | apply hub-eu-west-3`,
          ],
        ),
      );
    },
  );

  phase(
    "8. a record deleted from a hub zone: missing, the name fails at the record from every spoke VPC",
    3 * MINUTE,
    async () => {
      const ids = await zoneIds();
      const records = await byHand.route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: ids[DKR] }),
      );
      const wildcard = records.ResourceRecordSets?.find((r) => r.Name === `\\052.${DKR}.` && r.Type === "A");
      expect(wildcard).toBeDefined();
      await byHand.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: ids[DKR],
          ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: wildcard }] },
        }),
      );
      expect(await verified("after the record was deleted")).toEqual(
        expectBroken(
          Object.values(spokeVpcs)
            .flat()
            .map(
              (vpc) =>
                `${vpc} *.${DKR} record: no record of the zone ${DKR} answers 123456789012.${DKR}: nxdomain, with no fallback to public dns`,
            ),
          [
            `missing ${ACCOUNT} ${PARIS} ${ids[DKR]} record *.${DKR} | the zone ${DKR} has no A record *.${DKR} | apply hub-eu-west-3`,
          ],
        ),
      );
    },
  );

  phase(
    "9. a spoke VPC with its own endpoint of a shared service, private DNS on: conflicting",
    3 * MINUTE,
    async () => {
      // AWS refuses a private-DNS endpoint in a VPC associated with a zone of its name, and the association
      // beside such an endpoint (ConflictingDomainExists): the endpoint comes first, its VPC unassociated
      // from the zone. moto would take both at once; the test makes the state AWS allows.
      const ids = await zoneIds();
      const [, data2] = spokeVpcs["data-platform"];
      await byHand.route53.send(
        new DisassociateVPCFromHostedZoneCommand({
          HostedZoneId: ids[EC2],
          VPC: { VPCId: data2, VPCRegion: PARIS },
        }),
      );
      const own = await byHand.ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: data2,
          ServiceName: `com.amazonaws.${PARIS}.ec2`,
          VpcEndpointType: "Interface",
          PrivateDnsEnabled: true,
        }),
      );
      ownEndpoint = own.VpcEndpoint?.VpcEndpointId as string;
      expect(await verified("after a spoke VPC got its own endpoint")).toEqual(
        expectBroken(
          [
            `${data2} ${EC2} association: ${data2} (${PARIS}) is not associated with the zone ${EC2} of hub-eu-west-3: the names of ec2 answer from ${data2}'s own endpoint, not the hub's`,
          ],
          [
            `conflicting ${ACCOUNT} ${PARIS} ${ownEndpoint} | ${data2} has its own endpoint of ec2 with private dns on: its zone of the same names refuses the hub's zone (ConflictingDomainExists), and ${data2} answers from its own endpoint, not the hub's | delete ${ownEndpoint} (or turn its private dns off) in ${ACCOUNT}`,
            `missing ${ACCOUNT} ${PARIS} association of ${ids[EC2]} with ${data2} | ${data2} is not associated with the hub's zone ${EC2} | apply spoke-data-platform`,
          ],
        ),
      );
    },
  );

  phase(
    "10. doing what the differences say (delete the endpoint, apply the hub, then the spokes) verifies clean again",
    10 * MINUTE,
    async () => {
      await byHand.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [ownEndpoint] }));
      await apply(hub());
      await Promise.all(spokes().map(apply));
      expect(await verified("after the repairs")).toEqual({ failures: [], differences: [] });
    },
  );

  phase(
    "11. destroys the spokes, then the hub: every state empty, no authorization, association or zone of ours left",
    10 * MINUTE,
    async () => {
      const ids = await zoneIds();
      const timed = async (what: string, fn: () => Promise<unknown>) => {
        const start = Date.now();
        await fn();
        console.log(`zone association: ${what} destroyed in ${((Date.now() - start) / 1000).toFixed(1)} s`);
      };
      await timed("the spokes", () => Promise.all(spokes().map(destroy)));
      for (const vpc of Object.values(spokeVpcs).flat())
        expect({ vpc, zones: await zonesOfVpc(vpc) }).toEqual({ vpc, zones: [] });
      // The authorizations outlive the associations made with them, as in AWS, until the hub removes them.
      for (const zone of ZONES) expect((await authorizedVpcs(ids[zone])).length).toBe(3);
      await timed("the hub", () => destroy(hub()));
      for (const ws of Object.values(workspaces))
        expect({ [ws.name]: await state(ws) }).toEqual({ [ws.name]: {} });
      expect(await client.inventory([PARIS])).toEqual(baseline);
    },
  );
});
