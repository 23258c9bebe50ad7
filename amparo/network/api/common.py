"""Responses and serializers shared by the network API views."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse

from amparo.core.age import age_in_year, gbvims_band
from amparo.people.models import Survivor

MAX_ID = 10**18 - 1

READ_RESPONSES = {404: OpenApiResponse(description="Not found, or not yours to see")}
WRITE_RESPONSES = {
    400: OpenApiResponse(description="Field errors (dotted keys); nothing was written"),
    403: OpenApiResponse(description="The role, or the side of the exchange, may not do this"),
    404: OpenApiResponse(description="Not found, or not yours to see"),
}
VERSIONED_RESPONSES = {
    **WRITE_RESPONSES,
    409: OpenApiResponse(description="Stale version"),
    428: OpenApiResponse(description="Version missing"),
}


def age_band(survivor: Survivor) -> str:
    return gbvims_band(age_in_year(survivor.birth_year, timezone.localdate().year))
