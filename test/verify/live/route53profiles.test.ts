/**
 * The Route 53 Profiles client of verify --live (src/verify/live/route53profiles.ts) against a loopback
 * HTTP server standing in for the API: the paths and query strings AWS documents, a SigV4 signature of
 * the `route53profiles` service in the region, every page followed, throttling retried, errors named
 * like the SDK's, and the SDK's endpoint settings honored.
 *
 * Why not the emulator: moto 5.2.1 has no route53profiles (test/emulator/lifecycle.emulator.ts asserts
 * that gap by name), and there is no `@aws-sdk/client-route53profiles` to mock on the registry either.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/core/transport";
import { SignatureV4 } from "@smithy/signature-v4";
import { AwsAccess, awsErrorLine } from "../../../src/verify/live/aws-access";
import {
  listProfileAssociations,
  listProfileResourceAssociations,
  listProfiles,
} from "../../../src/verify/live/route53profiles";

// The SDK's notice that its 2027 releases need Node 22 (src/cli/verify.ts silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** Retries back off up to a second or two (throttling's base delay is 1 s): room for a busy machine. */
jest.setTimeout(30_000);

const HUB = { accountId: "111111111111" };
const REGION = "eu-west-3";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingMessage["headers"];
}
interface Answer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

/** A loopback server answering each request with the next of `answers` (the last one repeats). */
async function fakeApi(answers: readonly Answer[]): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    seen.push({
      method: req.method ?? "",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
    res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

/**
 * The signature AWS would compute for the request as it arrived (method, path, query, the signed
 * headers, the date it names): what proves the request on the wire is the request that was signed.
 */
async function expectedSignature(seen: Seen): Promise<string> {
  const signedHeaders =
    /SignedHeaders=([^,]+)/.exec(String(seen.headers.authorization))?.[1].split(";") ?? [];
  const date = String(seen.headers["x-amz-date"]);
  const request = new HttpRequest({
    method: seen.method,
    protocol: "http:",
    hostname: "127.0.0.1",
    path: seen.path,
    query: seen.query,
    headers: Object.fromEntries(signedHeaders.map((h) => [h, String(seen.headers[h])])),
  });
  const signer = new SignatureV4({ service: "route53profiles", region: REGION, credentials, sha256: Sha256 });
  const signed = await signer.sign(request, {
    signingDate: new Date(
      date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
    ),
  });
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? "";
}

const servers: Server[] = [];
const ENDPOINT_SETTINGS = [
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_ROUTE53PROFILES",
  "AWS_MAX_ATTEMPTS",
  "AWS_CONFIG_FILE",
  "AWS_PROFILE",
];
const saved = Object.fromEntries(ENDPOINT_SETTINGS.map((k) => [k, process.env[k]]));
beforeEach(() => {
  for (const k of ENDPOINT_SETTINGS) delete process.env[k];
  // no shared config file's `services` section or endpoint_url from this machine
  process.env.AWS_CONFIG_FILE = "/nonexistent/config";
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const access = (endpoint?: string) =>
  new AwsAccess({ clientConfig: { credentials, ...(endpoint ? { endpoint } : {}) } });

describe("route53profiles", () => {
  it("GIVEN Profiles in two pages WHEN listed THEN GET /profiles is signed for route53profiles in the region, NextToken is followed, and every Profile is there", async () => {
    const api = await fakeApi([
      {
        body: {
          ProfileSummaries: [
            {
              Arn: "arn:aws:route53profiles:eu-west-3:111111111111:profile/rp-1",
              Id: "rp-1",
              Name: "vpce-share",
              ShareStatus: "SHARED_BY_ME",
            },
          ],
          NextToken: "page-2",
        },
      },
      {
        body: {
          ProfileSummaries: [
            {
              Arn: "arn:aws:route53profiles:eu-west-3:999999999999:profile/rp-9",
              Id: "rp-9",
              Name: "other",
              ShareStatus: "SHARED_WITH_ME",
            },
          ],
        },
      },
    ]);
    const aws = access(api.url);

    const profiles = await listProfiles(aws, HUB, REGION);
    aws.destroy();

    expect(api.seen.map((s) => [s.method, s.path, s.query])).toEqual([
      ["GET", "/profiles", { maxResults: "100" }],
      ["GET", "/profiles", { maxResults: "100", nextToken: "page-2" }],
    ]);
    for (const { headers } of api.seen) {
      expect(headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/route53profiles\/aws4_request, SignedHeaders=[^,]*\bhost\b[^,]*, Signature=[0-9a-f]{64}$/,
      );
      expect(headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    }
    for (const seen of api.seen) {
      expect(String(seen.headers.authorization)).toContain(`Signature=${await expectedSignature(seen)}`);
    }
    expect(profiles).toEqual([
      {
        id: "rp-1",
        arn: "arn:aws:route53profiles:eu-west-3:111111111111:profile/rp-1",
        name: "vpce-share",
        shareStatus: "SHARED_BY_ME",
      },
      {
        id: "rp-9",
        arn: "arn:aws:route53profiles:eu-west-3:999999999999:profile/rp-9",
        name: "other",
        shareStatus: "SHARED_WITH_ME",
      },
    ]);
    expect(aws.calls).toBe(2);
  });

  it("GIVEN a VPC and a Profile WHEN their associations are listed THEN GET /profileassociations filters by resourceId and profileId, and each association names its Profile, VPC and status", async () => {
    const api = await fakeApi([
      {
        body: {
          ProfileAssociations: [
            {
              Id: "rpassoc-1",
              Name: "spoke-a",
              OwnerId: "222222222222",
              ProfileId: "rp-1",
              ResourceId: "vpc-1",
              Status: "COMPLETE",
              StatusMessage: "Created",
              CreationTime: 1710850903.578,
            },
          ],
        },
      },
    ]);
    const aws = access(api.url);

    const associations = await listProfileAssociations(aws, HUB, REGION, {
      vpcId: "vpc-1",
      profileId: "rp-1",
    });
    const unfiltered = await listProfileAssociations(aws, HUB, REGION);
    aws.destroy();

    expect(api.seen.map((s) => [s.path, s.query])).toEqual([
      ["/profileassociations", { resourceId: "vpc-1", profileId: "rp-1", maxResults: "100" }],
      ["/profileassociations", { maxResults: "100" }],
    ]);
    expect(associations).toEqual([
      {
        id: "rpassoc-1",
        profileId: "rp-1",
        vpcId: "vpc-1",
        status: "COMPLETE",
        name: "spoke-a",
        ownerId: "222222222222",
        statusMessage: "Created",
      },
    ]);
    expect(unfiltered).toEqual(associations);
  });

  it("GIVEN a Profile holding zones in two pages WHEN its resources are listed THEN GET /profileresourceassociations/profileid/<id> is followed to the last page", async () => {
    const zone = (n: number) => ({
      Id: `rpr-${n}`,
      Name: `zone-${n}`,
      OwnerId: "111111111111",
      ProfileId: "rp-1",
      ResourceArn: `arn:aws:route53:::hostedzone/Z${n}`,
      ResourceType: "PRIVATE_HOSTED_ZONE",
      ResourceProperties: '{"priority":0}',
      Status: "COMPLETE",
    });
    const api = await fakeApi([
      { body: { ProfileResourceAssociations: [zone(1)], NextToken: "t2" } },
      { body: { ProfileResourceAssociations: [zone(2)] } },
    ]);
    const aws = access(api.url);

    const resources = await listProfileResourceAssociations(aws, HUB, REGION, "rp-1");
    aws.destroy();

    expect(api.seen.map((s) => [s.path, s.query])).toEqual([
      ["/profileresourceassociations/profileid/rp-1", { maxResults: "100" }],
      ["/profileresourceassociations/profileid/rp-1", { maxResults: "100", nextToken: "t2" }],
    ]);
    expect(
      resources.map((r) => [r.id, r.resourceArn, r.resourceType, r.status, r.resourceProperties]),
    ).toEqual([
      ["rpr-1", "arn:aws:route53:::hostedzone/Z1", "PRIVATE_HOSTED_ZONE", "COMPLETE", '{"priority":0}'],
      ["rpr-2", "arn:aws:route53:::hostedzone/Z2", "PRIVATE_HOSTED_ZONE", "COMPLETE", '{"priority":0}'],
    ]);
  });

  it("GIVEN the API throttles once (HTTP 429) WHEN listed THEN the request is retried and answers, as one call within the bounds", async () => {
    const api = await fakeApi([
      {
        status: 429,
        headers: { "x-amzn-errortype": "ThrottlingException" },
        body: { Message: "Rate exceeded" },
      },
      {
        body: {
          ProfileSummaries: [{ Arn: "arn:p", Id: "rp-1", Name: "vpce-share", ShareStatus: "NOT_SHARED" }],
        },
      },
    ]);
    const aws = access(api.url);

    const profiles = await listProfiles(aws, HUB, REGION);
    aws.destroy();

    expect(api.seen).toHaveLength(2);
    expect(profiles.map((p) => p.id)).toEqual(["rp-1"]);
    expect(aws.calls).toBe(1);
  });

  it("GIVEN the API fails with 503 every time and AWS_MAX_ATTEMPTS=3 WHEN listed THEN it is tried three times and the error names the service's error and status", async () => {
    process.env.AWS_MAX_ATTEMPTS = "3";
    const api = await fakeApi([
      {
        status: 503,
        body: { __type: "com.amazonaws.route53profiles#InternalServiceErrorException", message: "try later" },
      },
    ]);
    const aws = access(api.url);

    const error = await listProfiles(aws, HUB, REGION).catch((e: unknown) => e);
    aws.destroy();

    expect(api.seen).toHaveLength(3);
    expect(awsErrorLine(error)).toBe("InternalServiceErrorException: try later (HTTP 503)");
  });

  it("GIVEN the role may not list Profiles WHEN listed THEN the AccessDeniedException is one readable line, not retried", async () => {
    const api = await fakeApi([
      {
        status: 403,
        headers: {
          "x-amzn-errortype":
            "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.route53profiles/",
        },
        body: {
          Message:
            "User: arn:aws:sts::111111111111:assumed-role/reader/verify is not authorized to perform: route53profiles:ListProfiles",
        },
      },
    ]);
    const aws = access(api.url);

    const error = await listProfiles(aws, HUB, REGION).catch((e: unknown) => e);
    aws.destroy();

    expect(api.seen).toHaveLength(1);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("AccessDeniedException");
    expect(awsErrorLine(error)).toBe(
      "AccessDeniedException: User: arn:aws:sts::111111111111:assumed-role/reader/verify is not authorized to perform: route53profiles:ListProfiles (HTTP 403)",
    );
  });

  it("GIVEN AWS_ENDPOINT_URL_ROUTE53PROFILES and AWS_ENDPOINT_URL WHEN listed THEN the service's own setting is used, as the SDK clients do", async () => {
    const profilesApi = await fakeApi([{ body: { ProfileSummaries: [] } }]);
    const generalApi = await fakeApi([{ body: { ProfileSummaries: [] } }]);
    process.env.AWS_ENDPOINT_URL_ROUTE53PROFILES = profilesApi.url;
    process.env.AWS_ENDPOINT_URL = generalApi.url;
    const aws = access();

    await listProfiles(aws, HUB, REGION);
    aws.destroy();

    expect(profilesApi.seen.map((s) => s.path)).toEqual(["/profiles"]);
    expect(generalApi.seen).toHaveLength(0);
  });

  it("GIVEN only AWS_ENDPOINT_URL WHEN listed THEN it is used", async () => {
    const api = await fakeApi([{ body: { ProfileSummaries: [] } }]);
    process.env.AWS_ENDPOINT_URL = api.url;
    const aws = access();

    await listProfiles(aws, HUB, REGION);
    aws.destroy();

    expect(api.seen.map((s) => s.path)).toEqual(["/profiles"]);
  });

  it("GIVEN no endpoint setting WHEN a client is made THEN it goes to the region's endpoint, .amazonaws.com.cn in China", async () => {
    const aws = access();
    const endpoints = await Promise.all(
      ["eu-west-3", "cn-north-1", "us-gov-west-1"].map((r) => aws.profiles(HUB, r).endpoint()),
    );
    aws.destroy();

    expect(endpoints.map((e) => `${e.protocol}//${e.hostname}`)).toEqual([
      "https://route53profiles.eu-west-3.amazonaws.com",
      "https://route53profiles.cn-north-1.amazonaws.com.cn",
      "https://route53profiles.us-gov-west-1.amazonaws.com",
    ]);
  });

  it("GIVEN an API that answers the same NextToken forever WHEN listed THEN it stops with an error instead of paging forever", async () => {
    const api = await fakeApi([{ body: { ProfileSummaries: [], NextToken: "same" } }]);
    const aws = access(api.url);

    const error = await listProfiles(aws, HUB, REGION).catch((e: unknown) => e);
    aws.destroy();

    expect(api.seen).toHaveLength(2);
    expect(awsErrorLine(error)).toBe(
      "Error: route53profiles answered GET /profiles with the same NextToken twice",
    );
  });

  it("GIVEN one account limited to one call in flight WHEN three lists are read at once THEN no two requests overlap", async () => {
    let inFlight = 0;
    let most = 0;
    const server = createServer((_req, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ProfileSummaries: [] }));
      }, 30);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    servers.push(server);
    const aws = new AwsAccess({
      clientConfig: { credentials, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
      callsPerAccount: 1,
    });

    await Promise.all([1, 2, 3].map(() => listProfiles(aws, HUB, REGION)));
    aws.destroy();

    expect(most).toBe(1);
    expect(aws.calls).toBe(3);
  });
});
