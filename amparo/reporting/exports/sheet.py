"""What an exported report says, whatever its format: its cover, its headers, its values.

CSV and XLSX (``wide_csv``, ``workbook``) lay these out; neither decides how a
hidden cell, a share or a missing figure reads. Labels are in the user's
active language; numbers are never localised.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from amparo.reporting.suppression import HIDDEN, Cell, Figure, min_cell
from amparo.reporting.tables import Column, Report, Table, Value

# An exported value: a count (int), a number (float; a share as a ratio), the
# hidden mark, or None when not defined (a share over zero, a median not reached).
Exported = int | float | str | None


@dataclass(frozen=True)
class Cover:
    """The lines that head every export: title, filters and view in words, when, and the legend."""

    title: str
    lines: tuple[tuple[str, str], ...]


def legend() -> str:
    """What the hidden mark means, as every export explains it."""
    return _(
        "Hidden to protect confidentiality: a count below %(n)s, or one that would let "
        "such a count be worked out from the figures shown."
    ) % {"n": min_cell()}


def view_words(view: str) -> str:
    """A report's view (``cohort`` or ``period``) as a sentence."""
    views = {
        "cohort": _("Cohort: what became of the cases that started in the period"),
        "period": _("Period: what happened during the period"),
    }
    return views.get(view, view)


def filters_words(filters: list[tuple[str, str]]) -> str:
    """The filters chosen, in words ("Court: Juzgado 1; Period: …"), or that there were none."""
    return "; ".join(f"{label}: {value}" for label, value in filters) or _("None")


def report_cover(report: Report, *, generated_at: datetime.datetime) -> Cover:
    """The cover of ``report``, generated at ``generated_at`` (shown in the local time zone)."""
    stamp = timezone.localtime(generated_at).strftime("%Y-%m-%d %H:%M %Z")
    lines = [(pgettext("export", "Filters"), filters_words(report.filters))]
    if report.view:
        lines.append((pgettext("export", "View"), view_words(report.view)))
    lines += [(pgettext("export", "Generated at"), stamp), (HIDDEN, legend())]
    return Cover(title=str(report.title), lines=tuple(lines))


def header(table: Table, *, percent_suffix: bool) -> list[str]:
    """The header row of ``table``: the row heading, then each published column's label.

    With ``percent_suffix`` a share column says its unit ("Share (%)"): its
    values are then percentages, not ratios.
    """
    labels = [str(table.row_heading)]
    for column in table.published_columns:
        label = str(column.label)
        labels.append(f"{label} (%)" if percent_suffix and column.kind == "share" else label)
    return labels


def export_value(column: Column, value: Value) -> Exported:
    """``value`` as an export holds it: hidden as the mark, shares as ratios, no figure as None."""
    if isinstance(value, Cell):
        return HIDDEN if value.suppressed else value.value
    if isinstance(value, Figure):
        if value.hidden:
            return HIDDEN
        if value.value is None:
            return None
        if column.kind == "share":
            return value.value
        return _round(value.value)
    return str(value)


def _round(number: float) -> int | float:
    # Medians and means: whole days stay whole, others keep one decimal.
    rounded = round(float(number), 1)
    return int(rounded) if rounded.is_integer() else rounded
