# The hub-region and spoke modules on their own, offline (mock provider): apply the hub, feed its
# resolver_rule_ids into the spoke, and check zones, records, rules and associations.

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
  mock_resource "aws_vpc_endpoint" {
    defaults = {
      dns_entry = [{ dns_name = "vpce-0123456789abcdef0-abcdefgh.ec2.eu-west-3.vpce.amazonaws.com", hosted_zone_id = "Z1DXTCH7BTVDFF" }]
    }
  }
  mock_resource "aws_ram_resource_share" {
    defaults = { arn = "arn:aws:ram:eu-west-3:111111111111:resource-share/0a1b2c3d-4e5f-6789-0abc-def012345678" }
  }
  mock_resource "aws_route53_resolver_rule" {
    defaults = { arn = "arn:aws:route53resolver:eu-west-3:111111111111:resolver-rule/rslvr-rr-0123456789abcdef0" }
  }
}

variables {
  vpc_id             = "vpc-0a1b2c3d4e5f67890"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
  services           = ["ec2", "ecr.dkr", "s3", "lambda"]
  organization_cidrs = ["10.0.0.0/8"]
  share_with         = ["arn:aws:organizations::111111111111:organization/o-a1b2c3d4e5"]
  tags               = { owner = "network-team" }
}

run "hub" {
  command = apply
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    inbound_resolver_ips = ["10.10.1.10", "10.10.2.10"]
  }

  assert {
    condition     = keys(aws_vpc_endpoint.this) == ["ec2", "ecr.dkr", "lambda", "s3"]
    error_message = "one endpoint per service, keyed by short name"
  }
  assert {
    condition     = aws_vpc_endpoint.this["ecr.dkr"].service_name == "com.amazonaws.eu-west-3.ecr.dkr" && !aws_vpc_endpoint.this["ecr.dkr"].private_dns_enabled
    error_message = "endpoints use the regional service name, private DNS disabled"
  }
  assert {
    condition = keys(aws_route53_zone.this) == [
      "dkr.ecr.eu-west-3.amazonaws.com",
      "ec2.eu-west-3.amazonaws.com",
      "lambda.eu-west-3.amazonaws.com",
      "lambda.eu-west-3.api.aws",
      "s3-accesspoint.eu-west-3.amazonaws.com",
      "s3-control.eu-west-3.amazonaws.com",
      "s3.eu-west-3.amazonaws.com",
    ]
    error_message = "one private hosted zone per private DNS name, wildcards without '*.'"
  }
  assert {
    condition = toset(keys(aws_route53_record.this)) == toset([
      "dkr.ecr.eu-west-3.amazonaws.com", "*.dkr.ecr.eu-west-3.amazonaws.com",
      "ec2.eu-west-3.amazonaws.com",
      "lambda.eu-west-3.amazonaws.com", "lambda.eu-west-3.api.aws",
      "s3-accesspoint.eu-west-3.amazonaws.com", "*.s3-accesspoint.eu-west-3.amazonaws.com",
      "s3-control.eu-west-3.amazonaws.com", "*.s3-control.eu-west-3.amazonaws.com",
      "s3.eu-west-3.amazonaws.com", "*.s3.eu-west-3.amazonaws.com",
    ])
    error_message = "apex records everywhere, and '*' records for wildcard names"
  }
  assert {
    condition     = aws_route53_record.this["*.dkr.ecr.eu-west-3.amazonaws.com"].alias[0].name == "vpce-0123456789abcdef0-abcdefgh.ec2.eu-west-3.vpce.amazonaws.com"
    error_message = "records alias the endpoint's regional DNS entry"
  }
  assert {
    condition     = alltrue([for rule in aws_route53_resolver_rule.this : rule.rule_type == "FORWARD" && toset([for t in rule.target_ip : "${t.ip}:${t.port}"]) == toset(["10.10.1.10:53", "10.10.2.10:53"])])
    error_message = "every rule forwards to the inbound endpoint's IPs on port 53"
  }
  assert {
    condition     = keys(aws_route53_resolver_rule.this) == keys(aws_route53_zone.this) && keys(aws_ram_resource_association.rules) == keys(aws_route53_zone.this)
    error_message = "one rule and one share association per zone"
  }
  assert {
    condition     = jsondecode(aws_vpc_endpoint.this["ec2"].policy).Statement[0].Condition.StringEquals["aws:PrincipalOrgID"] == "o-a1b2c3d4e5"
    error_message = "endpoints admit only principals of the organization named in share_with"
  }
  assert {
    condition     = aws_ram_resource_share.rules.allow_external_principals == false
    error_message = "the rules are never shared outside the organization"
  }
  assert {
    condition     = output.inbound_resolver_ips == tolist(["10.10.1.10", "10.10.2.10"])
    error_message = "the pinned inbound IPs are published"
  }
  assert {
    condition     = aws_route53_zone.this["ec2.eu-west-3.amazonaws.com"].tags["owner"] == "network-team"
    error_message = "tags reach every taggable resource"
  }
}

