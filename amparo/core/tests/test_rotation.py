import datetime
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import decrypt as mfa_decrypt
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import CaseNote, Incident
from amparo.cases.services import incident_record, note_add
from amparo.core.crypto import DecryptionError
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court, LegalCase
from amparo.justice.services import legal_case_open
from amparo.people.models import FamilyMember, SurvivorIdentity
from amparo.people.services import family_member_add, identity_reveal

KEY_B = Fernet.generate_key().decode()


@pytest.fixture
def key_a() -> str:
    return settings.AMPARO_ENCRYPTION_KEYS[0]


@pytest.fixture
def secrets_on_file(cast) -> dict[str, object]:
    """A case with every kind of encrypted value, and what each should read as."""
    case = cast.case
    note_add(actor=cast.caseworker, case=case, body="Nota ficticia: audiencia el martes.")
    family_member_add(
        actor=cast.caseworker,
        case=case,
        relation="mother",
        name="Madre Demofila Ficticia",
        notes="Safe contact, fictional.",
    )
    incident_record(
        actor=cast.caseworker,
        case=case,
        data=IncidentInput(
            occurred_on=timezone.localdate() - datetime.timedelta(days=40),
            admin1="Izabal",
            q_physical=True,
            description="A fictional description of what happened.",
        ),
    )
    identity_reveal(actor=cast.supervisor, case=case, reason="Preparing the fictional hearing")
    legal_case_open(  # a column encrypted since issue 11.4: rotation finds it too
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Estado contra Acusado Ficticio",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            victim_case_ids=[case.pk],
        ),
    )
    RecoveryCodes.activate(cast.caseworker)
    return _read_everything(cast)


def _read_everything(cast) -> dict[str, object]:
    identity = SurvivorIdentity.objects.get(survivor=cast.case.survivor)
    totp = Authenticator.objects.get(user=cast.caseworker, type=Authenticator.Type.TOTP)
    recovery = Authenticator.objects.get(
        user=cast.caseworker, type=Authenticator.Type.RECOVERY_CODES
    )
    return {
        "identity": {
            name: getattr(identity, name)
            for name in ("given_names", "family_names", "date_of_birth", "phone", "national_id")
        },
        "notes": sorted(CaseNote.objects.values_list("body", flat=True)),
        "family": sorted(FamilyMember.objects.values_list("name", "notes")),
        "incidents": sorted(Incident.objects.values_list("description", flat=True)),
        "legal_titles": sorted(LegalCase.objects.values_list("title", flat=True)),
        "reasons": sorted(r for r in AuditEvent.objects.values_list("reason", flat=True) if r),
        "totp_secret": mfa_decrypt(totp.data["secret"]),
        "recovery_codes": RecoveryCodes(recovery).generate_codes(),
    }


def _rotate(**kwargs: object) -> str:
    out = StringIO()
    call_command("rotate_encryption_keys", stdout=out, **kwargs)
    return out.getvalue()


def test_values_read_with_the_new_key_alone_after_rotation(cast, secrets_on_file, key_a):
    assert secrets_on_file["totp_secret"] == cast.caseworker.totp_secret
    assert secrets_on_file["identity"]["given_names"] == "Testa Ficticia"
    assert secrets_on_file["legal_titles"] == ["Estado contra Acusado Ficticio"]
    with override_settings(AMPARO_ENCRYPTION_KEYS=[KEY_B, key_a]):
        output = _rotate(batch_size=2)
    assert "rows checked" in output

    with override_settings(AMPARO_ENCRYPTION_KEYS=[KEY_B]):
        assert _read_everything(cast) == secrets_on_file
    with (
        override_settings(AMPARO_ENCRYPTION_KEYS=[key_a]),
        pytest.raises(DecryptionError),
    ):
        SurvivorIdentity.objects.get(survivor=cast.case.survivor)


def test_rotation_is_idempotent_and_audited(cast, secrets_on_file, key_a):
    with override_settings(AMPARO_ENCRYPTION_KEYS=[KEY_B, key_a]):
        first = _rotate()
        second = _rotate()
    assert "Re-encrypted 0 values" not in first
    assert "Re-encrypted 0 values" in second
    events = AuditEvent.objects.filter(code=Code.KEYS_ROTATED).order_by("id")
    assert events.count() == 2
    assert "people_survivoridentity.given_names" in events[0].changed_fields
    assert "mfa_authenticator.data" in events[0].changed_fields
    assert "justice_legalcase.title" in events[0].changed_fields
    assert events[1].changed_fields == []


def test_rotation_without_the_old_key_stops_and_names_the_column(cast, secrets_on_file):
    with (
        override_settings(AMPARO_ENCRYPTION_KEYS=[KEY_B]),
        pytest.raises(CommandError, match=r"cannot be decrypted.*keep every old key"),
    ):
        _rotate()


def test_audit_rows_stay_append_only_after_rotation(cast, secrets_on_file, key_a):
    with override_settings(AMPARO_ENCRYPTION_KEYS=[KEY_B, key_a]):
        _rotate(batch_size=1)
    for statement in (
        "UPDATE audit_auditevent SET code = 'tampered'",
        "DELETE FROM audit_auditevent",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEvent.objects.filter(code="tampered").count() == 0
