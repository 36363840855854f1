/**
 * `npm run verify`: what the configuration shares must resolve, from every spoke VPC, to its hub endpoint.
 *
 * The rows come from the configuration (its topology): one per spoke, region, VPC, service and private
 * DNS name the configuration shares, so a row that the delivered stacks lose fails and names its spoke.
 * The output folder must be what the configuration synthesizes now (output-folder.ts); each row is then
 * resolved the way Route 53 would (route53.ts) on what the stacks deliver (view.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { VpceShareConfig } from "../config/config-types";
import { synthesize } from "../stacks/synthesize";
import { SpokeRegionTopology, SpokeTopology, topologyOf, Topology } from "../topology/topology";
import { compareOutputFolders, Delivery } from "./output-folder";
import { readManifest } from "./read-stacks";
import { Failure, HubView, namesToResolve, resolveName, SpokeVpcView } from "./route53";
import { hubViews, spokeMechanism, spokeVpcViews, stackReadings } from "./view";

/** One private DNS name of one service, from one spoke VPC: `failure` null when it resolves. */
export interface Row {
  /** The spoke's stack, `spoke-<name>`. */
  readonly stack: string;
  readonly region: string;
  readonly vpc: string;
  readonly service: string;
  /** The private DNS name (`*.dkr.ecr.eu-west-3.amazonaws.com`); a wildcard is queried as a host and apex. */
  readonly name: string;
  /**
   * The mechanism that answered (`resolver-rules`, `profile (zones)`, `profile (endpoints)`,
   * `zone-association`), or that the broken hop belongs to; when nothing was associated to answer, the
   * one the region uses.
   */
  readonly mechanism: string;
  readonly failure: Failure | null;
}

export interface VerifyReport {
  readonly rows: readonly Row[];
  /** Every distinct failure: the output folder's, then the rows'. */
  readonly failures: readonly Failure[];
  /** Names queried: a row's names (host and apex for a wildcard), each from its VPC. */
  readonly resolutions: number;
}

export interface VerifyOptions {
  /** The configuration file as messages name it. @default "the configuration" */
  readonly source?: string;
  /** Where the default state folder is (as for synthesize). @default - the working directory */
  readonly projectDir?: string;
  /** Where VPCE_STATE_DIR is read. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Verifies the output folder `dir` against `config`: synthesizes the configuration afresh into a
 * temporary folder (as if into `dir`, and without touching the state folder), compares, and resolves
 * every row. Throws a ReadStacksError when `dir` holds no synthesis.
 */
export function verifyOutputFolder(
  config: VpceShareConfig,
  dir: string,
  options: VerifyOptions = {},
): VerifyReport {
  readManifest(dir);
  const topology = topologyOf(config);
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-verify-"));
  try {
    const fresh = synthesize(config, path.join(temporary, "out"), {
      projectDir: options.projectDir,
      env: options.env,
      placedAt: dir,
    }).outdir;
    const source = options.source ?? "the configuration";
    return verifyTopology(topology, compareOutputFolders(dir, fresh, source, stackReadings(topology)));
  } finally {
    fs.rmSync(temporary, { recursive: true, force: true });
  }
}

/** Resolves every row of the topology on what `delivery` says the stacks deliver (by default: as configured). */
export function verifyTopology(
  topology: Topology,
  delivery: Delivery = { stacks: new Map(), failures: [] },
): VerifyReport {
  return verifyViews(
    topology,
    hubViews(topology, delivery),
    (spoke, region, hub) => spokeVpcViews(spoke, region, hub, delivery.stacks.get(spoke.stackName)),
    delivery.failures,
  );
}

/**
 * Resolves every row of the topology on views of the hubs (by region) and of each spoke region's VPCs
 * (in the order of its `vpcIds`), whoever built them: from the stacks (view.ts) or from what is deployed
 * (live/). `known` failures come first in the report.
 */
export function verifyViews(
  topology: Topology,
  hubs: ReadonlyMap<string, HubView | Failure>,
  spokeViews: (
    spoke: SpokeTopology,
    region: SpokeRegionTopology,
    hub: HubView,
  ) => readonly SpokeVpcView[] | Failure,
  known: readonly Failure[] = [],
): VerifyReport {
  const reachable = [...hubs.values()].filter((h): h is HubView => !isFailure(h));
  const failures = new Map<string, Failure>(known.map((f) => [key(f), f]));
  const distinct = (failure: Failure | null): Failure | null => {
    if (!failure) return null;
    const known = failures.get(key(failure));
    if (known) return known;
    failures.set(key(failure), failure);
    return failure;
  };
  const rows: Row[] = [];
  let resolutions = 0;
  const resolveRow = (view: SpokeVpcView, service: string, name: string) => {
    let failure: Failure | null = null;
    let mechanism: string | undefined;
    for (const query of namesToResolve(name)) {
      resolutions += 1;
      if (failure) continue;
      const resolution = resolveName(reachable, view, service, query);
      failure = resolution.failure;
      mechanism = failure || mechanism === undefined ? resolution.mechanism : mechanism;
    }
    return { failure, mechanism };
  };
  for (const spoke of topology.spokes) {
    for (const region of spoke.regions) {
      // Every spoke region is a hub region (the configuration refuses others).
      const hub = hubs.get(region.region) as HubView | Failure;
      const views = isFailure(hub) ? hub : spokeViews(spoke, region, hub);
      const configured = spokeMechanism(region);
      region.vpcIds.forEach((vpc, i) => {
        for (const service of region.services) {
          for (const name of service.privateDnsNames) {
            const { failure, mechanism } = isFailure(views)
              ? { failure: views, mechanism: undefined }
              : resolveRow(views[i], service.name, name);
            rows.push({
              stack: spoke.stackName,
              region: region.region,
              vpc,
              service: service.name,
              name,
              mechanism: mechanism ?? configured,
              failure: distinct(failure),
            });
          }
        }
      });
    }
  }
  return { rows, failures: [...failures.values()], resolutions };
}

const isFailure = (value: object): value is Failure => "hop" in value;
const key = (f: Failure) => `${f.hop}\u0000${f.stack}\u0000${f.reason}`;
