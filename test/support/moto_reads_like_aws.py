"""
moto's server (`python3 -m moto.server`) with three of its gaps closed, for tests that apply and READ what
Terraform applied the way AWS would answer (test/emulator/live-verify.emulator.ts,
test/emulator/zone-association.emulator.ts). Arguments as moto.server's.

- A hosted zone created with a VPC is private and associated with that VPC, as in AWS. moto reads
  "private" from HostedZoneConfig.PrivateZone only, which the AWS provider never sends (it sends the VPC
  element), so it stores our zones public and without VPCs, and ListHostedZonesByVPC finds none.
- moto's resolver lists (ListResolverRuleAssociations, ListResolverEndpoints, ListResolverRules, ...)
  sort by name and fail (HTTP 500, None < None) once two resources have no name, as Terraform's rule
  associations have; here unnamed ones sort after the named ones.
- moto has no VPC association authorizations (the hub's aws_route53_vpc_association_authorization): here
  CreateVPCAssociationAuthorization, ListVPCAssociationAuthorizations and
  DeleteVPCAssociationAuthorization (POST and GET /2013-04-01/hostedzone/{Id}/authorizevpcassociation,
  POST .../deauthorizevpcassociation) keep what AWS documents: an authorization is a zone of the caller's
  account and a VPC (id and region); creating one twice keeps one; the list answers the zone id and its
  authorized VPCs, 50 a page unless maxresults says fewer, with a NextToken; deleting one that does not
  exist answers VPCAssociationAuthorizationNotFound (HTTP 404); an unknown zone answers NoSuchHostedZone
  (HTTP 404). As in AWS, an authorization is only a permission: deleting it leaves an association made
  with it in place, and AssociateVPCWithHostedZone stays moto's own (it associates any VPC with a private
  zone of the caller's account, as AWS does within one account).

Nothing else changes: every other answer is moto's own.
"""
import builtins

from moto.core.responses import ActionResult, EmptyResult
from moto.route53 import urls as route53_urls
from moto.route53.exceptions import InvalidInput, Route53ClientError
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


class VPCAssociationAuthorizationNotFound(Route53ClientError):
    """The VPC is not authorized to be associated with the zone (HTTP 404, from the API model)."""

    def __init__(self, zone_id, vpc_id):
        super().__init__(
            "VPCAssociationAuthorizationNotFound",
            f"The VPC {vpc_id} is not authorized to be associated with the hosted zone {zone_id}.",
        )


def _authorizations(response):
    """The authorized VPCs of every zone of the caller's account: zone id -> [(vpc id, vpc region)]."""
    return response.backend.__dict__.setdefault("vpc_association_authorizations", {})


def _zone_and_vpc(response):
    # NoSuchHostedZone for an unknown zone, as every call on a zone answers.
    zone = response.backend.get_hosted_zone(response._get_param("HostedZoneId"))
    return zone.resource_id, (response._get_param("VPC.VPCId"), response._get_param("VPC.VPCRegion"))


def create_vpc_association_authorization(self):
    zone_id, vpc = _zone_and_vpc(self)
    authorized = _authorizations(self).setdefault(zone_id, [])
    if vpc not in authorized:
        authorized.append(vpc)
    return ActionResult({"HostedZoneId": zone_id, "VPC": {"VPCId": vpc[0], "VPCRegion": vpc[1]}})


def list_vpc_association_authorizations(self):
    zone_id = self.backend.get_hosted_zone(self._get_param("HostedZoneId")).resource_id
    authorized = _authorizations(self).get(zone_id, [])
    token = self._get_param("NextToken")
    if token is not None and not (token.isdigit() and 0 < int(token) < len(authorized)):
        raise Route53ClientError("InvalidPaginationToken", f"nexttoken {token} is not one this list answered")
    page = str(self._get_param("MaxResults") or 50)
    if not page.isdigit() or int(page) < 1:
        raise InvalidInput(f"maxresults must be a positive integer, not {page}")
    start = int(token or 0)
    end = start + min(int(page), 50)
    return ActionResult(
        {
            "HostedZoneId": zone_id,
            "NextToken": str(end) if end < len(authorized) else None,
            "VPCs": [{"VPCId": vpc_id, "VPCRegion": region} for vpc_id, region in authorized[start:end]],
        }
    )


def delete_vpc_association_authorization(self):
    zone_id, vpc = _zone_and_vpc(self)
    authorized = _authorizations(self).get(zone_id, [])
    if vpc not in authorized:
        raise VPCAssociationAuthorizationNotFound(zone_id, vpc[0])
    authorized.remove(vpc)
    return EmptyResult()


Route53.create_vpc_association_authorization = create_vpc_association_authorization
Route53.list_vpc_association_authorizations = list_vpc_association_authorizations
Route53.delete_vpc_association_authorization = delete_vpc_association_authorization
# The server builds its routes from this table when the first Route 53 request arrives.
for operation in ("authorizevpcassociation", "deauthorizevpcassociation"):
    route53_urls.url_paths[
        r"{0}/(?P<api_version>[\d_-]+)/hostedzone/(?P<zone_id>[^/]+)/" + operation + "$"
    ] = Route53.dispatch

if __name__ == "__main__":
    main()
