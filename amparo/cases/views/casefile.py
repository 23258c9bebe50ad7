"""Reading a case file: the file itself, the identity reveal and its history."""

from django.core.paginator import Paginator
from django.db.models import TextChoices
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.audit.events import READ_CODES, Code
from amparo.cases import vocab
from amparo.cases.extensions import case_file_sections
from amparo.cases.forms.casefile import (
    AssignForm,
    CaseEditForm,
    FamilyMemberForm,
    FlagForm,
    IdentityEditForm,
    NoteForm,
    RevealForm,
)
from amparo.cases.kept import remember_opened_case
from amparo.cases.models import Case, Incident
from amparo.cases.selectors import (
    CASE_PERMS,
    assignable_members,
    case_audit_trail,
    case_file_get,
    case_get_for_user,
)
from amparo.cases.views.common import case_for_page, file_url, form_page
from amparo.core.views import REFUSED, form_submit, run_service
from amparo.people import vocab as people_vocab
from amparo.people.age import survivor_age_band_label
from amparo.people.inputs import IdentityInput
from amparo.people.services import identity_reveal, identity_update

AUDIT_PAGE_SIZE = 50
AUDIT_LABELS = {
    Code.CASE_VIEWED: gettext_lazy("Opened the file"),
    Code.IDENTITY_REVEALED: gettext_lazy("Saw the identity"),
    Code.AUDIT_TRAIL_VIEWED: gettext_lazy("Saw who has seen the file"),
    Code.LEGAL_CASE_VIEWED: gettext_lazy("Opened a legal case about the survivor"),
    Code.ACCUSED_REVEALED: gettext_lazy("Saw the identity of an accused"),
    Code.REFERRAL_OPENED: gettext_lazy("Opened a referral of the file"),
    Code.TRANSFER_OPENED: gettext_lazy("Opened a transfer of the file"),
    Code.CASE_OPENED: gettext_lazy("Opened the case"),
    Code.SURVIVOR_REGISTERED: gettext_lazy("Registered the survivor"),
    Code.SURVIVOR_UPDATED: gettext_lazy("Changed the survivor's details"),
    Code.IDENTITY_UPDATED: gettext_lazy("Changed the identity"),
    Code.CASE_UPDATED: gettext_lazy("Changed status or risk"),
    Code.CASE_CLOSED: gettext_lazy("Closed the case"),
    Code.CASE_ASSIGNED: gettext_lazy("Assigned someone"),
    Code.CASE_UNASSIGNED: gettext_lazy("Ended an assignment"),
    Code.CASE_FLAG_RAISED: gettext_lazy("Raised a flag"),
    Code.CASE_FLAG_RESOLVED: gettext_lazy("Resolved a flag"),
    Code.INCIDENT_RECORDED: gettext_lazy("Recorded an incident"),
    Code.INCIDENT_UPDATED: gettext_lazy("Changed an incident"),
    Code.INCIDENT_AGE_REDERIVED: gettext_lazy("Worked out the age at an incident again"),
    Code.SURVIVOR_AGE_BAND_REFRESHED: gettext_lazy("Brought the age band up to date"),
    Code.NOTE_ADDED: gettext_lazy("Added a note"),
    Code.CONSENT_GRANTED: gettext_lazy("Recorded a consent"),
    Code.CONSENT_WITHDRAWN: gettext_lazy("Recorded a consent withdrawal"),
    Code.FAMILY_MEMBER_ADDED: gettext_lazy("Added a family member"),
    Code.AGREEMENT_RECORDED: gettext_lazy("Recorded an information-sharing agreement"),
    Code.AGREEMENT_ENDED: gettext_lazy("Ended an information-sharing agreement"),
    Code.REFERRAL_SENT: gettext_lazy("Sent a referral"),
    Code.REFERRAL_ACCEPTED: gettext_lazy("Accepted a referral"),
    Code.REFERRAL_DECLINED: gettext_lazy("Declined a referral"),
    Code.REFERRAL_REVOKED: gettext_lazy("Revoked a referral"),
    Code.REFERRAL_ENDED: gettext_lazy("A referral's access ended"),
    Code.REFERRAL_COMPLETED: gettext_lazy("Completed a referral"),
    Code.REFERRAL_VIEWED: gettext_lazy("Read the file shared by a referral"),
    Code.TRANSFER_REQUESTED: gettext_lazy("Proposed a transfer"),
    Code.TRANSFER_ACCEPTED: gettext_lazy("Accepted a transfer"),
    Code.TRANSFER_DECLINED: gettext_lazy("Declined a transfer"),
    Code.TRANSFER_CANCELLED: gettext_lazy("Cancelled a transfer"),
    Code.TASK_HANDED_OVER: gettext_lazy("Handed an open task over with a transfer"),
}


def audit_label(code: str) -> str:
    return str(AUDIT_LABELS.get(code, code))


def _labels(values: list[str], vocabulary: type[TextChoices]) -> list[str]:
    names = dict(vocabulary.choices)
    return [str(names.get(v, v)) for v in values]


def _incident_row(incident: Incident) -> dict[str, object]:
    return {
        "incident": incident,
        "contexts": _labels(incident.contexts, vocab.CaseContext),
        "exploitation": _labels(incident.exploitation_types, vocab.Exploitation),
        "control": _labels(incident.means_of_control, vocab.MeansOfControl),
        "recruitment": _labels(incident.recruitment_methods, vocab.RecruitmentMethod),
        "roles": _labels(incident.perpetrator_roles, vocab.PerpetratorRole),
    }


