/**
 * How `verify --live` reaches AWS: one set of SDK clients per account and region, with the credentials
 * of the standard chain or of the configured role (assumed through STS), the SDK's own endpoint settings
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, profiles' `services` sections: how tests reach the
 * emulator), the SDK's adaptive retry on throttling, and a bound on the calls in flight, per account and
 * overall. The Route 53 Profiles API has no SDK client on the registry: its client (route53profiles.ts)
 * signs its own requests with the same credentials, endpoint settings and attempts. It only reads: no
 * client here is ever sent a command that writes.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { RAMClient } from "@aws-sdk/client-ram";
import { Route53Client } from "@aws-sdk/client-route-53";
import { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Endpoint } from "@smithy/types";
import pLimit from "p-limit";
import { Route53ProfilesClient } from "./route53profiles";

/** Calls in flight at once against one account (the Route 53 API allows 5 requests/s per account). */
export const CALLS_PER_ACCOUNT = 4;
/** Calls in flight at once overall. */
export const CALLS_IN_FLIGHT = 32;
/**
 * Attempts per call, throttling and transient errors included (the SDK's adaptive retry backs off);
 * `AWS_MAX_ATTEMPTS`, the SDK's standard setting, overrides it.
 */
export const MAX_ATTEMPTS = 8;
const maxAttempts = () => Number(process.env.AWS_MAX_ATTEMPTS) || MAX_ATTEMPTS;
/** Route 53 is a global service: its calls go to this region's endpoint. */
const ROUTE53_REGION = "us-east-1";

export interface RegionClients {
  readonly ec2: EC2Client;
  readonly route53: Route53Client;
  readonly resolver: Route53ResolverClient;
  readonly ram: RAMClient;
}

/** Who reads: an account, through a role of it or the caller's own credentials. */
export interface Reader {
  readonly accountId: string;
  readonly roleArn?: string;
}

export interface AwsAccessOptions {
  /** Overrides of every client's configuration (tests); endpoints come from the SDK's standard settings. */
  readonly clientConfig?: Record<string, unknown>;
  readonly callsPerAccount?: number;
  readonly callsInFlight?: number;
}

type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

export class AwsAccess {
  private readonly clients = new Map<string, RegionClients>();
  private readonly profileClients = new Map<string, Route53ProfilesClient>();
  private readonly credentials = new Map<string, ReturnType<typeof fromTemporaryCredentials>>();
  private defaultCredentials?: AwsCredentialIdentityProvider;
  private readonly accountLimits = new Map<string, Limit>();
  private readonly overall: Limit;
  /** Calls made (for the progress line and the measurements). */
  calls = 0;

  constructor(private readonly options: AwsAccessOptions = {}) {
    this.overall = pLimit(options.callsInFlight ?? CALLS_IN_FLIGHT);
  }

  /** The clients of `reader`'s account in `region`. */
  clientsFor(reader: Reader, region: string): RegionClients {
    const key = `${reader.roleArn ?? reader.accountId}\u0000${region}`;
    let clients = this.clients.get(key);
    if (!clients) {
      const config = {
        region,
        maxAttempts: maxAttempts(),
        retryMode: "adaptive",
        ...(reader.roleArn ? { credentials: this.roleCredentials(reader.roleArn, region) } : {}),
        ...this.options.clientConfig,
      };
      clients = {
        ec2: new EC2Client(config),
        route53: new Route53Client({ ...config, region: ROUTE53_REGION }),
        resolver: new Route53ResolverClient(config),
        ram: new RAMClient(config),
      };
      this.clients.set(key, clients);
    }
    return clients;
  }

  /** The Route 53 Profiles client of `reader`'s account in `region` (see route53profiles.ts). */
  profiles(reader: Reader, region: string): Route53ProfilesClient {
    const key = `${reader.roleArn ?? reader.accountId}\u0000${region}`;
    let client = this.profileClients.get(key);
    if (!client) {
      const overrides = this.options.clientConfig ?? {};
      const clientRegion = typeof overrides.region === "string" ? overrides.region : region;
      client = new Route53ProfilesClient({
        region: clientRegion,
        credentials: this.credentialsOf(reader, region),
        maxAttempts: typeof overrides.maxAttempts === "number" ? overrides.maxAttempts : maxAttempts(),
        ...(overrides.endpoint ? { endpoint: overrides.endpoint as string | Endpoint } : {}),
      });
      this.profileClients.set(key, client);
    }
    return client;
  }

  /**
   * The credentials `reader`'s calls are signed with, as its SDK clients get them: the configured ones
   * (tests), else the role's (assumed once per role), else the caller's standard chain.
   */
  credentialsOf(reader: Reader, region: string): AwsCredentialIdentity | AwsCredentialIdentityProvider {
    const configured = this.options.clientConfig?.credentials;
    if (configured) return configured as AwsCredentialIdentity | AwsCredentialIdentityProvider;
    if (reader.roleArn) return this.roleCredentials(reader.roleArn, region);
    this.defaultCredentials ??= fromNodeProviderChain();
    return this.defaultCredentials;
  }

  /** Runs one call for `reader`'s account within the bounds. */
  call<T>(reader: Reader, fn: () => Promise<T>): Promise<T> {
    let limit = this.accountLimits.get(reader.accountId);
    if (!limit) {
      limit = pLimit(this.options.callsPerAccount ?? CALLS_PER_ACCOUNT);
      this.accountLimits.set(reader.accountId, limit);
    }
    return limit(() =>
      this.overall(() => {
        this.calls += 1;
        return fn();
      }),
    );
  }

  /** Every page of a paginator, each page within the bounds. */
  async pages<Page>(reader: Reader, paginator: AsyncIterable<Page>): Promise<Page[]> {
    const iterator = paginator[Symbol.asyncIterator]();
    const pages: Page[] = [];
    for (;;) {
      const next = await this.call(reader, () => iterator.next());
      if (next.done) {
        this.calls -= 1; // the paginator ended without a request
        return pages;
      }
      pages.push(next.value);
    }
  }

  destroy(): void {
    for (const clients of this.clients.values())
      for (const client of Object.values(clients)) client.destroy();
    for (const client of this.profileClients.values()) client.destroy();
  }

  /** The role's credentials, assumed once per role (STS in the role's first region) and refreshed by the SDK. */
  private roleCredentials(roleArn: string, region: string) {
    let credentials = this.credentials.get(roleArn);
    if (!credentials) {
      credentials = fromTemporaryCredentials({
        params: { RoleArn: roleArn, RoleSessionName: "vpce-share-verify" },
        clientConfig: { region, maxAttempts: maxAttempts(), ...this.options.clientConfig },
      });
      this.credentials.set(roleArn, credentials);
    }
    return credentials;
  }
}

/** An AWS error in one line: its name, message and, when it has one, the operation's HTTP status. */
export function awsErrorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = error.message.split("\n")[0] || "(no message)";
  return `${error.name}: ${message}${status ? ` (HTTP ${status})` : ""}`;
}
