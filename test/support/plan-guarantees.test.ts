import { planGuaranteeViolations } from "./plan-guarantees";
import type { PlanJson, ResourceChangeJson } from "./terraform";

const HUB_VPC = "vpc-0a1b2c3d4e5f67890";
const SPOKE_VPC = "vpc-0123456789abcdef0";
const TAGS = { owner: "network-team" };
const PROFILE_PERMISSION = "arn:aws:ram::aws:permission/AWSRAMPermissionRoute53ProfileAllowAssociation";

/** One planned creation. */
function create(
  address: string,
  after: Record<string, unknown>,
  afterUnknown: object = {},
): ResourceChangeJson {
  const [type, rest] = address.split(/\.(.*)/s);
  return {
    address,
    mode: "managed",
    type,
    name: rest.replace(/\[.*$/s, ""),
    provider_name: "registry.terraform.io/hashicorp/aws",
    change: { actions: ["create"], before: null, after, after_unknown: afterUnknown },
  };
}

/** A sound plan of a hub and a spoke together, with `change` applied to its resource changes. */
function plan(change: (changes: ResourceChangeJson[]) => void = () => {}): PlanJson {
  const changes = [
    create("aws_security_group.endpoints", {
      vpc_id: HUB_VPC,
      tags: { ...TAGS, Name: "vpce-share-endpoints" },
    }),
    create('aws_vpc_endpoint.this["ec2"]', { vpc_id: HUB_VPC, tags: { ...TAGS, Name: "vpce-share-ec2" } }),
    create('aws_vpc_security_group_ingress_rule.endpoints_https["10.0.0.0/8"]', { tags: TAGS }),
    create("aws_ram_resource_share.rules", {
      allow_external_principals: false,
      tags: { ...TAGS, Name: "r" },
    }),
    create("aws_ram_resource_share.profile", {
      allow_external_principals: false,
      permission_arns: [PROFILE_PERMISSION],
      tags: { ...TAGS, Name: "p" },
    }),
    create('aws_route53_record.this["ec2.eu-west-3.amazonaws.com"]', { name: "ec2.eu-west-3.amazonaws.com" }),
    create('aws_route53_resolver_rule_association.eu_west_3["x"]', { vpc_id: SPOKE_VPC }),
    create("aws_route53_resolver_endpoint.inbound", {}, { tags: true }),
  ];
  change(changes);
  return { format_version: "1.2", terraform_version: "1.11.4", resource_changes: changes };
}

const find = (changes: ResourceChangeJson[], address: string) => changes.find((c) => c.address === address)!;
const after = (c: ResourceChangeJson) => c.change.after as Record<string, unknown>;

describe("planGuaranteeViolations", () => {
  it("GIVEN a sound plan (untaggable types, tags known only after apply) WHEN checked THEN nothing is reported", () => {
    expect(planGuaranteeViolations(plan())).toEqual([]);
  });

  it("GIVEN a RAM share that allows external principals WHEN checked THEN it is reported (VPCE-RAM-1)", () => {
    const broken = plan(
      (c) => (after(find(c, "aws_ram_resource_share.rules")).allow_external_principals = true),
    );
    expect(planGuaranteeViolations(broken)).toEqual([
      "aws_ram_resource_share.rules: allow_external_principals is true, not false (VPCE-RAM-1)",
    ]);
  });

  it("GIVEN a Profile's RAM share that allows external principals WHEN checked THEN it is reported (VPCE-RAM-1)", () => {
    const broken = plan(
      (c) => (after(find(c, "aws_ram_resource_share.profile")).allow_external_principals = true),
    );
    expect(planGuaranteeViolations(broken)).toEqual([
      "aws_ram_resource_share.profile: allow_external_principals is true, not false (VPCE-RAM-1)",
    ]);
  });

  it.each([
    ["another permission", ["arn:aws:ram::aws:permission/AWSRAMDefaultPermissionRoute53Profile"]],
    [
      "a second permission beside it",
      [PROFILE_PERMISSION, "arn:aws:ram::aws:permission/AWSRAMDefaultPermissionRoute53Profile"],
    ],
    ["no permission (RAM's default)", undefined],
    ["an empty list (RAM's default)", []],
  ])(
    "GIVEN a Profile's RAM share with %s WHEN checked THEN it is reported (VPCE-RAM-2)",
    (_, permissions) => {
      const broken = plan(
        (c) => (after(find(c, "aws_ram_resource_share.profile")).permission_arns = permissions),
      );
      expect(planGuaranteeViolations(broken)).toEqual([
        `aws_ram_resource_share.profile: permission_arns is ${JSON.stringify(permissions ?? null)}, not [the AWSRAMPermissionRoute53ProfileAllowAssociation ARN] (VPCE-RAM-2)`,
      ]);
    },
  );

  it("GIVEN the association permission in another partition WHEN checked THEN nothing is reported", () => {
    const china = plan(
      (c) =>
        (after(find(c, "aws_ram_resource_share.profile")).permission_arns = [
          PROFILE_PERMISSION.replace("arn:aws:", "arn:aws-cn:"),
        ]),
    );
    expect(planGuaranteeViolations(china)).toEqual([]);
  });

  it("GIVEN one taggable resource without the tags the others carry WHEN checked THEN it is reported (VPCE-TAG-1)", () => {
    const address = 'aws_vpc_security_group_ingress_rule.endpoints_https["10.0.0.0/8"]';
    const broken = plan((c) => (after(find(c, address)).tags = null));
    expect(planGuaranteeViolations(broken)).toEqual([
      `${address}: tags [] differ from the other resources' [["owner","network-team"]] (VPCE-TAG-1)`,
    ]);
  });

  it("GIVEN a rule associated with the VPC of the plan's endpoints WHEN checked THEN it is reported (VPCE-R53-1)", () => {
    const address = 'aws_route53_resolver_rule_association.eu_west_3["x"]';
    const broken = plan((c) => (after(find(c, address)).vpc_id = HUB_VPC));
    expect(planGuaranteeViolations(broken)).toEqual([
      `${address}: associates a rule with the hub VPC ${HUB_VPC} (VPCE-R53-1)`,
    ]);
  });

  it("GIVEN a resource the plan deletes WHEN checked THEN it is not held to the guarantees", () => {
    const deleted = plan((c) => {
      const share = find(c, "aws_ram_resource_share.rules");
      after(share).allow_external_principals = true;
      share.change.actions = ["delete"];
    });
    expect(planGuaranteeViolations(deleted)).toEqual([]);
  });
});
