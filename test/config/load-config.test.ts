import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configPathFromEnv, loadConfig, parseConfig } from "../../src/config/load-config";
import { ConfigError } from "../../src/config/config-error";
import {
  attempt,
  configErrorOf,
  EXAMPLE_PATH,
  example,
  issueAt,
  issuesOf,
  Json,
  load,
  TERRAFORM_CLOUD_EXAMPLE_PATH,
} from "./config-test-kit";

describe("the example files", () => {
  it("config/example.json loads, with local state (no terraformCloud)", () => {
    const config = loadConfig(EXAMPLE_PATH);
    expect(Object.keys(config.hub.regions)).toEqual(["eu-west-3", "us-east-1"]);
    expect(Object.keys(config.spokes)).toEqual(["payments-prod", "data-platform"]);
    expect(config.terraformCloud).toBeUndefined();
  });

  it("config/example-terraform-cloud.json is the same configuration plus terraformCloud", () => {
    const config = loadConfig(TERRAFORM_CLOUD_EXAMPLE_PATH);
    expect(config.terraformCloud).toEqual({
      organization: "acme",
      workspacePrefix: "vpce-",
      hostname: "app.terraform.io",
    });
    expect({ ...config, terraformCloud: undefined }).toEqual(loadConfig(EXAMPLE_PATH));
  });

  it("both point editors at ./schema.json", () => {
    for (const file of [EXAMPLE_PATH, TERRAFORM_CLOUD_EXAMPLE_PATH]) {
      expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")))[0]).toBe("$schema");
      expect(JSON.parse(fs.readFileSync(file, "utf8")).$schema).toBe("./schema.json");
    }
  });
});

describe("normalization", () => {
  it("takes the organization id and partition from the ARN", () => {
    expect(load().organization).toEqual({
      arn: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
      id: "o-a1b2c3d4e5",
      partition: "aws",
      cidrs: ["10.0.0.0/8"],
    });
  });

  it("reads the aws-us-gov partition from the ARN", () => {
    const config = load((c) => {
      c.organization.arn = "arn:aws-us-gov:organizations::111111111111:organization/o-a1b2c3d4e5";
      delete c.hub.shareWith; // (the example's OU is in the aws partition)
      c.hub.regions = { "us-gov-west-1": c.hub.regions["us-east-1"] };
      c.spokes = {};
    });
    expect(config.organization.partition).toBe("aws-us-gov");
  });

  it("GIVEN the optional keys absent THEN the defaults are filled in", () => {
    const config = load((c) => {
      delete c.$schema;
      delete c.hub.shareWith;
      delete c.spokes;
      delete c.tags;
      delete c.hub.regions["eu-west-3"].inboundResolverIps;
    });
    expect(config.hub.shareWith).toEqual([config.organization.arn]);
    expect(config.spokes).toEqual({});
    expect(config.tags).toEqual({});
    expect(config.customServices).toEqual({});
    expect(config.terraformCloud).toBeUndefined();
    expect(config.hub.roleArn).toBeUndefined();
    expect(config.hub.regions["eu-west-3"].inboundResolverIps).toBeUndefined();
  });

  it("fills terraformCloud.workspacePrefix and hostname", () => {
    expect(load((c) => (c.terraformCloud = { organization: "acme" })).terraformCloud).toEqual({
      organization: "acme",
      workspacePrefix: "",
      hostname: "app.terraform.io",
    });
  });

  it("fills customServices.<name>.endpointPolicy with true and keeps an explicit false", () => {
    const config = load((c) => {
      c.customServices = {
        a: { serviceName: "com.amazonaws.{region}.a", privateDnsNames: ["a.{region}.example.com"] },
        b: {
          serviceName: "com.amazonaws.{region}.b",
          privateDnsNames: ["b.{region}.example.com"],
          endpointPolicy: false,
        },
      };
    });
    expect(config.customServices.a.endpointPolicy).toBe(true);
    expect(config.customServices.b.endpointPolicy).toBe(false);
  });

  it("drops $schema from the result", () => {
    expect(load()).not.toHaveProperty("$schema");
  });

  it("keeps roleArn when given", () => {
    const role = "arn:aws:iam::111111111111:role/path/to/deployer";
    expect(load((c) => (c.hub.roleArn = role)).hub.roleArn).toBe(role);
  });
});

