/**
 * `npm run verify -- --live` against what Terraform really applied: one hub region and two spokes (three
 * VPCs) applied with real Terraform against the moto emulator, read back with the AWS SDK through the
 * configured roles and the SDK's standard endpoint setting (AWS_ENDPOINT_URL). A clean deployment
 * verifies clean; then things are broken by hand, as people do, and each is reported with its reason.
 *
 * What the emulator cannot do, and how this test deals with it (each said again where it matters):
 * - moto stores the provider's private zones as public and fails to list unnamed resolver resources: the
 *   server runs with both closed (test/support/moto_reads_like_aws.py), so it answers as AWS would.
 * - moto cannot run the provider's RAM share (test/support/emulator.ts removes it): the test creates the
 *   share the hub stack declares (its rules, shared with the organization) with the SDK.
 * - moto cannot associate a rule owned by another account: hub and spokes share one account (through
 *   different roles), and "another team's rule" is a rule of that account under another name.
 * - moto has no Route 53 Profiles and no VPC association authorizations: only resolver rules are here.
 */
import * as fs from "fs";
import * as path from "path";
import {
  CreateVpcEndpointCommand,
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { RAMClient, CreateResourceShareCommand } from "@aws-sdk/client-ram";
import {
  ChangeResourceRecordSetsCommand,
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import {
  AssociateResolverRuleCommand,
  CreateResolverRuleCommand,
  DisassociateResolverRuleCommand,
  ListResolverRulesCommand,
  Route53ResolverClient,
} from "@aws-sdk/client-route53resolver";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { loadConfig } from "../../src/config/load-config";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { topologyOf } from "../../src/topology/topology";
import { verifyLive, type LiveReport } from "../../src/verify/live/live-verify";
import {
  describeWithEmulator,
  EmulatorClient,
  MOTO_READS_LIKE_AWS,
  phaseRunner,
  startEmulator,
  synthesizeForEmulator,
  type Emulator,
  ACCOUNT,
  MINUTE,
  PARALLELISM,
  roleArn,
} from "../support/emulator";
import { startLoopbackDns } from "../support/loopback-dns";
import { npmRun, REPO } from "../support/run-command";
import { terraformCli } from "../support/terraform";

const PARIS = "eu-west-3";
const EC2 = "ec2.eu-west-3.amazonaws.com";
const STS = "sts.eu-west-3.amazonaws.com";
const DKR = "dkr.ecr.eu-west-3.amazonaws.com";
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describeWithEmulator("verify --live reads what Terraform applied in the moto emulator", () => {
  let emulator: Emulator;
  let projectDir: string;
  let configFile: string;
  let env: Record<string, string>;
  let clients: { ec2: EC2Client; route53: Route53Client; resolver: Route53ResolverClient; ram: RAMClient };
  let hubVpc: string;
  let spokeVpcs: { payments: string; data1: string; data2: string };
  const { phase } = phaseRunner("live verify");

  beforeAll(async () => {
    emulator = await startEmulator(60_000, MOTO_READS_LIKE_AWS);
    projectDir = fs.mkdtempSync(path.join(REPO, ".tmp", "emulator-live-"));
    // What a user sets to reach the emulator: the SDK's standard variables, nothing of ours.
    env = {
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_REGION: PARIS,
      AWS_EC2_METADATA_DISABLED: "true",
    };
    Object.assign(process.env, env);
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: roleArn("setup"), RoleSessionName: "vpce-share-test" },
      clientConfig: { region: PARIS },
    });
    const config = { region: PARIS, credentials, maxAttempts: 2 };
    clients = {
      ec2: new EC2Client(config),
      route53: new Route53Client({ ...config, region: "us-east-1" }),
      resolver: new Route53ResolverClient(config),
      ram: new RAMClient(config),
    };
  }, 2 * MINUTE);

  afterAll(async () => {
    for (const client of Object.values(clients ?? {})) client.destroy();
    await emulator?.stop();
    if (projectDir && !process.env.VPCE_KEEP_TF_DIRS) fs.rmSync(projectDir, { recursive: true, force: true });
  }, MINUTE);

  const live = async (): Promise<LiveReport> => verifyLive(topologyOf(loadConfig(configFile)));
  const cli = () => npmRun("verify", ["--live", "--config", configFile], env, 2 * MINUTE);

  /** The matrix cell of a spoke VPC and a DNS name: `ok` or the hop that broke. */
  function cell(report: LiveReport, vpc: string, name: string): string {
    const row = report.rows.find((r) => r.vpc === vpc && r.name === name);
    if (!row) throw new Error(`no row for ${vpc} ${name}`);
    return row.failure ? `${row.failure.hop}: ${row.failure.reason}` : "ok";
  }

  phase(
    "1. applies a hub and two spokes with real Terraform (and the RAM share moto cannot apply)",
    10 * MINUTE,
    async () => {
      const setup = await new EmulatorClient(emulator.endpoint).assumeRole(roleArn("setup"));
      // The organization the share names; moto gives it a fresh id.
      const organization = await fetch(`${emulator.endpoint}/`, {
        method: "POST",
        headers: {
          Authorization: `AWS4-HMAC-SHA256 Credential=${setup.accessKeyId}/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0`,
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": "AWSOrganizationsV20161128.CreateOrganization",
        },
        body: JSON.stringify({ FeatureSet: "ALL" }),
      }).then(async (res) => ((await res.json()) as { Organization: { Arn: string } }).Organization.Arn);
      hubVpc = await setup.createVpc(PARIS, "10.10.0.0/16");
      const subnets = [
        await setup.createSubnet(PARIS, hubVpc, "10.10.1.0/24", "eu-west-3a"),
        await setup.createSubnet(PARIS, hubVpc, "10.10.2.0/24", "eu-west-3b"),
      ];
      spokeVpcs = {
        payments: await setup.createVpc(PARIS, "10.30.0.0/16"),
        data1: await setup.createVpc(PARIS, "10.31.0.0/16"),
        data2: await setup.createVpc(PARIS, "10.32.0.0/16"),
      };
      configFile = path.join(projectDir, "vpce-share.json");
      fs.writeFileSync(
        configFile,
        JSON.stringify(
          {
            organization: { arn: organization, cidrs: ["10.0.0.0/8"] },
            hub: {
              accountId: ACCOUNT,
              roleArn: roleArn("hub"),
              regions: {
                [PARIS]: {
                  vpcId: hubVpc,
                  subnetIds: subnets,
                  inboundResolverIps: ["10.10.1.10", "10.10.2.10"],
                  services: ["ec2", "sts", "ecr.dkr"],
                },
              },
            },
            spokes: {
              "payments-prod": {
                accountId: ACCOUNT,
                roleArn: roleArn("spoke-payments-prod"),
                regions: { [PARIS]: { vpcIds: [spokeVpcs.payments] } },
              },
              "data-platform": {
                accountId: ACCOUNT,
                roleArn: roleArn("spoke-data-platform"),
                regions: { [PARIS]: { vpcIds: [spokeVpcs.data1, spokeVpcs.data2] } },
              },
            },
          },
          null,
          2,
        ),
      );
      const workspaces = synthesizeForEmulator(configFile, projectDir, emulator.endpoint, {
        ignoreZoneVpc: true,
      });
      const dirs = Object.fromEntries(Object.values(workspaces).map((ws) => [ws.name, ws.dir]));
      const terraform = await terraformCli();
      const tf = (stack: string, args: string[]) => terraform.run([...args, "-no-color"], dirs[stack], [0]);
      const apply = (stack: string) => tf(stack, ["apply", "-auto-approve", "-input=false", PARALLELISM]);
      await Promise.all(Object.keys(dirs).map((stack) => tf(stack, ["init", "-input=false"])));
      await apply(hubStackName(PARIS));
      await Promise.all([apply(spokeStackName("payments-prod")), apply(spokeStackName("data-platform"))]);

      console.log(
        "emulator gap: moto cannot apply the provider's RAM share; the test creates the share hub-eu-west-3 declares (its rules, with the organization)",
      );
      const rules = (await clients.resolver.send(new ListResolverRulesCommand({}))).ResolverRules ?? [];
      const ours = rules.filter((r) => r.Name?.startsWith("vpce-share-"));
      expect(ours.map((r) => r.DomainName?.replace(/\.$/, "")).sort()).toEqual([DKR, EC2, STS]);
      await clients.ram.send(
        new CreateResourceShareCommand({
          name: "vpce-share-eu-west-3",
          resourceArns: ours.map((r) => r.Arn as string),
          principals: [organization],
          allowExternalPrincipals: false,
        }),
      );
    },
  );

  phase(
    "2. a clean deployment verifies clean: every name ok, no difference (exit 0)",
    3 * MINUTE,
    async () => {
      const run = await cli();
      console.log(`verify --live of the clean deployment (exit ${run.code}):\n${run.stdout}`);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^ok: \d+ names resolved from 3 spoke vpc\(s\) to their hub endpoints$/m);
      expect(run.stdout).toMatch(/^no differences from the configuration$/m);
    },
  );

  phase(
    "3. a hand-deleted association, a deleted record, another team's rule of a shared domain and a spoke's own private-DNS endpoint are each reported with their reason",
    5 * MINUTE,
    async () => {
      const rules = (await clients.resolver.send(new ListResolverRulesCommand({}))).ResolverRules ?? [];
      const ruleOf = (domain: string) => rules.find((r) => r.DomainName === `${domain}.`)!;

      // (a) Someone deletes the association of payments-prod's VPC with the sts rule.
      await clients.resolver.send(
        new DisassociateResolverRuleCommand({ ResolverRuleId: ruleOf(STS).Id, VPCId: spokeVpcs.payments }),
      );

      // (b) Someone deletes the * record of the ecr.dkr zone in the hub.
      const zones = await clients.route53.send(
        new ListHostedZonesByVPCCommand({ VPCId: hubVpc, VPCRegion: PARIS }),
      );
      const dkrZone = zones.HostedZoneSummaries?.find((z) => z.Name === `${DKR}.`)?.HostedZoneId as string;
      const records = await clients.route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: dkrZone }),
      );
      const wildcard = records.ResourceRecordSets?.find((r) => r.Name === `\\052.${DKR}.` && r.Type === "A");
      expect(wildcard).toBeDefined();
      await clients.route53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: dkrZone,
          ChangeBatch: { Changes: [{ Action: "DELETE", ResourceRecordSet: wildcard }] },
        }),
      );

      // (c) Another team's rule of the ec2 domain, associated with data-platform's second VPC in place of
      // the hub's (AWS refuses both at once: RSLVR-00802). moto cannot associate another account's rule:
      // the team's rule is made in the spokes' account, under its own name.
      await clients.resolver.send(
        new DisassociateResolverRuleCommand({ ResolverRuleId: ruleOf(EC2).Id, VPCId: spokeVpcs.data2 }),
      );
      const other = await clients.resolver.send(
        new CreateResolverRuleCommand({
          CreatorRequestId: "other-team",
          Name: "platform-team-ec2",
          RuleType: "FORWARD",
          DomainName: EC2,
          TargetIps: [{ Ip: "10.99.0.2", Port: 53 }],
          ResolverEndpointId: ruleOf(EC2).ResolverEndpointId,
        }),
      );
      await clients.resolver.send(
        new AssociateResolverRuleCommand({ ResolverRuleId: other.ResolverRule?.Id, VPCId: spokeVpcs.data2 }),
      );

      // (d) data-platform's first VPC keeps its own sts endpoint with private DNS on.
      const own = await clients.ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: spokeVpcs.data1,
          ServiceName: "com.amazonaws.eu-west-3.sts",
          VpcEndpointType: "Interface",
          PrivateDnsEnabled: true,
        }),
      );
      const ownId = own.VpcEndpoint?.VpcEndpointId as string;

      const report = await live();
      // The matrix: each break at its hop, everything else still ok.
      expect(cell(report, spokeVpcs.payments, STS)).toMatch(
        /^association: .*lacks associations with rules of hub-eu-west-3/,
      );
      for (const vpc of Object.values(spokeVpcs)) {
        expect(cell(report, vpc, `*.${DKR}`)).toMatch(
          /^record: no record of the zone dkr\.ecr\.eu-west-3\.amazonaws\.com answers 123456789012\.dkr\.ecr\.eu-west-3\.amazonaws\.com: nxdomain/,
        );
      }
      expect(cell(report, spokeVpcs.data2, EC2)).toMatch(
        new RegExp(
          `^targets: the rule of ${escape(EC2)} of ${other.ResolverRule?.Id} \\(account ${ACCOUNT}, platform-team-ec2\\) forwards to 10\\.99\\.0\\.2`,
        ),
      );
      expect(cell(report, spokeVpcs.data1, STS)).toBe("ok"); // the hub's rule wins over the VPC's own zone
      expect(cell(report, spokeVpcs.payments, EC2)).toBe("ok");
      expect(cell(report, spokeVpcs.data1, EC2)).toBe("ok");

      // The differences: exactly the four, each with account, region, resource and what to do.
      const differences = report.differences.map(
        (d) => `${d.kind} ${d.account} ${d.region} ${d.resource} | ${d.problem} | ${d.fix}`,
      );
      const expected = [
        `^missing ${ACCOUNT} ${PARIS} association of ${ruleOf(STS).Id} with ${spokeVpcs.payments} \\| .* \\| apply spoke-payments-prod$`,
        `^missing ${ACCOUNT} ${PARIS} ${dkrZone.replace(/^\/hostedzone\//, "")} record \\*\\.${escape(DKR)} \\| .* \\| apply hub-eu-west-3$`,
        `^missing ${ACCOUNT} ${PARIS} association of ${ruleOf(EC2).Id} with ${spokeVpcs.data2} \\| .* \\| apply spoke-data-platform$`,
        `^conflicting ${ACCOUNT} ${PARIS} rslvr-rrassoc-\\S+ \\| ${spokeVpcs.data2} is associated with ${other.ResolverRule?.Id} .*RSLVR-00802\\) \\| disassociate ${other.ResolverRule?.Id} from ${spokeVpcs.data2}`,
        `^conflicting ${ACCOUNT} ${PARIS} ${ownId} \\| ${spokeVpcs.data1} has its own endpoint of sts with private dns on: the hub's forward rule wins over its zone`,
      ];
      expect(differences).toHaveLength(expected.length);
      for (const pattern of expected)
        expect(differences).toContainEqual(expect.stringMatching(new RegExp(pattern)));

      const run = await cli();
      console.log(`verify --live after the breaks (exit ${run.code}):\n${run.stdout}`);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^verify --live failed: \d+ failure\(s\), 5 difference\(s\)$/m);
      const json = await npmRun("verify", ["--live", "--json", "--config", configFile], env, 2 * MINUTE);
      const parsed = JSON.parse(json.stdout) as { ok: boolean; rows: object[]; differences: object[] };
      expect({ code: json.code, ok: parsed.ok, rows: parsed.rows.length }).toEqual({
        code: 1,
        ok: false,
        rows: report.rows.length,
      });
      expect(parsed.differences).toEqual(JSON.parse(JSON.stringify(report.differences)));
    },
  );

  phase(
    "4. --probe from a spoke VPC: every name through its resolver (a DNS server on 127.0.0.1 here), each answer against the hub endpoints' addresses read from the emulator",
    3 * MINUTE,
    async () => {
      // What the spoke VPC's resolver answers: the hub endpoints' addresses (as the hub's alias records
      // would), except sts, which this VPC answers from its own endpoint (its association is gone).
      const endpoints =
        (
          await clients.ec2.send(
            new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-id", Values: [hubVpc] }] }),
          )
        ).VpcEndpoints ?? [];
      const enis =
        (
          await clients.ec2.send(
            new DescribeNetworkInterfacesCommand({
              NetworkInterfaceIds: endpoints.flatMap((e) => e.NetworkInterfaceIds ?? []),
            }),
          )
        ).NetworkInterfaces ?? [];
      const ipsOf = (service: string) => {
        const endpoint = endpoints.find((e) => e.ServiceName === `com.amazonaws.${PARIS}.${service}`);
        return enis
          .filter((n) => endpoint?.NetworkInterfaceIds?.includes(n.NetworkInterfaceId ?? ""))
          .map((n) => n.PrivateIpAddress as string);
      };
      expect(ipsOf("ec2").length).toBeGreaterThan(0);
      const answers = new Map<string, string[]>([
        [EC2, ipsOf("ec2")],
        [STS, ["10.31.0.99"]],
        [DKR, ipsOf("ecr.dkr")],
        [`123456789012.${DKR}`, ipsOf("ecr.dkr")],
      ]);
      const dns = await startLoopbackDns(answers);
      try {
        const run = await npmRun(
          "verify",
          ["--probe", "--region", PARIS, "--dns-server", dns.server, "--config", configFile],
          env,
          2 * MINUTE,
        );
        console.log(`verify --probe (exit ${run.code}):\n${run.stdout}`);
        expect(run.code).toBe(1);
        const lines = run.stdout.split("\n");
        const line = (name: string) => lines.find((l) => l.split(/\s+/)[1] === name);
        expect(line(EC2)).toMatch(
          new RegExp(`^ok {4}${escape(EC2)} +[\\d.]+ ms {2}${ipsOf("ec2").map(escape).join(", ")}$`),
        );
        expect(line(`123456789012.${DKR}`)).toMatch(/^ok /);
        expect(line(STS)).toMatch(
          new RegExp(
            `^FAIL {2}${escape(STS)} +[\\d.]+ ms {2}10\\.31\\.0\\.99 is not an address of the hub endpoint of sts \\(${ipsOf("sts").map(escape).join(", ")}\\)$`,
          ),
        );
        expect(run.stderr).toMatch(/^verify --probe failed: 1 name\(s\)$/m);
      } finally {
        await dns.close();
      }
    },
  );

  phase("5. an unreachable endpoint is one line and exit 2", 3 * MINUTE, async () => {
    const run = await npmRun("verify", ["--live", "--config", configFile], {
      ...env,
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
      AWS_MAX_ATTEMPTS: "2",
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cannot verify: cannot read aws: .*$/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
