/**
 * verify --live on Route 53 Profile regions read from AWS end to end: the SDK clients answer through
 * aws-sdk-client-mock and the Route 53 Profiles API through a loopback HTTP server (moto 5.2.1 has no
 * route53profiles, and @aws-sdk/client-route53profiles, which could be mocked, is not on the registry),
 * both answering what profile-deployment.ts says is deployed.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import {
  GetResourceShareAssociationsCommand,
  GetResourceSharesCommand,
  RAMClient,
} from "@aws-sdk/client-ram";
import {
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import {
  ListResolverEndpointsCommand,
  ListResolverRuleAssociationsCommand,
  ListResolverRulesCommand,
  Route53ResolverClient,
} from "@aws-sdk/client-route53resolver";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { AwsAccess } from "../../../src/verify/live/aws-access";
import { verifyLive } from "../../../src/verify/live/live-verify";
import { readHubRegion, readSpokeRegion } from "../../../src/verify/live/read-aws";
import { config, deployed, HUB_ACCOUNT, topology } from "./profile-deployment";

// The SDK's notice that its 2027 releases need Node 22 (src/cli/verify.ts silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
jest.setTimeout(30_000);

const ec2 = mockClient(EC2Client);
const route53 = mockClient(Route53Client);
// client-route53resolver is older than the other clients (see read-aws.test.ts): typed loosely here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const loose = (command: unknown): Loose => command;
const resolver: AwsStub<Loose, Loose, Loose> = mockClient(loose(Route53ResolverClient));
const ram = mockClient(RAMClient);
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const [PAYMENTS_VPC] = config.spokes["payments-prod"].regions["eu-west-3"].vpcIds;

type Readings = ReturnType<typeof deployed>;

/** The SDK clients answer `readings`: hub endpoints, zones and records, the RAM share of each Profile. */
function mockSdk(readings: Readings) {
  for (const mock of [ec2, route53, resolver, ram]) mock.reset();
  const hubs = [...readings.hubs.values()];
  const endpoints = hubs.flatMap((h) => h.endpoints);
  const spokeEndpoints = [...readings.spokes.values()].flatMap((s) => s.endpoints);
  ec2.on(DescribeVpcEndpointsCommand).callsFake((input) => {
    const vpcs = input.Filters?.find((f: { Name?: string }) => f.Name === "vpc-id")?.Values ?? [];
    return {
      VpcEndpoints: [...endpoints, ...spokeEndpoints]
        .filter((e) => vpcs.includes(e.vpcId))
        .map((e) => ({
          VpcEndpointId: e.id,
          VpcId: e.vpcId,
          ServiceName: e.serviceName,
          State: e.state,
          VpcEndpointType: "Interface",
          PrivateDnsEnabled: e.privateDnsEnabled,
          DnsEntries: e.dnsNames.map((n) => ({ DnsName: n })),
          NetworkInterfaceIds: e.ips.map((_, i) => `eni-${e.id}-${i}`),
        })),
    };
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input) => ({
    NetworkInterfaces: (input.NetworkInterfaceIds ?? []).map((id: string) => {
      const e = [...endpoints, ...spokeEndpoints].find((x) => id.startsWith(`eni-${x.id}-`))!;
      return { NetworkInterfaceId: id, PrivateIpAddress: e.ips[Number(id.split("-").pop())] };
    }),
  }));
  route53.on(ListHostedZonesByVPCCommand).callsFake((input) => {
    const hub = topology.hubRegions.find((h) => h.vpcId === input.VPCId);
    const spokeZones = [...readings.spokes.values()].flatMap((s) => s.zones.get(input.VPCId ?? "") ?? []);
    const zones = hub ? readings.hubs.get(hub.region)!.zones : spokeZones;
    return {
      HostedZoneSummaries: zones.map((z) => ({
        HostedZoneId: z.id,
        Name: `${z.domain}.`,
        Owner: { OwningAccount: z.ownerAccount },
      })),
    };
  });
  route53.on(ListResourceRecordSetsCommand).callsFake((input) => {
    const zone = hubs.flatMap((h) => h.zones).find((z) => z.id === input.HostedZoneId);
    return {
      IsTruncated: false,
      MaxItems: 100,
      ResourceRecordSets: (zone?.records ?? []).map((r) => ({
        Name: `${r.name.replace("*", "\\052")}.`,
        Type: r.type,
        AliasTarget: { HostedZoneId: "ZVPCE", DNSName: `${r.aliasTarget}.`, EvaluateTargetHealth: false },
      })),
    };
  });
  resolver.on(loose(ListResolverEndpointsCommand)).resolves({ ResolverEndpoints: [] });
  resolver.on(loose(ListResolverRulesCommand)).resolves({ ResolverRules: [] });
  resolver.on(loose(ListResolverRuleAssociationsCommand)).resolves({ ResolverRuleAssociations: [] });
  ram.on(GetResourceSharesCommand).resolves({ resourceShares: [{ resourceShareArn: "arn:share/profile" }] });
  ram.on(GetResourceShareAssociationsCommand).callsFake((input) => ({
    resourceShareAssociations:
      input.associationType === "RESOURCE"
        ? hubs
            .flatMap((h) => [...h.sharedWith.keys()])
            .map((arn) => ({ resourceShareArn: "arn:share/profile", associatedEntity: arn }))
        : [...new Set(hubs.flatMap((h) => [...h.sharedWith.values()].flat()))].map((p) => ({
            resourceShareArn: "arn:share/profile",
            associatedEntity: p,
          })),
  }));
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/**
 * The Route 53 Profiles API of `readings`, by the region each request is signed for: the hub's own
 * Profile (and another account's `vpce-share` Profile shared with it, which is not the hub's), what it
 * holds, and the spoke VPCs' associations.
 */
async function profilesApi(readings: Readings): Promise<{ url: string; paths: string[] }> {
  const paths: string[] = [];
  const regionOf = (req: IncomingMessage) =>
    /Credential=[^/]+\/\d{8}\/([^/]+)\/route53profiles\//.exec(String(req.headers.authorization))?.[1] ?? "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    paths.push(url.pathname);
    const region = regionOf(req);
    const hub = readings.hubs.get(region);
    const profile = hub?.profile;
    let body: unknown;
    if (url.pathname === "/profiles") {
      const theirs = {
        Arn: `arn:aws:route53profiles:${region}:444444444444:profile/rp-theirs`,
        Id: "rp-theirs",
        Name: "vpce-share",
        ShareStatus: "SHARED_WITH_ME",
      };
      body = {
        ProfileSummaries: [
          theirs,
          ...(profile
            ? [{ Arn: profile.arn, Id: profile.id, Name: profile.name, ShareStatus: profile.shareStatus }]
            : []),
        ],
      };
    } else if (profile && url.pathname === `/profileresourceassociations/profileid/${profile.id}`) {
      body = {
        ProfileResourceAssociations: profile.resources.map((r) => ({
          Id: r.id,
          ProfileId: r.profileId,
          ResourceArn: r.resourceArn,
          ResourceType: r.resourceType,
          Status: r.status,
          Name: r.name,
          OwnerId: HUB_ACCOUNT,
        })),
      };
    } else if (url.pathname === "/profileassociations") {
      const associations = [...readings.spokes.entries()]
        .filter(([key]) => key.endsWith(`/${region}`))
        .flatMap(([, s]) => s.profileAssociations ?? []);
      body = {
        ProfileAssociations: [
          ...associations,
          { id: "rpassoc-elsewhere", profileId: "rp-x", vpcId: "vpc-not-configured", status: "COMPLETE" },
        ].map((a) => ({ Id: a.id, ProfileId: a.profileId, ResourceId: a.vpcId, Status: a.status })),
      };
    } else {
      res.writeHead(404, {
        "content-type": "application/json",
        "x-amzn-errortype": "ResourceNotFoundException",
      });
      res.end(JSON.stringify({ Message: `no ${url.pathname}` }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
}

describe("verify --live reads Route 53 Profile regions", () => {
  it("GIVEN a hub account that owns the Profile vpce-share and sees another account's of the same name WHEN its region is read THEN its own Profile is read with what it holds", async () => {
    const readings = deployed(topology);
    mockSdk(readings);
    const api = await profilesApi(readings);
    const aws = new AwsAccess({ clientConfig: { credentials, endpoint: api.url } });
    const paris = topology.hubRegion("eu-west-3")!;

    const reading = await readHubRegion(aws, { accountId: HUB_ACCOUNT }, "eu-west-3", paris.vpcId, {
      profile: true,
    });
    aws.destroy();

    expect(reading.profile).toEqual(
      readings.hubs.get("eu-west-3")!.profile && {
        ...readings.hubs.get("eu-west-3")!.profile,
        resources: readings.hubs
          .get("eu-west-3")!
          .profile!.resources.map((r) => ({ ...r, ownerId: HUB_ACCOUNT })),
      },
    );
    expect(reading.sharedWith.get(reading.profile!.arn)).toEqual([...topology.hub.shareWith]);
    expect(api.paths).toEqual(["/profiles", "/profileresourceassociations/profileid/rp-euwest3"]);
  });

  it("GIVEN a spoke account's Profile associations WHEN its region is read with profiles THEN only its configured VPCs' associations are kept, with the Profiles it sees", async () => {
    const readings = deployed(topology);
    mockSdk(readings);
    const api = await profilesApi(readings);
    const aws = new AwsAccess({ clientConfig: { credentials, endpoint: api.url } });

    const reading = await readSpokeRegion(aws, { accountId: "222222222222" }, "eu-west-3", [PAYMENTS_VPC], {
      profiles: true,
    });
    const without = await readSpokeRegion(aws, { accountId: "222222222222" }, "eu-west-3", [PAYMENTS_VPC]);
    aws.destroy();

    expect(reading.profileAssociations).toEqual([
      { id: `rpassoc-${PAYMENTS_VPC}`, profileId: "rp-euwest3", vpcId: PAYMENTS_VPC, status: "COMPLETE" },
    ]);
    expect([...reading.profiles!.keys()].sort()).toEqual(["rp-euwest3", "rp-theirs"]);
    expect(without.profileAssociations).toBeUndefined();
    expect(api.paths.filter((p) => p === "/profileassociations")).toHaveLength(1);
  });

  it("GIVEN both regions deployed as configured WHEN verify --live runs THEN every name resolves through its Profile and nothing differs", async () => {
    const readings = deployed(topology);
    mockSdk(readings);
    const api = await profilesApi(readings);

    const report = await verifyLive(topology, { clientConfig: { credentials, endpoint: api.url } });

    expect(report.failures).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(new Set(report.rows.map((r) => r.mechanism))).toEqual(
      new Set(["profile (zones)", "profile (endpoints)"]),
    );
    expect(report.read).toEqual(expect.objectContaining({ hubRegions: 2, spokeRegions: 3 }));
  });

  it("GIVEN payments-prod's VPC associated with another account's Profile WHEN verify --live runs THEN its rows fail at the association and the Profile conflicts", async () => {
    const readings = deployed(topology);
    const payments = readings.spokes.get("payments-prod/eu-west-3")!;
    readings.spokes.set("payments-prod/eu-west-3", {
      ...payments,
      profileAssociations: [
        { id: "rpassoc-theirs", profileId: "rp-theirs", vpcId: PAYMENTS_VPC, status: "COMPLETE" },
      ],
    });
    mockSdk(readings);
    const api = await profilesApi(readings);

    const report = await verifyLive(topology, { clientConfig: { credentials, endpoint: api.url } });

    expect(new Set(report.rows.filter((r) => r.failure).map((r) => `${r.vpc} ${r.failure!.hop}`))).toEqual(
      new Set([`${PAYMENTS_VPC} association`]),
    );
    expect(report.differences.map((d) => [d.kind, d.account, d.resource, d.problem])).toEqual([
      ["missing", "222222222222", `association of rp-euwest3 with ${PAYMENTS_VPC}`, expect.any(String)],
      [
        "conflicting",
        "222222222222",
        "rpassoc-theirs",
        `${PAYMENTS_VPC} is associated with route 53 profile rp-theirs (vpce-share, account 444444444444), not the hub's: a vpc takes one route 53 profile, so the hub's cannot be associated beside it`,
      ],
    ]);
  });
});
