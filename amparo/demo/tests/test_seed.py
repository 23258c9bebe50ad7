import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from amparo.accounts.models import Membership, Organisation
from amparo.accounts.roles import Role
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, Incident, RescueOperation
from amparo.exchange.models import ImportedRecord
from amparo.justice.models import Hearing, LegalCase
from amparo.network.models import PartnerAgreement
from amparo.people.inputs import IdentityInput
from amparo.people.models import FamilyMember, Survivor, SurvivorIdentity
from amparo.people.selectors import possible_duplicates
from amparo.testing.shared import rolled_back

SURVIVORS = 30


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """One seed shared by this module's tests, rolled back after them; what it printed."""
    with rolled_back(django_db_blocker):
        out = StringIO()
        call_command("seed", survivors=SURVIVORS, stdout=out)
        yield out.getvalue()


@pytest.fixture
def seeded(seeded_once, db) -> str:
    return seeded_once


def test_seed_creates_organisations_staff_of_every_role_and_survivors(seeded):
    assert set(Organisation.objects.values_list("code", "kind")) == {
        ("JUS", "legal_aid"),
        ("REF", "aftercare"),
        ("IDV", "government"),
    }
    for organisation in Organisation.objects.all():
        roles = set(organisation.memberships.values_list("role", flat=True))
        assert roles == set(Role.values), organisation
    assert Membership.objects.filter(role=Role.CASEWORKER).count() >= 9
    # The seeded survivors, and the institute's records imported from Primero (``demo.imports``).
    imported = ImportedRecord.objects.count()
    assert imported > 0
    assert Survivor.objects.count() == SURVIVORS + imported
    assert Case.objects.count() == SURVIVORS + imported
    assert not Survivor.objects.filter(cases__isnull=True).exists()
    assert not Case.objects.filter(incidents__isnull=True).exists()
    assert not Case.objects.filter(assignments__isnull=True).exists()
    assert all(
        code.startswith(("JUS-", "REF-", "IDV-"))
        for code in Case.objects.values_list("code", flat=True)
    )
    assert "http://127.0.0.1:8000" in seeded
    assert "supervisor@justicia.demo" in seeded
    assert "Password for every demo account" in seeded


def test_seeded_writes_are_in_the_audit_trail(seeded):
    for case in Case.objects.all():
        codes = set(AuditEvent.objects.filter(case=case).values_list("code", flat=True))
        assert {Code.CASE_OPENED, Code.CASE_ASSIGNED, Code.INCIDENT_RECORDED} <= codes
        assert AuditEvent.objects.filter(
            code=Code.SURVIVOR_REGISTERED, survivor=case.survivor, actor=case.created_by
        ).exists()


def test_incidents_are_classified_by_the_gbvims_rules(seeded):
    for incident in Incident.objects.select_related("case__survivor"):
        age = incident.occurred_on.year - incident.case.survivor.birth_year
        if incident.gbv_type in ("rape", "sexual_assault") and age < 18:
            assert "csa" in incident.contexts
        assert incident.occurred_on <= incident.case.opened_on


def test_seeded_identities_are_found_by_blind_index(seeded):
    identity = next(
        i for i in SurvivorIdentity.objects.select_related("survivor").order_by("pk") if i.phone
    )
    found = possible_duplicates(
        organisation=identity.survivor.organisation, identity=IdentityInput(phone=identity.phone)
    )
    assert identity.survivor_id in [match.survivor_id for match in found]


def _every_stored_value() -> str:
    """Every column of every table, as text: what someone with the database file sees."""
    quote = connection.ops.quote_name
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            cursor.execute(f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table)}")  # noqa: S608
            chunks.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(chunks)


def test_no_identity_is_stored_in_plaintext(seeded):
    plaintexts = set()
    for identity in SurvivorIdentity.objects.all():
        plaintexts.update(
            [identity.given_names, identity.family_names, identity.full_name, identity.phone]
        )
        plaintexts.add(identity.national_id)
        plaintexts.add(identity.address)
    plaintexts.update(FamilyMember.objects.values_list("name", flat=True))
    plaintexts.discard("")
    assert len(plaintexts) > 3 * SURVIVORS
    stored = _every_stored_value()
    leaked = sorted(text for text in plaintexts if text in stored)
    assert leaked == []


def test_the_seeded_free_text_is_stored_encrypted(seeded):
    """Issue 11.4: titles, who accompanied, approvers, operation names (bulk inserted)."""
    written = {
        "titles": set(LegalCase.objects.values_list("title", flat=True)),
        "accompanied": set(Hearing.objects.values_list("accompanied_by", flat=True)),
        "approvers": set(PartnerAgreement.objects.values_list("approved_by", flat=True)),
        "operations": set(RescueOperation.objects.values_list("name", flat=True)),
    }
    for kind, texts in written.items():
        texts.discard("")
        assert texts, kind
    stored = _every_stored_value()
    leaked = sorted(text for texts in written.values() for text in texts if text in stored)
    assert leaked == []


def test_seed_refuses_a_used_database(seeded):
    with pytest.raises(CommandError, match="already has organisations"):
        call_command("seed", survivors=1, stdout=StringIO())
    out = StringIO()
    call_command("seed", survivors=1, if_fresh=True, stdout=out)
    assert "not seeding" in out.getvalue()
    assert Survivor.objects.count() == SURVIVORS + ImportedRecord.objects.count()


def test_pseudonyms_do_not_run_out_at_national_scale():
    """Every three-digit name is taken (an organisation with ~50,000 survivors):
    a new one is still found, and it is unused."""
    from amparo.demo import fiction
    from amparo.demo.plans import _pseudonym
    from amparo.demo.teams import Team

    team = Team(organisation=None, staff={})
    team.used_pseudonyms = {
        f"{word} {n:03d}" for word in fiction.PSEUDONYM_WORDS for n in range(1, 1000)
    }
    taken = len(team.used_pseudonyms)
    names = {_pseudonym(random.Random(n), team) for n in range(2000)}
    assert len(names) == 2000
    assert len(team.used_pseudonyms) == taken + 2000
