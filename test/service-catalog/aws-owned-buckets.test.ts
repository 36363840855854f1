/**
 * s3 shared behind the organization-only endpoint policy: ECR image layers (presigned by ECR) and
 * Amazon Linux repositories (read anonymously) live in AWS's own buckets, which no principal of the
 * organization reads. The default s3 policy lets anyone read exactly those buckets' objects, and the
 * IAM reading of VPCE-EP-1 accepts that statement and nothing wider.
 */
import { DOCUMENTED_AWS_OWNED_BUCKETS } from "../../src/catalog/documented-services";
import { CATALOG, readsOnlyAwsOwnedBuckets, resolveService } from "../../src/catalog/service-catalog";
import { organizationOnlyPolicy } from "../../src/constructs/hub-region/endpoint-policy";
import { notLimitedToOrganization } from "../../src/policy-checks/organization-only-policy";
import { sharedServices } from "../../src/topology/topology";

const ORG = "o-a1b2c3d4e5";

/** The statements of the policy a hub region writes for `service` in `region`. */
function defaultStatements(service: string, region: string): Record<string, unknown>[] {
  const [shared] = sharedServices([resolveService(service, region)], ORG).services;
  return JSON.parse(shared.policy as string).Statement;
}

describe("the catalog's AWS-owned buckets", () => {
  it("s3 names the ECR layer bucket and the Amazon Linux 2023 and 2 repository buckets, each with its source", () => {
    // GIVEN the catalog THEN s3 carries the three documented buckets, by exact name
    expect(CATALOG.s3.awsOwnedBuckets).toEqual([
      "prod-{region}-starport-layer-bucket",
      "al2023-repos-{region}-de612dc2",
      "amazonlinux-2-repos-{region}",
    ]);
    expect(CATALOG.s3.documented).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AWS-owned bucket prod-\{region\}-starport.*ECR user guide/),
      ]),
    );
    // AND every documented bucket is one exact name per region: no wildcard another owner could match
    for (const buckets of Object.values(DOCUMENTED_AWS_OWNED_BUCKETS)) {
      for (const { bucket } of buckets) {
        expect(bucket.split("{region}")).toHaveLength(2);
        expect(bucket).toMatch(/^[a-z0-9.{}-]+$/);
      }
    }
  });

  it.each([
    ["eu-west-3", "aws"],
    ["cn-north-1", "aws-cn"],
    ["us-gov-west-1", "aws-us-gov"],
  ])("resolves s3 in %s to the buckets' object ARNs in the %s partition", (region, partition) => {
    expect(resolveService("s3", region).awsOwnedObjectArns).toEqual([
      `arn:${partition}:s3:::prod-${region}-starport-layer-bucket/*`,
      `arn:${partition}:s3:::al2023-repos-${region}-de612dc2/*`,
      `arn:${partition}:s3:::amazonlinux-2-repos-${region}/*`,
    ]);
  });

  it("no other service carries AWS-owned buckets", () => {
    expect(resolveService("ecr.dkr", "eu-west-3").awsOwnedObjectArns).toBeUndefined();
  });
});

describe("the default endpoint policy of s3", () => {
  it("GIVEN s3 shared in eu-west-3 WHEN its default policy is written THEN anyone may read the AWS-owned buckets' objects, and only that", () => {
    const statements = defaultStatements("s3", "eu-west-3");
    expect(statements).toHaveLength(2);
    expect(statements[0]).toEqual(JSON.parse(organizationOnlyPolicy(ORG)).Statement[0]);
    expect(statements[1]).toEqual({
      Action: "s3:GetObject",
      Effect: "Allow",
      Principal: "*",
      Resource: [
        "arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*",
        "arn:aws:s3:::al2023-repos-eu-west-3-de612dc2/*",
        "arn:aws:s3:::amazonlinux-2-repos-eu-west-3/*",
      ],
      Sid: "AwsOwnedBucketsReadOnly",
    });
  });

  it("GIVEN another service WHEN its default policy is written THEN it stays the organization-only statement alone", () => {
    expect(defaultStatements("ecr.dkr", "eu-west-3")).toEqual(
      JSON.parse(organizationOnlyPolicy(ORG)).Statement,
    );
  });

  it("GIVEN an override for s3 WHEN the policy is written THEN the override is the whole policy", () => {
    const override = JSON.stringify({ Version: "2012-10-17", Statement: [] });
    const [shared] = sharedServices([resolveService("s3", "eu-west-3")], ORG, { s3: override }).services;
    expect(shared.policy).toBe(override);
  });

  it("GIVEN the default s3 policy WHEN read as IAM does (VPCE-EP-1) THEN it is limited to the organization", () => {
    const [shared] = sharedServices([resolveService("s3", "us-east-1")], ORG).services;
    expect(notLimitedToOrganization(JSON.parse(shared.policy as string), ORG)).toEqual([]);
  });
});

describe("readsOnlyAwsOwnedBuckets: what VPCE-EP-1 accepts beside the organization's principals", () => {
  const starport = "arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*";
  const read = (extra: Record<string, unknown>) => ({ Effect: "Allow", Principal: "*", ...extra });

  it.each([
    ["s3:GetObject on the layer bucket", { Action: "s3:GetObject", Resource: starport }],
    ["the action in a list, in another case", { Action: ["S3:GetObject"], Resource: [starport] }],
    [
      "every documented bucket, in China",
      {
        Action: "s3:GetObject",
        Resource: [
          "arn:aws-cn:s3:::prod-cn-north-1-starport-layer-bucket/*",
          "arn:aws-cn:s3:::al2023-repos-cn-north-1-de612dc2/*",
          "arn:aws-cn:s3:::amazonlinux-2-repos-cn-north-1/*",
        ],
      },
    ],
  ])("accepts %s", (_, statement) => {
    expect(readsOnlyAwsOwnedBuckets(read(statement))).toBe(true);
  });

  it.each([
    ["any other action", { Action: ["s3:GetObject", "s3:PutObject"], Resource: starport }],
    ["s3:*", { Action: "s3:*", Resource: starport }],
    ["NotAction", { NotAction: "s3:PutObject", Resource: starport }],
    ["NotResource", { Action: "s3:GetObject", NotResource: starport }],
    ["a wildcard bucket", { Action: "s3:GetObject", Resource: "arn:aws:s3:::al2023-repos-*/*" }],
    [
      "a look-alike bucket of another owner",
      { Action: "s3:GetObject", Resource: "arn:aws:s3:::al2023-repos-eu-west-3-attacker/*" },
    ],
    [
      "a region that is none",
      { Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-x-starport-layer-bucket/*" },
    ],
    [
      "the bucket itself",
      { Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-eu-west-3-starport-layer-bucket" },
    ],
    [
      "one foreign resource among them",
      { Action: "s3:GetObject", Resource: [starport, "arn:aws:s3:::mine/*"] },
    ],
    ["no resource", { Action: "s3:GetObject", Resource: [] }],
    ["every resource", { Action: "s3:GetObject", Resource: "*" }],
  ])("refuses %s", (_, statement) => {
    expect(readsOnlyAwsOwnedBuckets(read(statement))).toBe(false);
    // AND VPCE-EP-1 reports such a statement
    expect(notLimitedToOrganization({ Statement: [read(statement)] }, ORG)).toHaveLength(1);
  });
});
