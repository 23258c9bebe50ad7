"""The programme list against the whole cast: who sees which programmes."""

from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.testing.matrix import covers


@covers("programme_list")
def test_the_list_shows_each_member_the_programmes_they_may_see(cast, client):
    programme_records(cast)
    may_see = {"supervisor", "analyst", "admin", "partner_supervisor"}
    for name, user in cast.everyone().items():
        client.force_login(user) if user else client.logout()
        response = client.get(reverse("programme_list"))
        if user is None:
            assert response.status_code == 302, name
            continue
        allowed = user.has_amparo_perm("reporting.aggregates") or user.has_amparo_perm(
            "programmes.manage"
        )
        if name == "third_supervisor":
            assert response.status_code == 200
            assert "Justicia Segura" not in response.content.decode()
            continue
        assert response.status_code == (200 if allowed else 403), name
        if response.status_code == 200:
            assert ("Justicia Segura" in response.content.decode()) == (name in may_see), name
