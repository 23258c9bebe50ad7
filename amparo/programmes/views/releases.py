"""Release pages: the list with the privacy-budget ledger, a new draft, its preview, and
the actions on it (approve, rebuild, discard, correct), each through ``services.releases``.

The preview renders the draft's ``content`` with ``programmes/releases/_content.html``,
the same template the public page uses, so what is approved is what is published.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.exceptions import Denied, NotFound
from amparo.core.views import confirmed_action, form_page, form_submit
from amparo.programmes.forms.releases import ConfirmForm, CorrectionForm, ReleaseForm
from amparo.programmes.models import Release
from amparo.programmes.releases.present import present
from amparo.programmes.selectors import releases as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import releases as services
from amparo.programmes.vocab import ReleaseStatus

READERS = (Perm.AGGREGATES, Perm.PROGRAMMES, Perm.APPROVE_RELEASES)


def _release(request: HttpRequest, programme_id: int, release_id: int) -> Release:
    release = selectors.release_get_for_user(user=request.user, release_id=release_id)
    if release.programme_id != programme_id:
        raise NotFound
    return release


def _release_for_change(request: HttpRequest, programme_id: int, release_id: int) -> Release:
    """The release, when the user may also change its programme (``Denied`` for a partner)."""
    release = _release(request, programme_id, release_id)
    programme_get_for_change(user=request.user, programme_id=programme_id)
    return release


def _confirm_form(request: HttpRequest) -> ConfirmForm:
    """Bound on a POST even though it holds no field, so the POST runs the action."""
    return ConfirmForm(request.POST if request.method == "POST" else None)


def _detail_url(release: Release) -> str:
    return reverse("release_detail", args=[release.programme_id, release.pk])


@perm_required_view(*READERS)
def programme_releases(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    may_draft = selectors.may_draft(user=request.user, programme=programme)
    return render(
        request,
        "programmes/releases/list.html",
        {
            "programme": programme,
            "releases": selectors.releases_for_user(user=request.user, programme=programme),
            "ledger": selectors.budget_ledger(programme=programme),
            "may_draft": may_draft and request.user.has_amparo_perm(Perm.PROGRAMMES),
        },
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES)
def release_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    initial = {
        "min_cell": programme.min_cell,
        "rounding_base": programme.rounding_base,
        "split": "whole",
        "breakdown": "department",
    }
    form = ReleaseForm(request.POST or None, initial=initial)
    return form_submit(
        request,
        form,
        lambda data: services.release_draft(actor=request.user, programme_id=programme.pk, **data),
        then=_detail_url,
        done=_("The draft is built. Check the preview before asking for approval."),
    ) or form_page(
        request,
        template="programmes/releases/new.html",
        form=form,
        programme=programme,
        ledger=selectors.budget_ledger(programme=programme),
    )


@perm_required_view(*READERS)
def release_detail(request: HttpRequest, programme_id: int, release_id: int) -> HttpResponse:
    release = _release(request, programme_id, release_id)
    user = request.user
    draft = release.status == ReleaseStatus.DRAFT
    owner = selectors.may_draft(user=user, programme=release.programme)
    return render(
        request,
        "programmes/releases/detail.html",
        {
            "programme": release.programme,
            "release": release,
            "view": present(release.content),
            "checks": [services.check_text(f) for f in release.checks],
            "checked_against": release.content.get("guarantee", {}).get("checked_against", []),
            "may_approve": draft
            and owner
            and user.has_amparo_perm(Perm.APPROVE_RELEASES)
            and release.drafted_by_id != user.pk,
            "may_change": draft and owner and user.has_amparo_perm(Perm.PROGRAMMES),
            "may_correct": release.status == ReleaseStatus.PUBLISHED
            and owner
            and user.has_amparo_perm(Perm.PROGRAMMES),
            "corrections": release.corrections.filter(status=ReleaseStatus.PUBLISHED),
        },
    )


@never_cache
@perm_required_view(Perm.APPROVE_RELEASES)
def release_approve(request: HttpRequest, programme_id: int, release_id: int) -> HttpResponse:
    release = _release(request, programme_id, release_id)
    if not selectors.may_draft(user=request.user, programme=release.programme):
        raise Denied
    return confirmed_action(
        request,
        form=_confirm_form(request),
        run=lambda data: services.release_approve(actor=request.user, release_id=release.pk),
        then=_detail_url,
        done=_("The release is published."),
        title=_("Approve and publish “%(title)s”") % {"title": release.title},
        question=_(
            "Everything in the preview becomes public, at an address anyone can read without "
            "signing in, and can never be edited afterwards: a mistake is corrected by a new "
            "version. Publish it?"
        ),
        submit=_("Yes, publish it"),
        back=_detail_url(release),
        summary=[
            (_("Title"), release.title),
            (_("Period"), f"{release.period_start} – {release.period_end}"),
            (_("Drafted by"), str(release.drafted_by)),
        ],
        danger=False,
    )


@require_POST
@perm_required_view(Perm.PROGRAMMES)
def release_rebuild(request: HttpRequest, programme_id: int, release_id: int) -> HttpResponse:
    release = _release_for_change(request, programme_id, release_id)
    try:
        services.release_rebuild(actor=request.user, release_id=release.pk)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The figures are computed again."))
    return redirect(_detail_url(release))


@never_cache
@perm_required_view(Perm.PROGRAMMES)
def release_discard(request: HttpRequest, programme_id: int, release_id: int) -> HttpResponse:
    release = _release_for_change(request, programme_id, release_id)
    return confirmed_action(
        request,
        form=_confirm_form(request),
        run=lambda data: services.release_discard(actor=request.user, release_id=release.pk),
        then=reverse("programme_releases", args=[programme_id]),
        done=_("The draft is discarded; it is kept, never deleted."),
        title=_("Discard “%(title)s”") % {"title": release.title},
        question=_("A discarded draft can no longer be approved. Discard it?"),
        submit=_("Yes, discard it"),
        back=_detail_url(release),
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES)
def release_correct(request: HttpRequest, programme_id: int, release_id: int) -> HttpResponse:
    release = _release_for_change(request, programme_id, release_id)
    return confirmed_action(
        request,
        form=CorrectionForm(request.POST or None),
        run=lambda data: services.release_correct(
            actor=request.user, release_id=release.pk, change_note=data["change_note"]
        ),
        then=_detail_url,
        done=_("The correction is drafted. Once approved it is published as the next version."),
        title=_("Correct “%(title)s”") % {"title": release.title},
        question=_(
            "A correction is a new draft with the same figures computed again. The published "
            "version stays published and tells its readers it was superseded. Say what changes."
        ),
        submit=_("Draft the correction"),
        back=_detail_url(release),
        danger=False,
    )
