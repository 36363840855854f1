# The spoke modules of the Route 53 Profile and zone-association mechanisms on their own, offline (mock
# provider): each takes the hub output its mechanism publishes, associates what it should with every VPC,
# keyed by names, and refuses what the configuration refuses.

mock_provider "aws" {}

variables {
  vpc_ids = ["vpc-0123456789abcdef1", "vpc-0123456789abcdef0"]
}

run "spoke_profile" {
  command = apply
  module {
    source = "../../dist/terraform/modules/spoke-profile"
  }
  variables {
    route53_profile_id = "rp-0123456789abcdef"
    tags               = { owner = "network-team" }
  }

  assert {
    condition     = keys(aws_route53profiles_association.this) == ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"]
    error_message = "one Profile association per VPC, keyed by VPC id"
  }
  assert {
    condition = alltrue([
      for vpc, association in aws_route53profiles_association.this :
      association.profile_id == "rp-0123456789abcdef" && association.resource_id == vpc && association.name == "vpce-share-${vpc}"
    ])
    error_message = "each association ties the hub's Profile to its VPC, named after the VPC"
  }
  assert {
    condition     = aws_route53profiles_association.this["vpc-0123456789abcdef0"].tags["owner"] == "network-team"
    error_message = "tags reach every association"
  }
  assert {
    condition     = keys(output.association_ids) == ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"]
    error_message = "association ids are published by VPC id"
  }
}

run "spoke_zone_association" {
  command = apply
  module {
    source = "../../dist/terraform/modules/spoke-zone-association"
  }
  variables {
    private_hosted_zone_ids = {
      "dkr.ecr.eu-west-3.amazonaws.com" = "Z0123456789ABCDEFDKR"
      "ec2.eu-west-3.amazonaws.com"     = "Z0123456789ABCDEFEC2"
    }
  }

  assert {
    condition = toset(keys(aws_route53_zone_association.this)) == toset([
      "vpc-0123456789abcdef0/dkr.ecr.eu-west-3.amazonaws.com", "vpc-0123456789abcdef0/ec2.eu-west-3.amazonaws.com",
      "vpc-0123456789abcdef1/dkr.ecr.eu-west-3.amazonaws.com", "vpc-0123456789abcdef1/ec2.eu-west-3.amazonaws.com",
    ])
    error_message = "one association per (VPC, zone), keyed by \"<vpc>/<domain>\""
  }
  assert {
    condition = alltrue([
      for key, association in aws_route53_zone_association.this :
      association.zone_id == var.private_hosted_zone_ids[split("/", key)[1]] && association.vpc_id == split("/", key)[0]
    ])
    error_message = "each association uses its domain's zone and its VPC"
  }
  assert {
    condition     = contains(keys(output.association_ids), "vpc-0123456789abcdef1/ec2.eu-west-3.amazonaws.com")
    error_message = "association ids are published by key"
  }
}

run "spoke_profile_malformed_vpc_id_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/spoke-profile"
  }
  variables {
    vpc_ids            = ["vpc-0123456789abcdef0", "vpc-xyz"]
    route53_profile_id = "rp-0123456789abcdef"
  }
  expect_failures = [var.vpc_ids]
}

run "spoke_profile_vpc_listed_twice_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/spoke-profile"
  }
  variables {
    vpc_ids            = ["vpc-0123456789abcdef0", "vpc-0123456789abcdef0"]
    route53_profile_id = "rp-0123456789abcdef"
  }
  expect_failures = [var.vpc_ids]
}

run "spoke_zone_association_malformed_vpc_id_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/spoke-zone-association"
  }
  variables {
    vpc_ids                 = ["vpc-0123456789ABCDEF0"]
    private_hosted_zone_ids = { "ec2.eu-west-3.amazonaws.com" = "Z0123456789ABCDEFEC2" }
  }
  expect_failures = [var.vpc_ids]
}
