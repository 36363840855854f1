/**
 * `verify --probe`: every shared name of a hub region resolved through a real DNS server (one the test
 * starts on 127.0.0.1), each answer judged against the hub endpoint's addresses, with its latency.
 */
import { loadConfig } from "../../../src/config/load-config";
import { topologyOf } from "../../../src/topology/topology";
import { formatProbe, probe, probeTargets, systemResolver } from "../../../src/verify/live/probe";
import { startLoopbackDns, type LoopbackDns } from "../../support/loopback-dns";
import { PROCESS_TEST_TIMEOUT_MS, REPO } from "../../support/run-command";

jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);

const PARIS = "eu-west-3";
const hub = topologyOf(loadConfig(`${REPO}/config/example.json`)).hubRegion(PARIS)!;
/** The hub endpoints' addresses, by service, as the CLI reads them from the hub account. */
const endpointIps = new Map(
  hub.services.map((s, i) => [s.name, [`10.10.1.${100 + i}`, `10.10.2.${100 + i}`]]),
);
const targets = probeTargets(hub, endpointIps);
const answersOf = (edit: (answers: Map<string, string[]>) => void = () => {}) => {
  const answers = new Map(targets.map((t) => [t.name, [...t.expected]]));
  edit(answers);
  return answers;
};

let dns: LoopbackDns | undefined;
afterEach(async () => {
  await dns?.close();
  dns = undefined;
});

describe("probe", () => {
  it("GIVEN a region's names WHEN listed THEN a wildcard name is queried as a host under it and as its apex", () => {
    expect(targets.filter((t) => t.service === "ecr.dkr").map((t) => t.name)).toEqual([
      "123456789012.dkr.ecr.eu-west-3.amazonaws.com",
      "dkr.ecr.eu-west-3.amazonaws.com",
    ]);
    expect(targets.find((t) => t.name === "ec2.eu-west-3.amazonaws.com")?.expected).toEqual(
      endpointIps.get("ec2"),
    );
  });

  it("GIVEN a resolver that answers every name with its hub endpoint's addresses WHEN probed THEN every name is ok, with its latency", async () => {
    dns = await startLoopbackDns(answersOf());
    const results = await probe(targets, systemResolver(dns.server));
    expect(results.map((r) => [r.name, r.problem])).toEqual(targets.map((t) => [t.name, null]));
    expect(results.every((r) => r.ms > 0 && r.addresses.length === 2)).toBe(true);
    expect(formatProbe(PARIS, results)).toMatch(
      new RegExp(
        `^ok: ${targets.length} name\\(s\\) of eu-west-3 resolve to their hub endpoints \\(slowest [\\d.]+ ms\\)$`,
        "m",
      ),
    );
  });

  it("GIVEN a name answered by public dns, one unknown and one slow WHEN probed THEN each is named with why, and the slow one with its latency", async () => {
    dns = await startLoopbackDns(
      answersOf((answers) => {
        answers.set("sts.eu-west-3.amazonaws.com", ["52.95.120.1"]);
        answers.delete("ssm.eu-west-3.amazonaws.com");
      }),
      new Map([["ec2.eu-west-3.amazonaws.com", 300]]),
    );
    const results = await probe(targets, systemResolver(dns.server));
    const byName = new Map(results.map((r) => [r.name, r]));
    expect(byName.get("sts.eu-west-3.amazonaws.com")?.problem).toBe(
      `52.95.120.1 is not an address of the hub endpoint of sts (${endpointIps.get("sts")?.join(", ")})`,
    );
    expect(byName.get("ssm.eu-west-3.amazonaws.com")?.problem).toBe("no answer (ENOTFOUND)");
    expect(byName.get("ec2.eu-west-3.amazonaws.com")?.problem).toBeNull();
    expect(byName.get("ec2.eu-west-3.amazonaws.com")?.ms).toBeGreaterThanOrEqual(290);
    const text = formatProbe(PARIS, results);
    expect(text).toMatch(
      /^FAIL {2}sts\.eu-west-3\.amazonaws\.com +[\d.]+ ms {2}52\.95\.120\.1 is not an address/m,
    );
    expect(text).toMatch(
      new RegExp(
        `^2 of ${targets.length} name\\(s\\) of eu-west-3 do not resolve to their hub endpoints$`,
        "m",
      ),
    );
  });

  it("GIVEN a hub without an endpoint of a service WHEN probed THEN its names fail: there is nothing to compare with", async () => {
    dns = await startLoopbackDns(answersOf());
    const without = probeTargets(hub, new Map([...endpointIps].filter(([s]) => s !== "ssm")));
    const results = await probe(without, systemResolver(dns.server));
    expect(results.filter((r) => r.problem).map((r) => [r.name, r.problem])).toEqual([
      ["ssm.eu-west-3.amazonaws.com", "the hub has no endpoint of ssm to compare with"],
    ]);
  });
});
