import * as fs from "fs";
import * as path from "path";
import { buildCatalog, readSnapshots, SNAPSHOT_DIR } from "../../scripts/import-endpoint-services";
import { DOCUMENTED_NAME_CHANGES } from "../../src/catalog/documented-services";
import {
  CATALOG,
  CATALOG_PATH,
  CatalogFile,
  resolveService,
  ServiceCatalogError,
  serviceNameTemplateToShortName,
} from "../../src/catalog/service-catalog";

const catalogFile = JSON.parse(fs.readFileSync(CATALOG_PATH, "utf8")) as CatalogFile;
/** Every snapshot the catalog was built from, as the import script reads them back. */
const snapshots = readSnapshots(catalogFile, SNAPSHOT_DIR);

function catalogError(fn: () => unknown): ServiceCatalogError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceCatalogError) return error;
    throw error;
  }
  throw new Error("expected a ServiceCatalogError");
}

/** The names documented facts add to or retire from a service (CATALOG-2026.md). */
function documentedNames(service: string, kind: "add" | "retire"): string[] {
  return (DOCUMENTED_NAME_CHANGES[service] ?? []).flatMap((c) => c[kind] ?? []);
}

describe("service catalog against the describe-vpc-endpoint-services snapshots", () => {
  it("is exactly what the import script builds from the snapshots (services.json is not stale)", () => {
    // GIVEN the committed catalog WHEN rebuilt from the snapshots and documented facts THEN nothing differs
    expect(catalogFile).toEqual(buildCatalog(snapshots));
  });

  it("was built from every snapshot in the snapshot folder", () => {
    const files = fs.readdirSync(SNAPSHOT_DIR).filter((f) => f.endsWith(".json"));
    expect(files.map((f) => path.basename(f, ".json")).sort()).toEqual(
      Object.keys(catalogFile.snapshots).sort(),
    );
  });

  for (const region of Object.keys(snapshots)) {
    it(`resolves every ${region} service to the snapshot's service name and private DNS names, but for documented changes`, () => {
      const checked: string[] = [];
      for (const detail of snapshots[region].details) {
        // GIVEN a service AWS lists in the region
        const short = serviceNameTemplateToShortName(
          detail.ServiceName.split(`.${region}.`).join(".{region}."),
        );
        const names = (detail.PrivateDnsNames ?? []).map((n) => n.PrivateDnsName).sort();
        if (!detail.ServiceName.includes(region)) {
          // THEN a global service is refused with a reason
          expect(catalogError(() => resolveService(short, region)).kind).toBe("global");
        } else if (names.length === 0) {
          expect(catalogError(() => resolveService(short, region)).kind).toBe("no-private-dns");
        } else {
          // WHEN resolved for that region THEN names and policy support match AWS's description, but for
          // the names a later documented source adds or retires
          const resolved = resolveService(short, region);
          const render = (n: string) => n.split("{region}").join(region);
          expect(resolved.serviceName).toBe(detail.ServiceName);
          const added = resolved.privateDnsNames.filter((n) => !names.includes(n));
          const retired = names.filter((n) => !resolved.privateDnsNames.includes(n));
          expect({ short, added, retired }).toEqual({
            short,
            added: added.filter((n) => documentedNames(short, "add").map(render).includes(n)),
            retired: retired.filter((n) => documentedNames(short, "retire").map(render).includes(n)),
          });
          expect(resolved.endpointPolicy).toBe(detail.VpcEndpointPolicySupported);
        }
        checked.push(short);
      }
      expect(checked.length).toBe(snapshots[region].details.length);
    });
  }

  it("covers every service of the eu-west-3 snapshot", () => {
    for (const detail of snapshots["eu-west-3"].details) {
      const short = serviceNameTemplateToShortName(
        detail.ServiceName.split(".eu-west-3.").join(".{region}."),
      );
      expect(CATALOG).toHaveProperty([short]);
    }
  });

  it("records where every entry's names come from: the snapshots that list it, or a documented source", () => {
    for (const [name, entry] of Object.entries(CATALOG)) {
      const sources = [
        ...Object.entries(entry.listedIn ?? {}).map(([region, date]) => `${region} ${date}`),
        ...(entry.documented ?? []),
      ];
      expect({ name, hasSource: sources.length > 0, since: typeof entry.since }).toEqual({
        name,
        hasSource: true,
        since: "string",
      });
    }
    expect(CATALOG["ec2"].listedIn).toEqual({ "eu-west-3": "2023-09", "us-east-1": "2023-09" });
    expect(CATALOG["eks-auth"].documented?.join(" ")).toMatch(/EKS user guide/);
  });
});

