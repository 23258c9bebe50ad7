from django.urls import path

from amparo.cases.views import (
    actions,
    casefile,
    caseload,
    closure,
    closure_requests,
    intake,
    members,
    rescue,
)
from amparo.core.routes import FORM, READS, SIGNED_IN, WRITES

urlpatterns = [
    path("cases/", caseload.caseload, name="caseload"),
    path("cases/intake/", intake.intake_start, name="intake_start"),
    path("cases/intake/classify/", intake.classify_preview, name="intake_classify"),
    path("cases/intake/drafts/<int:pk>/", intake.intake_resume, name="intake_resume"),
    path("cases/intake/drafts/<int:pk>/discard/", intake.intake_discard, name="intake_discard"),
    path("cases/intake/<slug:step>/", intake.intake_step, name="intake_step"),
    path("cases/<int:pk>/", casefile.case_file, name="case_file"),
    path("cases/<int:pk>/identity/", casefile.identity_reveal_view, name="identity_reveal"),
    path("cases/<int:pk>/identity/edit/", casefile.identity_edit, name="identity_edit"),
    path("cases/<int:pk>/audit/", casefile.case_audit, name="case_audit"),
    path("cases/<int:pk>/edit/", actions.case_edit, name="case_edit"),
    # The one way to close a case: it shows what the closure checks say first.
    path("cases/<int:pk>/close/", closure.case_close, name="case_close"),
    path(
        "cases/<int:pk>/closure-requests/new/",
        closure_requests.closure_request_new,
        name="closure_request_new",
    ),
    path(
        "cases/<int:pk>/closure-requests/<int:request_pk>/",
        closure_requests.closure_request_detail,
        name="closure_request_detail",
    ),
    path("cases/<int:pk>/survivor/", actions.survivor_edit, name="survivor_edit"),
    path("cases/<int:pk>/incidents/new/", actions.incident_add, name="incident_add"),
    path(
        "cases/<int:pk>/incidents/<int:incident_id>/edit/",
        actions.incident_edit,
        name="incident_edit",
    ),
    path("cases/<int:pk>/notes/new/", actions.note_add, name="note_add"),
    path("cases/<int:pk>/family/new/", actions.family_add, name="family_add"),
    path("cases/<int:pk>/flags/new/", actions.flag_raise, name="flag_raise"),
    path("cases/<int:pk>/flags/<int:flag_pk>/resolve/", members.flag_resolve, name="flag_resolve"),
    path("cases/<int:pk>/consents/new/", actions.consent_add, name="consent_add"),
    path(
        "cases/<int:pk>/consents/<int:consent_pk>/withdraw/",
        members.consent_withdraw,
        name="consent_withdraw",
    ),
    path("cases/<int:pk>/assignments/new/", members.assign, name="assign"),
    path(
        "cases/<int:pk>/assignments/<int:assignment_pk>/end/",
        members.unassign,
        name="unassign",
    ),
    path("rescues/", rescue.rescue_list, name="rescue_list"),
    path("rescues/new/", rescue.rescue_new, name="rescue_new"),
    path("rescues/<int:pk>/", rescue.rescue_detail, name="rescue_detail"),
    path("rescues/<int:pk>/intake/", intake.intake_from_rescue, name="intake_from_rescue"),
    path("rescues/<int:pk>/register/", rescue.rescue_quick_register, name="rescue_quick_register"),
]

# What each page shows (amparo.core.routes). The intake steps show only what
# the user is typing, so they are the write they build.
ROUTE_ACCESS = {
    # The filter posts: a POST may be a search by name, which ties a name to cases.
    "caseload": {"GET": SIGNED_IN, "POST": READS},
    "intake_start": WRITES,
    "intake_classify": SIGNED_IN,
    "intake_step": WRITES,
    "case_file": READS,
    "identity_reveal": READS,
    "identity_edit": FORM,
    "case_audit": READS,
    "case_edit": FORM,
    "case_close": FORM,
    "closure_request_new": FORM,
    # Shows the requester's justification (about the survivor); a supervisor's POST decides.
    "closure_request_detail": FORM,
    "survivor_edit": FORM,
    "incident_add": FORM,
    "incident_edit": FORM,
    "note_add": FORM,
    "family_add": FORM,
    "flag_raise": FORM,
    "flag_resolve": WRITES,
    "consent_add": FORM,
    "consent_withdraw": FORM,
    "assign": WRITES,
    "unassign": FORM,
    "rescue_list": SIGNED_IN,
    "rescue_new": WRITES,
    "rescue_detail": SIGNED_IN,
    "intake_from_rescue": WRITES,
    # What a person typed into an intake in progress; a colleague's opening is audited
    # against the draft (there is no case yet).
    "intake_resume": WRITES,
    "intake_discard": WRITES,
    "rescue_quick_register": WRITES,
}
