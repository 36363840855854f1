/**
 * The lifecycle users go through, applied for real: real Terraform and the real AWS provider against
 * the moto emulator. Two hub regions, two spokes (one with two VPCs in a region and a second region),
 * applied hubs first, re-planned empty, a service added and removed, destroyed; each phase prints its
 * time. The stacks run exactly as synthesized; the emulator's connection settings and the emulator's gaps
 * are handled by an override file beside each stack (test/support/emulator.ts), never in the product.
 *
 * Run with `npm run test:emulator` (about 5 minutes on two cores).
 */
import * as fs from "fs";
import * as path from "path";
import { hubStackName, spokeStackName } from "../../src/constructs/hub-outputs";
import { serviceCheckName } from "../../src/constructs/hub-region/service-check";
import {
  describeWithEmulator,
  emulatorOverride,
  EmulatorClient,
  phaseRunner,
  plannedChanges,
  startEmulator,
  synthesizeForEmulator,
  type Emulator,
  type EmulatorWorkspace,
  type PlannedChanges,
  ACCOUNT,
  MINUTE,
  PARALLELISM,
  roleArn,
} from "../support/emulator";
import { REPO, runCommand } from "../support/run-command";
import { terraformCli, type PlanJson, type TerraformRun } from "../support/terraform";

const PARIS = "eu-west-3";
const VIRGINIA = "us-east-1";

type Cli = Awaited<ReturnType<typeof terraformCli>>;

type Workspace = EmulatorWorkspace;

interface Networks {
  readonly hubs: Record<string, { vpcId: string; subnetIds: string[] }>;
  readonly spokes: Record<string, Record<string, string[]>>;
}

