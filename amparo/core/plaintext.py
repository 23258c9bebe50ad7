"""The one place that says which text columns of Amparo's models stay in clear.

The rule: every ``CharField`` / ``TextField`` (or subclass) of an ``amparo.*``
model is encrypted at rest (``EncryptedTextField``) unless it is

* a choice field (its ``choices`` are a closed vocabulary of codes: the
  stored value can only ever be one of them), or
* declared below, with the reason it can never carry a survivor's (or any
  other private person's) details.

``amparo/core/tests/test_plaintext_rule.py`` introspects every model and fails
on a text column that is neither, and on a declaration that names no field.
A new text field therefore has to be encrypted or argued for here.
"""

from django.db import models

# Reasons that several columns share.
_CODE = "a code the application generates (never typed as free text)"
_ISO_COUNTRY = "an ISO 3166-1 alpha-2 country code (two letters)"
_PSEUDONYM = (
    "a pseudonym: chosen to be non-identifying, it is how people are named on screen and "
    "it is searched and sorted in SQL, which ciphertext cannot be"
)
_PLACE = (
    "where an incident or rescue happened, at department/municipality level only (never an "
    "address); grouped for indicators, which suppress small cells"
)
_CATALOGUE = "reference data loaded from the project's catalogue files, the same for everyone"
_COURT = "a public institution (court), from the reference catalogue"
_PUBLIC_TEXT = (
    "written for publication about a programme (its aims, goals, releases), never about a "
    "person; the form says it will be public"
)
_CITATION = "a citation of a published study report (title, publisher, year, address)"
_STAFF = (
    "about a member of staff who signs in, not a survivor: needed in clear to sign in, "
    "to address emails and to show who did what"
)

