"""A row's field reports, built as a format maps it."""

from dataclasses import dataclass, field

from amparo.exchange.formats.base import FieldReport, Outcome


@dataclass
class FieldLog:
    """The reports of one row, in the order the fields were mapped.

    ``value`` is the source's code or Amparo's; callers pass none for personal
    data (``identity``), so the report never holds a name, a date of birth, a
    phone, an address or an id.
    """

    reports: list[FieldReport] = field(default_factory=list)

    def created(self, source: str, target: str, value: str = "") -> None:
        self.reports.append(FieldReport(source, target, Outcome.CREATED, value))

    def identity(self, source: str, target: str, reason: str) -> None:
        self.reports.append(FieldReport(source, target, Outcome.CREATED, "", reason))

    def mapped(self, source: str, target: str, value: str, reason: str = "") -> None:
        self.reports.append(FieldReport(source, target, Outcome.MAPPED, value, reason))

    def defaulted(self, source: str, target: str, value: str, reason: str) -> None:
        self.reports.append(FieldReport(source, target, Outcome.DEFAULTED, value, reason))

    def refused(self, source: str, target: str, reason: str, value: str = "") -> None:
        self.reports.append(FieldReport(source, target, Outcome.REFUSED, value, reason))

    @property
    def refused_any(self) -> bool:
        return any(report.outcome is Outcome.REFUSED for report in self.reports)
