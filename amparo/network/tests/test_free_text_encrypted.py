"""The free text that used to be stored in clear (issue 11.4) is ciphertext in the database.

Every value is written through the real services, then read back twice: raw,
with ``connection.cursor()`` (the plaintext must not be in it), and through the
model (it must read as written). The data migrations that encrypted the old
plaintext rows are run on rows written as plaintext, forwards and backwards.
"""

import datetime

import pytest
from django.apps import apps
from django.db import connection, migrations
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from amparo.aftercare.models import Facility, Reintegration
from amparo.aftercare.services.reintegration import reintegration_decide
from amparo.aftercare.tests.records import restoration_records
from amparo.cases.models import RescueOperation
from amparo.cases.services import rescue_operation_record
from amparo.core import crypto
from amparo.core.migration_ops import encrypt_existing_values, is_ciphertext
from amparo.justice.inputs import HearingOutcomeInput, LegalCaseInput
from amparo.justice.models import Court, Hearing, LegalCase, StageEvent
from amparo.justice.services import (
    hearing_record_outcome,
    hearing_schedule,
    legal_case_open,
    stage_correct,
    stage_record,
)
from amparo.network.inputs import AgreementInput
from amparo.network.models import PartnerAgreement
from amparo.network.services.agreements import agreement_record


def _days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def written(cast) -> dict[tuple[type, str], tuple[int, str]]:
    """(model, field) -> (pk, the fictional plaintext written through the service)."""
    legal_case = legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Estado contra Acusado Ficticio Uno",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            complaint_on=_days_ago(30),
            victim_case_ids=[cast.case.pk],
            lawyer_ids=[cast.lawyer.pk],
        ),
    )
    event = stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="charges", occurred_on=_days_ago(20)
    )
    corrected = stage_correct(
        actor=cast.lawyer,
        event_id=event.pk,
        legal_case=legal_case,
        occurred_on=_days_ago(21),
        reason="Typed wrong: Fiscal Ficticia Dos confirmed the date",
    )
    hearing = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() - datetime.timedelta(days=1),
        kind="trial",
    )
    hearing = hearing_record_outcome(
        actor=cast.lawyer,
        hearing=hearing,
        expected_version=hearing.version,
        data=HearingOutcomeInput(outcome="held", accompanied_by="Tía Ficticia Tres"),
    )
    records = restoration_records(cast)
    reintegration = reintegration_decide(
        actor=cast.supervisor,
        reintegration=Reintegration.objects.get(pk=records.reintegration),
        expected_version=Reintegration.objects.get(pk=records.reintegration).version,
        approve=False,
        note="The uncle at Calle Ficticia 4 still lives in the house",
    )
    agreement = agreement_record(
        actor=cast.admin,
        data=AgreementInput(
            partner_id=cast.refugio.pk,
            approved_by="Directora Ficticia Cinco",
            effective_from=_days_ago(10),
            reference="Convenio firmado por Directora Ficticia Cinco",
        ),
    )
    operation = rescue_operation_record(
        actor=cast.caseworker,
        name="Operativo bar La Estrella Ficticia",
        happened_on=_days_ago(5),
        admin1="Escuintla",
        people_removed=3,
    )
    return {
        (LegalCase, "title"): (legal_case.pk, "Estado contra Acusado Ficticio Uno"),
        (StageEvent, "correction_reason"): (
            corrected.pk,
            "Typed wrong: Fiscal Ficticia Dos confirmed the date",
        ),
        (Hearing, "accompanied_by"): (hearing.pk, "Tía Ficticia Tres"),
        (Reintegration, "decision_note"): (
            reintegration.pk,
            "The uncle at Calle Ficticia 4 still lives in the house",
        ),
        (PartnerAgreement, "approved_by"): (agreement.pk, "Directora Ficticia Cinco"),
        (PartnerAgreement, "reference"): (
            agreement.pk,
            "Convenio firmado por Directora Ficticia Cinco",
        ),
        (RescueOperation, "name"): (operation.pk, "Operativo bar La Estrella Ficticia"),
        (Facility, "admin1"): (records.facility, "Escuintla"),
    }


def _raw(model: type, field: str, pk: int) -> str:
    quote = connection.ops.quote_name
    column = model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(column)} FROM {quote(model._meta.db_table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


def _write_raw(model: type, field: str, pk: int, value: str) -> None:
    quote = connection.ops.quote_name
    column = model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
            [value, pk],
        )


def test_each_newly_encrypted_column_holds_ciphertext_only(written):
    for (model, field), (pk, plaintext) in written.items():
        raw = _raw(model, field, pk)
        assert plaintext not in raw, f"{model.__name__}.{field} is stored in clear"
        assert crypto.decrypt(raw) == plaintext
        assert getattr(model.objects.get(pk=pk), field) == plaintext


def _data_migrations() -> list[migrations.RunPython]:
    """Every ``encrypt_existing_values`` operation on disk (found by what it runs, not
    by migration name, so renumbered migrations are still found)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return [
        op
        for key in sorted(loader.disk_migrations)
        if key[0] in ("cases", "justice", "aftercare", "network")
        for op in loader.disk_migrations[key].operations
        if isinstance(op, migrations.RunPython)
        and op.code.__qualname__.startswith(encrypt_existing_values.__name__)
    ]


class _SchemaEditor:
    connection = connection


def test_the_data_migrations_encrypt_rows_written_as_plaintext_and_reverse(written):
    for (model, field), (pk, plaintext) in written.items():
        _write_raw(model, field, pk, plaintext)  # as the rows were before the migration
    operations = _data_migrations()
    assert len(operations) >= 4  # cases, justice, aftercare, network

    for operation in operations:
        operation.code(apps, _SchemaEditor())
    encrypted = {key: _raw(key[0], key[1], pk) for key, (pk, _text) in written.items()}
    for (model, field), (pk, plaintext) in written.items():
        raw = encrypted[(model, field)]
        assert plaintext not in raw and is_ciphertext(raw)
        assert getattr(model.objects.get(pk=pk), field) == plaintext

    for operation in operations:  # running again changes nothing
        operation.code(apps, _SchemaEditor())
    assert {key: _raw(key[0], key[1], pk) for key, (pk, _t) in written.items()} == encrypted

    for operation in reversed(operations):
        operation.reverse_code(apps, _SchemaEditor())
    for (model, field), (pk, plaintext) in written.items():
        assert _raw(model, field, pk) == plaintext  # nothing lost going back


def test_empty_values_stay_empty_through_the_data_migration(cast):
    pk = Facility.objects.create(
        organisation=cast.lex, name="Casa Vacía", kind="shelter", capacity=2
    ).pk
    assert _raw(Facility, "admin1", pk) == ""
    for operation in _data_migrations():
        operation.code(apps, _SchemaEditor())
    assert _raw(Facility, "admin1", pk) == ""
