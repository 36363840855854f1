/**
 * How `verify --live` reaches AWS: one set of SDK clients per account and region, with the credentials
 * of the standard chain or of the configured role (assumed through STS), the SDK's own endpoint settings
 * (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_<SERVICE>`, profiles' `services` sections: how tests reach the
 * emulator), the SDK's adaptive retry on throttling, and a bound on the calls in flight, per account and
 * overall. It only reads: no client here is ever sent a command that writes.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { RAMClient } from "@aws-sdk/client-ram";
import { Route53Client } from "@aws-sdk/client-route-53";
import { Route53ResolverClient } from "@aws-sdk/client-route53resolver";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import pLimit from "p-limit";

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
  private readonly credentials = new Map<string, ReturnType<typeof fromTemporaryCredentials>>();
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
