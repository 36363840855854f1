/**
 * `npm run verify -- --live`: does every spoke VPC resolve every shared name to the hub's endpoint right
 * now, and if not, exactly why. Reads the organization as deployed (read-aws.ts: every hub region in the
 * hub account, every spoke region in its spoke account, at once within the bounds of aws-access.ts),
 * builds the same views as the pre-deploy verify (live-view.ts), resolves every row with the same Route
 * 53 semantics (route53.ts through verify.ts), and lists every difference from the configuration.
 *
 * Resolver rules and zone association are read in full. A region whose hub builds a Route 53 Profile is
 * reported as not read: its rows fail with that reason rather than pass unread.
 */
import { hubBuilds, mechanismLabel } from "../../topology/sharing-mechanism";
import type { HubRegionTopology, Topology } from "../../topology/topology";
import type { Failure, HubView } from "../route53";
import { verifyViews, type VerifyReport } from "../verify";
import { AwsAccess, awsErrorLine, type AwsAccessOptions, type Reader } from "./aws-access";
import {
  type Difference,
  hubDifferences,
  liveHubView,
  liveSpokeVpcViews,
  readFailure,
  type Readout,
  spokeDifferences,
} from "./live-view";
import { readHubRegion, readSpokeRegion, type HubReading, type SpokeRegionReading } from "./read-aws";

