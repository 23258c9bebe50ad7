"""Releases in the API: the list with the privacy-budget ledger, drafting, one release with
its content and checks, and the actions (approve, rebuild, discard, correct). No operation
changes a published release: a correction is a new draft."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView, VocabField
from amparo.programmes.measures import MEASURES
from amparo.programmes.selectors import releases as selectors
from amparo.programmes.selectors.access import programme_get_for_user
from amparo.programmes.services import releases as services
from amparo.programmes.vocab import Breakdown, PeriodSplit

READERS = (Perm.AGGREGATES, Perm.PROGRAMMES, Perm.APPROVE_RELEASES)
TAGS = ["releases"]
READ_RESPONSES = {404: OpenApiResponse(description="Not found, or not yours to see")}
WRITE_RESPONSES = {
    400: OpenApiResponse(description="Field errors; nothing was written"),
    403: OpenApiResponse(description="The role or organisation may not do this"),
    404: OpenApiResponse(description="Not found, or not yours to see"),
}


class ReleaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(allow_null=True)
    title = serializers.CharField()
    status = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    split = serializers.CharField()
    breakdown = serializers.CharField()
    measures = serializers.ListField(child=serializers.CharField())
    min_cell = serializers.IntegerField()
    rounding_base = serializers.IntegerField()
    epsilon = serializers.DecimalField(max_digits=6, decimal_places=3, allow_null=True)
    supersedes = serializers.IntegerField(source="supersedes_id", allow_null=True)
    change_note = serializers.CharField()
    drafted_by = serializers.IntegerField(source="drafted_by_id")
    approved_by = serializers.IntegerField(source="approved_by_id", allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    discarded_at = serializers.DateTimeField(allow_null=True)


class ReleaseOutputSerializer(ReleaseSummarySerializer):
    content = serializers.JSONField(help_text="Exactly what is (or will be) published: schema 1.")
    checks = serializers.JSONField(
        help_text="The differencing check's findings: cells, versions, group size. Empty: safe."
    )


class LedgerEntrySerializer(serializers.Serializer):
    version = serializers.IntegerField(source="release.version")
    epsilon = serializers.DecimalField(max_digits=6, decimal_places=3)
    spent_at = serializers.DateTimeField()


class LedgerSerializer(serializers.Serializer):
    budget = serializers.DecimalField(max_digits=6, decimal_places=3)
    spent = serializers.DecimalField(max_digits=6, decimal_places=3)
    remaining = serializers.DecimalField(max_digits=6, decimal_places=3)
    entries = LedgerEntrySerializer(many=True)


class ReleaseListSerializer(serializers.Serializer):
    ledger = LedgerSerializer()
    releases = ReleaseSummarySerializer(many=True)


class ReleaseListApi(ApiView):
    required_perms = READERS

    @extend_schema(
        tags=TAGS,
        summary="A programme's releases (drafts only to their makers) and its privacy budget",
        responses={200: ReleaseListSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        data = {
            "ledger": selectors.budget_ledger(programme=programme),
            "releases": selectors.releases_for_user(user=request.user, programme=programme),
        }
        return Response(ReleaseListSerializer(data).data)


class ReleaseDraftApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=200, allow_blank=True)
        period_start = serializers.DateField()
        period_end = serializers.DateField()
        measures = serializers.ListField(
            child=serializers.ChoiceField(choices=list(MEASURES)), max_length=len(MEASURES)
        )
        split = VocabField(vocab=PeriodSplit, required=False, default=PeriodSplit.WHOLE)
        breakdown = VocabField(vocab=Breakdown, required=False, default=Breakdown.NONE)
        min_cell = serializers.IntegerField(required=False, min_value=1, max_value=10**6)
        rounding_base = serializers.IntegerField(required=False, min_value=1, max_value=10**6)
        epsilon = serializers.DecimalField(
            max_digits=6, decimal_places=3, required=False, allow_null=True
        )

    @extend_schema(
        tags=TAGS,
        summary="Draft a release: its figures are built and checked, nothing is public yet",
        request=InputSerializer,
        responses={201: ReleaseOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_user(user=request.user, programme_id=programme_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        release = services.release_draft(
            actor=request.user, programme_id=programme_id, **serializer.validated_data
        )
        return Response(ReleaseOutputSerializer(release).data, status=status.HTTP_201_CREATED)


class ReleaseDetailApi(ApiView):
    required_perms = READERS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="One release with its content and the differencing check",
        responses={200: ReleaseOutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, release_id: int) -> Response:
        release = selectors.release_get_for_user(user=request.user, release_id=release_id)
        return Response(ReleaseOutputSerializer(release).data)


class ReleaseApproveApi(ApiView):
    required_perms = (Perm.APPROVE_RELEASES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Approve and publish a draft (not its drafter); it is never edited afterwards",
        request=None,
        responses={200: ReleaseOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, release_id: int) -> Response:
        release = services.release_approve(actor=request.user, release_id=release_id)
        return Response(ReleaseOutputSerializer(release).data)


class ReleaseRebuildApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Compute a draft's figures again (new noise), checked against what is published",
        request=None,
        responses={200: ReleaseOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, release_id: int) -> Response:
        release = services.release_rebuild(actor=request.user, release_id=release_id)
        return Response(ReleaseOutputSerializer(release).data)


class ReleaseDiscardApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Set a draft aside: it is kept, never deleted, and can no longer be approved",
        request=None,
        responses={200: ReleaseOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, release_id: int) -> Response:
        release = services.release_discard(actor=request.user, release_id=release_id)
        return Response(ReleaseOutputSerializer(release).data)


class ReleaseCorrectApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        change_note = serializers.CharField(max_length=2000, allow_blank=True)

    @extend_schema(
        tags=TAGS,
        summary="Draft a correction of a published release: the next version, saying what changed",
        request=InputSerializer,
        responses={201: ReleaseOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, release_id: int) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        release = services.release_correct(
            actor=request.user,
            release_id=release_id,
            change_note=serializer.validated_data["change_note"],
        )
        return Response(ReleaseOutputSerializer(release).data, status=status.HTTP_201_CREATED)
