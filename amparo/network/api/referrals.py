"""Referrals: the inbox and the sent list, sending from a case, and reading one.
(Answering one is in ``amparo.network.api.answers``.)

What each side reads is decided here from the selectors' answers: the
sender sees its own case; the receiver of a pending referral sees only what
is needed to decide (services, urgency, sections offered, who sends it, the
survivor's sex and age band), and the pseudonym and message once it accepts.
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.delivery import ServiceOutputSerializer
from amparo.aftercare.api.facilities import PlacementOutputSerializer
from amparo.aftercare.vocab import ServiceType
from amparo.core.api import Pagination, with_etag
from amparo.core.api_base import (
    PAGE_PARAMETERS,
    ApiView,
    VocabField,
    paginated_schema,
)
from amparo.network import selectors, selectors_partner, vocab
from amparo.network.api.common import (
    LIST_RESPONSES,
    MAX_ID,
    READ_RESPONSES,
    WRITE_RESPONSES,
    age_band,
    case_from_body,
    refused,
)
from amparo.network.api.partner_records import (
    PartnerAssessmentOutputSerializer,
    PartnerCarePlanOutputSerializer,
)
from amparo.network.inputs import ReferralInput
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.services.referrals import MAX_MESSAGE_LENGTH, MAX_TRIAGE_LENGTH
from amparo.people.vocab import Section

SENT, RECEIVED = "sent", "received"


class ReferralSurvivorSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(
        allow_null=True, help_text="Null for the receiver until it accepts."
    )
    sex = serializers.CharField()
    age_band = serializers.CharField()


class ReferralSummarySerializer(serializers.Serializer):
    """A referral as the case file lists it: nothing of the survivor, nothing of the answer."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=vocab.ReferralStatus.choices)
    urgency = serializers.ChoiceField(choices=vocab.Urgency.choices)
    services = serializers.ListField(child=serializers.ChoiceField(choices=ServiceType.choices))
    sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    to_org = serializers.IntegerField(source="to_org_id")
    to_org_name = serializers.CharField(source="to_org.name")
    sent_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class ReferralOutputSerializer(ReferralSummarySerializer):
    """A referral as one side sees it; ``side`` says which.

    ``case``, ``case_code`` and ``message`` are the sender's only (the receiver
    reads the message in the shared file); ``survivor.pseudonym`` reaches the
    receiver only while the referral is live: accepted, and its consent and
    agreement current (``context["live"]``, the ids that are).
    """

    side = serializers.SerializerMethodField()
    from_org = serializers.IntegerField(source="from_org_id")
    from_org_name = serializers.CharField(source="from_org.name")
    case = serializers.SerializerMethodField()
    case_code = serializers.SerializerMethodField()
    survivor = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    decline_reason = serializers.ChoiceField(
        choices=vocab.DeclineReason.choices, allow_blank=True, help_text="Blank unless declined."
    )
    response_note = serializers.CharField()
    assigned_to = serializers.IntegerField(source="assigned_to_id", allow_null=True)
    assigned_to_name = serializers.CharField(
        source="assigned_to.full_name", allow_null=True, default=None
    )
    end_reason = serializers.ChoiceField(
        choices=vocab.EndReason.choices,
        allow_blank=True,
        help_text="Blank unless access ended before the referral was completed.",
    )
    end_note = serializers.CharField()

    def _is_sender(self, referral: Referral) -> bool:
        # Lists name their side; a single referral is asked of the access rules once.
        sides = self.context.setdefault("sides", {})
        if referral.pk not in sides:
            side = self.context.get("side")
            if side is None:
                is_sender, _is_receiver = selectors.referral_sides(
                    user=self.context["user"], referral=referral
                )
                side = SENT if is_sender else RECEIVED
            sides[referral.pk] = side
        return sides[referral.pk] == SENT

    def _shows_survivor(self, referral: Referral) -> bool:
        if self._is_sender(referral):
            return True
        live = self.context.get("live")
        if live is None:
            live = self.context["live"] = selectors.live_referral_ids([referral.pk])
        return referral.pk in live

    def _pseudonym(self, referral: Referral) -> str:
        if self._is_sender(referral):
            return referral.case.survivor.pseudonym
        return selectors.received_pseudonym(referral)

    @extend_schema_field(serializers.ChoiceField(choices=[SENT, RECEIVED]))
    def get_side(self, referral: Referral) -> str:
        return SENT if self._is_sender(referral) else RECEIVED

    def get_case(self, referral: Referral) -> int | None:
        return referral.case_id if self._is_sender(referral) else None

    def get_case_code(self, referral: Referral) -> str | None:
        return referral.case.code if self._is_sender(referral) else None

    @extend_schema_field(ReferralSurvivorSerializer)
    def get_survivor(self, referral: Referral) -> dict:
        survivor = referral.case.survivor
        return {
            "pseudonym": self._pseudonym(referral) if self._shows_survivor(referral) else None,
            "sex": survivor.sex,
            "age_band": age_band(survivor),
        }

    def get_message(self, referral: Referral) -> str | None:
        # The receiver reads the message with the shared file (``shared/``), where the read
        # is audited; a list or a detail never carries it to that side.
        return referral.message if self._is_sender(referral) else None


