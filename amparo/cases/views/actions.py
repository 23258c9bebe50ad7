"""Changes to a case file. Each action posts to its own URL and returns to the file.

GET shows the action on a page of its own (useful on a phone and when the
action needs a confirmation); a valid POST calls the service and redirects.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases import services
from amparo.cases.forms.casefile import (
    CaseEditForm,
    ConsentGrantForm,
    FamilyMemberForm,
    FlagForm,
    NoteForm,
    SurvivorEditForm,
)
from amparo.cases.forms.incident import IncidentEditForm, IncidentForm
from amparo.cases.models import Case
from amparo.cases.places import GT_DEPARTMENTS
from amparo.cases.selectors import incident_get_for_user, sharing_organisations
from amparo.cases.views.common import (
    case_for_page,
    confirm_page,
    file_url,
    form_page,
    gbv_type_label,
)
from amparo.core import views as core_views
from amparo.core.views import form_submit, is_confirmed
from amparo.people import services as people_services
from amparo.people.vocab import ConsentScope

SURVIVOR_FIELDS = (
    "pseudonym",
    "sex",
    "birth_year",
    "nationality",
    "languages",
    "disability",
    "displacement",
)


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    initial = {"version": case.version, "status": case.status, "risk_level": case.risk_level}
    form = CaseEditForm(request.POST or None, initial=initial)
    return form_submit(
        request,
        form,
        lambda data: services.case_update(
            actor=request.user,
            case=case,
            expected_version=data["version"],
            risk_level=data["risk_level"],
            status=data["status"],
        ),
        then=file_url(case),
        done=_("Status and risk level saved."),
    ) or form_page(
        request, case=case, form=form, title=_("Status and risk level"), submit=_("Save")
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def survivor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    survivor = case.survivor
    initial = {
        "version": survivor.version,
        **{name: getattr(survivor, name) for name in SURVIVOR_FIELDS},
    }
    form = SurvivorEditForm(request.POST or None, initial=initial)
    return form_submit(
        request,
        form,
        lambda data: people_services.survivor_update(
            actor=request.user, case=case, expected_version=data["version"], data=form.to_input()
        ),
        then=file_url(case),
        done=_("The survivor's details are saved."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Survivor details"),
        intro=_("These details are not identifying. The identity is changed separately."),
        submit=_("Save"),
    )


def _incident_page(
    request: HttpRequest,
    *,
    case: Case,
    form: IncidentForm,
    answers: object,
    title: str,
    submit: str,
) -> HttpResponse:
    return core_views.form_page(
        request,
        template="cases/incident_form.html",
        form=form,
        case=case,
        title=title,
        submit=submit,
        departments=GT_DEPARTMENTS,
        gbv_type=gbv_type_label(answers),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def incident_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = IncidentForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda _data: services.incident_record(actor=request.user, case=case, data=form.to_input()),
        then=file_url(case),
        done=_("The incident is recorded."),
    ) or _incident_page(
        request,
        case=case,
        form=form,
        answers=form.data,
        title=_("Add an incident"),
        submit=_("Record the incident"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def incident_edit(request: HttpRequest, pk: int, incident_id: int) -> HttpResponse:
    case = case_for_page(request, pk)
    incident = incident_get_for_user(user=request.user, case=case, incident_id=incident_id)
    initial = IncidentEditForm.initial_for(incident)
    form = IncidentEditForm(request.POST or None, initial=initial)
    return form_submit(
        request,
        form,
        lambda data: services.incident_update(
            actor=request.user,
            incident=incident,
            expected_version=data["version"],
            data=form.to_input(),
        ),
        then=file_url(case),
        done=_("The incident is saved."),
    ) or _incident_page(
        request,
        case=case,
        form=form,
        answers=form.data if form.is_bound else initial,
        title=_("Edit the incident"),
        submit=_("Save the incident"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = ConsentGrantForm(
        request.POST or None,
        organisation=case.organisation,
        recipients=list(sharing_organisations(user=request.user)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        # Sharing lets the file leave the organisation: ask once more before recording it.
        if data.scope == ConsentScope.SHARE_WITH_ORG and not is_confirmed(request):
            return confirm_page(
                request,
                case=case,
                form=form,
                title=_("Record a consent to share"),
                question=_(
                    "Record that the survivor agreed to share information with this "
                    "organisation? It can be withdrawn at any time."
                ),
                submit=_("Yes, record the consent"),
                summary=[
                    (_("Shared with"), form.recipient_name()),
                    (_("Parts of the file"), form.section_names()),
                    (str(form.fields["given_on"].label), str(data.given_on)),
                ],
            )
    return form_submit(
        request,
        form,
        lambda _data: people_services.consent_grant(
            actor=request.user, case=case, data=form.to_input()
        ),
        then=file_url(case),
        done=_("The consent is recorded."),
    ) or form_page(
        request,
        case=case,
        form=form,
        title=_("Record a consent"),
        intro=_("Services never depend on consent to share."),
        submit=_("Record the consent"),
    )


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = NoteForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: services.note_add(actor=request.user, case=case, body=data["body"]),
        then=file_url(case),
        done=_("The note is added."),
    ) or form_page(request, case=case, form=form, title=_("Add a note"), submit=_("Add note"))


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def family_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = FamilyMemberForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: people_services.family_member_add(actor=request.user, case=case, **data),
        then=file_url(case),
        done=_("The family member is added."),
    ) or form_page(request, case=case, form=form, title=_("Add a family member"), submit=_("Add"))


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def flag_raise(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = FlagForm(request.POST or None)
    return form_submit(
        request,
        form,
        lambda data: services.case_flag_raise(actor=request.user, case=case, **data),
        then=file_url(case),
        done=_("The flag is raised."),
    ) or form_page(request, case=case, form=form, title=_("Raise a flag"), submit=_("Raise flag"))
