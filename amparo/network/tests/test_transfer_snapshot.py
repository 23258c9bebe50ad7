"""After a transfer the former owner keeps what it already held: the file as it
stood then, never what the new owner records afterwards (a new address, above all).
"""

from dataclasses import replace

from django.urls import reverse

from amparo.cases.models import Case
from amparo.cases.services import incident_update, note_add
from amparo.network.models import Referral
from amparo.network.selectors import shared_file_get
from amparo.network.tests.test_transfers import transferred
from amparo.people.inputs import IdentityInput
from amparo.people.services import identity_update
from amparo.testing.factories import intake_input

KEEP = ["identity", "incidents", "notes"]


def _kept(net) -> tuple[Referral, Case]:
    transfer = transferred(net, keep=KEEP)
    return Referral.objects.get(transfer=transfer), Case.objects.get(pk=net.cast.case.pk)


def test_notes_written_by_the_new_owner_are_not_shared_back(net):
    cast = net.cast
    kept, case = _kept(net)
    note_add(actor=cast.partner_supervisor, case=case, body="Fictional note written at Refugio.")
    shared = shared_file_get(user=cast.supervisor, referral=kept)
    assert [n.body for n in shared.notes] == ["Fictional note written at Lex."]
    assert shared.held_until == kept.responded_at


def test_an_identity_changed_after_the_transfer_is_withheld(net, client):
    cast = net.cast
    kept, case = _kept(net)
    before = shared_file_get(user=cast.supervisor, referral=kept)
    assert before.identity is not None and not before.identity_changed
    assert before.narrative == "Fictional narrative for tests."

    moved = IdentityInput(**_identity_fields(before.identity))
    moved.address = "Fictional safe house, new address"
    identity_update(
        actor=cast.partner_supervisor,
        case=case,
        expected_version=case.survivor.version,
        data=moved,
    )
    after = shared_file_get(user=cast.supervisor, referral=kept)
    assert after.identity is None and after.identity_changed and after.narrative == ""

    client.force_login(cast.supervisor)
    page = client.get(reverse("referral_detail", args=[kept.pk])).content.decode()
    assert "new address" not in page and "Fictional narrative for tests." not in page
    assert "have changed since the transfer" in page


def test_an_ordinary_referral_shows_the_file_as_it_is_now(net):
    cast = net.cast
    referral = net.accepted(sections=["incidents"])
    note_add(actor=cast.caseworker, case=cast.case, body="Fictional later note.")
    shared = shared_file_get(user=cast.partner_caseworker, referral=referral)
    assert shared.held_until is None and not shared.identity_changed
    assert shared.narrative == "Fictional narrative for tests."


def _identity_fields(identity) -> dict:
    return {name: getattr(identity, name) for name in IdentityInput.__dataclass_fields__}


def test_an_incident_edited_after_the_transfer_is_withheld(net):
    cast = net.cast
    kept, case = _kept(net)
    assert len(shared_file_get(user=cast.supervisor, referral=kept).incidents) == 1
    incident = case.incidents.get()
    edited = replace(intake_input().incident, admin2="Fictional place added later")
    incident_update(
        actor=cast.partner_supervisor,
        incident=incident,
        expected_version=incident.version,
        data=edited,
    )
    shared = shared_file_get(user=cast.supervisor, referral=kept)
    assert shared.incidents == [] and shared.incidents_changed == 1