/** The regions of the aws partition (2026). */
const COMMERCIAL_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
];

describe("services since the 2023 snapshots (CATALOG-2026.md)", () => {
  it.each([
    ["eks-auth", "com.amazonaws.{r}.eks-auth", ["eks-auth.{r}.api.aws"]],
    ["bedrock-runtime", "com.amazonaws.{r}.bedrock-runtime", ["bedrock-runtime.{r}.amazonaws.com"]],
    [
      "bedrock-agent-runtime",
      "com.amazonaws.{r}.bedrock-agent-runtime",
      ["bedrock-agent-runtime.{r}.amazonaws.com"],
    ],
    ["q", "com.amazonaws.{r}.q", ["q.{r}.amazonaws.com"]],
    ["detective", "com.amazonaws.{r}.detective", ["api.detective.{r}.amazonaws.com"]],
  ])("%s resolves to its documented names in every commercial region", (service, serviceName, names) => {
    for (const region of COMMERCIAL_REGIONS) {
      // GIVEN a commercial region WHEN the service is resolved THEN the documented names, {r} the region
      const r = (n: string) => n.split("{r}").join(region);
      expect(resolveService(service, region)).toMatchObject({
        serviceName: r(serviceName),
        privateDnsNames: names.map(r),
      });
    }
  });

  it("monitoring and eks gained api.aws names; monitoring has the FIPS pair in us-east-1", () => {
    expect([...resolveService("monitoring", "eu-west-3").privateDnsNames].sort()).toEqual([
      "monitoring.eu-west-3.amazonaws.com",
      "monitoring.eu-west-3.api.aws",
    ]);
    expect([...resolveService("monitoring", "us-east-1").privateDnsNames].sort()).toEqual([
      "monitoring-fips.us-east-1.amazonaws.com",
      "monitoring-fips.us-east-1.api.aws",
      "monitoring.us-east-1.amazonaws.com",
      "monitoring.us-east-1.api.aws",
    ]);
    expect([...resolveService("eks", "ap-southeast-2").privateDnsNames].sort()).toEqual([
      "eks.ap-southeast-2.amazonaws.com",
      "eks.ap-southeast-2.api.aws",
    ]);
  });

  it("bedrock's pre-launch invoke-bedrock name is retired, and the entry says so", () => {
    expect(resolveService("bedrock", "us-east-1").privateDnsNames).toEqual([
      "bedrock.us-east-1.amazonaws.com",
    ]);
    expect(CATALOG["bedrock"].documented?.join(" ")).toMatch(/retired invoke-bedrock/);
  });

  it.each([
    [
      "iam",
      /"iam" is a global service, not shareable this way: its name \(iam.amazonaws.com\) carries no region/,
    ],
    ["route53", /"route53" is a global service, not shareable this way/],
    ["cloudfront", /"cloudfront" is a global service, not shareable this way/],
  ])("%s is refused as a global service, with the reason", (service, message) => {
    const error = catalogError(() => resolveService(service, "eu-west-3"));
    expect(error.kind).toBe("global");
    expect(error.message).toMatch(message);
  });

  it.each(["bedrock-agent", "dynamodb", "appconfig", "qbusiness", "wafv2"])(
    "%s (no stated private DNS name) is refused with how to declare it",
    (service) => {
      const error = catalogError(() => resolveService(service, "eu-west-1"));
      expect(error.kind).toBe("names-unknown");
      expect(error.message).toMatch(/npm run catalog:import/);
      expect(error.message).toContain(`"customServices": { "${service}": { "serviceName": `);
    },
  );

  it("qbusiness's declaration example carries its aws.api prefix", () => {
    expect(catalogError(() => resolveService("qbusiness", "eu-west-1")).message).toContain(
      '"serviceName": "aws.api.{region}.qbusiness"',
    );
  });

  it.each([
    ["email-smtp", [25, 465, 587, 2587]],
    ["cassandra", [9142]],
    ["transfer.server", [22]],
    ["git-codecommit", [22, 443]],
    ["ec2", [443]],
  ])("%s listens on its own ports", (service, ports) => {
    expect(resolveService(service, "eu-west-3").ports).toEqual(ports);
  });

  it("execute-api carries its hazard", () => {
    expect(CATALOG["execute-api"].hazard).toMatch(/403/);
  });
});

