/**
 * A zone-association hub region and its spokes applied with real Terraform and the real AWS provider
 * against moto: the hub authorizes every spoke VPC for every zone
 * (`aws_route53_vpc_association_authorization`), each spoke associates its VPCs with every zone
 * (`aws_route53_zone_association`), every workspace re-plans empty, and everything is destroyed.
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
  CreateHostedZoneCommand,
  CreateVPCAssociationAuthorizationCommand,
  DeleteVPCAssociationAuthorizationCommand,
  ListHostedZonesByVPCCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
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
} from "../support/emulator";
import { REPO } from "../support/run-command";
import { terraformCli, type TerraformRun } from "../support/terraform";

const ACCOUNT = "111111111111";
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/vpce-share-${name}`;
const PARIS = "eu-west-3";
const PARALLELISM = "-parallelism=30";
const MINUTE = 60_000;
const ZONES = ["dkr.ecr.eu-west-3.amazonaws.com", "ec2.eu-west-3.amazonaws.com"];

type Cli = Awaited<ReturnType<typeof terraformCli>>;

describeWithEmulator("a zone-association hub and its spokes applied against the moto emulator", () => {
  let emulator: Emulator;
  let cli: Cli;
  let client: EmulatorClient;
  let projectDir: string;
  let workspaces: Record<string, EmulatorWorkspace>;
  let baseline: Record<string, string[]>;
  let spokeVpcs: Record<string, string[]>;
  const { phase, summary } = phaseRunner("zone association");

  beforeAll(async () => {
    [emulator, cli] = await Promise.all([startEmulator(60_000, MOTO_READS_LIKE_AWS), terraformCli()]);
    client = await new EmulatorClient(emulator.endpoint).assumeRole(roleArn("setup"));
    projectDir = fs.mkdtempSync(path.join(REPO, ".tmp", "emulator-zones-"));
  }, 2 * MINUTE);

  afterAll(async () => {
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
      const configFile = path.join(projectDir, "vpce-share.json");
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
    "5. destroys the spokes, then the hub: every state empty, no authorization, association or zone of ours left",
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
