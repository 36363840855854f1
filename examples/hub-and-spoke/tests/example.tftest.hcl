# The example root module end to end, offline: both hub regions and both spoke regions in one plan. A
# plan, not an apply: the hubs do not exist yet, and every key asserted below must already be known.

mock_provider "aws" {
  alias = "hub_eu_west_3"
  mock_data "aws_region" {
    defaults = { id = "eu-west-3", name = "eu-west-3" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
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
}

# The hubs' plan-time checks against AWS's answer are tested in service-check.tftest.hcl; a mock
# provider's answer would fail them here.
override_module {
  target = module.hub_eu_west_3.module.service_checks
}

override_module {
  target = module.hub_us_east_1.module.service_checks
}

mock_provider "aws" {
  alias = "spoke_eu_west_3"
}

mock_provider "aws" {
  alias = "spoke_us_east_1"
}

run "hub_and_spoke" {
  command = plan

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
