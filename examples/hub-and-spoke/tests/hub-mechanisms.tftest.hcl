# The hub modules of the other sharing mechanisms on their own, offline (mock provider): a Route 53
# Profile of the zones shared by RAM, and zones that authorize spoke VPCs. (hub-region-profile-endpoints
# requires the AWS provider >= 6.3.0, which this offline mirror (5.100) cannot load: its shape is tested
# by test/terraform-modules/modules.test.ts and its plan by test/terraform/mechanism-hub-plan.test.ts.)

override_module {
  target = module.service_checks
}

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { id = "eu-west-3", name = "eu-west-3" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.ec2.eu-west-3.vpce.amazonaws.com", hosted_zone_id = "Z1DXTCH7BTVDFF" }]
    }
  }
  mock_resource "aws_route53_zone" {
    defaults = { arn = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" }
  }
  mock_resource "aws_route53profiles_profile" {
    defaults = { arn = "arn:aws:route53profiles:eu-west-3:111111111111:profile/rp-0123456789abcdef" }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:eu-west-3:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678" }
  }
}

variables {
  vpc_id             = "vpc-0a1b2c3d4e5f67890"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  services           = ["ec2", "ecr.dkr"]
  organization_cidrs = ["10.0.0.0/8"]
  tags               = { owner = "network-team" }
}

run "hub_profile" {
  command = apply
  module {
    source = "../../dist/terraform/modules/hub-region-profile"
  }
  variables {
    share_with = ["arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5"]
  }

  assert {
    condition     = keys(aws_route53profiles_resource_association.zones) == keys(aws_route53_zone.this)
    error_message = "the Profile holds every zone of the hub, keyed by domain"
  }
  assert {
    condition     = alltrue([for domain, a in aws_route53profiles_resource_association.zones : a.resource_arn == aws_route53_zone.this[domain].arn && a.profile_id == aws_route53profiles_profile.this.id])
    error_message = "each association puts its zone in the hub's Profile"
  }
  assert {
    condition     = !aws_vpc_endpoint.this["ec2"].private_dns_enabled
    error_message = "the zones answer the names: the endpoints keep private DNS off"
  }
  assert {
    condition     = aws_ram_resource_share.profile.allow_external_principals == false && aws_ram_resource_share.profile.permission_arns == toset(["arn:aws:ram::aws:permission/AWSRAMPermissionRoute53ProfileAllowAssociation"])
    error_message = "the Profile is shared inside the organization, with the association permission only"
  }
  assert {
    condition     = aws_ram_resource_association.profile.resource_arn == aws_route53profiles_profile.this.arn
    error_message = "the share holds the Profile"
  }
  assert {
    condition     = output.route53_profile_id == aws_route53profiles_profile.this.id && output.ram_resource_share_arn == aws_ram_resource_share.profile.arn
    error_message = "the hub publishes the Profile for the spokes"
  }
}

run "hub_zone_association" {
  command = apply
  module {
    source = "../../dist/terraform/modules/hub-region-zone-association"
  }
  variables {
    organization_id = "o-a1b2c3d4e5"
    spoke_vpc_ids   = ["vpc-0123456789abcdef1", "vpc-0123456789abcdef0"]
  }

  assert {
    condition     = length(aws_route53_vpc_association_authorization.this) == 2 * length(aws_route53_zone.this)
    error_message = "each zone authorizes each spoke VPC"
  }
  assert {
    condition = alltrue([
      for key, a in aws_route53_vpc_association_authorization.this :
      a.vpc_id == split("/", key)[0] && a.zone_id == aws_route53_zone.this[split("/", key)[1]].zone_id
    ])
    error_message = "authorizations are keyed \"<vpc>/<domain>\" like the spokes' associations"
  }
  assert {
    condition     = jsondecode(aws_vpc_endpoint.this["ec2"].policy).Statement[0].Condition.StringEquals["aws:PrincipalOrgID"] == "o-a1b2c3d4e5"
    error_message = "endpoints admit only principals of the organization"
  }
  assert {
    condition     = keys(output.private_hosted_zone_ids) == keys(aws_route53_zone.this)
    error_message = "the hub publishes its zones for the spokes to associate"
  }
}

# Without share_with there is no ARN to take the organization from: organization_id is required
# (Terraform itself refuses null), and held to the configuration's pattern.
run "zone_association_with_a_short_organization_id_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region-zone-association"
  }
  variables {
    organization_id = "o-a1"
  }
  expect_failures = [var.organization_id]
}

run "zone_association_with_a_malformed_vpc_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region-zone-association"
  }
  variables {
    organization_id = "o-a1b2c3d4e5"
    spoke_vpc_ids   = ["vpc-0123456789abcdef0", "vpc-123"]
  }
  expect_failures = [var.spoke_vpc_ids]
}
