# The plan-time check of a shared service against AWS's own answer (dist/terraform/modules/service-check,
# which the hub-region module calls once per service; the app stacks write the same check block per
# service). Each run mocks AWS's describe answer: when it agrees with the catalog the check passes (a
# check that failed would fail the run), when it differs the check fails (expect_failures). A real plan
# reports a failed check as a warning and goes on. Plans only, offline (mock provider).
# test/terraform-modules/service-check.test.ts runs this suite, and a differing answer without
# expect_failures to read the messages.

mock_provider "aws" {}

variables {
  service           = "ecr.dkr"
  service_name      = "com.amazonaws.eu-west-3.ecr.dkr"
  private_dns_names = ["*.dkr.ecr.eu-west-3.amazonaws.com"]
  endpoint_policy   = true
}

run "aws_agrees_with_the_catalog" {
  command = plan
  module {
    source = "../../dist/terraform/modules/service-check"
  }
  override_data {
    target = data.aws_vpc_endpoint_service.endpoint_service
    values = {
      private_dns_names             = ["*.dkr.ecr.eu-west-3.amazonaws.com"]
      vpc_endpoint_policy_supported = true
    }
  }
}

run "aws_lists_other_names" {
  command = plan
  module {
    source = "../../dist/terraform/modules/service-check"
  }
  override_data {
    target = data.aws_vpc_endpoint_service.endpoint_service
    values = {
      private_dns_names             = ["*.dkr.ecr.eu-west-3.amazonaws.com", "dkr.ecr.eu-west-3.api.aws"]
      vpc_endpoint_policy_supported = true
    }
  }
  expect_failures = [check.endpoint_service]
}

run "aws_refuses_endpoint_policies" {
  command = plan
  module {
    source = "../../dist/terraform/modules/service-check"
  }
  override_data {
    target = data.aws_vpc_endpoint_service.endpoint_service
    values = {
      private_dns_names             = ["*.dkr.ecr.eu-west-3.amazonaws.com"]
      vpc_endpoint_policy_supported = false
    }
  }
  expect_failures = [check.endpoint_service]
}

