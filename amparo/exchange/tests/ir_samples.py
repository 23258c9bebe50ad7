"""Made-up Incident Recorder rows and de-identified records for the format tests."""

import datetime

from amparo.exchange.formats.base import ExportRecord
from amparo.exchange.formats.gbvims_ir import columns as c

TODAY = datetime.date(2025, 6, 30)


def ir_row(changes: dict[str, str] | None = None) -> dict[str, str]:
    """A full, valid IR row (every column present), with ``changes`` by column."""
    row = {column: "" for column in c.COLUMNS}
    row.update(
        {
            c.INCIDENT_ID: "IR-0001",
            c.SURVIVOR_CODE: "SV-TEST-1",
            c.CASE_MANAGER_CODE: "CW-9",
            c.DATE_OF_INTERVIEW: "12-Mar-2025",
            c.DATE_OF_INCIDENT: "02-Mar-2025",
            c.DATE_OF_BIRTH: "14-Jul-2009",
            c.SEX: "F",
            c.ETHNICITY: "Ethnicity1",
            c.COUNTRY_OF_ORIGIN: "Honduras",
            c.DISPLACEMENT_STATUS: "Refugee",
            c.DISABILITY: "No",
            c.COUNTY: "Escuintla",
            c.DISTRICT: "Palín",
            c.GBV_TYPE: "Rape",
            c.HARMFUL_TRADITIONAL_PRACTICE: "No",
            c.GOODS_MONEY_EXCHANGED: "Yes",
            c.ABDUCTION_TYPE: "Trafficked",
            c.PERPETRATOR_COUNT: "2",
            c.PERPETRATOR_SEX: "M",
            c.PERPETRATOR_AGE_GROUP: "Age 26 - 40",
            c.PERPETRATOR_RELATIONSHIP: "Supervisor / Employer",
            c.REFERRED_FROM: "Police / Other Security Actor & Health / Medical Services",
            c.CONSENT: "Yes",
        }
    )
    row.update(changes or {})
    return row


def record(code: str = "GT-0001", **incident: object) -> ExportRecord:
    facts: dict[str, object] = {
        "occurred_on": datetime.date(2025, 3, 2),
        "reported_on": datetime.date(2025, 3, 12),
        "admin1": "Escuintla",
        "admin2": "Palín",
        "gbv_type": "sexual_assault",
        "contexts": ["harmful_practice"],
        "money_or_goods_exchanged": False,
        "abduction_status": "none",
        "perpetrator_count": 1,
        "perpetrator_sex": "both",
        "perpetrator_age_band": "18-25",
        "perpetrator_relation": "intimate_partner",
    }
    facts.update(incident)
    return ExportRecord(
        case_id=1,
        survivor_id=1,
        case_code=code,
        case_status="active",
        case_opened_on=datetime.date(2025, 3, 12),
        survivor_sex="female",
        survivor_nationality="GT",
        survivor_birth_year=2001,
        age_at_incident=24,
        incident=facts,
    )