run "spoke" {
  command = apply
  module {
    source = "../../dist/terraform/modules/spoke"
  }
  variables {
    vpc_ids           = ["vpc-0123456789abcdef0", "vpc-0123456789abcdef1"]
    resolver_rule_ids = run.hub.resolver_rule_ids
  }

  assert {
    condition     = length(aws_route53_resolver_rule_association.this) == 2 * length(run.hub.resolver_rule_ids)
    error_message = "one association per (VPC, rule)"
  }
  assert {
    condition = alltrue([
      for key, association in aws_route53_resolver_rule_association.this :
      association.resolver_rule_id == run.hub.resolver_rule_ids[split("/", key)[1]] && association.vpc_id == split("/", key)[0]
    ])
    error_message = "each association is keyed by \"<vpc>/<domain>\" and uses that domain's rule"
  }
  assert {
    condition     = contains(keys(output.association_ids), "vpc-0123456789abcdef1/dkr.ecr.eu-west-3.amazonaws.com")
    error_message = "association ids are published by key"
  }
}

run "hub_without_pinned_ips" {
  command   = apply
  state_key = "unpinned" # a hub of its own, not an update of the pinned one
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  # Without inbound_resolver_ips, AWS assigns them; stand in for the IPs AWS would assign.
  override_resource {
    target = aws_route53_resolver_endpoint.inbound
    values = {
      # Terraform applies the mocked values to each ip_address block.
      ip_address = { ip = "10.10.0.53", ip_id = "rni-0123456789abcdef0" }
    }
  }

  assert {
    condition     = alltrue([for rule in aws_route53_resolver_rule.this : toset([for t in rule.target_ip : t.ip]) == toset(output.inbound_resolver_ips)])
    error_message = "without pinned IPs, rules follow the IPs the inbound endpoint gets"
  }
  assert {
    condition     = length(output.inbound_resolver_ips) == 2 && alltrue([for ip in output.inbound_resolver_ips : ip == "10.10.0.53"])
    error_message = "the assigned inbound IPs are published, one per subnet"
  }
}

run "unknown_service_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["ec2", "ecr-dkr"]
  }
  expect_failures = [var.services]
}

run "global_service_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["s3-global.accesspoint"]
  }
  expect_failures = [var.services]
}

run "one_subnet_is_refused" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    subnet_ids = ["subnet-0a1b2c3d4e5f60001"]
  }
  expect_failures = [var.subnet_ids]
}

# A service the catalog lacks, declared as the configuration's customServices would declare it: its own
# endpoint, zones, records and rules, the organization-only policy, and 443 alone.
run "custom_service" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["ec2", "acme-api"]
    custom_services = {
      acme-api = {
        service_name      = "com.amazonaws.vpce.{region}.vpce-svc-0123456789abcdef0"
        private_dns_names = ["*.api.acme.example.com"]
      }
    }
  }

  assert {
    condition     = aws_vpc_endpoint.this["acme-api"].service_name == "com.amazonaws.vpce.eu-west-3.vpce-svc-0123456789abcdef0"
    error_message = "the custom service's endpoint service name has the region"
  }
  assert {
    condition     = keys(aws_route53_zone.this) == ["api.acme.example.com", "ec2.eu-west-3.amazonaws.com"]
    error_message = "the custom service's wildcard name is a zone of its own"
  }
  assert {
    condition     = contains(keys(aws_route53_record.this), "*.api.acme.example.com") && contains(keys(aws_route53_record.this), "api.acme.example.com")
    error_message = "the wildcard name gets a * record and an apex record"
  }
  assert {
    condition     = jsondecode(aws_vpc_endpoint.this["acme-api"].policy).Statement[0].Sid == "OrganizationPrincipalsOnly"
    error_message = "the custom service's endpoint admits the organization's principals only"
  }
}

# A custom service named as a catalog service replaces that entry (names, policy support, ports).
run "custom_service_corrects_a_catalog_entry" {
  command = plan
  module {
    source = "../../dist/terraform/modules/hub-region"
  }
  variables {
    services = ["email-smtp"]
    custom_services = {
      email-smtp = {
        service_name      = "com.amazonaws.{region}.email-smtp"
        private_dns_names = ["email-smtp.{region}.amazonaws.com"]
        endpoint_policy   = false
      }
    }
  }

  assert {
    condition     = local.endpoints["email-smtp"].policy == null
    error_message = "endpoint_policy = false: no policy"
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.endpoints_ports) == 0
    error_message = "a custom service listens on 443 alone, as the app stacks say"
  }
}
