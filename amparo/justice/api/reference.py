"""Courts and the country's offence list: reference data for building forms."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.core.api_base import ApiView
from amparo.justice import selectors

MEMBERS_ONLY = {403: OpenApiResponse(description="Not a member of an organisation")}


class CourtListApi(ApiView):
    required_perms = ()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        country = serializers.CharField()
        admin1 = serializers.CharField()
        jurisdiction = serializers.CharField()

    @extend_schema(
        tags=["reference"],
        summary="Courts",
        responses={200: OutputSerializer(many=True), **MEMBERS_ONLY},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(selectors.courts(), many=True).data)


class OffenceListApi(ApiView):
    required_perms = ()

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        code = serializers.CharField()
        name = serializers.CharField(source="__str__")
        name_en = serializers.CharField()
        name_es = serializers.CharField()
        category = serializers.CharField()
        legal_reference = serializers.CharField()

    @extend_schema(
        tags=["reference"],
        summary="Offences of my organisation's country",
        responses={200: OutputSerializer(many=True), **MEMBERS_ONLY},
    )
    def get(self, request: Request) -> Response:
        offences = selectors.offences_for_user(user=request.user)
        return Response(self.OutputSerializer(offences, many=True).data)
