# The example root module end to end, offline: both hub regions and both spoke regions in one apply.

mock_provider "aws" {
  alias = "hub_eu_west_3"
  mock_data "aws_region" {
    defaults = { id = "eu-west-3", name = "eu-west-3" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.eu-west-3.vpce.amazonaws.com", hosted_zone_id = "Z1DXTCH7BTVDFF" }]
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:eu-west-3:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678" }
  }
  mock_resource "aws_route53_resolver_rule" {
    defaults = { arn = "arn:aws:route53resolver:eu-west-3:111111111111:resolver-rule/rslvr-rr-0123456789abcdef0" }
  }
}

mock_provider "aws" {
  alias = "hub_us_east_1"
  mock_data "aws_region" {
    defaults = { id = "us-east-1", name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      dns_entry = [{ dns_name = "vpce-0123456789abcdef1-abcdefgh.us-east-1.vpce.amazonaws.com", hosted_zone_id = "Z7HUB22UULQXV" }]
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:us-east-1:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678" }
  }
  mock_resource "aws_route53_resolver_rule" {
    defaults = { arn = "arn:aws:route53resolver:us-east-1:111111111111:resolver-rule/rslvr-rr-0123456789abcdef0" }
  }
}

mock_provider "aws" {
  alias = "spoke_eu_west_3"
}

mock_provider "aws" {
  alias = "spoke_us_east_1"
}

run "hub_and_spoke" {
  command = apply

  assert {
    condition     = keys(output.resolver_rule_ids["us-east-1"]) == ["ec2.us-east-1.amazonaws.com", "ec2.us-east-1.api.aws", "ec2messages.us-east-1.amazonaws.com", "execute-api.us-east-1.amazonaws.com", "kms.us-east-1.amazonaws.com", "logs.us-east-1.amazonaws.com", "s3-accesspoint.us-east-1.amazonaws.com", "s3-control.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com", "ssm.us-east-1.amazonaws.com", "ssmmessages.us-east-1.amazonaws.com", "sts.us-east-1.amazonaws.com"]
    error_message = "us-east-1 shares one rule per zone, ec2's api.aws name included"
  }
  assert {
    condition     = length(output.association_ids["eu-west-3"]) == 2 * length(output.resolver_rule_ids["eu-west-3"]) && length(output.association_ids["us-east-1"]) == length(output.resolver_rule_ids["us-east-1"])
    error_message = "every spoke VPC is associated with every rule of its region"
  }
  assert {
    condition     = alltrue([for key in keys(output.association_ids["us-east-1"]) : startswith(key, "vpc-0fedcba9876543212/") && contains(keys(output.resolver_rule_ids["us-east-1"]), split("/", key)[1])])
    error_message = "associations stay in their region"
  }
}