export interface LiveReport extends VerifyReport {
  readonly differences: readonly Difference[];
  /** The regions read, and the calls it took. */
  readonly read: { readonly hubRegions: number; readonly spokeRegions: number; readonly calls: number };
  /** Every reading failed with this one line: nothing could be read (credentials, endpoint). */
  readonly unreadable?: string;
  /** Per hub region: the hub endpoints' addresses by service (what `--probe` expects). */
  readonly endpointIps: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

export interface LiveOptions extends AwsAccessOptions {
  /** Called every `progressEveryMs` while reading, with the regions read and the calls made so far. */
  readonly progress?: (done: number, total: number, calls: number) => void;
  /** @default 2000 */
  readonly progressEveryMs?: number;
}

/** The regions this version reads: every hub region but one that builds a Route 53 Profile. */
const READABLE = (hub: HubRegionTopology) => !hubBuilds(hub.sharing, "profile");

/** Reads what is deployed for `topology` and verifies it. Never writes to AWS. */
export async function verifyLive(topology: Topology, options: LiveOptions = {}): Promise<LiveReport> {
  const aws = new AwsAccess(options);
  try {
    return await verifyWith(aws, topology, options);
  } finally {
    aws.destroy();
  }
}

async function verifyWith(aws: AwsAccess, topology: Topology, options: LiveOptions): Promise<LiveReport> {
  const hubReader: Reader = {
    accountId: topology.hub.accountId,
    ...(topology.hub.roleArn ? { roleArn: topology.hub.roleArn } : {}),
  };
  const readHubs = topology.hubRegions.filter(READABLE);
  const spokeRegions = topology.spokes.flatMap((spoke) =>
    spoke.regions
      .filter((r) => READABLE(topology.hubRegion(r.region) as HubRegionTopology))
      .map((region) => ({ spoke, region })),
  );
  const total = readHubs.length + spokeRegions.length;
  let done = 0;
  const tick = () => (done += 1);
  const progress = options.progress;
  const timer =
    progress && setInterval(() => progress(done, total, aws.calls), options.progressEveryMs ?? 2000);
  timer?.unref();
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<Readout<T>> => {
    try {
      return { reading: await read() };
    } catch (error) {
      return { error: `cannot read ${what}: ${awsErrorLine(error)}` };
    } finally {
      tick();
    }
  };
  const [hubReadouts, spokeReadouts] = await Promise.all([
    Promise.all(
      readHubs.map(
        async (hub) =>
          [
            hub.region,
            await attempt(`${hub.stackName} in account ${hubReader.accountId}, ${hub.region}`, () =>
              readHubRegion(aws, hubReader, hub.region, hub.vpcId, {
                authorizations: hubBuilds(hub.sharing, "zone-association"),
              }),
            ),
          ] as const,
      ),
    ),
    Promise.all(
      spokeRegions.map(async ({ spoke, region }) => {
        const reader: Reader = {
          accountId: spoke.accountId,
          ...(spoke.roleArn ? { roleArn: spoke.roleArn } : {}),
        };
        return [
          `${spoke.name}\u0000${region.region}`,
          await attempt(`${spoke.stackName} in account ${spoke.accountId}, ${region.region}`, () =>
            readSpokeRegion(aws, reader, region.region, region.vpcIds),
          ),
        ] as const;
      }),
    ),
  ]);
  if (timer) clearInterval(timer);
  const hubReadings = new Map<string, Readout<HubReading>>(hubReadouts);
  const spokeReadings = new Map<string, Readout<SpokeRegionReading>>(spokeReadouts);
  const errors = [...hubReadings.values(), ...spokeReadings.values()].flatMap((r) =>
    "error" in r ? [r.error] : [],
  );

  const hubs = new Map<string, HubView | Failure>();
  const differences: Difference[] = [];
  const endpointIps = new Map<string, Map<string, string[]>>();
  for (const hub of topology.hubRegions) {
    const readout = hubReadings.get(hub.region);
    if (!readout) {
      hubs.set(hub.region, {
        hop: "stack",
        stack: hub.stackName,
        reason: `${hub.region} shares through ${mechanismLabel(hub.sharing)}: verify --live does not read route 53 profiles in this version`,
      });
    } else if ("error" in readout) {
      hubs.set(hub.region, readFailure(hub.stackName, readout.error));
    } else {
      hubs.set(hub.region, liveHubView(hub, readout.reading));
      differences.push(...hubDifferences(topology, hub, readout.reading));
      endpointIps.set(
        hub.region,
        new Map(
          hub.services.flatMap((s) => {
            const e = readout.reading.endpoints.find((x) => x.serviceName === s.serviceName);
            return e ? [[s.name, [...e.ips]] as const] : [];
          }),
        ),
      );
    }
  }
  const report = verifyViews(topology, hubs, (spoke, region, hubView) => {
    const readout = spokeReadings.get(`${spoke.name}\u0000${region.region}`);
    const hubReadout = hubReadings.get(region.region);
    if (!readout || !hubReadout || "error" in hubReadout || "error" in readout) {
      return readFailure(
        spoke.stackName,
        readout && "error" in readout ? readout.error : `${spoke.stackName} was not read`,
      );
    }
    const hub = topology.hubRegion(region.region) as HubRegionTopology;
    differences.push(...spokeDifferences(topology, spoke, region, hub, hubReadout.reading, readout.reading));
    return liveSpokeVpcViews(topology, spoke, region, hubView, hubReadout.reading, readout.reading);
  });
  return {
    ...report,
    differences,
    read: { hubRegions: readHubs.length, spokeRegions: spokeRegions.length, calls: aws.calls },
    ...(total > 0 && errors.length === total && new Set(errors.map(stripWhat)).size === 1
      ? { unreadable: stripWhat(errors[0]) }
      : {}),
    endpointIps,
  };
}

/** "cannot read <what>: <error>" -> "<error>": the same error everywhere means nothing could be read. */
const stripWhat = (error: string) => error.replace(/^cannot read .*?: /, "");

/** Differences listed; past them, a count of the rest by kind. */
export const LISTED_DIFFERENCES = 40;

/** The differences, one block each, sorted by account, region and kind; past a screenful, counts. */
export function formatDifferences(differences: readonly Difference[]): string {
  if (differences.length === 0) return "no differences from the configuration";
  const sorted = [...differences].sort((a, b) =>
    `${a.account} ${a.region} ${a.kind} ${a.resource}`.localeCompare(
      `${b.account} ${b.region} ${b.kind} ${b.resource}`,
    ),
  );
  const listed = sorted.slice(0, LISTED_DIFFERENCES);
  const rest = sorted.slice(LISTED_DIFFERENCES);
  const byKind = new Map<string, number>();
  for (const d of rest) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  return [
    `${differences.length} difference(s) from the configuration:`,
    ...listed.map(
      (d) =>
        `  ${d.kind.padEnd(11)} ${d.account} ${d.region} ${d.resource}: ${d.problem}\n              fix: ${d.fix}`,
    ),
    ...(rest.length > 0
      ? [
          `  ... and ${rest.length} more (${[...byKind].map(([kind, n]) => `${n} ${kind}`).join(", ")}; --json lists every one)`,
        ]
      : []),
  ].join("\n");
}
