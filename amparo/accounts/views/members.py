"""The organisation admin's "People" pages: the members, and what the admin may do about each
(invite, invite again, change role, deactivate, reactivate, reset a second factor).

Each page declares MANAGE_ORG; the selectors and services keep the admin to
their own organisation, so a member of another is 404 here.
"""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.forms import MemberInviteForm, MemberRoleForm
from amparo.accounts.models import Membership
from amparo.accounts.roles import Perm
from amparo.accounts.selectors_members import member_get_for_admin, members_for_admin
from amparo.accounts.services import (
    member_change_role,
    member_deactivate,
    member_invite,
    member_reactivate,
    member_resend_invitation,
    member_reset_mfa,
)
from amparo.core.views import confirmed_action, form_page, form_submit

PAGE_SIZE = 25


def _confirmation(request: HttpRequest) -> forms.Form:
    # No fields: the POST itself is the answer, and may be empty.
    return forms.Form(request.POST if request.method == "POST" else None)


def _summary(member: Membership) -> list[tuple[str, str]]:
    return [
        (_("Name"), str(member.user)),
        (_("E-mail address"), member.user.email),
        (_("Role"), str(member.get_role_display())),
    ]


@never_cache
@require_GET
@perm_required_view(Perm.MANAGE_ORG)
def member_list(request: HttpRequest) -> HttpResponse:
    """The organisation's people, deactivated ones too, a page at a time."""
    page = Paginator(members_for_admin(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/members.html", {"page": page, "members": page.object_list})


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG)
def member_invite_view(request: HttpRequest) -> HttpResponse:
    form = MemberInviteForm(
        request.POST or None, initial={"language": translation.get_language() or "en"}
    )
    return form_submit(
        request,
        form,
        lambda data: member_invite(
            actor=request.user,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            language=data["language"],
        ),
        then=reverse("member_list"),
        done=lambda member: _("%(name)s is invited: the invitation is on its way to %(email)s.")
        % {"name": member.user, "email": member.user.email},
    ) or form_page(
        request,
        template="accounts/form_page.html",
        form=form,
        title=_("Invite a person"),
        intro=_(
            "The person gets an e-mail with a link to choose a password, then sets up an "
            "authenticator app at their first sign-in."
        ),
        submit=_("Send the invitation"),
        back=reverse("member_list"),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG, record=True)
def member_role_view(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_get_for_admin(user=request.user, member_id=member_id)
    form = MemberRoleForm(request.POST or None, initial={"role": member.role})
    return form_submit(
        request,
        form,
        lambda data: member_change_role(actor=request.user, member_id=member.pk, role=data["role"]),
        then=reverse("member_list"),
        done=lambda changed: _("%(name)s is now: %(role)s.")
        % {"name": changed.user, "role": changed.get_role_display()},
    ) or form_page(
        request,
        template="accounts/form_page.html",
        form=form,
        title=_("Change the role of %(name)s") % {"name": member.user},
        intro=_("The role decides what the person can see and do, from their next page on."),
        submit=_("Change the role"),
        back=reverse("member_list"),
        summary=_summary(member),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG, record=True)
def member_deactivate_view(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_get_for_admin(user=request.user, member_id=member_id)
    return confirmed_action(
        request,
        form=_confirmation(request),
        run=lambda _data: member_deactivate(actor=request.user, member_id=member.pk),
        then=reverse("member_list"),
        done=_("%(name)s is deactivated.") % {"name": member.user},
        title=_("Deactivate %(name)s") % {"name": member.user},
        question=_(
            "Deactivate this person? They are signed out at once and can no longer sign in "
            "nor use their API tokens. Their work stays; you can reactivate them later."
        ),
        submit=_("Yes, deactivate"),
        back=reverse("member_list"),
        summary=_summary(member),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG, record=True)
def member_reactivate_view(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_get_for_admin(user=request.user, member_id=member_id)
    return confirmed_action(
        request,
        form=_confirmation(request),
        run=lambda _data: member_reactivate(actor=request.user, member_id=member.pk),
        then=reverse("member_list"),
        done=_("%(name)s can sign in again.") % {"name": member.user},
        title=_("Reactivate %(name)s") % {"name": member.user},
        question=_("Let this person sign in and work again, with the same role?"),
        submit=_("Yes, reactivate"),
        back=reverse("member_list"),
        summary=_summary(member),
        danger=False,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG, record=True)
def member_reset_mfa_view(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_get_for_admin(user=request.user, member_id=member_id)
    return confirmed_action(
        request,
        form=_confirmation(request),
        run=lambda _data: member_reset_mfa(actor=request.user, member_id=member.pk),
        then=reverse("member_list"),
        done=_("The second factor of %(name)s is reset.") % {"name": member.user},
        title=_("Reset the second factor of %(name)s") % {"name": member.user},
        question=_(
            "Remove this person's authenticator app and recovery codes? Do this when their "
            "phone is lost or replaced. At their next page they must set up an authenticator "
            "app again; until then they can open nothing."
        ),
        submit=_("Yes, reset the second factor"),
        back=reverse("member_list"),
        summary=_summary(member),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@perm_required_view(Perm.MANAGE_ORG, record=True)
def member_resend_invitation_view(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_get_for_admin(user=request.user, member_id=member_id)
    return confirmed_action(
        request,
        form=_confirmation(request),
        run=lambda _data: member_resend_invitation(actor=request.user, member_id=member.pk),
        then=reverse("member_list"),
        done=_("A new invitation is on its way to %(email)s.") % {"email": member.user.email},
        title=_("Send the invitation again to %(name)s") % {"name": member.user},
        question=_(
            "Send a new invitation e-mail? The link in any earlier invitation stops working: "
            "only the new one lets this person choose a password."
        ),
        submit=_("Yes, send it again"),
        back=reverse("member_list"),
        summary=_summary(member),
        danger=False,
    )
