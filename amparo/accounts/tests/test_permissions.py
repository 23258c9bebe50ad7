"""An API view's declared permission (``required_perms``) is enforced before its handler,
by the same rule as a page's ``perm_required_view``."""

import pytest
from django.http import HttpRequest, HttpResponse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm, Role
from amparo.core.api_base import ApiView
from amparo.core.exceptions import Denied, NotFound
from amparo.testing.factories import MembershipFactory, UserFactory


class _ManageOrgApi(ApiView):
    required_perms = (Perm.MANAGE_ORG,)

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class _AnyMemberApi(ApiView):
    required_perms = ()

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


class _UndeclaredApi(ApiView):
    def get(self, request: Request) -> Response:
        return Response({"ok": True})


def _get(view: type[ApiView], user: object | None) -> int:
    request = APIRequestFactory().get("/api/v1/example/")
    if user is not None:
        force_authenticate(request, user=user)
    return view.as_view()(request).status_code


@pytest.mark.django_db
def test_a_declared_permission_lets_only_roles_that_have_it_through():
    admin = MembershipFactory(role=Role.ORG_ADMIN).user
    caseworker = MembershipFactory(role=Role.CASEWORKER).user
    assert _get(_ManageOrgApi, admin) == 200
    assert _get(_ManageOrgApi, caseworker) == 403
    assert _get(_ManageOrgApi, None) == 401


@pytest.mark.django_db
def test_an_empty_declaration_means_any_member_and_none_declares_nothing():
    outsider = UserFactory()
    caseworker = MembershipFactory(role=Role.CASEWORKER).user
    assert _get(_AnyMemberApi, caseworker) == 200
    assert _get(_AnyMemberApi, outsider) == 403
    assert _get(_UndeclaredApi, outsider) == 200


@pytest.mark.django_db
def test_pages_declare_the_same_way_and_raise_the_two_errors():
    @perm_required_view(Perm.MANAGE_ORG)
    def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    @perm_required_view(Perm.MANAGE_ORG, record=True)
    def record_page(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = HttpRequest()
    request.user = MembershipFactory(role=Role.CASEWORKER).user
    assert page.required_perms == (Perm.MANAGE_ORG,)  # type: ignore[attr-defined]  # set by the decorator
    with pytest.raises(Denied):
        page(request)
    with pytest.raises(NotFound):
        record_page(request)


class _OneRecordApi(ApiView):
    required_perms = (Perm.MANAGE_ORG,)
    refused_as_not_found = True

    def get(self, request: Request) -> Response:
        return Response({"ok": True})


@pytest.mark.django_db
def test_a_view_on_one_record_refuses_as_not_found():
    admin = MembershipFactory(role=Role.ORG_ADMIN).user
    caseworker = MembershipFactory(role=Role.CASEWORKER).user
    assert _get(_OneRecordApi, admin) == 200
    assert _get(_OneRecordApi, caseworker) == 404
    assert _get(_OneRecordApi, None) == 401