class ReferralDetailOutputSerializer(ReferralOutputSerializer):
    # On the detail only, whose read is audited; to both sides, whatever the status.
    triage_note = serializers.CharField(
        help_text="The sender's note for triage, read by the partner before answering."
    )
    partner_services = serializers.SerializerMethodField(
        help_text="The sender's view of services the partner recorded; null for the receiver, "
        "who reads them in the shared file."
    )

    placements = serializers.SerializerMethodField(
        help_text="Placements in the receiver's own facilities under this referral, for both "
        "sides once the receiver may read the file; null while pending or once access ended."
    )

    assessments = serializers.SerializerMethodField(
        help_text="Restoration assessments the receiver made under this referral (date, "
        "organisation, domain scores), for both sides as ``placements`` are."
    )
    care_plans = serializers.SerializerMethodField(
        help_text="Versions of the receiver's own care plan under this referral (status, "
        "goals, next review), for both sides as ``placements`` are."
    )

    def _partner_reads(self, referral: Referral) -> bool:
        # The sender always; the receiver while it may read the file (asked once).
        return self._shows_survivor(referral)

    @extend_schema_field(PartnerAssessmentOutputSerializer(many=True, allow_null=True))
    def get_assessments(self, referral: Referral) -> list[dict] | None:
        if not self._partner_reads(referral):
            return None
        found = selectors_partner.partner_assessments_for_referral(referral=referral)
        return PartnerAssessmentOutputSerializer(found, many=True).data

    @extend_schema_field(PartnerCarePlanOutputSerializer(many=True, allow_null=True))
    def get_care_plans(self, referral: Referral) -> list[dict] | None:
        if not self._partner_reads(referral):
            return None
        found = selectors_partner.partner_care_plans_for_referral(referral=referral)
        return PartnerCarePlanOutputSerializer(found, many=True).data

    @extend_schema_field(PlacementOutputSerializer(many=True, allow_null=True))
    def get_placements(self, referral: Referral) -> list[dict] | None:
        if not self._is_sender(referral) and not selectors.referral_is_live(referral=referral):
            return None
        found = selectors_partner.partner_placements_for_referral(referral=referral)
        return PlacementOutputSerializer(found, many=True).data

    @extend_schema_field(ServiceOutputSerializer(many=True, allow_null=True))
    def get_partner_services(self, referral: Referral) -> list[dict] | None:
        if not self._is_sender(referral):
            return None
        found = selectors_partner.partner_services_for_referral(referral=referral)
        return ServiceOutputSerializer(found, many=True).data


def referral_response(request: Request, referral: Referral, **kwargs: object) -> Response:
    data = ReferralDetailOutputSerializer(referral, context={"user": request.user}).data
    return with_etag(Response(data, **kwargs), referral.version)


