import { privateZones, ZoneConflictError } from "../../src/catalog/private-zones";
import { resolveService, ResolvedService } from "../../src/catalog/service-catalog";

const region = "eu-west-3";
const services = (...names: string[]) => names.map((n) => resolveService(n, region));

describe("privateZones", () => {
  it("a plain name becomes a zone with an apex record", () => {
    expect(privateZones(services("ec2"))).toEqual([
      { domain: "ec2.eu-west-3.amazonaws.com", service: "ec2", records: ["ec2.eu-west-3.amazonaws.com"] },
    ]);
  });

  it("a wildcard name becomes the zone without '*.', with an apex and a '*' record", () => {
    expect(privateZones(services("ecr.dkr"))).toEqual([
      {
        domain: "dkr.ecr.eu-west-3.amazonaws.com",
        service: "ecr.dkr",
        records: ["dkr.ecr.eu-west-3.amazonaws.com", "*.dkr.ecr.eu-west-3.amazonaws.com"],
      },
    ]);
  });

  it("s3 gets three wildcard zones, each with apex and wildcard records (path-style requests use the apex)", () => {
    const zones = privateZones(services("s3"));
    expect(zones.map((z) => z.domain)).toEqual([
      "s3-accesspoint.eu-west-3.amazonaws.com",
      "s3-control.eu-west-3.amazonaws.com",
      "s3.eu-west-3.amazonaws.com",
    ]);
    for (const zone of zones) expect(zone.records).toEqual([zone.domain, `*.${zone.domain}`]);
  });

  it("a service with two names gets two zones; the result is sorted by domain, whatever the input order", () => {
    const a = privateZones(services("lambda", "ec2", "sts"));
    const b = privateZones(services("sts", "ec2", "lambda"));
    expect(a).toEqual(b);
    expect(a.map((z) => z.domain)).toEqual([
      "ec2.eu-west-3.amazonaws.com",
      "lambda.eu-west-3.amazonaws.com",
      "lambda.eu-west-3.api.aws",
      "sts.eu-west-3.amazonaws.com",
    ]);
  });

  it("a name and its wildcard in one service share one zone with both records", () => {
    const both: ResolvedService = {
      name: "x",
      serviceName: "com.example.x",
      privateDnsNames: ["x.example.com", "*.x.example.com"],
      endpointPolicy: true,
      ports: [443],
      source: "custom",
    };
    expect(privateZones([both])).toEqual([
      { domain: "x.example.com", service: "x", records: ["x.example.com", "*.x.example.com"] },
    ]);
  });

  it("two services that need the same zone are a conflict naming both", () => {
    const clash: ResolvedService = { ...resolveService("ec2", region), name: "my-ec2" };
    expect(() => privateZones([...services("ec2"), clash])).toThrow(ZoneConflictError);
    expect(() => privateZones([...services("ec2"), clash])).toThrow(
      'services "ec2" and "my-ec2" both need the private hosted zone ec2.eu-west-3.amazonaws.com',
    );
  });
});
