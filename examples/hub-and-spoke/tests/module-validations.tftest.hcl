# The hub-region module refuses what the configuration refuses: the same patterns (built from the
# configuration schema) in variable validations, and preconditions for what relates several inputs.
# Each refusal has a run that expects it; the runs without expect_failures show what is accepted.
# Plans only, offline (mock provider).

# The plan-time checks against AWS's answer are tested in service-check.tftest.hcl; a mock provider's
# answer would fail them here.
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
}

variables {
  vpc_id             = "vpc-0a1b2c3d4e5f67890"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  services           = ["ec2"]
  organization_cidrs = ["10.0.0.0/8"]
  share_with         = ["arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5"]
}


run "short_organization_id_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    # Organization ids have 10 to 32 characters after "o-", as in the configuration's organization.arn.
    share_with = ["arn:aws:organizations::111111111111:organization/o-abc"]
  }
  expect_failures = [var.share_with]
}

run "account_ids_without_organization_id_are_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    # Without an organization, no endpoint policy could name it: the endpoints would admit anyone.
    share_with = ["222222222222"]
  }
  expect_failures = [aws_security_group.endpoints]
}

run "account_ids_with_organization_id" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    share_with      = ["222222222222", "333333333333"]
    organization_id = "o-a1b2c3d4e5"
  }

  assert {
    condition = alltrue([
      for endpoint in aws_vpc_endpoint.this : jsondecode(endpoint.policy).Statement[0].Condition.StringEquals["aws:PrincipalOrgID"] == "o-a1b2c3d4e5"
    ])
    error_message = "every endpoint admits only principals of organization_id"
  }
}

run "share_with_of_another_organization_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    organization_id = "o-a1b2c3d4e5"
    share_with      = ["arn:aws:organizations::999999999999:ou/o-zz99887766/ou-zz99-zzzz9999"]
  }
  expect_failures = [aws_ram_principal_association.rules]
}

run "share_with_of_two_organizations_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    share_with = [
      "arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5",
      "arn:aws:organizations::999999999999:ou/o-zz99887766/ou-zz99-zzzz9999",
    ]
  }
  expect_failures = [aws_ram_principal_association.rules]
}

run "any_network_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    organization_cidrs = ["0.0.0.0/0"]
  }
  expect_failures = [aws_vpc_security_group_ingress_rule.endpoints_https]
}

run "any_network_with_a_reason" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    organization_cidrs = ["0.0.0.0/0"]
    any_network_reason = "the hub VPC is reachable only through the organization's transit gateway"
  }

  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.endpoints_https) == ["0.0.0.0/0"]
    error_message = "a reasoned opt-in opens the endpoints to any network"
  }
}

run "any_network_reason_too_short_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    any_network_reason = "because"
  }
  expect_failures = [var.any_network_reason]
}

run "inbound_ip_outside_organization_cidrs_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    inbound_resolver_ips = ["192.168.1.10", "10.10.2.10"]
  }
  expect_failures = [aws_route53_resolver_endpoint.inbound]
}

run "inbound_ips_fewer_than_subnets_are_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    subnet_ids           = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"]
    inbound_resolver_ips = ["10.10.1.10", "10.10.2.10"]
  }
  expect_failures = [aws_route53_resolver_endpoint.inbound]
}

run "malformed_subnet_id_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    subnet_ids = ["subnet-0a1b2c3d4e5f60001", "subnet-xyz"]
  }
  expect_failures = [var.subnet_ids]
}

# Availability per region: a service that the catalog's describe snapshot of the region does not list
# (bedrock in eu-west-3, September 2023) is refused, as the configuration refuses it.
run "service_not_offered_in_the_region_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["ec2", "bedrock"]
  }
  expect_failures = [aws_vpc_endpoint.this]
}

run "service_not_offered_but_declared_in_custom_services" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["ec2", "bedrock"]
    custom_services = {
      bedrock = {
        service_name      = "com.amazonaws.{region}.bedrock"
        private_dns_names = ["bedrock.{region}.amazonaws.com"]
      }
    }
  }
}

# custom_services: what the configuration's customServices refuses, as far as Terraform can tell.
run "custom_service_with_a_malformed_name_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services        = ["Acme_API"]
    custom_services = { Acme_API = { service_name = "com.example.acme", private_dns_names = ["api.acme.example.com"] } }
  }
  expect_failures = [var.custom_services]
}

run "custom_service_without_names_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services        = ["acme-api"]
    custom_services = { acme-api = { service_name = "com.example.acme", private_dns_names = [] } }
  }
  expect_failures = [var.custom_services]
}

run "custom_service_enclosing_an_aws_dns_suffix_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services        = ["acme-api"]
    custom_services = { acme-api = { service_name = "com.example.acme", private_dns_names = ["*.amazonaws.com"] } }
  }
  expect_failures = [var.custom_services]
}

run "custom_service_at_a_region_apex_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services        = ["acme-api"]
    custom_services = { acme-api = { service_name = "com.example.acme", private_dns_names = ["{region}.vpce.amazonaws.com"] } }
  }
  expect_failures = [var.custom_services]
}

run "custom_service_with_the_zone_of_a_catalog_service_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    # sts is not shared here, but the rule for its zone would still send its names to this endpoint.
    services        = ["ec2", "acme-api"]
    custom_services = { acme-api = { service_name = "com.example.acme", private_dns_names = ["sts.{region}.amazonaws.com"] } }
  }
  expect_failures = [aws_route53_zone.this]
}

run "custom_service_enclosing_a_shared_zone_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["acme-api", "acme-auth"]
    custom_services = {
      acme-api  = { service_name = "com.example.acme.api", private_dns_names = ["acme.example.com"] }
      acme-auth = { service_name = "com.example.acme.auth", private_dns_names = ["auth.acme.example.com"] }
    }
  }
  expect_failures = [aws_route53_zone.this]
}
