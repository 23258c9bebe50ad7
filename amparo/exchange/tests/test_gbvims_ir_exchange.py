"""The Incident Recorder through the exchange: exported, then imported into an empty organisation."""

import datetime

import pytest
from django.utils import timezone

from amparo.accounts.roles import Role
from amparo.cases.models import Incident
from amparo.cases.services import intake_submit
from amparo.cases.standards import gbvims
from amparo.core.exceptions import Denied
from amparo.exchange.formats.base import ExportFilters
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.exchange.models import ImportJob
from amparo.exchange.selectors import export_records, imported_record_find
from amparo.exchange.services import import_confirm, import_start, standard_export
from amparo.testing.factories import MembershipFactory, OrganisationFactory, intake_input

# The Incident Recorder's standard fields Amparo keeps, by incident field.
INCIDENT_FIELDS = (
    "occurred_on",
    "reported_on",
    "admin1",
    "admin2",
    "gbv_type",
    "money_or_goods_exchanged",
    "abduction_status",
    "perpetrator_count",
    "perpetrator_sex",
    "perpetrator_age_band",
)


def more_cases(cast) -> None:
    today = timezone.localdate()
    variants = [
        dict(
            q_penetration=False,
            q_physical=True,
            abduction_status="forced_conscription",
            perpetrator_count=3,
            perpetrator_sex="both",
            perpetrator_age_band="26-40",
            perpetrator_relation="employer",
            contexts=["harmful_practice"],
            money_or_goods_exchanged=False,
        ),
        dict(
            q_penetration=False,
            q_psychological=True,
            admin2="",
            perpetrator_sex="female",
            perpetrator_age_band="61+",
            perpetrator_relation="none",
            occurred_on=today - datetime.timedelta(days=400),
            date_is_estimated=True,
        ),
    ]
    for facts in variants:
        data = intake_input()
        data.identity.national_id = ""
        data.identity.phone = ""
        for name, value in facts.items():
            setattr(data.incident, name, value)
        data.survivor.nationality = "HN"
        intake_submit(actor=cast.caseworker, data=data)


@pytest.mark.django_db
def test_an_incident_recorder_export_reimported_matches_on_every_standard_field(
    cast, django_capture_on_commit_callbacks
):
    more_cases(cast)
    export = standard_export(actor=cast.supervisor, format_key="gbvims-ir", filters=ExportFilters())
    assert export.columns == list(c.COLUMNS)
    assert str(export.cover[1]).startswith("One row per case")
    data = b"".join(export.chunks())
    assert b"Testa" not in data and b"TEST-0000" not in data

    empty = OrganisationFactory.create(code="NEW")
    importer = MembershipFactory.create(organisation=empty, role=Role.ORG_ADMIN).user
    job = import_start(actor=importer, format_key="gbvims-ir", file_name="ir.csv", data=data)
    assert (job.status, job.refused, job.to_create) == (ImportJob.Status.CHECKED, 0, 3)
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=importer, job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 3)

    originals = export_records(organisation=cast.lex, filters=ExportFilters())
    assert len(originals) == 3
    for original in originals:
        record = imported_record_find(
            organisation=empty, source_system="gbvims-ir", external_id=f"{original.case_code}-1"
        )
        assert record is not None
        incident = Incident.objects.get(case=record.case)
        for name in INCIDENT_FIELDS:
            assert getattr(incident, name) == original.incident[name], name
        # GBVIMS has no recruiter: it leaves and comes back as "Other".
        relation = gbvims.PERPETRATOR_RELATION
        assert (
            relation[incident.perpetrator_relation]
            == relation[original.incident["perpetrator_relation"]]
        )
        assert ("harmful_practice" in incident.contexts) == (
            "harmful_practice" in original.incident["contexts"]
        )
        survivor = record.case.survivor
        assert (survivor.sex, survivor.nationality) == (
            original.survivor_sex,
            original.survivor_nationality,
        )
        assert survivor.pseudonym == original.case_code


@pytest.mark.django_db
def test_the_incident_recorder_export_needs_the_export_permission(cast):
    with pytest.raises(Denied):
        standard_export(actor=cast.caseworker, format_key="gbvims-ir", filters=ExportFilters())
    with pytest.raises(Denied):
        standard_export(actor=cast.analyst, format_key="gbvims-ir", filters=ExportFilters())
