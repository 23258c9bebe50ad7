"""The demo reads naturally in English and in Spanish: names carry no stored role label,
each organisation writes its notes in its working language, and every worker's bell has
something unread, shown in the reader's language."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.cases.models import CaseFlag, CaseNote
from amparo.demo import fiction
from amparo.demo.teams import ORGANISATIONS
from amparo.network.models import Notification
from amparo.people.models import FamilyMember
from amparo.testing.shared import rolled_back

SURVIVORS = 60
LANGUAGE = {spec.code: spec.language for spec in ORGANISATIONS}
WORKERS = (Role.CASEWORKER, Role.COUNSELLOR, Role.LAWYER, Role.SUPERVISOR)


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """One seed shared by this module's tests, rolled back after them."""
    with rolled_back(django_db_blocker):
        out = StringIO()
        call_command("seed", survivors=SURVIVORS, stdout=out)
        yield out.getvalue()


@pytest.fixture
def seeded(seeded_once, db) -> str:
    """What the seed printed."""
    return seeded_once


def test_staff_names_are_distinct_and_carry_no_role(seeded):
    names = list(User.objects.values_list("full_name", flat=True))
    assert len(names) == len(set(names)) == sum(sum(s.staff.values()) for s in ORGANISATIONS)
    labels = {str(label) for label in Role.labels} | {"(", ")"}
    assert not [name for name in names if any(label in name for label in labels)]


def test_the_seed_lists_every_account_with_its_role(seeded):
    for member in Membership.objects.select_related("user"):
        assert member.user.email in seeded


def test_each_organisation_writes_in_its_working_language(seeded):
    assert set(LANGUAGE.values()) == {"en", "es"}
    notes = list(CaseNote.objects.select_related("case__organisation"))
    assert {LANGUAGE[n.case.organisation.code] for n in notes} == {"en", "es"}
    for note in notes:
        assert note.body in fiction.NOTES[LANGUAGE[note.case.organisation.code]], note.body
    for flag in CaseFlag.objects.select_related("case__organisation"):
        assert flag.note in fiction.FLAG_NOTES[LANGUAGE[flag.case.organisation.code]]
    for member in FamilyMember.objects.select_related("survivor__organisation"):
        language = LANGUAGE[member.survivor.organisation.code]
        assert member.notes in (*fiction.FAMILY_NOTES[language], fiction.PERPETRATOR_NOTE[language])


def test_every_worker_has_something_unread(seeded):
    for member in Membership.objects.filter(role__in=WORKERS).select_related("user"):
        unread = Notification.objects.filter(user=member.user, read_at__isnull=True)
        assert unread.exists(), (member.role, member.user)
    kinds = set(Notification.objects.filter(read_at__isnull=True).values_list("kind", flat=True))
    assert {"case.assigned", "approval.requested", "work.overdue"} <= kinds


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "A case was assigned to you"), ("es", "Se le asignó un caso")],
)
def test_a_workers_notifications_read_in_their_language(seeded, client, settings, language, words):
    settings.AMPARO_REQUIRE_MFA = False
    caseworker = User.objects.get(email="caseworker@idv.demo")
    client.force_login(caseworker)
    page = client.get(reverse("notification_list"), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert words in page.content.decode()
