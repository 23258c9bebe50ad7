"""The impact report as a PDF, with ReportLab's platypus: title, guarantee, tables, goals.

The standard Helvetica covers Latin-1, which is all Spanish needs; the one
Greek letter of the guarantee (ε) is set in the standard Symbol font. The file
is built uncompressed and invariant (no creation date, no random id), so one
release in one language always gives the same bytes, and the figures can be
read back from it.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from amparo.programmes import labels
from amparo.programmes.impact import FigureRow, ImpactReport

TABLE_STYLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.grey),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _text(value: str) -> str:
    """Paragraph markup of plain text: escaped, with ε in the Symbol font."""
    return escape(value).replace("ε", '<font name="Symbol">ε</font>')


def _figures(rows: tuple[FigureRow, ...], periods: tuple[str, ...], styles) -> Table:
    body = [["", *periods]]
    body += [
        [Paragraph(_text(r.label), styles["BodyText"]), *(f.text for f in r.figures)] for r in rows
    ]
    first = 80 * mm
    rest = (170 * mm - first) / max(1, len(periods))
    table = Table(body, colWidths=[first, *([rest] * len(periods))], repeatRows=1)
    table.setStyle(TABLE_STYLE)
    return table


def _goals(report: ImpactReport, styles) -> Table:
    body = [[_("Goal"), _("Baseline"), _("Current"), _("Target"), _("Progress"), _("Status")]]
    for bar in report.goals:
        progress = "—" if bar.percent is None else f"{bar.percent}%"
        body.append(
            [
                Paragraph(_text(bar.goal["title"]), styles["BodyText"]),
                bar.baseline,
                bar.current,
                bar.target,
                progress,
                Paragraph(_text(bar.status_label), styles["BodyText"]),
            ]
        )
    widths = [60 * mm, 22 * mm, 22 * mm, 22 * mm, 18 * mm, 26 * mm]
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(TABLE_STYLE)
    return table


def impact_pdf(report: ImpactReport) -> bytes:
    """The PDF of ``report``, in the active language."""
    styles = getSampleStyleSheet()
    content = report.content
    buffer = io.BytesIO()
    title = _("Impact report: %(programme)s") % {"programme": content["programme"]["name"]}
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Amparo",
        invariant=1,
        pageCompression=0,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
    )
    story: list[Flowable] = [
        Paragraph(_text(title), styles["Title"]),
        Paragraph(
            _text(
                _("%(title)s · version %(version)s · %(period)s · published on %(date)s")
                % {
                    "title": content["title"],
                    "version": report.version,
                    "period": labels.period_label(content["period"]),
                    "date": labels.date_label(content["published_on"]),
                }
            ),
            styles["BodyText"],
        ),
        Paragraph(_text(_("The guarantee")), styles["Heading2"]),
        *(Paragraph(_text(sentence), styles["BodyText"]) for sentence in report.guarantee),
        Paragraph(_text(report.hidden_note), styles["BodyText"]),
    ]
    for heading, rows in report.sections:
        story += [
            Paragraph(_text(heading), styles["Heading2"]),
            _figures(rows, report.periods, styles),
        ]
    if report.goals:
        story += [Paragraph(_text(_("Progress towards each goal")), styles["Heading2"])]
        story.append(_goals(report, styles))
    protected = report.people_protected
    if protected is not None:
        story += [
            Paragraph(_text(_("People protected")), styles["Heading2"]),
            Paragraph(
                _text(
                    _("%(people)s people, by method version %(method)s.")
                    % {
                        "people": labels.value_label(protected["people"]),
                        "method": protected["method_version"],
                    }
                ),
                styles["BodyText"],
            ),
        ]
    if content["change_note"]:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(
                _text(
                    _("Corrects version %(version)s: %(note)s")
                    % {"version": content["supersedes"], "note": content["change_note"]}
                ),
                styles["BodyText"],
            ),
        ]
    document.build(story)
    return buffer.getvalue()
