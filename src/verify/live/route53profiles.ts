/**
 * The Route 53 Profiles API for `verify --live`, read only: its three list operations, every page, as
 * plain data (no SDK types past this file, like read-aws.ts).
 *
 * Why this file signs its own requests: `@aws-sdk/client-route53profiles` is not on the npm registry this
 * project installs from, so there is no SDK client to call. The pieces of one are: requests are signed
 * with SigV4 by `@smithy/signature-v4` (signing name `route53profiles`), sent by the SDK's own
 * `NodeHttpHandler`, retried by the SDK's `StandardRetryStrategy` on throttling and server errors, and
 * the endpoint comes from the SDK's standard settings (`resolveEndpointConfig` of `@smithy/core`, service
 * id `Route53Profiles`: `AWS_ENDPOINT_URL_ROUTE53PROFILES`, then `AWS_ENDPOINT_URL`, then the shared
 * config file's `services` section or `endpoint_url`), else `https://route53profiles.<region>.<the
 * partition's DNS suffix>` (`.amazonaws.com`, `.amazonaws.com.cn` in China). Credentials and the bounds
 * on calls in flight are AwsAccess's, the same as every SDK client of `verify --live`.
 *
 * The API (REST-JSON, version 2018-05-10), as AWS's API reference gives it
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_Operations_Route_53_Profiles.html) and
 * the AWS SDK for JavaScript v3 serializes it (clients/client-route53profiles/src/protocols/
 * Aws_restJson1.ts, `se_ListProfilesCommand`, `se_ListProfileAssociationsCommand`,
 * `se_ListProfileResourceAssociationsCommand`):
 * - ListProfiles: `GET /profiles?maxResults=&nextToken=` answers `{ ProfileSummaries: [{ Arn, Id, Name,
 *   ShareStatus }], NextToken }`; the account's own Profiles and those shared with it (ShareStatus
 *   NOT_SHARED, SHARED_BY_ME, SHARED_WITH_ME).
 * - ListProfileAssociations: `GET /profileassociations?resourceId=&profileId=&maxResults=&nextToken=`
 *   answers `{ ProfileAssociations: [{ Id, Name, OwnerId, ProfileId, ResourceId, Status, StatusMessage,
 *   CreationTime, ModificationTime }], NextToken }`; ResourceId is a VPC id.
 * - ListProfileResourceAssociations: `GET /profileresourceassociations/profileid/{ProfileId}?resourceType=
 *   &maxResults=&nextToken=` answers `{ ProfileResourceAssociations: [{ Id, Name, OwnerId, ProfileId,
 *   ResourceArn, ResourceType, ResourceProperties, Status, StatusMessage, ... }], NextToken }`.
 * maxResults is 1 to 100 for each. Statuses: COMPLETE, CREATING, UPDATING, DELETING, DELETED, FAILED.
 */
import { Sha256 } from "@aws-crypto/sha256-js";
import { partition } from "@aws-sdk/util-endpoints";
import { resolveEndpointConfig, toEndpointV1 } from "@smithy/core/endpoints";
import { HttpRequest } from "@smithy/core/transport";
import {
  isServerError,
  isThrottlingError,
  isTransientError,
  StandardRetryStrategy,
} from "@smithy/core/retry";
import { NodeHttpHandler, streamCollector } from "@smithy/node-http-handler";
import { SignatureV4 } from "@smithy/signature-v4";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  Endpoint,
  HttpResponse,
} from "@smithy/types";
import type { AwsAccess, Reader } from "./aws-access";

/** The SigV4 signing name, and the endpoint's first label. */
export const SIGNING_NAME = "route53profiles";
/** The SDK's service id: what names its endpoint settings (`AWS_ENDPOINT_URL_ROUTE53PROFILES`). */
const SERVICE_ID = "Route53Profiles";
/** The largest page each list gives (1 to 100). */
const PAGE = 100;

/** A Profile the account owns or sees shared with it. */
export interface ProfileReading {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** NOT_SHARED, SHARED_BY_ME or SHARED_WITH_ME. */
  readonly shareStatus: string;
}

/** A Profile's association with a VPC. */
export interface ProfileAssociationReading {
  readonly id: string;
  readonly profileId: string;
  /** The VPC (the API's ResourceId). */
  readonly vpcId: string;
  readonly status: string;
  readonly name?: string;
  readonly ownerId?: string;
  readonly statusMessage?: string;
}

/** A resource held by a Profile: a private hosted zone, a Resolver rule, an interface endpoint... */
export interface ProfileResourceAssociationReading {
  readonly id: string;
  readonly profileId: string;
  readonly resourceArn: string;
  /** As the API names it, such as PRIVATE_HOSTED_ZONE or INTERFACE_ENDPOINT. */
  readonly resourceType: string;
  readonly status: string;
  readonly name?: string;
  readonly ownerId?: string;
  /** JSON text (for a zone, its `priority`). */
  readonly resourceProperties?: string;
  readonly statusMessage?: string;
}