describe("availability per region", () => {
  it("refuses a service that the region's snapshot does not list, naming the snapshot and the fix", () => {
    // GIVEN bedrock, listed by the us-east-1 snapshot of 2023-09 only
    // WHEN resolved in eu-west-3, whose snapshot of the same date does not list it
    const error = catalogError(() => resolveService("bedrock", "eu-west-3"));
    // THEN it is refused with the reason and the way out
    expect(error.kind).toBe("not-in-region");
    expect(error.message).toMatch(
      /"bedrock" is not offered in eu-west-3: .* snapshot of eu-west-3 \(2023-09\)/,
    );
    expect(error.message).toMatch(
      /npm run catalog:import -- eu-west-3.json.* or declare it in customServices/,
    );
  });

  it("accepts it where no snapshot of the region exists", () => {
    expect(resolveService("bedrock", "eu-west-1").serviceName).toBe("com.amazonaws.eu-west-1.bedrock");
  });

  it("accepts a service documented after the region's snapshot", () => {
    expect(resolveService("eks-auth", "eu-west-3").privateDnsNames).toEqual(["eks-auth.eu-west-3.api.aws"]);
  });

  it("a custom definition overrides the refusal", () => {
    const custom = {
      bedrock: {
        serviceName: "com.amazonaws.{region}.bedrock",
        privateDnsNames: ["bedrock.{region}.amazonaws.com"],
        endpointPolicy: true,
      },
    };
    expect(resolveService("bedrock", "eu-west-3", custom).source).toBe("custom");
  });
});

describe("special private DNS names", () => {
  const region = "eu-west-3";
  it.each([
    ["ecr.api", ["api.ecr.eu-west-3.amazonaws.com"]],
    ["ecr.dkr", ["*.dkr.ecr.eu-west-3.amazonaws.com"]],
    [
      "s3",
      [
        "*.s3-accesspoint.eu-west-3.amazonaws.com",
        "*.s3-control.eu-west-3.amazonaws.com",
        "*.s3.eu-west-3.amazonaws.com",
      ],
    ],
    ["execute-api", ["*.execute-api.eu-west-3.amazonaws.com"]],
    ["sagemaker.runtime", ["runtime.sagemaker.eu-west-3.amazonaws.com"]],
    ["kinesis-firehose", ["firehose.eu-west-3.amazonaws.com"]],
    ["ecs-agent", ["ecs-a.eu-west-3.amazonaws.com"]],
    ["lambda", ["lambda.eu-west-3.amazonaws.com", "lambda.eu-west-3.api.aws"]],
    ["rds", ["rds.eu-west-3.amazonaws.com", "rds.eu-west-3.api.aws"]],
    ["athena", ["athena.eu-west-3.amazonaws.com", "athena.eu-west-3.api.aws"]],
    ["notebook", ["*.notebook.eu-west-3.sagemaker.aws"]],
  ])("%s has its real private DNS names", (service, names) => {
    // GIVEN a service whose names are not <service>.<region>.amazonaws.com WHEN resolved THEN AWS's names
    expect([...resolveService(service, region).privateDnsNames].sort()).toEqual([...names].sort());
  });

  it("notebook uses the aws.sagemaker service-name prefix", () => {
    expect(resolveService("notebook", region).serviceName).toBe("aws.sagemaker.eu-west-3.notebook");
  });

  it("keeps region-specific names: ec2 has an api.aws name in us-east-1 only", () => {
    expect(resolveService("ec2", "us-east-1").privateDnsNames).toContain("ec2.us-east-1.api.aws");
    expect(resolveService("ec2", "eu-west-3").privateDnsNames).toEqual(["ec2.eu-west-3.amazonaws.com"]);
  });

  it("renders names for regions outside the snapshots", () => {
    expect(resolveService("sts", "ap-southeast-2")).toMatchObject({
      serviceName: "com.amazonaws.ap-southeast-2.sts",
      privateDnsNames: ["sts.ap-southeast-2.amazonaws.com"],
    });
  });
});