describe("configPathFromEnv", () => {
  it("defaults to config/example.json in the working directory", () => {
    expect(configPathFromEnv({})).toBe(path.resolve("config/example.json"));
    expect(configPathFromEnv({ VPCE_CONFIG: "" })).toBe(path.resolve("config/example.json"));
  });

  it("resolves VPCE_CONFIG against the working directory", () => {
    expect(configPathFromEnv({ VPCE_CONFIG: "config/acme.json" })).toBe(path.resolve("config/acme.json"));
    expect(configPathFromEnv({ VPCE_CONFIG: "/etc/vpce.json" })).toBe("/etc/vpce.json");
  });

  it("resolves a relative VPCE_CONFIG from INIT_CWD, where the user ran npm, and keeps the default in the project", () => {
    // GIVEN npm run in /home/me/configs (npm itself runs the script in the package root)
    const env = { INIT_CWD: "/home/me/configs" };
    // THEN VPCE_CONFIG is read from there, and the default example from the project
    expect(configPathFromEnv({ ...env, VPCE_CONFIG: "acme.json" })).toBe("/home/me/configs/acme.json");
    expect(configPathFromEnv({ ...env, VPCE_CONFIG: "/etc/vpce.json" })).toBe("/etc/vpce.json");
    expect(configPathFromEnv(env)).toBe(path.resolve("config/example.json"));
  });
});

describe("reading the file", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-config-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("loads a file written elsewhere", () => {
    const file = path.join(dir, "ok.json");
    fs.writeFileSync(file, JSON.stringify(example()));
    expect(loadConfig(file).hub.accountId).toBe("111111111111");
  });

  it("accepts a UTF-8 byte-order mark", () => {
    const file = path.join(dir, "bom.json");
    fs.writeFileSync(file, `\uFEFF${JSON.stringify(example())}`);
    expect(loadConfig(file).hub.accountId).toBe("111111111111");
  });

  it("GIVEN a missing file THEN the message names the path and says how to point VPCE_CONFIG elsewhere", () => {
    const file = path.join(dir, "missing.json");
    const error = configErrorOf(() => loadConfig(file));
    expect(error.source).toBe(file);
    expect(error.issues).toHaveLength(1);
    issueAt(error.issues, "(file)", "no such file", JSON.stringify(file), "VPCE_CONFIG=");
    expect(error.format()).toMatch(new RegExp(`^invalid configuration ${file}: 1 problem\n`));
  });

  it("GIVEN a directory THEN it says so", () => {
    issueAt(configErrorOf(() => loadConfig(dir)).issues, "(file)", "is a directory", "VPCE_CONFIG");
  });
});

describe("JSON syntax", () => {
  const syntaxIssue = (text: string) => {
    const error = configErrorOf(() => parseConfig(text, "x.json"));
    expect(error.issues).toHaveLength(1); // the first syntax error only: later ones mostly follow from it
    return error.issues[0];
  };

  it("GIVEN a missing comma THEN the line and column of the error", () => {
    const issue = syntaxIssue('{\n  "hub": {}\n  "spokes": {}\n}');
    expect(issue.path).toBe("(file)");
    expect(issue.message).toBe("invalid JSON at line 3, column 3: comma expected");
  });

  it("GIVEN a trailing comma THEN it points at the closing bracket and explains", () => {
    expect(syntaxIssue('{\n  "tags": { "a": "b", }\n}').message).toBe(
      "invalid JSON at line 2, column 23: property name expected (JSON allows no comma before a closing bracket)",
    );
    expect(syntaxIssue('{ "a": [1, 2,] }').message).toContain("no comma before a closing bracket");
  });

  it("GIVEN a comment THEN it says JSON has none", () => {
    expect(syntaxIssue('{\n  // the hub\n  "hub": {}\n}').message).toBe(
      "invalid JSON at line 2, column 3: invalid comment token (JSON allows no comments)",
    );
  });

  it("GIVEN an unterminated document THEN an error at its end", () => {
    expect(syntaxIssue('{ "hub": {').message).toMatch(/^invalid JSON at line 1, column \d+: /);
  });

  it("GIVEN an empty file THEN it says the file is empty", () => {
    expect(syntaxIssue(" \n").message).toBe("the file is empty; expected a JSON object");
  });

  it("GIVEN a top level that is not an object THEN one issue at (root)", () => {
    for (const [text, what] of [
      ["[]", "[] is an array"],
      ['"x"', '"x" is a string'],
      ["null", "null is not allowed"],
    ]) {
      const error = configErrorOf(() => parseConfig(text, "x.json"));
      expect(error.issues).toEqual([{ path: "(root)", message: `${what}; expected an object` }]);
    }
  });

  it("GIVEN a key twice in one object THEN an issue at that key with both positions", () => {
    const text = JSON.stringify(example(), null, 2).replace(
      '"accountId": "111111111111",',
      '"accountId": "111111111111",\n    "accountId": "111111111111",',
    );
    const issues = configErrorOf(() => parseConfig(text, "x.json")).issues;
    expect(issues).toHaveLength(1);
    issueAt(issues, "hub.accountId", '"accountId" appears twice', "line 10, column 5", "line 11, column 5");
  });

  it("GIVEN a __proto__ key THEN it is an unknown key, not a prototype", () => {
    const text = JSON.stringify(example()).replace('"tags":', '"__proto__": { "polluted": true }, "tags":');
    issueAt(configErrorOf(() => parseConfig(text, "x.json")).issues, "__proto__", 'unknown key "__proto__"');
    expect(({} as Json).polluted).toBeUndefined();
  });
});