describeWithEmulator("hub and spoke workspaces applied against the moto emulator", () => {
  let emulator: Emulator;
  let cli: Cli;
  let client: EmulatorClient;
  let projectDir: string;
  let networks: Networks;
  let baseline: Record<string, string[]>;
  let ignoreZoneVpc = false;
  const services: Record<string, string[]> = {
    [PARIS]: ["ec2", "sts", "ecr.dkr"],
    [VIRGINIA]: ["ec2", "ssm"],
  };
  const { phase, summary } = phaseRunner("emulator");

  beforeAll(async () => {
    [emulator, cli] = await Promise.all([startEmulator(), terraformCli()]);
    client = await new EmulatorClient(emulator.endpoint).assumeRole(roleArn("setup"));
    projectDir = fs.mkdtempSync(path.join(REPO, ".tmp", "emulator-"));
  }, 2 * MINUTE);

  afterAll(async () => {
    await emulator?.stop();
    console.log(summary());
    if (projectDir && !process.env.VPCE_KEEP_TF_DIRS) fs.rmSync(projectDir, { recursive: true, force: true });
    else if (projectDir) console.log(`emulator working folder kept: ${projectDir}`);
  }, MINUTE);

  // --------------------------------------------------------------------------------------------------
  // Helpers

  function configFile(): string {
    const file = path.join(projectDir, "vpce-share.json");
    const hubRegion = (region: string, inboundResolverIps?: string[]) => ({
      vpcId: networks.hubs[region].vpcId,
      subnetIds: networks.hubs[region].subnetIds,
      ...(inboundResolverIps ? { inboundResolverIps } : {}),
      services: services[region],
    });
    const config = {
      organization: {
        arn: `arn:aws:organizations::${ACCOUNT}:organization/o-a1b2c3d4e5`,
        cidrs: ["10.0.0.0/8"],
      },
      hub: {
        accountId: ACCOUNT,
        roleArn: roleArn("hub"),
        regions: {
          // Pinned inbound IPs in Paris; AWS-assigned ones (rules following the endpoint) in Virginia.
          [PARIS]: hubRegion(PARIS, ["10.10.1.10", "10.10.2.10"]),
          [VIRGINIA]: hubRegion(VIRGINIA),
        },
      },
      spokes: Object.fromEntries(
        Object.entries(networks.spokes).map(([name, regions]) => [
          name,
          {
            accountId: ACCOUNT,
            roleArn: roleArn(`spoke-${name}`),
            regions: Object.fromEntries(Object.entries(regions).map(([r, vpcIds]) => [r, { vpcIds }])),
          },
        ]),
      ),
      tags: { owner: "network-team" },
    };
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    return file;
  }

  /** Synthesizes the configuration as `npm run synth` does, and writes the emulator override beside each stack. */
  const synth = () => synthesizeForEmulator(configFile(), projectDir, emulator.endpoint, { ignoreZoneVpc });

  let workspaces: Record<string, Workspace> = {};
  const hubs = () => Object.values(workspaces).filter((w) => w.name.startsWith("hub-"));
  const spokes = () => Object.values(workspaces).filter((w) => w.name.startsWith("spoke-"));

  function tf(ws: Workspace, args: string[], okCodes = [0]): Promise<TerraformRun> {
    return cli.run([...args, "-no-color"], ws.dir, okCodes);
  }

  const apply = (ws: Workspace) => tf(ws, ["apply", "-auto-approve", "-input=false", PARALLELISM]);
  const destroy = (ws: Workspace, okCodes = [0]) =>
    tf(ws, ["destroy", "-auto-approve", "-input=false", PARALLELISM], okCodes);

  /** Plans with refresh against the emulator into `emulator.plan` (for `applyPlan`). */
  async function plan(ws: Workspace): Promise<PlannedChanges> {
    const run = await tf(ws, ["plan", "-json", "-input=false", "-out=emulator.plan", PARALLELISM]);
    return plannedChanges(run.stdout);
  }

  const applyPlan = (ws: Workspace) =>
    tf(ws, ["apply", "-auto-approve", "-input=false", PARALLELISM, "emulator.plan"]);

  /** A plan with every value (`terraform show -json`). */
  async function planJson(ws: Workspace): Promise<PlanJson> {
    await tf(ws, ["plan", "-input=false", "-out=emulator.plan", PARALLELISM]);
    return JSON.parse((await tf(ws, ["show", "-json", "emulator.plan"])).stdout) as PlanJson;
  }

  async function expectNoChanges(list: Workspace[]): Promise<void> {
    const plans = await inParallel(list, async (ws) => ({ name: ws.name, ...(await plan(ws)) }));
    expect(plans).toEqual(list.map((ws) => ({ name: ws.name, changes: [], outputs: [] })));
  }

  async function inParallel<T>(list: Workspace[], fn: (ws: Workspace) => Promise<T>): Promise<T[]> {
    return Promise.all(list.map(fn));
  }

  async function outputs(ws: Workspace): Promise<Record<string, unknown>> {
    const out = JSON.parse((await tf(ws, ["output", "-json"])).stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));
  }

  interface StateResource {
    address: string;
    type: string;
    values: Record<string, unknown>;
  }

  async function stateResources(ws: Workspace): Promise<StateResource[]> {
    const show = JSON.parse((await tf(ws, ["show", "-json"])).stdout) as {
      values?: { root_module?: { resources?: StateResource[] } };
    };
    return show.values?.root_module?.resources ?? [];
  }

  /** Every association of a spoke's state, as `<region>: <vpc>/<domain> -> <rule id>`. */
  async function spokeAssociations(ws: Workspace): Promise<Record<string, string>> {
    const resources = await stateResources(ws);
    return Object.fromEntries(
      resources
        .filter((r) => r.type === "aws_route53_resolver_rule_association")
        .map((r) => [r.address, String(r.values.resolver_rule_id)]),
    );
  }

  /** What each spoke's associations must be, from the hubs' real outputs. */
  async function expectedAssociations(): Promise<Record<string, Record<string, string>>> {
    const ruleIds: Record<string, Record<string, string>> = {};
    for (const hub of hubs()) {
      ruleIds[hub.name.slice("hub-".length)] = (await outputs(hub)).resolver_rule_ids as Record<
        string,
        string
      >;
    }
    return Object.fromEntries(
      Object.entries(networks.spokes).map(([spoke, regions]) => [
        spokeStackName(spoke),
        Object.fromEntries(
          Object.entries(regions).flatMap(([region, vpcIds]) =>
            vpcIds.flatMap((vpc) =>
              Object.entries(ruleIds[region]).map(([domain, ruleId]) => [
                `aws_route53_resolver_rule_association.${region.replace(/-/g, "_")}["${vpc}/${domain}"]`,
                ruleId,
              ]),
            ),
          ),
        ),
      ]),
    );
  }

  /** Per spoke stack, the plan lines of its Paris associations with `domain`: one per Paris VPC. */
  function spokeAssociationChanges(action: "create" | "delete", domain: string): Record<string, string[]> {
    return Object.fromEntries(
      Object.entries(networks.spokes).map(([spoke, regions]) => [
        spokeStackName(spoke),
        (regions[PARIS] ?? [])
          .map((vpc) => `${action} aws_route53_resolver_rule_association.eu_west_3["${vpc}/${domain}"]`)
          .sort(),
      ]),
    );
  }

  async function expectSpokesAssociateTheHubsRules(): Promise<void> {
    const expected = await expectedAssociations();
    for (const spoke of spokes()) {
      expect({ [spoke.name]: await spokeAssociations(spoke) }).toEqual({
        [spoke.name]: expected[spoke.name],
      });
    }
  }

  // --------------------------------------------------------------------------------------------------
  // The lifecycle

  phase("1. creates the networks in the emulator (VPCs, subnets)", MINUTE, async () => {
    const hubNetwork = async (region: string, octet: number, zones: string[]) => {
      const vpcId = await client.createVpc(region, `10.${octet}.0.0/16`);
      const subnetIds: string[] = [];
      for (const [i, zone] of zones.entries()) {
        subnetIds.push(await client.createSubnet(region, vpcId, `10.${octet}.${i + 1}.0/24`, zone));
      }
      return { vpcId, subnetIds };
    };
    const hubNetworks = {
      [PARIS]: await hubNetwork(PARIS, 10, ["eu-west-3a", "eu-west-3b"]),
      [VIRGINIA]: await hubNetwork(VIRGINIA, 20, ["us-east-1a", "us-east-1b", "us-east-1c"]),
    };
    const vpc = (region: string, octet: number) => client.createVpc(region, `10.${octet}.0.0/16`);
    networks = {
      hubs: hubNetworks,
      spokes: {
        "payments-prod": { [PARIS]: [await vpc(PARIS, 30)] },
        "data-platform": {
          [PARIS]: [await vpc(PARIS, 31), await vpc(PARIS, 32)],
          [VIRGINIA]: [await vpc(VIRGINIA, 33)],
        },
      },
    };
    baseline = await client.inventory([PARIS, VIRGINIA]);
  });

  phase(
    "2. synthesizes two hub regions and two spokes, and initializes every workspace",
    5 * MINUTE,
    async () => {
      workspaces = synth();
      expect(Object.keys(workspaces).sort()).toEqual(
        [
          hubStackName(PARIS),
          hubStackName(VIRGINIA),
          spokeStackName("data-platform"),
          spokeStackName("payments-prod"),
        ].sort(),
      );
      const removed = emulatorOverride(workspaces[hubStackName(PARIS)].json, emulator.endpoint, {
        ignoreZoneVpc,
      }).removed;
      expect(removed.length).toBeGreaterThan(0);
      console.log(
        `emulator gap: moto implements too little of RAM for the provider; zero instances for ${removed.join(", ")} (the offline plan tests cover them)`,
      );
      await inParallel(Object.values(workspaces), (ws) => tf(ws, ["init", "-input=false"]));

      // Each provider assumes the configured role (moto answers with keys of the role's account), and
      // allowed_account_ids holds: a role in another account fails the plan.
      const hub = workspaces[hubStackName(VIRGINIA)];
      const wrongRole = path.join(hub.dir, "zz_wrong_account_override.tf.json");
      fs.writeFileSync(
        wrongRole,
        JSON.stringify({
          provider: { aws: [{ assume_role: [{ role_arn: "arn:aws:iam::999999999999:role/elsewhere" }] }] },
        }),
      );
      try {
        const refused = await tf(hub, ["plan", "-input=false"], [1]);
        expect(refused.stderr).toMatch(/AWS account ID not allowed: 999999999999/);
      } finally {
        fs.rmSync(wrongRole);
      }
    },
  );

  phase(
    "2b. cdktf refuses to deploy a spoke without its hub, or to destroy a hub without its spokes",
    3 * MINUTE,
    async () => {
      const cdktf = (verb: string, stack: string) =>
        runCommand(
          ["npx", "cdktf", verb, "--skip-synth", "--output", path.join(projectDir, "cdktf.out"), stack],
          {},
          2 * MINUTE,
        );
      const [deploy, destroyHub] = await Promise.all([
        cdktf("deploy", spokeStackName("payments-prod")),
        cdktf("destroy", hubStackName(PARIS)),
      ]);
      expect(deploy.stdout + deploy.stderr).toMatch(
        /The following dependencies are not included in the stacks to run: hub-eu-west-3\./,
      );
      expect(destroyHub.stdout + destroyHub.stderr).toMatch(
        /The following dependant stacks are not included in the stacks to run: spoke-data-platform, spoke-payments-prod\./,
      );
    },
  );

  phase(
    "3. applies every hub, then every spoke; each spoke associates its hubs' real rules",
    20 * MINUTE,
    async () => {
      await inParallel(hubs(), apply);
      await inParallel(spokes(), apply);
      await expectSpokesAssociateTheHubsRules();
    },
  );

  phase(
    "4. re-plans every workspace: no changes (zone vpc blocks aside, proven to be moto's only difference)",
    15 * MINUTE,
    async () => {
      const [hubPlans] = await Promise.all([
        inParallel(hubs(), async (ws) => [ws, await planJson(ws)] as const),
        expectNoChanges(spokes()),
      ]);
      for (const [ws, p] of hubPlans) {
        // moto stores our private zones as public, without VPCs: one `vpc` update per zone, nothing else.
        const zones = Object.keys((ws.json as { locals: { zones: object } }).locals.zones);
        // Terraform reads the data source of every plan-time check at each plan (one per shared service:
        // it compares the catalog with AWS's answer and only warns): reads, and nothing else, of exactly those.
        const isCheckRead = (rc: { address: string; change: { actions: string[] } }) =>
          rc.address.startsWith("data.") && rc.change.actions.join() === "read";
        const services = Object.keys((ws.json as { locals: { endpoints: object } }).locals.endpoints);
        expect(
          (p.resource_changes ?? [])
            .filter(isCheckRead)
            .map((rc) => rc.address)
            .sort(),
        ).toEqual(services.map((s) => `data.aws_vpc_endpoint_service.${serviceCheckName(s)}`).sort());
        const changes = (p.resource_changes ?? []).filter(
          (rc) => rc.change.actions.join() !== "no-op" && !isCheckRead(rc),
        );
        expect({
          [ws.name]: changes.map((rc) => `${rc.change.actions.join("+")} ${rc.address}`).sort(),
        }).toEqual({
          [ws.name]: zones.map((z) => `update aws_route53_zone.this["${z}"]`).sort(),
        });
        for (const rc of changes) {
          const { vpc: vpcBefore, ...before } = rc.change.before as Record<string, unknown>;
          const { vpc: vpcAfter, ...after } = rc.change.after as Record<string, unknown>;
          expect({ address: rc.address, otherwise: after }).toEqual({
            address: rc.address,
            otherwise: before,
          });
          expect(vpcBefore).toEqual([]);
          expect(vpcAfter).toEqual([
            expect.objectContaining({ vpc_id: networks.hubs[ws.name.slice(4)].vpcId }),
          ]);
        }
        expect(Object.values(p.output_changes ?? {}).filter((c) => c.actions.join() !== "no-op")).toEqual([]);
      }
      console.log(
        "emulator gap: moto stores private hosted zones as public; their vpc blocks are ignored from here on",
      );
      // From here on the override ignores them; the next re-plans prove that nothing else changes.
      ignoreZoneVpc = true;
      workspaces = synth();
    },
  );

  phase(
    "5. adds a service to a hub region: the hub adds it, each spoke exactly its associations",
    20 * MINUTE,
    async () => {
      services[PARIS] = [...services[PARIS], "ssm"];
      workspaces = synth();
      const hub = workspaces[hubStackName(PARIS)];
      expect(await plan(hub)).toEqual({
        changes: [
          'create aws_route53_record.this["ssm.eu-west-3.amazonaws.com"]',
          'create aws_route53_resolver_rule.this["ssm.eu-west-3.amazonaws.com"]',
          'create aws_route53_zone.this["ssm.eu-west-3.amazonaws.com"]',
          'create aws_vpc_endpoint.this["ssm"]',
        ].sort(),
        // resolver_rule_ids, endpoint_ids and private_hosted_zone_ids gain the service
        outputs: ["endpoint_ids", "private_hosted_zone_ids", "resolver_rule_ids"],
      });
      await applyPlan(hub);
      const spokePlans = await inParallel(spokes(), async (ws) => [ws.name, (await plan(ws)).changes]);
      expect(Object.fromEntries(spokePlans)).toEqual(
        spokeAssociationChanges("create", "ssm.eu-west-3.amazonaws.com"),
      );
      await inParallel(spokes(), applyPlan);
      await expectSpokesAssociateTheHubsRules();
      await expectNoChanges(Object.values(workspaces));
    },
  );

  phase(
    "6. removes a service: the hub first fails at its rule; spokes first, then the hub, works",
    20 * MINUTE,
    async () => {
      services[PARIS] = services[PARIS].filter((service) => service !== "sts");
      workspaces = synth();
      const hub = workspaces[hubStackName(PARIS)];
      // The wrong order: the spokes still associate the rule.
      const wrong = await tf(hub, ["apply", "-auto-approve", "-input=false", PARALLELISM], [1]);
      expect(wrong.stderr).toMatch(/ResourceInUseException/);
      const left = (await stateResources(hub)).map((r) => r.address).filter((a) => /\bsts\b/.test(a));
      console.log(
        `removing a service hub first fails: ${firstError(wrong.stderr)}; left of the service in the hub's state: ${left.join(", ")}`,
      );
      // The documented order: the spokes drop exactly their associations of the service, then the hub.
      const spokePlans = await inParallel(spokes(), async (ws) => [ws.name, (await plan(ws)).changes]);
      expect(Object.fromEntries(spokePlans)).toEqual(
        spokeAssociationChanges("delete", "sts.eu-west-3.amazonaws.com"),
      );
      await inParallel(spokes(), applyPlan);
      await apply(hub);
      await expectSpokesAssociateTheHubsRules();
      await expectNoChanges(Object.values(workspaces));
    },
  );

  phase(
    "7. destroys spokes, then hubs (a hub destroyed first stops at its rules, spokes still go); nothing of ours remains",
    20 * MINUTE,
    async () => {
      const hub = workspaces[hubStackName(PARIS)];
      // The wrong order: the hub's destroy stops at its rules, its outputs already gone from its state.
      const wrong = await destroy(hub, [1]);
      expect(wrong.stderr).toMatch(/ResourceInUseException/);
      expect(await outputs(hub)).toEqual({});
      const kinds = [...new Set((await stateResources(hub)).map((r) => r.type))].sort();
      console.log(
        `destroying a hub before its spokes fails: ${firstError(wrong.stderr)}; left in the hub's state: ${kinds.join(", ")}`,
      );
      // A spoke's plan then says what to run; its destroy does not need the hub.
      const spoke = workspaces[spokeStackName("payments-prod")];
      const stopped = await tf(spoke, ["plan", "-input=false"], [1]);
      expect(stopped.stderr.replace(/\s+/g, " ")).toMatch(
        /hub-eu-west-3 publishes no resolver rules .* apply hub-eu-west-3 first .* destroy spoke-payments-prod before hub-eu-west-3/,
      );
      await inParallel(spokes(), (ws) => destroy(ws));
      await inParallel(hubs(), (ws) => destroy(ws));
      for (const ws of Object.values(workspaces))
        expect({ [ws.name]: await stateResources(ws) }).toEqual({ [ws.name]: [] });
      expect(await client.inventory([PARIS, VIRGINIA])).toEqual(baseline);
    },
  );

  // Route 53 Profiles and VPC association authorizations are not applied here: moto 5.2.1 answers
  // neither API, so Profile regions are planned offline (test/terraform/mechanism-hub-plan.test.ts) and
  // applied with a mock provider (test/terraform/mechanism-switch.test.ts), and zone-association regions
  // are applied through a server that closes the authorization gap (zone-association.emulator.ts). This
  // fails once moto answers one of them: then apply those regions against plain moto.
  it("the emulator's gaps: route53profiles:CreateProfile and route53:CreateVPCAssociationAuthorization are not answered", async () => {
    const signed = (service: string) => ({
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${PARIS}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    });
    const profile = await fetch(`${emulator.endpoint}/profile`, {
      method: "POST",
      headers: { ...signed("route53profiles"), "Content-Type": "application/json" },
      body: JSON.stringify({ Name: "vpce-share", ClientToken: "emulator-gap" }),
    });
    const authorization = await fetch(
      `${emulator.endpoint}/2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ/authorizevpcassociation`,
      {
        method: "POST",
        headers: { ...signed("route53"), "Content-Type": "application/xml" },
        body: `<CreateVPCAssociationAuthorizationRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><VPC><VPCRegion>${PARIS}</VPCRegion><VPCId>vpc-0123456789abcdef0</VPCId></VPC></CreateVPCAssociationAuthorizationRequest>`,
      },
    );
    // No route at all for the authorization (not NoSuchHostedZone: the zone id is made up), and no
    // service behind the Profile's.
    const routed = !/requested URL was not found/.test(await authorization.text());
    expect({ profile: profile.ok, authorization: authorization.ok, routed }).toEqual({
      profile: false,
      authorization: false,
      routed: false,
    });
  });
});

/** The first `Error:` line of Terraform's output and the two after it. */
function firstError(stderr: string): string {
  const lines = stderr.split("\n");
  const at = lines.findIndex((line) => /Error:/.test(line));
  return at < 0
    ? stderr.slice(0, 300)
    : lines
        .slice(at, at + 4)
        .join(" ")
        .replace(/[\s│╷╵]+/g, " ")
        .trim();
}