PLAINTEXT_FIELDS: dict[str, str] = {
    # audit
    "audit.AuditEvent.code": "a stable event code from amparo.audit.events",
    "audit.AuditEvent.object_type": "a model label written by the audit event creators",
    "audit.AuditEvent.object_id": "a primary key written by the audit event creators",
    "audit.AuditEvent.user_agent": (
        "the browser string of the signed-in staff member's device, written by the "
        "middleware; never typed by a person"
    ),
    # accounts
    "accounts.Organisation.name": "an organisation's public name (NGO, shelter operator, institute)",
    "accounts.Organisation.code": "the organisation's public prefix of case codes (2-6 capitals)",
    "accounts.Organisation.country": _ISO_COUNTRY,
    "accounts.User.password": "a salted password hash (Django's hasher), never the password",
    "accounts.User.email": _STAFF,
    "accounts.User.full_name": _STAFF,
    "accounts.User.language": "a code of LANGUAGES ('en', 'es') the staff member chose",
    "accounts.ApiToken.name": "a staff member's label for where a token is used (e.g. 'laptop')",
    "accounts.ApiToken.prefix": "the public prefix of an API token, to find it without the secret",
    "accounts.ApiToken.key_hash": "a SHA-256 of the token secret, never the secret",
    # people
    "people.Survivor.pseudonym": _PSEUDONYM,
    "people.SurvivorIndexTerm.digest": "a blind index: a keyed HMAC digest, not reversible",
    # cases
    "cases.RescueOperation.country": _ISO_COUNTRY,
    "cases.RescueOperation.admin1": _PLACE,
    "cases.RescueOperation.admin2": _PLACE,
    "cases.Case.code": _CODE + ": the case code people use instead of a name",
    "cases.Incident.country": _ISO_COUNTRY,
    "cases.Incident.admin1": _PLACE,
    "cases.Incident.admin2": _PLACE,
    # justice
    "justice.Court.name": _COURT,
    "justice.Court.country": _ISO_COUNTRY,
    "justice.Court.admin1": _COURT,
    "justice.Court.jurisdiction": _COURT,
    "justice.Offence.country": _ISO_COUNTRY,
    "justice.Offence.code": _CATALOGUE + " (criminal-code offence)",
    "justice.Offence.name_en": _CATALOGUE + " (criminal-code offence)",
    "justice.Offence.name_es": _CATALOGUE + " (criminal-code offence)",
    "justice.Offence.legal_reference": _CATALOGUE + " (article of the criminal code)",
    "justice.Accused.pseudonym": _PSEUDONYM + "; the accused's real name is encrypted",
    # aftercare
    "aftercare.Facility.name": (
        "the organisation's label for one of its own facilities, which staff choose a "
        "placement by; it names no person, and where the facility is (its department) "
        "is encrypted"
    ),
    "aftercare.CarePlanGoal.domain": "the code of a restoration domain of the instrument",
    "aftercare.Instrument.code": _CATALOGUE + " (assessment instrument)",
    "aftercare.Instrument.name_en": _CATALOGUE + " (assessment instrument)",
    "aftercare.Instrument.name_es": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentDomain.code": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentDomain.name_en": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentDomain.name_es": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentItem.code": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentItem.text_en": _CATALOGUE + " (assessment instrument)",
    "aftercare.InstrumentItem.text_es": _CATALOGUE + " (assessment instrument)",
    "aftercare.Task.source_type": "the model label of the record a task came from",
    "aftercare.Task.source_id": "the primary key of the record a task came from",
    # network
    "network.Transfer.previous_pseudonym": _PSEUDONYM + " (as it stood at the transfer)",
    "network.Transfer.previous_code": _CODE + ": the case code at the sender",
    "network.Transfer.new_code": _CODE + ": the case code at the receiver",
    # programmes: aggregates and what is written for publication; never a person's record
    "programmes.Programme.name": "a programme's public name, printed on its public releases",
    "programmes.Programme.slug": "the programme's public address, chosen for publication",
    "programmes.Programme.summary": _PUBLIC_TEXT,
    "programmes.ProgrammeArea.country": _ISO_COUNTRY,
    "programmes.ProgrammeArea.admin1": (
        "a department or state the programme covers, with its census population: public data"
    ),
    "programmes.Goal.indicator": "a code of amparo.programmes.indicators, chosen from a list",
    "programmes.Goal.title": _PUBLIC_TEXT,
    "programmes.PrevalenceStudy.title": _PUBLIC_TEXT,
    "programmes.PrevalenceStudy.source": _CITATION,
    "programmes.SurveyResult.source": _CITATION,
    "programmes.Training.role": (
        "the job role of the officials trained (investigating officers, trial judges), "
        "never a person's name; the form says so"
    ),
    "programmes.Release.title": _PUBLIC_TEXT,
    "programmes.Release.change_note": _PUBLIC_TEXT,
    "programmes.ReleaseCell.measure": "a code of amparo.programmes.measures, written by the service",
    "programmes.ReleaseCell.area": (
        "a department name the release service groups counts by, never typed by a person"
    ),
    # exchange: jobs and where imported records came from (ids and names are encrypted)
    "exchange.ImportJob.format_key": _CODE + ": the key of an exchange format",
    "exchange.ImportedRecord.source_system": _CODE + ": the key of the system a record came from",
    "exchange.ImportedRecord.external_key": "a keyed HMAC digest of the source's record id",
}


def is_text_column(field: models.Field) -> bool:
    return getattr(field, "concrete", False) and isinstance(
        field, models.CharField | models.TextField
    )


def is_encrypted(field: models.Field) -> bool:
    return bool(getattr(field, "encrypted", False))


def undeclared_plaintext(model_list: list[type[models.Model]]) -> list[str]:
    """Text columns of ``model_list`` that are stored in clear without a declared reason."""
    found = []
    for model in model_list:
        for field in model._meta.get_fields():
            if not isinstance(field, models.Field) or not is_text_column(field):
                continue
            if is_encrypted(field) or field.choices:
                continue
            label = f"{model._meta.label}.{field.name}"
            if label not in PLAINTEXT_FIELDS:
                found.append(label)
    return sorted(found)
