import * as fs from "fs";
import * as path from "path";
import { buildCatalog } from "../../scripts/import-endpoint-services";
import {
  CATALOG,
  CATALOG_PATH,
  resolveService,
  ServiceCatalogError,
  serviceNameTemplateToShortName,
} from "../../modules/service-catalog/service-catalog";

const SNAPSHOT_DIR = path.join(__dirname, "..", "fixtures", "endpoint-services");
const snapshots: Record<string, ServiceDetailLike[]> = Object.fromEntries(
  ["eu-west-3", "us-east-1"].map((region) => [
    region,
    JSON.parse(fs.readFileSync(path.join(SNAPSHOT_DIR, `${region}.json`), "utf8")),
  ]),
);

interface ServiceDetailLike {
  ServiceName: string;
  Owner: string;
  ServiceType: { ServiceType: string }[];
  PrivateDnsNames?: { PrivateDnsName: string }[];
  VpcEndpointPolicySupported: boolean;
}

function catalogError(fn: () => unknown): ServiceCatalogError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServiceCatalogError) return error;
    throw error;
  }
  throw new Error("expected a ServiceCatalogError");
}

describe("service catalog against the describe-vpc-endpoint-services snapshots", () => {
  it("is exactly what the import script builds from the snapshots (services.json is not stale)", () => {
    // GIVEN the committed catalog WHEN rebuilt from the snapshots THEN nothing differs
    expect(JSON.parse(fs.readFileSync(CATALOG_PATH, "utf8"))).toEqual(buildCatalog(snapshots as never));
  });

  for (const region of Object.keys(snapshots)) {
    it(`resolves every ${region} service to the snapshot's service name and private DNS names`, () => {
      const checked: string[] = [];
      for (const detail of snapshots[region]) {
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
          // WHEN resolved for that region THEN names and policy support match AWS's description
          const resolved = resolveService(short, region);
          expect({
            short,
            serviceName: resolved.serviceName,
            names: [...resolved.privateDnsNames].sort(),
          }).toEqual({
            short,
            serviceName: detail.ServiceName,
            names,
          });
          expect(resolved.endpointPolicy).toBe(detail.VpcEndpointPolicySupported);
        }
        checked.push(short);
      }
      expect(checked.length).toBe(snapshots[region].length);
    });
  }

  it("covers every service of the eu-west-3 snapshot", () => {
    for (const detail of snapshots["eu-west-3"]) {
      const short = serviceNameTemplateToShortName(
        detail.ServiceName.split(".eu-west-3.").join(".{region}."),
      );
      expect(CATALOG).toHaveProperty([short]);
    }
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
