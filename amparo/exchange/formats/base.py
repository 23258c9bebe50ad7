"""What every exchange format provides: the contract between formats and the exchange services.

A format is data about a standard (its columns, its codes and how Amparo's
vocabularies map to them) and two pure functions, one per direction. The
services around them (``amparo.exchange.services``) do everything else once:
permission, audit, k-anonymity, streaming, progress, the dry run, idempotency,
encryption and duplicate flags. A format never reads the database itself.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any, Protocol

from amparo.accounts.roles import Perm
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.reporting.kanon import KAnonymity


class Outcome(StrEnum):
    """What a dry run says of one field of one row."""

    CREATED = "created"  # kept as given (a date, a number, a name to encrypt)
    MAPPED = "mapped"  # a source code translated to Amparo's vocabulary
    DEFAULTED = "defaulted"  # absent or blank in the source: Amparo's default applies
    REFUSED = "refused"  # unreadable or outside the standard: the row is not imported


@dataclass(frozen=True)
class FieldReport:
    """One field of one row in the dry run's report.

    ``source`` and ``target`` are column and field names; ``value`` is the
    source's code or the Amparo code it maps to, and is left empty for any
    field that holds personal data (names, dates of birth, free text), so the
    report itself can be shown and kept without exposing anyone.
    """

    source: str
    target: str
    outcome: Outcome
    value: str = ""
    reason: str = ""  # translated, for a person: why it was mapped, defaulted or refused


@dataclass
class MappedRow:
    """One source row made into what Amparo's intake takes, with a report per field.

    ``external_id`` is the source system's own record id: importing the same
    row twice finds it and changes nothing. ``intake`` is None when a field
    was refused (the row is reported, never half-imported). ``more_incidents``
    are the row's further incidents, added to the same case.
    """

    number: int  # the row's number in the file, 1 for the first data row
    external_id: str
    intake: IntakeInput | None
    more_incidents: list[IncidentInput] = field(default_factory=list)
    fields: list[FieldReport] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.intake is None or any(f.outcome is Outcome.REFUSED for f in self.fields)


class ImportFormat(Protocol):
    """A system people leave: how its files are read and each row mapped."""

    key: str  # in URLs and the API, e.g. "primero", "gbvims-ir", "htcds"
    label: Any  # a lazy translation
    source_system: str  # stored with each imported record, with its external id

    def read(self, upload: IO[bytes], *, filename: str) -> Iterator[dict[str, str]]:
        """The file's rows as text by column name; ``ValidationError`` refuses the whole file."""
        ...

    def map_row(self, row: dict[str, str], *, number: int, today: datetime.date) -> MappedRow:
        """One row in Amparo's terms; never raises for bad values, reports them as REFUSED."""
        ...


@dataclass(frozen=True)
class ExportRecord:
    """What an export may know of one incident: de-identified facts only, no free text.

    Built by the exchange selectors (``export_records``) from records the
    actor may export, one per case, from its first incident. ``case_code``
    is the case code, never a name (a format that must not link rows back to
    cases leaves it out); ``age_at_incident`` is the survivor's age in the
    incident's year; ``case_id`` is for the services' audit, never a column.
    """

    case_id: int
    survivor_id: int
    case_code: str
    case_status: str
    case_opened_on: datetime.date
    survivor_sex: str
    survivor_nationality: str
    survivor_birth_year: int | None
    age_at_incident: int | None
    incident: dict[str, Any]  # the Incident's standard fields by name (no description)


@dataclass(frozen=True)
class ExportFilters:
    """What the person chose to export: cases opened in a period (either end open)."""

    opened_from: datetime.date | None = None
    opened_to: datetime.date | None = None
    trafficking_only: bool = False

    def words(self) -> str:
        """The filters as codes and dates, for the audit trail and the file's cover."""
        parts = []
        if self.opened_from:
            parts.append(f"from={self.opened_from.isoformat()}")
        if self.opened_to:
            parts.append(f"to={self.opened_to.isoformat()}")
        if self.trafficking_only:
            parts.append("trafficking")
        return " ".join(parts)


class ExportFormat(Protocol):
    """A standard records leave in: its columns and how each record becomes a row.

    ``rows`` yields one list of cells per record it takes, in ``columns()``
    order (a record outside the standard's scope may be left out). When
    ``k_anonymity`` is set, the services make the rows k-anonymous on its
    quasi-identifier columns (``amparo.reporting.kanon``) before any leaves,
    and the file says what was generalised and suppressed; when it is None
    the file is record-level and ``perm`` must say who may take that.
    """

    key: str
    label: Any
    perm: Perm  # who may take this export (a role permission)
    guarantee: Any  # a lazy translation: what the file promises (e.g. "k ≥ 11 on …")
    k_anonymity: KAnonymity | None

    def columns(self) -> list[str]: ...

    def rows(self, records: Iterable[ExportRecord]) -> Iterator[list[str]]: ...
