"""
moto's server (`python3 -m moto.server`) with two of its gaps closed, for tests that READ what Terraform
applied the way AWS would answer (test/emulator/live-verify.emulator.ts). Arguments as moto.server's.

- A hosted zone created with a VPC is private and associated with that VPC, as in AWS. moto reads
  "private" from HostedZoneConfig.PrivateZone only, which the AWS provider never sends (it sends the VPC
  element), so it stores our zones public and without VPCs, and ListHostedZonesByVPC finds none.
- moto's resolver lists (ListResolverRuleAssociations, ListResolverEndpoints, ListResolverRules, ...)
  sort by name and fail (HTTP 500, None < None) once two resources have no name, as Terraform's rule
  associations have; here unnamed ones sort after the named ones.

Nothing else changes: every other answer is moto's own.
"""
import builtins

from moto.route53.responses import Route53
from moto.route53resolver import models as resolver_models
from moto.server import main

_get_bool_param = Route53._get_bool_param


def _private_when_vpc_given(self, name, *args, **kwargs):
    if name == "HostedZoneConfig.PrivateZone" and self._get_param("VPC.VPCId"):
        return True
    return _get_bool_param(self, name, *args, **kwargs)


Route53._get_bool_param = _private_when_vpc_given


def _sorted_names_first(iterable, key=None, reverse=False):
    """sorted() as moto's resolver uses it (by name), with unnamed resources after the named ones."""
    if key is None:
        return builtins.sorted(iterable, reverse=reverse)
    return builtins.sorted(iterable, key=lambda x: (key(x) is None, key(x) or ""), reverse=reverse)


# The module's own name wins over the builtin for every sorted() call in it.
resolver_models.sorted = _sorted_names_first

if __name__ == "__main__":
    main()
