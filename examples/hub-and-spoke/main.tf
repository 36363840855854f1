# A complete root module that uses the vpce-share Terraform modules from HCL: the hubs of
# config/example.json (two regions, hub account) and its data-platform spoke (both regions, spoke
# account), in one configuration. The tests plan it next to the cdktf stacks and compare the two.
# (With Terraform Cloud you would split hubs and spokes into workspaces; see the project README.)

terraform {
  required_version = ">= 1.5.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 7.0.0"
    }
  }
}

variable "spoke_role_arn" {
  type        = string
  default     = null
  description = "Role that Terraform assumes in the spoke account (null: the hub's credentials)."
}

locals {
  share_with         = ["arn:aws:organizations::111111111111:ou/o-a1b2c3d4e5/ou-ab12-cdef3456"]
  organization_cidrs = ["10.0.0.0/8"]
  tags               = { owner = "network-team" }
}

provider "aws" {
  alias               = "hub_eu_west_3"
  region              = "eu-west-3"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "hub_us_east_1"
  region              = "us-east-1"
  allowed_account_ids = ["111111111111"]
}

provider "aws" {
  alias               = "spoke_eu_west_3"
  region              = "eu-west-3"
  allowed_account_ids = ["333333333333"]
  dynamic "assume_role" {
    for_each = var.spoke_role_arn == null ? [] : [var.spoke_role_arn]
    content {
      role_arn = assume_role.value
    }
  }
}

provider "aws" {
  alias               = "spoke_us_east_1"
  region              = "us-east-1"
  allowed_account_ids = ["333333333333"]
  dynamic "assume_role" {
    for_each = var.spoke_role_arn == null ? [] : [var.spoke_role_arn]
    content {
      role_arn = assume_role.value
    }
  }
}

module "hub_eu_west_3" {
  source    = "../../dist/terraform/modules/hub-region"
  providers = { aws = aws.hub_eu_west_3 }

  vpc_id               = "vpc-0a1b2c3d4e5f67890"
  subnet_ids           = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  inbound_resolver_ips = ["10.10.1.10", "10.10.2.10"]
  services             = ["ec2", "sts", "ssm", "ecr.api", "ecr.dkr"]
  organization_cidrs   = local.organization_cidrs
  share_with           = local.share_with
  tags                 = local.tags
}

module "hub_us_east_1" {
  source    = "../../dist/terraform/modules/hub-region"
  providers = { aws = aws.hub_us_east_1 }

  vpc_id               = "vpc-0b1c2d3e4f5a67890"
  subnet_ids           = ["subnet-0b1c2d3e4f5a60001", "subnet-0b1c2d3e4f5a60002", "subnet-0b1c2d3e4f5a60003"]
  inbound_resolver_ips = ["10.20.1.10", "10.20.2.10", "10.20.3.10"]
  services             = ["ec2", "sts", "ssm", "ssmmessages", "ec2messages", "logs", "kms", "s3", "execute-api"]
  organization_cidrs   = local.organization_cidrs
  share_with           = local.share_with
  tags                 = local.tags
}

module "spoke_eu_west_3" {
  source    = "../../dist/terraform/modules/spoke"
  providers = { aws = aws.spoke_eu_west_3 }

  vpc_ids           = ["vpc-0fedcba9876543210", "vpc-0fedcba9876543211"]
  resolver_rule_ids = module.hub_eu_west_3.resolver_rule_ids
}

module "spoke_us_east_1" {
  source    = "../../dist/terraform/modules/spoke"
  providers = { aws = aws.spoke_us_east_1 }

  vpc_ids           = ["vpc-0fedcba9876543212"]
  resolver_rule_ids = module.hub_us_east_1.resolver_rule_ids
}

output "resolver_rule_ids" {
  description = "Shared rule id per zone domain, per hub region."
  value = {
    "eu-west-3" = module.hub_eu_west_3.resolver_rule_ids
    "us-east-1" = module.hub_us_east_1.resolver_rule_ids
  }
}

output "association_ids" {
  description = "Spoke association id per \"<vpc id>/<zone domain>\", per region."
  value = {
    "eu-west-3" = module.spoke_eu_west_3.association_ids
    "us-east-1" = module.spoke_us_east_1.association_ids
  }
}
