"""A legal case kept by the organisation that transferred its survivor's case away.

The former owner goes on prosecuting, but names the survivor only by the code
it gave them; the new owner sees the legal history of the case it took over.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court, LegalCase
from amparo.justice.services import legal_case_open
from amparo.network.tests.test_transfers import transferred


@pytest.fixture
def legal_case(net) -> LegalCase:
    cast = net.cast
    return legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Fictional bar case",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            complaint_on=timezone.localdate() - datetime.timedelta(days=90),
            victim_case_ids=[cast.case.pk],
            lawyer_ids=[cast.lawyer.pk],
        ),
    )


def test_the_former_owner_names_a_moved_victim_only_by_its_own_code(net, legal_case, client):
    cast = net.cast
    old_code = cast.case.code
    transfer = transferred(net, keep=[])
    client.force_login(cast.lawyer)

    page = client.get(reverse("legal_case", args=[legal_case.pk])).content.decode()
    assert old_code in page and "case transferred to another organisation" in page
    assert transfer.new_code not in page and "Mariposa Azul" not in page

    body = client.get(f"/api/v1/legal-cases/{legal_case.pk}/").json()
    assert body["victims"] == [
        {"case": None, "code": old_code, "pseudonym": None, "transferred": True}
    ]


def test_a_victim_still_owned_here_is_shown_as_before(net, legal_case, client):
    cast = net.cast
    client.force_login(cast.lawyer)
    body = client.get(f"/api/v1/legal-cases/{legal_case.pk}/").json()
    assert body["victims"] == [
        {
            "case": cast.case.pk,
            "code": cast.case.code,
            "pseudonym": "Mariposa Azul",
            "transferred": False,
        }
    ]


def test_the_new_owner_sees_the_legal_history_it_took_over(net, legal_case, client):
    cast = net.cast
    transferred(net, keep=[])
    client.force_login(cast.partner_supervisor)
    page = client.get(reverse("case_file", args=[cast.case.pk])).content.decode()
    assert "Fictional bar case" in page
    assert "Kept by Lex Test Legal Aid, from before the case was transferred" in page
    # Read-only: no link into the other organisation's legal case.
    assert reverse("legal_case", args=[legal_case.pk]) not in page
    assert client.get(reverse("legal_case", args=[legal_case.pk])).status_code == 404
