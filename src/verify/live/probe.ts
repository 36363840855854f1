/**
 * `npm run verify -- --probe --region <region>`, for a machine inside a spoke VPC: resolves every name a
 * hub region shares with the machine's own resolver (the system's, or `--dns-server`) and checks that
 * each answer is an address of the hub endpoint that should serve it, with each name's latency.
 *
 * The addresses to expect are the private IPs of the hub endpoints' network interfaces, read live from
 * the hub account (EC2 DescribeVpcEndpoints and DescribeNetworkInterfaces, through hub.roleArn when
 * configured): what the hub's alias records answer right now, not what a configuration says.
 */
import { Resolver } from "dns/promises";
import { performance } from "perf_hooks";
import type { HubRegionTopology } from "../../topology/topology";
import { namesToResolve } from "../route53";

/** One name: what it answered and how long it took. */
export interface ProbeResult {
  readonly service: string;
  /** The name queried (a host under a wildcard name, or the name). */
  readonly name: string;
  readonly addresses: readonly string[];
  readonly ms: number;
  /** Null when every address is one of the hub endpoint's. */
  readonly problem: string | null;
}

/** A resolver's answer for one name (node's dns Resolver, or a stand-in). */
export type ResolveA = (name: string) => Promise<string[]>;

/** The names of a hub region's services, each with the hub endpoint addresses that must answer it. */
export function probeTargets(
  hub: HubRegionTopology,
  endpointIps: ReadonlyMap<string, readonly string[]>,
): { service: string; name: string; expected: readonly string[] }[] {
  return hub.services.flatMap((s) =>
    s.privateDnsNames.flatMap((n) =>
      namesToResolve(n).map((name) => ({ service: s.name, name, expected: endpointIps.get(s.name) ?? [] })),
    ),
  );
}

/** A resolver on the system's servers, or on `server` (`127.0.0.1`, `127.0.0.1:5353`, `[::1]:53`). */
export function systemResolver(server?: string, timeoutMs = 3000): ResolveA {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (server) resolver.setServers([server]);
  return (name) => resolver.resolve4(name);
}

/** Resolves every target, a few at a time, and judges each answer. */
export async function probe(
  targets: readonly { service: string; name: string; expected: readonly string[] }[],
  resolveA: ResolveA,
  concurrency = 8,
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const { service, name, expected } = targets[i];
      const start = performance.now();
      let addresses: string[] = [];
      let problem: string | null = null;
      try {
        addresses = await resolveA(name);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        problem = `no answer (${code})`;
      }
      const ms = performance.now() - start;
      if (!problem) {
        const foreign = addresses.filter((a) => !expected.includes(a));
        if (expected.length === 0) problem = `the hub has no endpoint of ${service} to compare with`;
        else if (addresses.length === 0) problem = "no address";
        else if (foreign.length > 0) {
          problem = `${foreign.join(", ")} ${foreign.length === 1 ? "is not an address" : "are not addresses"} of the hub endpoint of ${service} (${expected.join(", ")})`;
        }
      }
      results[i] = { service, name, addresses, ms, problem };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return results;
}

/** One line per name, then a summary. */
export function formatProbe(region: string, results: readonly ProbeResult[]): string {
  const width = Math.max(4, ...results.map((r) => r.name.length));
  const lines = results.map(
    (r) =>
      `${r.problem ? "FAIL" : "ok  "}  ${r.name.padEnd(width)}  ${r.ms.toFixed(1).padStart(7)} ms  ${r.problem ?? r.addresses.join(", ")}`,
  );
  const failed = results.filter((r) => r.problem).length;
  const slowest = results.reduce((max, r) => Math.max(max, r.ms), 0);
  return [
    ...lines,
    "",
    failed === 0
      ? `ok: ${results.length} name(s) of ${region} resolve to their hub endpoints (slowest ${slowest.toFixed(1)} ms)`
      : `${failed} of ${results.length} name(s) of ${region} do not resolve to their hub endpoints`,
  ].join("\n");
}
