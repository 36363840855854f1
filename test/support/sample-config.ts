/** A small, valid, normalized configuration for construct and stack tests (no file, no loader). */
import type { VpceShareConfig } from "../../src/config/config-types";

export const ORG_ARN = "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5";

export function sampleConfig(): VpceShareConfig {
  return {
    organization: { arn: ORG_ARN, id: "o-a1b2c3d4e5", partition: "aws", cidrs: ["10.0.0.0/8"] },
    hub: {
      accountId: "111111111111",
      shareWith: [ORG_ARN],
      regions: {
        "eu-west-3": {
          vpcId: "vpc-0a1b2c3d4e5f67890",
          subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
          inboundResolverIps: ["10.10.1.10", "10.10.2.10"],
          services: ["ec2", "sts", "ecr.dkr"],
          mechanism: "resolver-rules",
        },
        "us-east-1": {
          vpcId: "vpc-0b1b2c3d4e5f67890",
          subnetIds: ["subnet-0b1b2c3d4e5f60001", "subnet-0b1b2c3d4e5f60002", "subnet-0b1b2c3d4e5f60003"],
          services: ["ec2", "s3"],
          mechanism: "resolver-rules",
        },
      },
    },
    spokes: {
      "payments-prod": {
        accountId: "222222222222",
        regions: { "eu-west-3": { vpcIds: ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"] } },
      },
      "data-platform": {
        accountId: "333333333333",
        roleArn: "arn:aws:iam::333333333333:role/vpce-share",
        regions: {
          "eu-west-3": { vpcIds: ["vpc-0223456789abcdef0"] },
          "us-east-1": { vpcIds: ["vpc-0323456789abcdef0"] },
        },
      },
    },
    tags: { owner: "network-team" },
    policySuppressions: [],
    customServices: {},
    quotas: {},
  };
}