@never_cache
@perm_required_view(*CASE_PERMS, record=True)
def case_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The file, without identity. Opening it is recorded in the audit trail."""
    user = request.user
    file = case_file_get(user=user, case_id=pk)
    case = file.case
    remember_opened_case(request.session, case.pk)
    today = timezone.localdate()
    consents = {"current": [], "expired": [], "withdrawn": []}
    for grant in file.consents:
        if grant.withdrawn_at is not None:
            consents["withdrawn"].append(grant)
        elif grant.is_current(today):
            consents["current"].append(grant)
        else:
            consents["expired"].append(grant)
    context = {
        "file": file,
        "incidents": [_incident_row(i) for i in file.incidents],
        "languages": ", ".join(_labels(case.survivor.languages, people_vocab.Language)),
        "consent_groups": [
            (_("Current"), consents["current"]),
            (_("Expired"), consents["expired"]),
            (_("Withdrawn"), consents["withdrawn"]),
        ],
        "case": case,
        "survivor": case.survivor,
        "age_band": survivor_age_band_label(case.survivor, today=today),
        "consents": consents,
        "is_open": case.closed_on is None,
        "edit_form": CaseEditForm(
            initial={"version": case.version, "status": case.status, "risk_level": case.risk_level}
        ),
        "note_form": NoteForm(),
        "family_form": FamilyMemberForm(),
        "flag_form": FlagForm(),
    }
    sections = []
    for section in case_file_sections:
        context.update(section.context(user=user, case=case))
        sections.append(section.template)
    context["sections"] = sections
    if user.has_amparo_perm(Perm.ASSIGN):
        assigned = {a.user_id for a in file.assignments}
        members = [m for m in assignable_members(user=user) if m.user_id not in assigned]
        context["assign_form"] = AssignForm(members=members)
    return render(request, "cases/case_file.html", context)


@never_cache
@perm_required_view(Perm.REVEAL_IDENTITY, record=True)
def identity_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why, record it, then show the identity in this one response only."""
    case = case_for_page(request, pk)
    form = RevealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        identity = run_service(
            form,
            lambda: identity_reveal(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            ),
        )
        if identity is not REFUSED:
            return render(request, "cases/identity.html", {"case": case, "identity": identity})
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Show identity"),
        intro=_(
            "The survivor's identity is encrypted. Seeing it is recorded with your name, "
            "the time and your reason, and the survivor can be shown who has seen it."
        ),
        submit=_("Show identity"),
        danger=True,
    )


def _identity_edit_page(
    request: HttpRequest, *, case: Case, form: IdentityEditForm
) -> HttpResponse:
    return form_page(
        request,
        case=case,
        form=form,
        title=_("Change identity"),
        intro=_("Shown once. Do not copy it anywhere else. Leaving this page hides it again."),
        submit=_("Save the identity"),
    )


@never_cache
@perm_required_view(Perm.REVEAL_IDENTITY, record=True)
def identity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask why, reveal the identity into a form, then save the changes.

    Filling the form is a reveal and is recorded as one. The identity travels
    only in the page and the posted form: never in the URL or the session.
    """
    case = case_for_page(request, pk)
    # The edit form carries the survivor's version; the reason form does not.
    if request.method == "POST" and "version" in request.POST:
        form = IdentityEditForm(request.POST)
        return form_submit(
            request,
            form,
            lambda data: identity_update(
                actor=request.user,
                case=case,
                expected_version=data["version"],
                data=form.to_input(),
            ),
            then=file_url(case),
            done=_("The identity is saved."),
        ) or _identity_edit_page(request, case=case, form=form)
    reason_form = RevealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and reason_form.is_valid():
        identity = run_service(
            reason_form,
            lambda: identity_reveal(
                actor=request.user, case=case, reason=reason_form.cleaned_data["reason"]
            ),
        )
        if identity is not REFUSED:
            initial = {name: getattr(identity, name) for name in IdentityInput.__dataclass_fields__}
            form = IdentityEditForm(initial={"version": case.survivor.version, **initial})
            return _identity_edit_page(request, case=case, form=form)
    return form_page(
        request,
        case=case,
        form=reason_form,
        title=_("Change identity"),
        intro=_(
            "To change the identity you first see it. Seeing it is recorded with your name, "
            "the time and your reason, and the survivor can be shown who has seen it."
        ),
        submit=_("Show identity to change it"),
        danger=True,
    )


@never_cache
@perm_required_view(Perm.VIEW_AUDIT, record=True)
def case_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """Who has seen or changed this file, newest first."""
    trail = case_audit_trail(user=request.user, case_id=pk)
    # The page's header shows the case; the trail's own read is already logged.
    case = case_get_for_user(user=request.user, case_id=pk, log_read=False)
    page = Paginator(trail, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    read_codes = {str(c) for c in READ_CODES}
    return render(
        request,
        "cases/audit.html",
        {
            "case": case,
            "page": page,
            "rows": [
                {
                    "event": event,
                    "is_read": event.code in read_codes,
                    "label": audit_label(event.code),
                }
                for event in page
            ],
        },
    )
