"""Responses and serializers shared by the network API views."""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers

from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.cases.selectors import case_get_for_user
from amparo.core.api_base import ERROR, FIELD_ERRORS
from amparo.core.api_base import STALE_VERSION as STALE
from amparo.core.exceptions import NotFound
from amparo.people.age import survivor_age_band
from amparo.people.models import Survivor

MAX_ID = 10**18 - 1
# ERROR, FIELD_ERRORS and STALE: the error bodies of the whole API (amparo.core.api_base).

SIGNED_OUT = {401: OpenApiResponse(ERROR, description="Not signed in")}
READ_RESPONSES = {
    **SIGNED_OUT,
    404: OpenApiResponse(ERROR, description="Not found, or not yours to see"),
}
LIST_RESPONSES = {
    **SIGNED_OUT,
    400: OpenApiResponse(FIELD_ERRORS, description="Bad filters, per field"),
}
WRITE_RESPONSES = {
    **SIGNED_OUT,
    400: OpenApiResponse(
        FIELD_ERRORS, description="Field errors (dotted keys); nothing was written"
    ),
    403: OpenApiResponse(
        ERROR, description="The role, or the side of the exchange, may not do this"
    ),
    404: OpenApiResponse(ERROR, description="Not found, or not yours to see"),
}
VERSIONED_RESPONSES = {
    **WRITE_RESPONSES,
    409: OpenApiResponse(STALE, description="Stale version: nothing was written"),
    428: OpenApiResponse(ERROR, description="Version missing"),
}


def refused(description: str) -> dict:
    """The 403 of an operation the role (or a user without an organisation) may not use."""
    return {403: OpenApiResponse(ERROR, description=description)}


class VersionInputSerializer(serializers.Serializer):
    """The version the client last read (or send it as If-Match)."""

    version = serializers.IntegerField(required=False, min_value=0)


def age_band(survivor: Survivor) -> str:
    return survivor_age_band(survivor, today=timezone.localdate())


def case_from_body(user: User, case_id: int) -> Case:
    """A case named in a request body, opened for writing. Named in the body, so
    a refusal is a field error, the same for a case that does not exist."""
    try:
        return case_get_for_user(user=user, case_id=case_id, log_read=False, for_update=True)
    except NotFound:
        raise exceptions.ValidationError({"case": [_("No case of yours has this id.")]}) from None
