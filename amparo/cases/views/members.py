"""Actions on one item of a case file: consents, assignments and flags."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases import services
from amparo.cases.forms.casefile import AssignForm, ConfirmForm, EndAssignmentForm
from amparo.cases.selectors import (
    assignable_members,
    assignment_get_for_case,
    consent_get_for_case,
    flag_get_for_case,
)
from amparo.cases.views.common import case_for_page, confirm_page, file_url, form_page
from amparo.core.views import form_submit, is_confirmed
from amparo.people import services as people_services


@never_cache
@perm_required_view(Perm.EDIT_CASE, record=True)
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    grant = consent_get_for_case(case=case, consent_id=consent_pk)
    form = ConfirmForm(request.POST or None, initial={"version": grant.version})
    if is_confirmed(request):
        withdrawn = form_submit(
            request,
            form,
            lambda data: people_services.consent_withdraw(
                actor=request.user,
                case=case,
                consent_id=grant.pk,
                expected_version=data["version"],
            ),
            then=file_url(case),
            done=_("The consent is recorded as withdrawn."),
        )
        if withdrawn is not None:
            return withdrawn
    if form.is_bound and not form.is_valid():
        return form_page(
            request, case=case, form=form, title=_("Withdraw consent"), submit=_("Back")
        )
    return confirm_page(
        request,
        case=case,
        form=form,
        title=_("Withdraw consent"),
        question=_(
            "Record that the survivor withdrew this consent? It stays in the history. "
            "Services continue whatever the survivor decides."
        ),
        submit=_("Yes, record the withdrawal"),
        summary=[(_("Consent"), grant.get_scope_display())]
        + ([(_("Shared with"), grant.recipient.name)] if grant.recipient else []),
    )


@never_cache
@require_POST
@perm_required_view(Perm.ASSIGN, record=True)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    form = AssignForm(request.POST, members=list(assignable_members(user=request.user)))
    return form_submit(
        request,
        form,
        lambda data: services.case_assign(actor=request.user, case=case, user_id=data["user"]),
        then=file_url(case),
        done=_("The assignment is saved."),
    ) or form_page(request, case=case, form=form, title=_("Assign"), submit=_("Assign"))


@never_cache
@perm_required_view(Perm.ASSIGN, record=True)
def unassign(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    assignment = assignment_get_for_case(case=case, assignment_id=assignment_pk)
    form = EndAssignmentForm(request.POST or None)
    if request.method == "POST" and is_confirmed(request):
        services.case_unassign(actor=request.user, case=case, assignment_id=assignment.pk)
        messages.success(request, _("The assignment has ended."))
        return redirect(file_url(case))
    return confirm_page(
        request,
        case=case,
        form=form,
        title=_("End assignment"),
        question=_(
            "%(name)s will no longer have this case in their caseload, and may lose access "
            "to the file. End the assignment?"
        )
        % {"name": assignment.user},
        submit=_("Yes, end the assignment"),
    )


@never_cache
@require_POST
@perm_required_view(Perm.EDIT_CASE, record=True)
def flag_resolve(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    case = case_for_page(request, pk)
    flag = flag_get_for_case(case=case, flag_id=flag_pk)
    services.case_flag_resolve(actor=request.user, case=case, flag_id=flag.pk)
    messages.success(request, _("The flag is resolved."))
    return redirect(file_url(case))
