"""The shared file of an accepted referral, as its receiver may read it now.

Worked out on every read (``selectors.shared_file_get``): once access has
ended — completed, revoked, consent withdrawn or expired, agreement ended —
the answer is still 200, with ``live`` false, ``sections`` empty and no
content, as the page says "access has ended" rather than refusing.
"""

import datetime

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.delivery import ServiceOutputSerializer
from amparo.core.api_base import ApiView
from amparo.justice import vocab as justice_vocab
from amparo.justice.models import LegalCase
from amparo.network import selectors
from amparo.network.api.common import READ_RESPONSES, age_band
from amparo.network.api.referrals import ReferralSurvivorSerializer
from amparo.network.selectors import SharedFile
from amparo.people.vocab import Section


class ProfileSerializer(ReferralSurvivorSerializer):
    nationality = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())


class IdentitySerializer(serializers.Serializer):
    given_names = serializers.CharField()
    family_names = serializers.CharField()
    other_names = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    phone = serializers.CharField()
    address = serializers.CharField()
    national_id = serializers.CharField()


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    occurred_on = serializers.DateField()
    date_is_estimated = serializers.BooleanField()
    country = serializers.CharField()
    admin1 = serializers.CharField()
    admin2 = serializers.CharField()
    gbv_type = serializers.CharField()
    contexts = serializers.ListField(child=serializers.CharField())
    exploitation_types = serializers.ListField(child=serializers.CharField())


class LegalStatusSerializer(serializers.Serializer):
    """Where the legal case stands: never its docket number nor who is accused."""

    title = serializers.CharField()
    court_name = serializers.CharField(source="court.name")
    offence_category = serializers.CharField()
    status = serializers.CharField()
    stages = serializers.SerializerMethodField()

    def get_stages(self, legal_case: LegalCase) -> dict[str, datetime.date | None]:
        return {
            stage: getattr(legal_case, LegalCase.stage_column(stage))
            for stage in justice_vocab.STAGE_ORDER
        }


class AssessmentSerializer(serializers.Serializer):
    instrument = serializers.CharField(source="instrument.code")
    assessed_on = serializers.DateField()
    domain_scores = serializers.DictField(child=serializers.FloatField())


class GoalSerializer(serializers.Serializer):
    domain = serializers.CharField()
    description = serializers.CharField()
    target_on = serializers.DateField()
    status = serializers.CharField()


class CarePlanSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    status = serializers.CharField()
    review_due_on = serializers.DateField()
    goals = GoalSerializer(many=True, source="goals.all")


class NoteSerializer(serializers.Serializer):
    body = serializers.CharField()
    author = serializers.CharField()
    created_at = serializers.DateTimeField()


class SharedFileSerializer(serializers.Serializer):
    """The file as shared now. Each section's keys appear only when it is shared."""

    referral = serializers.IntegerField()
    reference = serializers.CharField()
    live = serializers.BooleanField(help_text="False once access has ended: nothing else follows.")
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=Section.choices),
        help_text="The sections the referral names and a current consent covers, now.",
    )
    profile = ProfileSerializer(required=False, help_text="While live: never identifying.")
    message = serializers.CharField(required=False)
    services = ServiceOutputSerializer(
        many=True, required=False, help_text="While live: every service on the case."
    )
    identity = IdentitySerializer(required=False, allow_null=True)
    narrative = serializers.CharField(required=False, help_text="With 'incidents'.")
    incidents = IncidentSerializer(many=True, required=False)
    legal_cases = LegalStatusSerializer(many=True, required=False)
    assessments = AssessmentSerializer(many=True, required=False)
    care_plans = CarePlanSerializer(many=True, required=False)
    notes = NoteSerializer(many=True, required=False)


def shared_file_data(shared: SharedFile, *, live: bool) -> dict:
    referral = shared.referral
    data: dict = {
        "referral": referral.pk,
        "reference": referral.reference,
        "live": live,
        "sections": sorted(shared.sections) if live else [],
    }
    if not live:
        return data
    survivor = referral.case.survivor
    data["profile"] = {
        "pseudonym": shared.pseudonym,
        "sex": survivor.sex,
        "age_band": age_band(survivor),
        "nationality": survivor.nationality,
        "languages": survivor.languages,
    }
    data["message"] = referral.message
    data["services"] = ServiceOutputSerializer(shared.services, many=True).data
    S = Section
    if S.IDENTITY in shared.sections:
        identity = shared.identity
        data["identity"] = IdentitySerializer(identity).data if identity else None
    if S.INCIDENTS in shared.sections:
        data["narrative"] = shared.narrative
        data["incidents"] = IncidentSerializer(shared.incidents, many=True).data
    if S.LEGAL in shared.sections:
        data["legal_cases"] = LegalStatusSerializer(shared.legal_cases, many=True).data
    if S.ASSESSMENTS in shared.sections:
        data["assessments"] = AssessmentSerializer(shared.assessments, many=True).data
    if S.CARE_PLAN in shared.sections:
        data["care_plans"] = CarePlanSerializer(shared.care_plans, many=True).data
    if S.NOTES in shared.sections:
        data["notes"] = NoteSerializer(shared.notes, many=True).data
    return data


class SharedFileApi(ApiView):
    # Read by a receiver, who works referrals; anyone else is told 404, as for the referral.
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    @extend_schema(
        tags=["referrals"],
        summary="The shared file of a referral your organisation accepted (logs a read)",
        description=(
            "Receiver only; the sender reads its own case. While the referral is live: the "
            "survivor's non-identifying profile, the message, the services on the case and "
            "each section the referral names that a current consent covers. Once access has "
            "ended (or before acceptance) the answer is 200 with live false, sections [] and "
            "nothing else."
        ),
        responses={200: SharedFileSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, referral_id: int) -> Response:
        # The shared file logs its own read, naming the sections it showed.
        referral = selectors.referral_get_for_user(
            user=request.user, referral_id=referral_id, log_read=False
        )
        shared = selectors.shared_file_get(user=request.user, referral=referral)
        return Response(shared_file_data(shared, live=shared.live))
