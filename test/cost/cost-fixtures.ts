/**
 * A configuration whose cost figures the tests compute by hand, and helpers to write it (and prices
 * files) to a temporary folder for the commands.
 *
 * eu-west-3: 4 services, 3 subnets (AZs), 6 spoke VPCs (2 in "alpha", 4 in "beta"), 5 zones
 *   (sts, api.ecr, dkr.ecr, and the custom service's two), 25 million queries, 400 GB, peak 4,000 q/s.
 * us-east-1: 2 services, 2 subnets, 1 spoke VPC, 3 zones (ec2 has ec2.us-east-1.amazonaws.com and
 *   ec2.us-east-1.api.aws there, kms one), no traffic.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseConfig } from "../../src/config/load-config";
import type { VpceShareConfig } from "../../src/config/config-types";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function testConfigJson(): Json {
  return {
    organization: {
      arn: "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
      cidrs: ["10.0.0.0/8"],
    },
    hub: {
      accountId: "111111111111",
      regions: {
        "eu-west-3": {
          vpcId: "vpc-0a1b2c3d4e5f67890",
          subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
          services: ["sts", "ecr.api", "ecr.dkr", "mine"],
          traffic: { queriesMillionsPerMonth: 25, transferGbPerMonth: 400, peakQueriesPerSecond: 4000 },
        },
        "us-east-1": {
          vpcId: "vpc-0b1c2d3e4f5a67890",
          subnetIds: ["subnet-0b1c2d3e4f5a60001", "subnet-0b1c2d3e4f5a60002"],
          services: ["ec2", "kms"],
        },
      },
    },
    spokes: {
      alpha: {
        accountId: "222222222222",
        regions: {
          "eu-west-3": { vpcIds: ["vpc-0000000000000a001", "vpc-0000000000000a002"] },
          "us-east-1": { vpcIds: ["vpc-0000000000000a003"] },
        },
      },
      beta: {
        accountId: "333333333333",
        regions: {
          "eu-west-3": {
            vpcIds: [
              "vpc-0000000000000b001",
              "vpc-0000000000000b002",
              "vpc-0000000000000b003",
              "vpc-0000000000000b004",
            ],
          },
        },
      },
    },
    customServices: {
      mine: {
        serviceName: "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0",
        privateDnsNames: ["mine.{region}.example.com", "*.data.{region}.example.com"],
      },
    },
  };
}

/** The test configuration after `change`, loaded as the apps load it. */
export function testConfig(change: (config: Json) => void = () => {}): VpceShareConfig {
  const json = testConfigJson();
  change(json);
  return parseConfig(JSON.stringify(json), "test-config.json");
}

/** A fresh temporary folder; removed by `removeWorkDir`. */
export function makeWorkDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "cost-"));
}

export function removeWorkDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Writes `value` (JSON-encoded unless it is a string) to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return file;
}