describe("reporting", () => {
  it("reports every problem at once, schema and cross-value rules alike, in file order", () => {
    const issues = issuesOf((c) => {
      c.organization.cidrs = ["10.1.0.0/8"];
      c.hub.accountId = "1";
      c.hub.regions["eu-west-3"].subnetIds[1] = "subnet-xyz";
      c.hub.regions["eu-west-3"].services.push("ec2");
      c.hub.regions["us-east-1"].services.push("ec3");
      c.spokes["payments-prod"].regions["eu-west-1"] = { vpcIds: ["vpc-0123456789abcdef1"] };
      c.tags.owner = 7;
    });
    expect(issues.map((i) => i.path)).toEqual([
      "organization.cidrs[0]",
      "hub.accountId",
      "hub.regions.eu-west-3.subnetIds[1]",
      "hub.regions.eu-west-3.services[5]",
      "hub.regions.us-east-1.services[9]",
      "spokes.payments-prod.regions.eu-west-1",
      "tags.owner",
    ]);
  });

  it("the report names the source and counts the problems", () => {
    const error = configErrorOf(() => parseConfig(JSON.stringify({ hub: 1 }), "config/acme.json"));
    expect(error.format().split("\n")).toEqual([
      "invalid configuration config/acme.json: 2 problems",
      expect.stringMatching(/^ {2}organization: is missing; expected an object/),
      "  hub: 1 is a number; expected an object",
    ]);
  });
});

describe("robustness: any value in any place gives a ConfigError, never a crash", () => {
  // Every path in the example (plus optional sections), each replaced by values of every JSON type.
  const base = example();
  base.hub.roleArn = "arn:aws:iam::111111111111:role/deployer";
  base.terraformCloud = { organization: "acme", workspacePrefix: "vpce-", hostname: "app.terraform.io" };
  base.customServices = {
    mine: {
      serviceName: "com.amazonaws.{region}.mine",
      privateDnsNames: ["mine.{region}.example.com"],
      endpointPolicy: true,
    },
  };
  base.hub.regions["eu-west-3"].services.push("mine");

  const paths: (string | number)[][] = [];
  const walk = (value: Json, at: (string | number)[]) => {
    paths.push(at);
    if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value))
        walk(child, [...at, Array.isArray(value) ? Number(key) : key]);
    }
  };
  walk(base, []);

  const replacements: Json[] = [null, 42, "x", true, [], {}, ["x"], { x: 1 }, undefined];

  it.each(paths.filter((p) => p.length > 0).map((p) => [p.join(".")]))("at %s", (joined) => {
    const at = paths.find((p) => p.join(".") === joined)!;
    for (const replacement of replacements) {
      const config = JSON.parse(JSON.stringify(base));
      const parent = at.slice(0, -1).reduce((node: Json, key) => node[key], config);
      if (replacement === undefined) {
        if (Array.isArray(parent)) parent.splice(at[at.length - 1] as number, 1);
        else delete parent[at[at.length - 1]];
      } else {
        parent[at[at.length - 1]] = replacement;
      }
      const result = attempt(() => parseConfig(JSON.stringify(config), "x.json"));
      if (result instanceof ConfigError) {
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.path).not.toBe("");
          expect(issue.message).not.toBe("");
          expect(issue.message).not.toContain("undefined");
        }
      }
    }
  });
});