class ReferralListApi(ApiView):
    required_perms = (Perm.REFERRALS,)

    class FilterSerializer(serializers.Serializer):
        box = serializers.ChoiceField(choices=[RECEIVED, SENT], required=False, default=RECEIVED)
        # Unlike a write's vocabulary (checked by its service), a filter is checked here:
        # an unknown value is a field error, not an empty page.
        status = serializers.ChoiceField(
            choices=vocab.ReferralStatus.choices, required=False, allow_blank=True
        )
        urgency = serializers.ChoiceField(
            choices=vocab.Urgency.choices, required=False, allow_blank=True
        )

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_list",
        summary="The organisation's received referrals (the inbox) or those it sent",
        description=(
            "Newest first, filtered as the inbox page is: ``box`` (received, the default, or "
            "sent), ``status`` and ``urgency``. Received: the pending ones, and those accepted "
            "that are yours (all of them for supervisors). Sent: those from cases you may open. "
            "A received referral carries no case and no message (read it at ``shared/``), and "
            "no pseudonym unless live (accepted, with its consent and agreement current)."
        ),
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={
            200: paginated_schema(ReferralOutputSerializer, name="PaginatedReferralList"),
            **LIST_RESPONSES,
            **refused("The role does not work referrals"),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        referrals = selectors.referral_list(
            user=request.user,
            box=data["box"],
            status=data.get("status", ""),
            urgency=data.get("urgency", ""),
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(referrals, request, view=self)
        context = {"side": data["box"], "live": selectors.live_referral_ids(r.pk for r in page)}
        rows = ReferralOutputSerializer(page, many=True, context=context).data
        return paginator.get_paginated_response(rows)


class ReferralSendApi(ApiView):
    required_perms = (Perm.REFERRALS,)

    class InputSerializer(serializers.Serializer):
        case = serializers.IntegerField(
            min_value=1, max_value=MAX_ID, help_text="Id of a case of yours that you may edit."
        )
        to_org = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        services = serializers.ListField(
            child=VocabField(vocab=ServiceType), max_length=20, help_text="At least one."
        )
        sections = serializers.ListField(
            child=VocabField(vocab=Section),
            required=False,
            max_length=20,
            help_text="Parts of the file offered; each must be covered by the survivor's "
            "current consent to share with the partner.",
        )
        urgency = VocabField(vocab=vocab.Urgency, required=False, default=vocab.Urgency.ROUTINE)
        message = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=MAX_MESSAGE_LENGTH
        )
        triage_note = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            max_length=MAX_TRIAGE_LENGTH,
            help_text="Read by the partner before it accepts, to triage: no identifying details.",
        )

    @extend_schema(
        tags=["referrals"],
        summary="Refer the survivor of a case to a partner under a current agreement",
        description=(
            "For those who work referrals and may edit the case. The partner must be under a "
            "current agreement (``GET /api/v1/cases/{case_id}/referral-partners/`` lists them, "
            "with what the survivor's consent covers for each), the survivor's current consent "
            "to share with it must cover every section offered, and the case may have only one "
            "open referral to it. The partner's referral desk is notified."
        ),
        request=InputSerializer,
        responses={201: ReferralDetailOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = case_from_body(request.user, data["case"])
        referral = services.referral_send(
            actor=request.user,
            case=case,
            data=ReferralInput(
                to_org_id=data["to_org"],
                services=data["services"],
                sections=data.get("sections", []),
                urgency=data["urgency"],
                message=data["message"],
                triage_note=data["triage_note"],
            ),
        )
        return referral_response(request, referral, status=status.HTTP_201_CREATED)


class ReferralDetailApi(ApiView):
    # A role that does not work referrals opens none: 404, as the page says.
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    @extend_schema(
        tags=["referrals"],
        summary="A referral as your side sees it",
        description=(
            "For the sending side: the referral with its case and the services the partner "
            "recorded. For the receiving side: what is needed to decide, and the pseudonym while "
            "the referral is live; the message and the file are at ``shared/``. Anyone else: 404."
        ),
        responses={200: ReferralDetailOutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, referral_id: int) -> Response:
        referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
        return referral_response(request, referral)
