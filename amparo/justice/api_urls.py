"""Routes of the justice API under /api/v1/. One view per operation; ``by_method``
joins the operations that share a URL."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import READS, SIGNED_IN, WRITES
from amparo.justice.api import accused, events, hearings, legal_cases, reference

LEGAL = "legal-cases/<id:legal_case_id>/"

urlpatterns = [
    path(
        "legal-cases/",
        by_method(GET=legal_cases.LegalCaseListApi, POST=legal_cases.LegalCaseCreateApi),
        name="api-legal-cases",
    ),
    path(LEGAL, legal_cases.LegalCaseDetailApi.as_view(), name="api-legal-case"),
    path(LEGAL + "close/", legal_cases.LegalCaseCloseApi.as_view(), name="api-legal-case-close"),
    path(LEGAL + "victims/", legal_cases.VictimLinkApi.as_view(), name="api-legal-victims"),
    path(LEGAL + "lawyers/", legal_cases.LawyerAssignApi.as_view(), name="api-legal-lawyers"),
    path(
        LEGAL + "accused/",
        by_method(GET=accused.AccusedListApi, POST=accused.AccusedCreateApi),
        name="api-accused-list",
    ),
    path(
        LEGAL + "accused/<id:accused_id>/",
        accused.AccusedUpdateApi.as_view(),
        name="api-accused",
    ),
    path(
        LEGAL + "accused/<id:accused_id>/identity/reveal/",
        accused.AccusedRevealApi.as_view(),
        name="api-accused-reveal",
    ),
    path(
        LEGAL + "accused/<id:accused_id>/charges/",
        events.ChargeCreateApi.as_view(),
        name="api-charges",
    ),
    path(
        LEGAL + "charges/<id:charge_id>/verdict/",
        events.VerdictRecordApi.as_view(),
        name="api-verdict",
    ),
    path(
        LEGAL + "charges/<id:charge_id>/sentence/",
        events.SentenceRecordApi.as_view(),
        name="api-sentence",
    ),
    path(
        LEGAL + "stages/",
        by_method(GET=events.StageEventListApi, POST=events.StageEventCreateApi),
        name="api-stages",
    ),
    path(
        LEGAL + "stages/<id:event_id>/correct/",
        events.StageEventCorrectApi.as_view(),
        name="api-stage-correct",
    ),
    path(
        LEGAL + "hearings/",
        by_method(GET=hearings.HearingListApi, POST=hearings.HearingScheduleApi),
        name="api-hearings",
    ),
    path(
        LEGAL + "hearings/<id:hearing_id>/outcome/",
        hearings.HearingOutcomeApi.as_view(),
        name="api-hearing-outcome",
    ),
    path(
        LEGAL + "hearings/<id:hearing_id>/postpone/",
        hearings.HearingPostponeApi.as_view(),
        name="api-hearing-postpone",
    ),
    path(
        "hearings/upcoming/",
        hearings.UpcomingHearingListApi.as_view(),
        name="api-hearings-upcoming",
    ),
    path(
        "hearings/awaiting-outcome/",
        hearings.AwaitingOutcomeHearingListApi.as_view(),
        name="api-hearings-awaiting",
    ),
    path("courts/", reference.CourtListApi.as_view(), name="api-courts"),
    path("offences/", reference.OffenceListApi.as_view(), name="api-offences"),
]

# What each operation shows (amparo.core.routes).
ROUTE_ACCESS = {
    "api-legal-cases": {"GET": SIGNED_IN, "POST": WRITES},
    "api-legal-case": READS,
    "api-legal-case-close": WRITES,
    "api-legal-victims": WRITES,
    "api-legal-lawyers": WRITES,
    "api-accused-list": {"GET": READS, "POST": WRITES},
    "api-accused": WRITES,
    "api-accused-reveal": READS,
    "api-charges": WRITES,
    "api-verdict": WRITES,
    "api-sentence": WRITES,
    "api-stages": {"GET": READS, "POST": WRITES},
    "api-stage-correct": WRITES,
    "api-hearings": {"GET": READS, "POST": WRITES},
    "api-hearing-outcome": WRITES,
    "api-hearing-postpone": WRITES,
    "api-hearings-upcoming": SIGNED_IN,
    "api-hearings-awaiting": SIGNED_IN,
    "api-courts": SIGNED_IN,
    "api-offences": SIGNED_IN,
}
