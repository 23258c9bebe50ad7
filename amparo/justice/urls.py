from django.urls import path

from amparo.core.routes import FORM, READS, SIGNED_IN, WRITES
from amparo.justice.views import caseload, events, legal_case

LEGAL = "legal/<int:pk>/"

urlpatterns = [
    path("legal/", caseload.legal_caseload, name="legal_caseload"),
    path("legal/hearings/", caseload.hearing_calendar, name="legal_hearings"),
    path(
        "legal/hearings/awaiting-outcome/",
        caseload.hearings_awaiting,
        name="legal_hearings_awaiting",
    ),
    path("legal/new/", caseload.legal_case_new, name="legal_case_new"),
    path(LEGAL, legal_case.legal_case_detail, name="legal_case"),
    path(LEGAL + "close/", events.legal_case_close, name="legal_case_close"),
    path(LEGAL + "stages/new/", events.stage_record, name="legal_stage_record"),
    path(
        LEGAL + "stages/<int:event_pk>/correct/", events.stage_correct, name="legal_stage_correct"
    ),
    path(LEGAL + "accused/new/", events.accused_add, name="legal_accused_add"),
    path(
        LEGAL + "accused/<int:accused_pk>/identity/",
        legal_case.accused_reveal,
        name="legal_accused_reveal",
    ),
    path(
        LEGAL + "accused/<int:accused_pk>/charges/new/",
        events.charge_add,
        name="legal_charge_add",
    ),
    path(LEGAL + "charges/<int:charge_pk>/verdict/", events.verdict_record, name="legal_verdict"),
    path(
        LEGAL + "charges/<int:charge_pk>/sentence/",
        events.sentence_record,
        name="legal_sentence",
    ),
    path(LEGAL + "hearings/new/", events.hearing_schedule, name="legal_hearing_schedule"),
    path(
        LEGAL + "hearings/<int:hearing_pk>/outcome/",
        events.hearing_outcome,
        name="legal_hearing_outcome",
    ),
    path(
        LEGAL + "hearings/<int:hearing_pk>/postpone/",
        events.hearing_postpone,
        name="legal_hearing_postpone",
    ),
    path(LEGAL + "victims/new/", events.victim_link, name="legal_victim_link"),
    path(LEGAL + "lawyers/new/", events.lawyer_assign, name="legal_lawyer_assign"),
]

# What each page shows (amparo.core.routes).
ROUTE_ACCESS = {
    "legal_caseload": SIGNED_IN,
    "legal_hearings": SIGNED_IN,
    "legal_hearings_awaiting": SIGNED_IN,
    "legal_case_new": {"GET": SIGNED_IN, "POST": WRITES},
    "legal_case": READS,
    "legal_case_close": FORM,
    "legal_stage_record": FORM,
    "legal_stage_correct": FORM,
    "legal_accused_add": FORM,
    "legal_accused_reveal": READS,
    "legal_charge_add": FORM,
    "legal_verdict": FORM,
    "legal_sentence": FORM,
    "legal_hearing_schedule": FORM,
    "legal_hearing_outcome": FORM,
    "legal_hearing_postpone": FORM,
    "legal_victim_link": FORM,
    "legal_lawyer_assign": FORM,
}