export interface Route53ProfilesConfig {
  readonly region: string;
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  /** Wins over every endpoint setting (tests): a URL or the SDK's endpoint object. */
  readonly endpoint?: string | Endpoint;
}

type Json = Record<string, unknown>;

/**
 * One account's Route 53 Profiles API in one region: signed GETs of JSON, retried. AwsAccess hands it out
 * (`profiles(reader, region)`); the list functions below page through it.
 */
export class Route53ProfilesClient {
  private readonly handler = new NodeHttpHandler({ connectionTimeout: 10_000, requestTimeout: 60_000 });
  private readonly signer: SignatureV4;
  private readonly retry: StandardRetryStrategy;
  private endpointOnce?: Promise<Endpoint>;

  constructor(private readonly config: Route53ProfilesConfig) {
    this.signer = new SignatureV4({
      service: SIGNING_NAME,
      region: config.region,
      credentials: config.credentials,
      sha256: Sha256,
    });
    this.retry = new StandardRetryStrategy({ maxAttempts: config.maxAttempts });
  }

  /** The JSON object answered to a signed GET of `path`, retried on throttling and server errors. */
  async get(path: string, query: Readonly<Record<string, string>>): Promise<Json> {
    const endpoint = await this.endpoint();
    let token = await this.retry.acquireInitialRetryToken(SERVICE_ID);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await this.once(endpoint, path, query);
        this.retry.recordSuccess(token);
        return answer;
      } catch (error) {
        const errorType = retryType(error);
        if (errorType) {
          try {
            token = await this.retry.refreshRetryTokenForRetry(token, { errorType });
            continue;
          } catch {
            // no attempt left: the error stands
          }
        }
        const metadata = (error as { $metadata?: Record<string, unknown> }).$metadata;
        if (metadata) metadata.attempts = attempt;
        throw error;
      }
    }
  }

  destroy(): void {
    this.handler.destroy();
  }

  /** Where requests go: the configured endpoint, else the SDK's endpoint settings, else the region's. */
  endpoint(): Promise<Endpoint> {
    this.endpointOnce ??= (async () => {
      const configured = this.config.endpoint ?? (await configuredEndpoint());
      return toEndpointV1(
        configured ??
          `https://${SIGNING_NAME}.${this.config.region}.${partition(this.config.region).dnsSuffix}`,
      );
    })();
    return this.endpointOnce;
  }

  private async once(
    endpoint: Endpoint,
    path: string,
    query: Readonly<Record<string, string>>,
  ): Promise<Json> {
    const port = endpoint.port ? `:${endpoint.port}` : "";
    const request = new HttpRequest({
      method: "GET",
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port ? { port: endpoint.port } : {}),
      path: `${endpoint.path.replace(/\/+$/, "")}${path}`,
      query: { ...query },
      headers: { host: `${endpoint.hostname}${port}`, accept: "application/json" },
    });
    const signed = await this.signer.sign(request);
    const { response } = await this.handler.handle(signed as HttpRequest);
    const text = Buffer.from(await streamCollector(response.body)).toString("utf8");
    if (response.statusCode < 200 || response.statusCode >= 300) throw serviceError(response, text);
    const answer = parseJson(text);
    if (!answer) {
      throw metadataError(
        "MalformedResponse",
        `${SIGNING_NAME} answered GET ${path} with something other than a JSON object: ${text.slice(0, 80)}`,
        response,
      );
    }
    return answer;
  }
}

/**
 * The endpoint the SDK's standard settings give the service, if any: what every SDK client asks
 * `resolveEndpointConfig` for (it also honors `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`).
 */
function configuredEndpoint(): Promise<string | undefined> {
  const resolved = resolveEndpointConfig({ serviceId: SERVICE_ID } as Parameters<
    typeof resolveEndpointConfig
  >[0]);
  return (
    resolved as { serviceConfiguredEndpoint: () => Promise<string | undefined> }
  ).serviceConfiguredEndpoint();
}

/** Every Profile `reader`'s account owns or sees shared with it in `region`. */
export async function listProfiles(
  aws: AwsAccess,
  reader: Reader,
  region: string,
): Promise<ProfileReading[]> {
  return allPages(aws, reader, region, "/profiles", {}, "ProfileSummaries", (p) => ({
    id: text(p.Id),
    arn: text(p.Arn),
    name: text(p.Name),
    shareStatus: text(p.ShareStatus),
  }));
}

