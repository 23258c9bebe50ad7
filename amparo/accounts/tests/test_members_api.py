"""The members API answers what the pages do: field errors that write nothing, the list's shape."""

from django.core import mail

from amparo.accounts.models import Membership, User
from amparo.testing.api import api_client


def test_bad_invitations_are_400_and_write_nothing(cast, django_capture_on_commit_callbacks):
    api = api_client(cast.admin)
    users = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        unknown_role = api.post(
            "/api/v1/members/",
            {"email": "n@example.test", "full_name": "N", "role": "king"},
            format="json",
        )
        taken = api.post(
            "/api/v1/members/",
            {"email": cast.lawyer.email, "full_name": "N", "role": "lawyer"},
            format="json",
        )
    assert unknown_role.status_code == 400 and "role" in unknown_role.json()
    assert taken.status_code == 400 and "already has an account" in taken.json()["email"][0]
    assert User.objects.count() == users and not mail.outbox


def test_invite_answers_the_member_as_listed(cast, django_capture_on_commit_callbacks):
    api = api_client(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/members/",
            {
                "email": "Rita@Example.test",
                "full_name": "Rita",
                "role": "analyst",
                "language": "es",
            },
            format="json",
        )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "rita@example.test" and body["role"] == "analyst"
    assert body["is_active"] is True and body["has_second_factor"] is False
    assert body["last_sign_in"] is None
    assert len(mail.outbox) == 1
    listed = api.get("/api/v1/members/?page_size=200").json()["results"]
    assert body in listed


def test_the_last_admin_keeps_the_role_through_the_api(cast):
    url = f"/api/v1/members/{cast.admin.membership.pk}/role/"
    response = api_client(cast.admin).post(url, {"role": "supervisor"}, format="json")
    assert response.status_code == 400 and "last admin" in response.json()["role"][0]
    assert Membership.objects.get(pk=cast.admin.membership.pk).role == "admin"


def test_deactivating_oneself_through_the_api_is_refused(cast):
    url = f"/api/v1/members/{cast.admin.membership.pk}/deactivate/"
    response = api_client(cast.admin).post(url)
    assert response.status_code == 400 and "own account" in response.json()["member"][0]
    assert User.objects.get(pk=cast.admin.pk).is_active


def test_an_ended_membership_is_reactivated(cast):
    url = f"/api/v1/members/{cast.inactive.membership.pk}/reactivate/"
    response = api_client(cast.admin).post(url)
    assert response.status_code == 200 and response.json()["is_active"] is True
    assert api_client(cast.inactive).get("/api/v1/me/").status_code == 200
