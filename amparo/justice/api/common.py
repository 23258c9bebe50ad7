"""Serializers and helpers shared by the justice API views."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.request import Request

from amparo.accounts.access import perm_required
from amparo.accounts.roles import Perm
from amparo.justice.models import LegalCase
from amparo.justice.selectors import legal_case_get_for_user

MAX_ID = 10**18 - 1

READ_RESPONSES = {404: OpenApiResponse(description="Not found, or not yours to see")}
WRITE_RESPONSES = {
    400: OpenApiResponse(description="Field errors; nothing was written"),
    403: OpenApiResponse(description="The role may not change legal cases"),
    404: OpenApiResponse(description="Not found, or not yours to see"),
}
VERSIONED_RESPONSES = {
    **WRITE_RESPONSES,
    409: OpenApiResponse(description="Stale version"),
    428: OpenApiResponse(description="Version missing"),
}


def legal_case_for_read(request: Request, legal_case_id: int) -> LegalCase:
    """The legal case (404 otherwise); the read is audited."""
    return legal_case_get_for_user(user=request.user, legal_case_id=legal_case_id)


def legal_case_for_write(
    request: Request, legal_case_id: int, *, perm: Perm = Perm.EDIT_CASE
) -> LegalCase:
    """404 for a legal case the user may not see, then 403 unless the role holds ``perm``.

    The view declares the door (``required_perms = CASELOAD_PERMS``, refused as
    not found): a role with no caseload never reaches a legal case. ``perm`` is
    asked here, not declared, because the order of answers needs it: a legal
    case the user may not see is 404 before a role that sees it but may not
    change it (an organisation admin) is 403, and that 403 comes ahead of any
    check of the body. Its service checks the same. The operation's own audit
    event records the access, so no separate read is logged.
    """
    legal_case = legal_case_get_for_user(
        user=request.user, legal_case_id=legal_case_id, log_read=False
    )
    perm_required(request.user, perm)
    return legal_case


class ChargeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    accused = serializers.IntegerField(source="accused_id")
    offence = serializers.IntegerField(source="offence_id")
    offence_code = serializers.CharField(source="offence.code")
    verdict = serializers.CharField()
    verdict_on = serializers.DateField(allow_null=True)
    custody_months = serializers.IntegerField(allow_null=True)
    fine_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    reparation_ordered = serializers.BooleanField()
    reparation_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    sentenced_on = serializers.DateField(allow_null=True)


class AccusedOutputSerializer(serializers.Serializer):
    """An accused person by pseudonym: the identity is only ever returned by the reveal."""

    id = serializers.IntegerField()
    pseudonym = serializers.CharField()
    sex = serializers.CharField()
    age_band = serializers.CharField()
    relation_to_victim = serializers.CharField()
    role = serializers.CharField()
    custody_status = serializers.CharField()
    version = serializers.IntegerField()
    charges = ChargeOutputSerializer(many=True, source="charges.all")
