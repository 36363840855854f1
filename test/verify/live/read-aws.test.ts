/**
 * The readers of verify --live against recorded-shape SDK answers (aws-sdk-client-mock): every list is
 * read to its last page, including the two Route 53 lists the SDK has no paginator for, and the calls in
 * flight against one account stay within the bound.
 */
import {
  DescribeNetworkInterfacesCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { GetResourceSharesCommand, RAMClient } from "@aws-sdk/client-ram";
import {
  ListHostedZonesByVPCCommand,
  ListResourceRecordSetsCommand,
  ListVPCAssociationAuthorizationsCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import {
  ListResolverEndpointsCommand,
  ListResolverRuleAssociationsCommand,
  ListResolverRulesCommand,
  Route53ResolverClient,
} from "@aws-sdk/client-route53resolver";
import { mockClient, type AwsStub } from "aws-sdk-client-mock";
import { AwsAccess } from "../../../src/verify/live/aws-access";
import { readHubRegion, readSpokeRegion } from "../../../src/verify/live/read-aws";

// The SDK's notice that its 2027 releases need Node 22 (src/cli/verify.ts silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const ec2 = mockClient(EC2Client);
const route53 = mockClient(Route53Client);
// client-route53resolver is at 3.654.0, the newest the registry has, older than the other clients: its
// smithy types are not aws-sdk-client-mock's, so its client and commands are typed loosely here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const loose = (command: unknown): Loose => command;
const resolver: AwsStub<Loose, Loose, Loose> = mockClient(loose(Route53ResolverClient));
const ram = mockClient(RAMClient);
const HUB = { accountId: "111111111111" };
const SPOKE = { accountId: "222222222222" };
const REGION = "eu-west-3";
const HUB_VPC = "vpc-0a1b2c3d4e5f67890";
const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

beforeEach(() => {
  for (const mock of [ec2, route53, resolver, ram]) mock.reset();
  ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  ec2.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  route53.on(ListHostedZonesByVPCCommand).resolves({ HostedZoneSummaries: [] });
  resolver.on(loose(ListResolverEndpointsCommand)).resolves({ ResolverEndpoints: [] });
  resolver.on(loose(ListResolverRulesCommand)).resolves({ ResolverRules: [] });
  resolver.on(loose(ListResolverRuleAssociationsCommand)).resolves({ ResolverRuleAssociations: [] });
  ram.on(GetResourceSharesCommand).resolves({ resourceShares: [] });
});

const access = (callsPerAccount?: number) =>
  new AwsAccess({ clientConfig: { credentials }, ...(callsPerAccount ? { callsPerAccount } : {}) });

describe("read-aws", () => {
  it("GIVEN a hub VPC whose zones and records come in pages WHEN read THEN every zone and every record is there, with wildcards and aliases normalized", async () => {
    route53
      .on(ListHostedZonesByVPCCommand)
      .resolvesOnce({
        HostedZoneSummaries: [
          {
            HostedZoneId: "Z1",
            Name: "ec2.eu-west-3.amazonaws.com.",
            Owner: { OwningAccount: "111111111111" },
          },
        ],
        NextToken: "page-2",
      })
      .resolvesOnce({
        HostedZoneSummaries: [
          {
            HostedZoneId: "Z2",
            Name: "dkr.ecr.eu-west-3.amazonaws.com.",
            Owner: { OwningAccount: "111111111111" },
          },
        ],
      });
    route53
      .on(ListResourceRecordSetsCommand, { HostedZoneId: "Z2" })
      .resolvesOnce({
        ResourceRecordSets: [
          {
            Name: "dkr.ecr.eu-west-3.amazonaws.com.",
            Type: "A",
            AliasTarget: { HostedZoneId: "ZV", DNSName: "VPCE-1.EXAMPLE.", EvaluateTargetHealth: false },
          },
        ],
        IsTruncated: true,
        NextRecordName: "\\052.dkr.ecr.eu-west-3.amazonaws.com.",
        NextRecordType: "A",
        MaxItems: 1,
      })
      .resolvesOnce({
        ResourceRecordSets: [
          {
            Name: "\\052.dkr.ecr.eu-west-3.amazonaws.com.",
            Type: "A",
            AliasTarget: { HostedZoneId: "ZV", DNSName: "vpce-1.example.", EvaluateTargetHealth: false },
          },
        ],
        IsTruncated: false,
        MaxItems: 1,
      });
    route53
      .on(ListResourceRecordSetsCommand, { HostedZoneId: "Z1" })
      .resolves({ ResourceRecordSets: [], IsTruncated: false, MaxItems: 100 });

    const aws = access();
    const reading = await readHubRegion(aws, HUB, REGION, HUB_VPC);
    aws.destroy();

    expect(route53.commandCalls(ListHostedZonesByVPCCommand).map((c) => c.args[0].input.NextToken)).toEqual([
      undefined,
      "page-2",
    ]);
    expect(
      route53
        .commandCalls(ListResourceRecordSetsCommand, { HostedZoneId: "Z2" })
        .map((c) => c.args[0].input.StartRecordName),
    ).toEqual([undefined, "\\052.dkr.ecr.eu-west-3.amazonaws.com."]);
    expect(reading.zones).toEqual([
      { id: "Z1", domain: "ec2.eu-west-3.amazonaws.com", ownerAccount: "111111111111", records: [] },
      {
        id: "Z2",
        domain: "dkr.ecr.eu-west-3.amazonaws.com",
        ownerAccount: "111111111111",
        records: [
          { name: "dkr.ecr.eu-west-3.amazonaws.com", type: "A", aliasTarget: "vpce-1.example" },
          { name: "*.dkr.ecr.eu-west-3.amazonaws.com", type: "A", aliasTarget: "vpce-1.example" },
        ],
      },
    ]);
  });

  it("GIVEN rules and associations in pages WHEN a spoke region is read THEN every page is read, and only the configured VPCs' associations and forward rules are kept", async () => {
    resolver
      .on(loose(ListResolverRuleAssociationsCommand))
      .resolvesOnce({
        ResolverRuleAssociations: [
          { Id: "a1", ResolverRuleId: "rslvr-rr-1", VPCId: "vpc-1", Status: "COMPLETE" },
          { Id: "a2", ResolverRuleId: "rslvr-rr-1", VPCId: "vpc-other", Status: "COMPLETE" },
        ],
        NextToken: "t",
      })
      .resolvesOnce({
        ResolverRuleAssociations: [
          { Id: "a3", ResolverRuleId: "rslvr-rr-2", VPCId: "vpc-1", Status: "DELETING" },
          { Id: "a4", ResolverRuleId: "rslvr-rr-2", VPCId: "vpc-1", Status: "CREATING" },
        ],
      });
    resolver
      .on(loose(ListResolverRulesCommand))
      .resolvesOnce({
        ResolverRules: [
          { Id: "rslvr-autodefined-rr-1", RuleType: "SYSTEM", DomainName: "eu-west-3.compute.internal." },
        ],
        NextToken: "t",
      })
      .resolvesOnce({
        ResolverRules: [
          {
            Id: "rslvr-rr-1",
            Arn: "arn:r1",
            RuleType: "FORWARD",
            DomainName: "EC2.eu-west-3.amazonaws.com.",
            OwnerId: "111111111111",
            ShareStatus: "SHARED_WITH_ME",
            TargetIps: [{ Ip: "10.10.1.10", Port: 53 }],
          },
        ],
      });

    const aws = access();
    const reading = await readSpokeRegion(aws, SPOKE, REGION, ["vpc-1"]);
    aws.destroy();

    expect(resolver.commandCalls(loose(ListResolverRuleAssociationsCommand))).toHaveLength(2);
    expect(
      resolver.commandCalls(loose(ListResolverRulesCommand)).map((c) => c.args[0].input.MaxResults),
    ).toEqual([100, 100]);
    expect(reading.associations.map((a) => a.id)).toEqual(["a1", "a4"]);
    expect([...reading.rules.values()]).toEqual([
      {
        id: "rslvr-rr-1",
        arn: "arn:r1",
        domain: "ec2.eu-west-3.amazonaws.com",
        ruleType: "FORWARD",
        ownerId: "111111111111",
        shareStatus: "SHARED_WITH_ME",
        targets: ["10.10.1.10"],
      },
    ]);
    expect(reading.zones).toEqual(new Map([["vpc-1", []]]));
    expect(aws.calls).toBe(6); // 2 + 2 pages, the endpoints, the VPC's zones: a paginator's end is no call
  });

  it("GIVEN one account with many VPCs WHEN read THEN no more calls are in flight against it than the bound", async () => {
    let inFlight = 0;
    let most = 0;
    route53.on(ListHostedZonesByVPCCommand).callsFake(async () => {
      most = Math.max(most, (inFlight += 1));
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { HostedZoneSummaries: [] };
    });
    const aws = access(3);
    await readSpokeRegion(
      aws,
      SPOKE,
      REGION,
      Array.from({ length: 20 }, (_, i) => `vpc-${i}`),
    );
    aws.destroy();
    expect(route53.commandCalls(ListHostedZonesByVPCCommand)).toHaveLength(20);
    expect(most).toBe(3);
  });

  it("GIVEN a zone-association hub whose authorizations come in pages WHEN read with authorizations THEN each own zone lists every authorized VPC, and another account's zone is not asked", async () => {
    route53.on(ListHostedZonesByVPCCommand).resolves({
      HostedZoneSummaries: [
        {
          HostedZoneId: "Z1",
          Name: "ec2.eu-central-1.amazonaws.com.",
          Owner: { OwningAccount: "111111111111" },
        },
        { HostedZoneId: "ZX", Name: "corp.example.", Owner: { OwningAccount: "999999999999" } },
      ],
    });
    route53
      .on(ListResourceRecordSetsCommand)
      .resolves({ ResourceRecordSets: [], IsTruncated: false, MaxItems: 100 });
    route53
      .on(ListVPCAssociationAuthorizationsCommand, { HostedZoneId: "Z1" })
      .resolvesOnce({
        HostedZoneId: "Z1",
        VPCs: [{ VPCId: "vpc-1", VPCRegion: "eu-central-1" }],
        NextToken: "n",
      })
      .resolvesOnce({ HostedZoneId: "Z1", VPCs: [{ VPCId: "vpc-2", VPCRegion: "eu-central-1" }] });

    const aws = access();
    const plain = await readHubRegion(aws, HUB, "eu-central-1", HUB_VPC);
    const reading = await readHubRegion(aws, HUB, "eu-central-1", HUB_VPC, { authorizations: true });
    aws.destroy();

    expect(plain.authorizations).toBeUndefined();
    expect(reading.authorizations).toEqual(new Map([["Z1", ["vpc-1", "vpc-2"]]]));
    expect(route53.commandCalls(ListVPCAssociationAuthorizationsCommand).map((c) => c.args[0].input)).toEqual(
      [{ HostedZoneId: "Z1" }, { HostedZoneId: "Z1", NextToken: "n" }],
    );
  });
});