/** The Profile associations of `reader`'s account in `region`, of one VPC and/or one Profile if given. */
export async function listProfileAssociations(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  filter: { readonly vpcId?: string; readonly profileId?: string } = {},
): Promise<ProfileAssociationReading[]> {
  const query = {
    ...(filter.vpcId ? { resourceId: filter.vpcId } : {}),
    ...(filter.profileId ? { profileId: filter.profileId } : {}),
  };
  return allPages(aws, reader, region, "/profileassociations", query, "ProfileAssociations", (a) => ({
    id: text(a.Id),
    profileId: text(a.ProfileId),
    vpcId: text(a.ResourceId),
    status: text(a.Status),
    ...optional("name", a.Name),
    ...optional("ownerId", a.OwnerId),
    ...optional("statusMessage", a.StatusMessage),
  }));
}

/** Every resource `profileId` holds. */
export async function listProfileResourceAssociations(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  profileId: string,
): Promise<ProfileResourceAssociationReading[]> {
  const path = `/profileresourceassociations/profileid/${encodeURIComponent(profileId)}`;
  return allPages(aws, reader, region, path, {}, "ProfileResourceAssociations", (r) => ({
    id: text(r.Id),
    profileId: text(r.ProfileId),
    resourceArn: text(r.ResourceArn),
    resourceType: text(r.ResourceType),
    status: text(r.Status),
    ...optional("name", r.Name),
    ...optional("ownerId", r.OwnerId),
    ...optional("resourceProperties", r.ResourceProperties),
    ...optional("statusMessage", r.StatusMessage),
  }));
}

/** Every page of one list, each page one call within AwsAccess's bounds, following NextToken. */
async function allPages<T>(
  aws: AwsAccess,
  reader: Reader,
  region: string,
  path: string,
  query: Readonly<Record<string, string>>,
  listKey: string,
  read: (item: Json) => T,
): Promise<T[]> {
  const client = aws.profiles(reader, region);
  const items: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const pageQuery = { ...query, maxResults: String(PAGE), ...(nextToken ? { nextToken } : {}) };
    const page = await aws.call(reader, () => client.get(path, pageQuery));
    const list = page[listKey] ?? [];
    if (!Array.isArray(list)) {
      throw new Error(`${SIGNING_NAME} answered GET ${path} with a ${listKey} that is not a list`);
    }
    for (const item of list) if (item && typeof item === "object") items.push(read(item as Json));
    nextToken = typeof page.NextToken === "string" && page.NextToken !== "" ? page.NextToken : undefined;
    if (nextToken !== undefined) {
      // as the SDK's paginators do: a token answered twice would page forever
      if (seen.has(nextToken))
        throw new Error(`${SIGNING_NAME} answered GET ${path} with the same NextToken twice`);
      seen.add(nextToken);
    }
  } while (nextToken !== undefined);
  return items;
}

/** What the retry strategy retries: throttling (429, ThrottlingException...) and transient or 5xx errors. */
function retryType(error: unknown): "THROTTLING" | "TRANSIENT" | undefined {
  if (!(error instanceof Error)) return undefined;
  const sdkError = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(sdkError)) return "THROTTLING";
  if (isTransientError(sdkError) || isServerError(sdkError)) return "TRANSIENT";
  return undefined;
}

/** A non-2xx answer as the SDK would throw it: named by the AWS error type, with its message and status. */
function serviceError(response: HttpResponse, body: string): Error {
  const data = parseJson(body) ?? {};
  const name = errorType(response, data) ?? "UnknownError";
  const message =
    [data.message, data.Message].find((m): m is string => typeof m === "string" && m !== "") ??
    (body.trim().split("\n")[0] || `${SIGNING_NAME} answered HTTP ${response.statusCode}`);
  return metadataError(name, message, response);
}

/**
 * The AWS error type of a REST-JSON error answer, where AWS puts it: the `x-amzn-errortype` header, else
 * the body's `code` or `__type`; without the `:<url>` or `<namespace>#` parts
 * (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html "Operation error serialization").
 */
function errorType(response: HttpResponse, data: Json): string | undefined {
  const header = Object.entries(response.headers).find(([k]) => k.toLowerCase() === "x-amzn-errortype")?.[1];
  const code = Object.entries(data).find(([k]) => k.toLowerCase() === "code")?.[1];
  const raw = [header, code, data.__type].find((v): v is string => typeof v === "string" && v !== "");
  return raw?.split(":")[0].split("#").pop();
}

function metadataError(name: string, message: string, response: HttpResponse): Error {
  const error = new Error(message);
  error.name = name;
  const requestId = response.headers["x-amzn-requestid"];
  Object.assign(error, {
    $fault: response.statusCode >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: response.statusCode, ...(requestId ? { requestId } : {}) },
  });
  return error;
}

function parseJson(body: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");

function optional<K extends string>(key: K, value: unknown): { [k in K]?: string } {
  return typeof value === "string" && value !== "" ? ({ [key]: value } as { [k in K]: string }) : {};
}
