"""Routes of the cases API under /api/v1/. One view per operation; ``by_method``
joins the operations that share a URL."""

from django.urls import path

from amparo.cases.api import (
    cases,
    closure_requests,
    consents,
    drafts,
    incidents,
    notes,
    rescues,
    search,
    survivors,
    vocabularies,
)
from amparo.core.api_base import by_method
from amparo.core.routes import READS, SIGNED_IN, WRITES

CASE = "cases/<id:case_id>/"

urlpatterns = [
    path(
        "cases/",
        by_method(GET=cases.CaseListApi, POST=cases.CaseCreateApi),
        name="api-cases",
    ),
    path("cases/search/", search.CaseSearchApi.as_view(), name="api-cases-search"),
    path(
        CASE,
        by_method(GET=cases.CaseDetailApi, PATCH=cases.CaseUpdateApi),
        name="api-case",
    ),
    path(CASE + "close/", cases.CaseCloseApi.as_view(), name="api-case-close"),
    path(
        CASE + "closure-requests/",
        by_method(
            GET=closure_requests.ClosureRequestListApi,
            POST=closure_requests.ClosureRequestCreateApi,
        ),
        name="api-closure-requests",
    ),
    path(
        CASE + "closure-requests/<id:request_id>/approve/",
        closure_requests.ClosureRequestApproveApi.as_view(),
        name="api-closure-request-approve",
    ),
    path(
        CASE + "closure-requests/<id:request_id>/decline/",
        closure_requests.ClosureRequestDeclineApi.as_view(),
        name="api-closure-request-decline",
    ),
    path(
        CASE + "identity/reveal/",
        survivors.IdentityRevealApi.as_view(),
        name="api-identity-reveal",
    ),
    path(
        CASE + "survivor/",
        by_method(GET=survivors.SurvivorDetailApi, PATCH=survivors.SurvivorUpdateApi),
        name="api-survivor",
    ),
    path(
        CASE + "incidents/",
        by_method(GET=incidents.IncidentListApi, POST=incidents.IncidentCreateApi),
        name="api-incidents",
    ),
    path(
        CASE + "incidents/<id:incident_id>/",
        by_method(GET=incidents.IncidentDetailApi, PATCH=incidents.IncidentUpdateApi),
        name="api-incident",
    ),
    path(
        CASE + "consents/",
        by_method(GET=consents.ConsentListApi, POST=consents.ConsentGrantApi),
        name="api-consents",
    ),
    path(
        CASE + "consents/<id:consent_id>/withdraw/",
        consents.ConsentWithdrawApi.as_view(),
        name="api-consent-withdraw",
    ),
    path(
        CASE + "notes/",
        by_method(GET=notes.NoteListApi, POST=notes.NoteCreateApi),
        name="api-notes",
    ),
    path(
        "rescue-operations/",
        by_method(GET=rescues.RescueOperationListApi, POST=rescues.RescueOperationCreateApi),
        name="api-rescue-operations",
    ),
    path(
        "rescue-operations/<id:operation_id>/",
        rescues.RescueOperationDetailApi.as_view(),
        name="api-rescue-operation",
    ),
    path(
        "rescue-operations/<id:operation_id>/quick-registrations/",
        drafts.QuickRegistrationApi.as_view(),
        name="api-rescue-quick-register",
    ),
    path("intake-drafts/", drafts.DraftListApi.as_view(), name="api-intake-drafts"),
    path(
        "intake-drafts/<id:draft_id>/discard/",
        drafts.DraftDiscardApi.as_view(),
        name="api-intake-draft-discard",
    ),
    path("vocabularies/", vocabularies.VocabularyListApi.as_view(), name="api-vocabularies"),
]

# What each operation shows (amparo.core.routes).
ROUTE_ACCESS = {
    "api-cases": {"GET": SIGNED_IN, "POST": WRITES},
    # A search by name ties a legal name to the cases it finds.
    "api-cases-search": READS,
    "api-case": {"GET": READS, "PATCH": WRITES},
    "api-case-close": WRITES,
    # The justification is about the survivor: reading the list is a read of the file.
    "api-closure-requests": {"GET": READS, "POST": WRITES},
    "api-closure-request-approve": WRITES,
    "api-closure-request-decline": WRITES,
    "api-identity-reveal": READS,
    "api-survivor": {"GET": READS, "PATCH": WRITES},
    "api-incidents": {"GET": READS, "POST": WRITES},
    "api-incident": {"GET": READS, "PATCH": WRITES},
    "api-consents": {"GET": READS, "POST": WRITES},
    "api-consent-withdraw": WRITES,
    "api-notes": {"GET": READS, "POST": WRITES},
    "api-rescue-operations": {"GET": SIGNED_IN, "POST": WRITES},
    "api-rescue-operation": SIGNED_IN,
    "api-rescue-quick-register": WRITES,
    "api-intake-drafts": SIGNED_IN,
    "api-intake-draft-discard": WRITES,
    "api-vocabularies": SIGNED_IN,
}
