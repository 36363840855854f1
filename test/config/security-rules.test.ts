/**
 * What a hostile or careless configuration could do before these rules (issue 17): take over the DNS of
 * every spoke VPC through a custom service's names, name principals, roles or log destinations that
 * cannot work, or hand the loader bytes and files it mishandled. Each is refused with its path, its
 * value and what would be valid.
 */
import { once } from "events";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { loadConfig } from "../../src/config/load-config";
import { ConfigError } from "../../src/config/config-error";
import { attempt, configErrorOf, expectOnlyIssue, issueAt, issuesOf, Json, load } from "./config-test-kit";

const EU = "hub.regions.eu-west-3";

/** The example with a custom service `name` of these names, shared in eu-west-3 (and more regions). */
function withCustom(name: string, privateDnsNames: string[], regions = ["eu-west-3"]) {
  return (c: Json) => {
    c.customServices = {
      ...c.customServices,
      [name]: { serviceName: `com.example.{region}.${name}`, privateDnsNames },
    };
    for (const region of regions) c.hub.regions[region].services.push(name);
  };
}

describe("customServices names that would take over the DNS of every spoke VPC", () => {
  it.each([
    ["amazonaws.com", "amazonaws.com", 'is "amazonaws.com", under which AWS names'],
    ["{region}.amazonaws.com", "eu-west-3.amazonaws.com", 'the apex of region "eu-west-3"'],
    ["*.{region}.amazonaws.com", "eu-west-3.amazonaws.com", 'the apex of region "eu-west-3"'],
    ["*.{region}.api.aws", "eu-west-3.api.aws", 'the apex of region "eu-west-3" under "api.aws"'],
    ["us-east-1.amazonaws.com", "us-east-1.amazonaws.com", 'the apex of region "us-east-1"'],
    ["{region}.vpce.amazonaws.com", "eu-west-3.vpce.amazonaws.com", 'the apex of region "eu-west-3"'],
    ["amazonaws.com.cn", "amazonaws.com.cn", 'is "amazonaws.com.cn", under which AWS names'],
    ["api.aws", "api.aws", 'is "api.aws"'],
    ["co.uk", "co.uk", 'is a public suffix ("co.uk")'],
    ["*.com.cn", "com.cn", 'is a public suffix ("com.cn")'],
  ])("GIVEN privateDnsNames [%j] THEN refused: the zone %j %s", (name, zone, why) => {
    // GIVEN a custom service whose name makes a zone that holds other names, shared in eu-west-3
    // WHEN loaded THEN one issue at the name, with the zone, the reason and what is expected
    const issue = expectOnlyIssue(
      withCustom("grab", [name]),
      "customServices.grab.privateDnsNames[0]",
      `makes the private hosted zone ${JSON.stringify(zone)} in ${EU}, which`,
      why,
      "sends every name under it from every spoke VPC to the hub",
      'expected the service\'s own name, e.g. "grab.eu-west-3.amazonaws.com"',
    );
    expect(issue.message).not.toMatch(/undefined/);
  });

  it("GIVEN a zone that encloses a catalog service's zone, shared or not THEN refused naming that service", () => {
    // GIVEN "ecr.{region}.amazonaws.com", which holds api.ecr (ecr.api) and dkr.ecr (ecr.dkr)
    expectOnlyIssue(
      withCustom("ecr-all", ["ecr.{region}.amazonaws.com"]),
      "customServices.ecr-all.privateDnsNames[0]",
      'encloses "api.ecr.eu-west-3.amazonaws.com", the zone of the catalog\'s service "ecr.api"',
    );
    // ... and in us-east-1, where neither is shared, the same
    expectOnlyIssue(
      withCustom("ecr-all", ["ecr.{region}.amazonaws.com"], ["us-east-1"]),
      "customServices.ecr-all.privateDnsNames[0]",
      'the zone of the catalog\'s service "ecr.api"',
    );
  });

  it("GIVEN the zone of a catalog service that the region does not share THEN refused: name the custom service as the catalog's to correct it", () => {
    // GIVEN "my-kms" with kms's name in eu-west-3, which does not share kms
    expectOnlyIssue(
      withCustom("my-kms", ["kms.{region}.amazonaws.com"]),
      "customServices.my-kms.privateDnsNames[0]",
      'is the zone of the catalog\'s service "kms"; to correct that service\'s definition, name the custom service "kms"',
    );
  });

  it("GIVEN a zone that encloses another custom service's zone in the same region THEN refused", () => {
    const issues = issuesOf((c) => {
      withCustom("internal", ["internal.corp.example.com"])(c);
      withCustom("api", ["api.internal.corp.example.com"])(c);
    });
    issueAt(
      issues,
      "customServices.internal.privateDnsNames[0]",
      'encloses "api.internal.corp.example.com", the zone of "api", also shared in eu-west-3',
    );
    expect(issues).toHaveLength(1);
  });

  it("GIVEN a takeover in every hub region THEN one issue, for the first region", () => {
    expectOnlyIssue(
      withCustom("grab", ["*.{region}.amazonaws.com"], ["eu-west-3", "us-east-1"]),
      "customServices.grab.privateDnsNames[0]",
      'the apex of region "eu-west-3"',
    );
  });

  it.each([
    ["a service's own AWS name", ["example.{region}.amazonaws.com", "*.example.{region}.amazonaws.com"]],
    ["a partner's registrable domain and its names", ["partner.example.com", "*.api.partner.io"]],
    ["names under a private top-level domain", ["svc.corp.internal"]],
  ])("GIVEN %s THEN accepted", (_, names) => {
    expect(attempt(() => load(withCustom("mine", names)))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN a catalog service corrected with the catalog's own names, one zone enclosing another's THEN accepted", () => {
    // codeartifact.api's zone encloses codeartifact.repositories' (d.codeartifact...): AWS names them so
    const config = load((c) => {
      c.customServices = {
        "codeartifact.api": {
          serviceName: "com.amazonaws.{region}.codeartifact.api",
          privateDnsNames: ["codeartifact.{region}.amazonaws.com"],
        },
      };
      c.hub.regions["eu-west-3"].services.push("codeartifact.api");
    });
    expect(config.hub.regions["eu-west-3"].services).toContain("codeartifact.api");
  });
});

describe("hub.shareWith and the spokes' accounts", () => {
  it("GIVEN only account ids, without a spoke's account THEN refused at each uncovered spoke's accountId", () => {
    // GIVEN shareWith lists one account, neither of the example's spokes
    const issues = issuesOf((c) => (c.hub.shareWith = ["444444444444"]));
    // THEN both spokes are named: RAM never shares the rules with them
    for (const [spoke, account] of [
      ["payments-prod", "222222222222"],
      ["data-platform", "333333333333"],
    ]) {
      issueAt(
        issues,
        `spokes.${spoke}.accountId`,
        `"${account}" is not in hub.shareWith ("444444444444"), which lists only accounts`,
        "its rule associations would fail",
        "add it to hub.shareWith, or share with the organization or an OU that holds it",
      );
    }
    expect(issues).toHaveLength(2);
  });

  it("GIVEN every spoke account listed THEN accepted", () => {
    const config = load((c) => (c.hub.shareWith = ["222222222222", "333333333333"]));
    expect(config.hub.shareWith).toEqual(["222222222222", "333333333333"]);
  });

  it("GIVEN an OU besides the accounts THEN accepted: the OU may hold the other spoke accounts, which the configuration cannot tell", () => {
    expect(attempt(() => load((c) => c.hub.shareWith.push("444444444444")))).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN a spoke in the hub account THEN it needs no share", () => {
    expect(
      attempt(() =>
        load((c) => {
          c.hub.shareWith = ["222222222222", "333333333333"];
          c.spokes.tools = {
            accountId: "111111111111",
            regions: { "eu-west-3": { vpcIds: ["vpc-0123456789abcdef9"] } },
          };
        }),
      ),
    ).not.toBeInstanceOf(ConfigError);
  });

  it("GIVEN the hub account itself THEN refused at its position", () => {
    expectOnlyIssue(
      (c) => c.hub.shareWith.push("111111111111"),
      "hub.shareWith[1]",
      '"111111111111" is the hub account (hub.accountId), which owns the rules',
      "remove it",
    );
  });
});

describe("ARNs in another partition or region", () => {
  it.each([
    ["hub.roleArn", (c: Json, arn: string) => (c.hub.roleArn = arn)],
    ["spokes.payments-prod.roleArn", (c: Json, arn: string) => (c.spokes["payments-prod"].roleArn = arn)],
  ])("GIVEN %s in aws-cn for an aws organization THEN refused with the partition expected", (at, set) => {
    const account = at === "hub.roleArn" ? "111111111111" : "222222222222";
    expectOnlyIssue(
      (c) => set(c, `arn:aws-cn:iam::${account}:role/deployer`),
      at,
      `"arn:aws-cn:iam::${account}:role/deployer" is a role in partition "aws-cn", but organization.arn is in "aws"`,
      'expected an ARN starting "arn:aws:"',
    );
  });

  const LOG = `${EU}.queryLogDestinationArn`;
  const setLog = (arn: string) => (c: Json) => (c.hub.regions["eu-west-3"].queryLogDestinationArn = arn);

  it("GIVEN a log destination in another partition THEN refused", () => {
    expectOnlyIssue(
      setLog("arn:aws-us-gov:logs:eu-west-3:111111111111:log-group:/q"),
      LOG,
      'is a query log destination in partition "aws-us-gov", but organization.arn is in "aws"',
    );
  });

  it.each([
    ["a log group", "arn:aws:logs:us-east-1:111111111111:log-group:/q", 'in region "us-east-1"'],
    [
      "a Firehose stream",
      "arn:aws:firehose:us-east-1:111111111111:deliverystream/q",
      'in region "us-east-1"',
    ],
    ["a log group without a region", "arn:aws:logs::111111111111:log-group:/q", "without a region"],
  ])("GIVEN %s outside the hub region THEN refused with the ARN expected", (_, arn, where) => {
    const service = arn.split(":")[2];
    expectOnlyIssue(
      setLog(arn),
      LOG,
      where,
      "Route 53 Resolver logs the queries of eu-west-3 only to a CloudWatch Logs group or Firehose stream of that region",
      `expected "arn:aws:${service}:eu-west-3:..."`,
    );
  });

  it.each([
    "arn:aws:logs:eu-west-3:111111111111:log-group:/vpce-share/queries",
    "arn:aws:firehose:eu-west-3:111111111111:deliverystream/queries",
    "arn:aws:s3:::vpce-share-query-logs", // an S3 bucket ARN carries no region
  ])("GIVEN %j THEN accepted", (arn) => {
    expect(attempt(() => load(setLog(arn)))).not.toBeInstanceOf(ConfigError);
  });
});

describe("Terraform Cloud workspace names over 90 characters", () => {
  it("GIVEN a prefix that makes every workspace name too long THEN one issue at the prefix, with the room left", () => {
    // GIVEN an 80-character prefix: hub-eu-west-3 (13) makes 93 characters, spoke-data-platform (19) 99
    expectOnlyIssue(
      (c) => (c.terraformCloud = { organization: "acme", workspacePrefix: "p".repeat(80) }),
      "terraformCloud.workspacePrefix",
      "makes workspace names of up to 99 characters",
      "Terraform Cloud allows 90: expected a prefix of at most 71 characters",
    );
  });

  it("GIVEN one spoke whose name makes its workspace too long THEN refused at that spoke", () => {
    // GIVEN "vpce-" (5) + "spoke-" (6) + a 63-character spoke name + a 20-character prefix addition
    const name = "a".repeat(63);
    const workspace = `${"v".repeat(25)}spoke-${name}`;
    expectOnlyIssue(
      (c) => {
        c.terraformCloud = { organization: "acme", workspacePrefix: "v".repeat(25) };
        c.spokes[name] = {
          accountId: "444444444444",
          regions: { "eu-west-3": { vpcIds: ["vpc-0123456789abcdef9"] } },
        };
      },
      `spokes.${name}`,
      `makes the Terraform Cloud workspace name "${workspace}", 94 characters; Terraform Cloud allows 90`,
      "expected a name 4 characters shorter, or a shorter terraformCloud.workspacePrefix",
    );
  });

  it("GIVEN workspace names of exactly 90 characters THEN accepted", () => {
    // hub-eu-west-3, hub-us-east-1: 13; spoke-payments-prod: 19; spoke-data-platform: 19
    expect(
      attempt(() =>
        load((c) => (c.terraformCloud = { organization: "acme", workspacePrefix: "p".repeat(71) })),
      ),
    ).not.toBeInstanceOf(ConfigError);
  });
});

describe("inbound resolver IPs that AWS reserves in every subnet", () => {
  // The configuration has no subnet CIDRs; a subnet is /16 to /28. An address whose low 16 bits are
  // 0-3 or all ones is reserved (first four, last) in every such subnet; x.y.z.0 or x.y.z.255 is only
  // in some (a /24 or smaller subnet), so it cannot be refused without the subnet.
  it.each(["10.10.0.0", "10.10.0.1", "10.10.0.3", "10.10.255.255"])(
    "GIVEN %s THEN refused: reserved whatever its subnet",
    (ip) => {
      expectOnlyIssue(
        (c) => (c.hub.regions["eu-west-3"].inboundResolverIps[0] = ip),
        `${EU}.inboundResolverIps[0]`,
        `"${ip}" is reserved by AWS in every subnet that can hold it`,
        "a subnet is /16 to /28",
        "expected another address of the subnet",
      );
    },
  );

  it.each(["10.10.0.4", "10.10.1.0", "10.10.1.255", "10.10.255.254"])(
    "GIVEN %s THEN accepted: reserved only in some subnets",
    (ip) => {
      expect(
        attempt(() => load((c) => (c.hub.regions["eu-west-3"].inboundResolverIps[0] = ip))),
      ).not.toBeInstanceOf(ConfigError);
    },
  );
});

describe("tags with characters AWS refuses", () => {
  it.each([
    ["a key with !", "cost!", "x", 'tags["cost!"]', '"!"'],
    ["a key with a comma", "a,b", "x", 'tags["a,b"]', '","'],
    ["a value with #", "owner", "team#1", "tags.owner", '"#"'],
    ["a value with a Terraform template", "owner", "${var.x}", "tags.owner", '"$", "{", "}"'],
    ["a value with a newline", "owner", "a\nb", "tags.owner", '"\\n"'],
    ["a value with an emoji", "owner", "team 🚀", "tags.owner", '"🚀"'],
  ])("GIVEN %s THEN refused with the characters", (_, key, value, at, shown) => {
    expectOnlyIssue(
      (c) => {
        if (key !== "owner") delete c.tags.owner;
        c.tags[key] = value;
      },
      at,
      `contains ${shown}, which AWS does not allow in a tag ${key === "owner" ? "value" : "key"}`,
      "expected letters, numbers, spaces and _ . : / = + - @",
    );
  });

  it("GIVEN letters of any script, numbers, spaces and _ . : / = + - @ THEN accepted", () => {
    const tags = { "équipe réseau": "données_2024", "team/app:env=prod+x-y@z": "Ünïcode 名前 ٣" };
    expect(load((c) => (c.tags = tags)).tags).toEqual(tags);
  });
});

describe("the configuration file's bytes and kind", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-config-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["a Latin-1 byte in a tag value", "é", Buffer.from([0xe9]), "0xe9"],
    ["a truncated 3-byte sequence", "€", Buffer.from([0xe2, 0x82]), "0xe2 0x82"],
    ["an overlong encoding", "/", Buffer.from([0xc0, 0xaf]), "0xc0 0xaf"],
  ])(
    "GIVEN %s THEN refused at (file) with its byte offset and line, not read as U+FFFD",
    (name, replaced, bytes, shown) => {
      // GIVEN the example with tags.owner "r<bad bytes>seau" (one more line: "tags": {...} on line 2)
      const text = JSON.stringify({ tags: { owner: `r${replaced}seau` } }, null, 2);
      const [before, after] = text.split(replaced);
      const file = path.join(dir, `${name}.json`);
      fs.writeFileSync(file, Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]));
      // WHEN loaded THEN one issue, at the first invalid byte
      const offset = Buffer.byteLength(before);
      const column = before.length - before.lastIndexOf("\n");
      expect(configErrorOf(() => loadConfig(file)).issues).toEqual([
        {
          path: "(file)",
          message: `invalid UTF-8 at byte offset ${offset} (line 3, column ${column}): bytes ${shown}; save the file as UTF-8 (JSON files must be UTF-8)`,
        },
      ]);
    },
  );

  it("GIVEN a U+FFFD written as UTF-8 THEN it is a character like any other (refused as a tag character, not as bytes)", () => {
    const file = path.join(dir, "replacement-character.json");
    fs.writeFileSync(file, JSON.stringify({ tags: { owner: "r\ufffdseau" } }), "utf8");
    expect(configErrorOf(() => loadConfig(file)).issues.map((i) => i.path)).not.toContain("(file)");
  });

  // A named pipe (which a read would wait on forever) is tested through the command, in a process that
  // is killed if it hangs: test/hostile-input/hostile-synth-command.test.ts.
  it("GIVEN a Unix socket THEN refused without opening it", async () => {
    const socket = path.join(dir, "config.sock");
    const server = net.createServer().listen(socket);
    await once(server, "listening");
    try {
      expect(configErrorOf(() => loadConfig(socket)).issues).toEqual([
        {
          path: "(file)",
          message: expect.stringMatching(
            /"[^"]*config\.sock" is a socket, not a regular file, so it was not opened/,
          ),
        },
      ]);
    } finally {
      server.close();
    }
  });
});