describe("partitions", () => {
  it("aws-cn: cn.com.amazonaws service names and amazonaws.com.cn / api.amazonwebservices.com.cn names", () => {
    expect(resolveService("ecr.dkr", "cn-north-1")).toMatchObject({
      serviceName: "cn.com.amazonaws.cn-north-1.ecr.dkr",
      privateDnsNames: ["*.dkr.ecr.cn-north-1.amazonaws.com.cn"],
    });
    expect([...resolveService("lambda", "cn-northwest-1").privateDnsNames].sort()).toEqual([
      "lambda.cn-northwest-1.amazonaws.com.cn",
      "lambda.cn-northwest-1.api.amazonwebservices.com.cn",
    ]);
  });

  it.each([
    "ec2messages",
    "ssm",
    "ssmmessages",
    "kms",
    "logs",
    "secretsmanager",
    "sns",
    "elasticloadbalancing",
    "ecs",
    "ecs-agent",
    "ecs-telemetry",
    "kinesis-firehose",
    "glue",
    "events",
    "rds-data",
    "codebuild",
  ])(
    "aws-cn: %s keeps the com.amazonaws prefix in both China regions (aws-cdk's exception list)",
    (service) => {
      // GIVEN a service the aws-cdk does not list under cn.com.amazonaws WHEN resolved in China
      for (const region of ["cn-north-1", "cn-northwest-1"]) {
        // THEN its endpoint service name keeps com.amazonaws, its DNS names end in amazonaws.com.cn
        const resolved = resolveService(service, region);
        expect(resolved.serviceName).toBe(`com.amazonaws.${region}.${service}`);
        expect(resolved.privateDnsNames.every((n) => n.endsWith(".amazonaws.com.cn"))).toBe(true);
      }
    },
  );

  it("aws-cn: the prefix is per region (account is cn.com.amazonaws in cn-northwest-1 only)", () => {
    expect(resolveService("account", "cn-northwest-1").serviceName).toBe(
      "cn.com.amazonaws.cn-northwest-1.account",
    );
    expect(resolveService("account", "cn-north-1").serviceName).toBe("com.amazonaws.cn-north-1.account");
  });

  it("aws-cn: transcribe's service name ends in .cn", () => {
    expect(resolveService("transcribe", "cn-north-1").serviceName).toBe(
      "cn.com.amazonaws.cn-north-1.transcribe.cn",
    );
  });

  it("aws-us-gov: same naming as aws", () => {
    expect(resolveService("ssm", "us-gov-west-1")).toMatchObject({
      serviceName: "com.amazonaws.us-gov-west-1.ssm",
      privateDnsNames: ["ssm.us-gov-west-1.amazonaws.com"],
    });
  });
});

describe("errors", () => {
  it("an unknown service suggests near names", () => {
    const error = catalogError(() => resolveService("ecr-dkr", "eu-west-3"));
    expect(error.kind).toBe("unknown");
    expect(error.message).toMatch(/unknown service "ecr-dkr"; did you mean "ecr.dkr"/);
  });

  it("a typo of a short name suggests the name", () => {
    expect(catalogError(() => resolveService("stss", "eu-west-3")).message).toMatch(/did you mean "sts"/);
  });

  it("a service without private DNS names is refused", () => {
    const error = catalogError(() => resolveService("iot.data", "eu-west-3"));
    expect(error.kind).toBe("no-private-dns");
    expect(error.message).toMatch(/"iot.data" has no private DNS name/);
  });

  it("a global service is refused", () => {
    const error = catalogError(() => resolveService("s3-global.accesspoint", "eu-west-3"));
    expect(error.kind).toBe("global");
    expect(error.message).toMatch(/global service/);
  });

  it("does not treat Object.prototype members as services", () => {
    expect(catalogError(() => resolveService("constructor", "eu-west-3")).kind).toBe("unknown");
  });
});

describe("custom services", () => {
  const custom = {
    "my-api": {
      serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
      privateDnsNames: ["*.api.{region}.example.internal"],
      endpointPolicy: false,
    },
    ec2: {
      serviceName: "com.amazonaws.{region}.ec2",
      privateDnsNames: ["ec2.{region}.api.aws"],
      endpointPolicy: true,
    },
  };

  it("renders {region} in the declared names", () => {
    expect(resolveService("my-api", "eu-west-3", custom)).toEqual({
      name: "my-api",
      serviceName: "com.amazonaws.vpce.eu-west-3.vpce-svc-0123456789abcdef0",
      privateDnsNames: ["*.api.eu-west-3.example.internal"],
      endpointPolicy: false,
      ports: [443],
      source: "custom",
    });
  });

  it("wins over the catalog entry of the same name", () => {
    expect(resolveService("ec2", "eu-west-3", custom).privateDnsNames).toEqual(["ec2.eu-west-3.api.aws"]);
  });

  it("is offered as a suggestion", () => {
    expect(catalogError(() => resolveService("my-apj", "eu-west-3", custom)).message).toMatch(/"my-api"/);
  });
});
