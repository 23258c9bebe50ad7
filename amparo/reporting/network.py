"""How the organisation works with its partners, as one ``Report``: page, CSV, XLSX and API.

Referrals sent in the period and what became of them (a cohort of
referrals), services started in the period, and the same counts for the
period before and the same period a year earlier, all grouped in the
database in a fixed number of queries (``amparo.reporting.network_counts``).
The field aims for most services to be delivered by partners, so the partner
share is the headline figure.

Every count is declared with how it adds up (a table's total, a row's parts,
the same figure in two tables), so ``protect_tables`` hides enough cells
that no small one can be worked out from the others; a rate, a median or a
change computed from a hidden count is hidden with it.
"""

import datetime
from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.vocab import ServiceType
from amparo.core.replica import reading_from_replica
from amparo.network.vocab import ReferralStatus
from amparo.reporting.network_counts import (
    SIDES,
    STATES,
    PartnerCounts,
    Periods,
    median,
    monthly_counts,
    partner_counts,
    referral_counts,
    response_delays,
    service_counts,
    state_key,
)
from amparo.reporting.periods import Period
from amparo.reporting.suppression import Cell, Figure, Relation
from amparo.reporting.tables import (
    Column,
    Link,
    Report,
    Row,
    Table,
    count_table,
    protect_tables,
    sort_rows,
)

COHORT = "cohort"
ALL = "all"
COMPARED = ("previous", "year_before")


@reading_from_replica()
def network_report(
    *,
    user: User,
    period: Period | None = None,
    suppress: bool = True,
    today: datetime.date | None = None,
    view: str = COHORT,
) -> Report:
    """The partner-network report of the user's organisation over ``period``.

    Aggregates only (``Perm.AGGREGATES``, else ``Denied``), never a record,
    and never another organisation's own figures: only referrals it sent or
    received and services on its cases or delivered by it. ``period``
    defaults to the year up to ``today`` (default: the local date). The only
    ``view`` is the cohort one: referrals sent in the period, whatever
    became of them since. With ``suppress`` every table is protected together.
    """
    if view != COHORT:
        raise ValueError(f"The network report has no {view!r} view.")
    membership = perm_required(user, Perm.AGGREGATES)
    org = membership.organisation_id
    period = period or Period.between(end=today)
    periods = Periods(current=period, previous=period.previous(), year_before=period.year_before())
    referrals = referral_counts(org, periods)
    services = service_counts(org, periods)
    tables = [
        _status_table(referrals),
        _responses_table(referrals, response_delays(org, period)),
        _services_table(services),
        _partners_table(partner_counts(org, period)),
        _comparison_table(referrals, services),
        _trend_table(period, monthly_counts(org, period)),
    ]
    protected = protect_tables(tables, suppress=suppress, links=LINKS)
    protected = [_hide_dependent(_with_changes(t)) for t in protected]
    return Report(
        key="network",
        title=_("Network indicators"),
        tables=[sort_rows(t, "referrals") if t.key == "partners" else t for t in protected],
        suppressed=suppress,
        filters=[
            (_("From"), period.start.isoformat()),
            (_("To"), period.end.isoformat()),
            (pgettext("network report", "Previous period"), str(periods.previous)),
            (pgettext("network report", "Same period a year before"), str(periods.year_before)),
        ],
        view=COHORT,
    )


def _status_table(counts: dict[str, int]) -> Table:
    rows = []
    for status, label in ReferralStatus.choices:
        rows.append(
            (
                status,
                str(label),
                {
                    side: counts[f"{side}_{state_key(status, True)}"]
                    + counts[f"{side}_{state_key(status, False)}"]
                    for side in SIDES
                },
            )
        )
    return count_table(
        key="referrals",
        title=_("Referrals by status"),
        columns=[Column("sent", _("Sent")), Column("received", _("Received"))],
        rows=rows,
        total=(ALL, _("All referrals")),
    )


def _responses_table(counts: dict[str, int], delays: dict) -> Table:
    states = [state_key(s, a) for s, a in STATES]
    hidden_columns = [Column(k, k, published=False) for k in states]
    rows = []
    for side, label in (("sent", _("Sent by us")), ("received", _("Received by us"))):
        cells = {k: counts[f"{side}_{k}"] for k in states}
        answered = [state_key(s, True) for s in ReferralStatus.values]
        middle = median(delays[side])
        values = {
            **cells,
            "total": sum(cells.values()),
            "answered": sum(cells[k] for k in answered),
            "accepted": sum(
                cells[state_key(s, True)] for s in ReferralStatus.values if s != "declined"
            ),
            "declined": cells[state_key("declined", True)],
            "open": sum(cells[state_key(s, False)] for s in ReferralStatus.values),
            "median_days": None if middle is None else round(middle, 1),
        }
        rows.append((side, str(label), values))
    relations = []
    for side in SIDES:
        relations += [
            Relation((side, "total"), ((side, "answered"), (side, "open"))),
            Relation((side, "answered"), ((side, "accepted"), (side, "declined"))),
            Relation(
                (side, "accepted"),
                tuple((side, state_key(s, True)) for s in ReferralStatus.values if s != "declined"),
            ),
            Relation((side, "declined"), ((side, state_key("declined", True)),)),
            Relation(
                (side, "open"), tuple((side, state_key(s, False)) for s in ReferralStatus.values)
            ),
        ]
    return count_table(
        key="responses",
        title=_("How referrals were answered"),
        description=_(
            "Answered means accepted or declined; a referral later revoked or completed "
            "still counts as accepted. The acceptance rate is the share of answered "
            "referrals that were accepted."
        ),
        columns=[
            Column("total", _("Referrals")),
            Column("answered", _("Answered")),
            Column("accepted", _("Accepted")),
            Column("declined", _("Declined")),
            Column("open", _("Not answered")),
            Column("acceptance", _("Acceptance rate"), "share", of="accepted", over="answered"),
            Column("median_days", _("Median days to a response"), "days", of="answered"),
            *hidden_columns,
        ],
        rows=rows,
        relations=relations,
    )


def _services_table(counts: dict[str, dict[str, int]]) -> Table:
    rows = []
    for service_type, label in ServiceType.choices:
        row = counts.get(service_type)
        if not row or not any(
            row[f"current_{k}"] for k in ("by_partners", "by_us", "for_partners")
        ):
            continue
        values = {k: row[f"current_{k}"] for k in ("by_partners", "by_us", "for_partners")}
        values["on_our_cases"] = values["by_partners"] + values["by_us"]
        rows.append((service_type, str(label), values))
    keys = [*(r[0] for r in rows), ALL]
    return count_table(
        key="services",
        title=_("Services by who delivered them"),
        description=_(
            "Services started in the period: on our own cases, by partners or by us, and "
            "those we delivered on partners' cases."
        ),
        columns=[
            Column("by_partners", _("On our cases, by partners")),
            Column("by_us", _("On our cases, by us")),
            Column("on_our_cases", _("On our cases")),
            Column(
                "partner_share", _("Partner share"), "share", of="by_partners", over="on_our_cases"
            ),
            Column("for_partners", _("On partners' cases, by us")),
        ],
        rows=rows,
        total=(ALL, _("All services")),
        relations=[Relation((k, "on_our_cases"), ((k, "by_partners"), (k, "by_us"))) for k in keys],
    )


def _partners_table(partners: dict[int, PartnerCounts]) -> Table:
    rows = [
        (
            str(org_id),
            p.name,
            {
                "sent_to": p.sent_to,
                "received_from": p.received_from,
                "referrals": p.sent_to + p.received_from,
                "services": p.services,
            },
        )
        for org_id, p in partners.items()
    ]
    keys = [*(r[0] for r in rows), ALL]
    return count_table(
        key="partners",
        title=_("By partner organisation"),
        columns=[
            Column("sent_to", _("Referrals sent to them")),
            Column("received_from", _("Referrals received from them")),
            Column("referrals", _("All referrals with them")),
            Column("services", _("Services they delivered on our cases")),
        ],
        rows=rows,
        total=(ALL, _("All partners")),
        relations=[
            Relation((k, "referrals"), ((k, "sent_to"), (k, "received_from"))) for k in keys
        ],
    )


COMPARED_ROWS = (
    ("sent", "sent"),
    ("received", "received"),
    ("accepted", "sent_accepted"),
)


def _comparison_table(referrals: dict[str, int], services: dict[str, dict[str, int]]) -> Table:
    labels = {
        "sent": _("Referrals sent"),
        "received": _("Referrals received"),
        "accepted": _("Referrals sent and accepted"),
        "by_partners": _("Services on our cases by partners"),
        "by_us": _("Services on our cases by us"),
        "on_our_cases": _("Services on our cases"),
        "for_partners": _("Services on partners' cases by us"),
    }
    names = ("current", *COMPARED)
    values: dict[str, dict[str, int]] = {row: {} for row in labels}
    for name in names:
        for row, key in COMPARED_ROWS:
            values[row][name] = referrals[f"{name}_{key}"]
        for kind in ("by_partners", "by_us", "for_partners"):
            values[kind][name] = sum(r[f"{name}_{kind}"] for r in services.values())
        values["on_our_cases"][name] = values["by_partners"][name] + values["by_us"][name]
    return count_table(
        key="comparison",
        title=pgettext("network report", "Compared with earlier periods"),
        columns=[
            Column("current", pgettext("network report", "This period")),
            Column("previous", pgettext("network report", "Previous period")),
            Column(
                "change_previous",
                pgettext("network report", "Change on the previous period"),
                "number",
            ),
            Column("year_before", pgettext("network report", "Same period a year before")),
            Column("change_year", pgettext("network report", "Change on a year before"), "number"),
        ],
        rows=[(row, str(label), values[row]) for row, label in labels.items()],
        relations=[
            Relation(("on_our_cases", n), (("by_partners", n), ("by_us", n))) for n in names
        ],
    )


def _trend_table(period: Period, months: dict) -> Table:
    rows = []
    for first in period.months():
        key = first.strftime("%Y-%m")
        rows.append((key, key, dict(months.get(key, {}))))
    return count_table(
        key="trend",
        title=pgettext("network report", "Month by month"),
        columns=[
            Column("sent", _("Referrals sent")),
            Column("received", _("Referrals received")),
            Column("accepted", _("Referrals sent and accepted")),
            Column("services_by_partners", _("Services on our cases by partners")),
        ],
        rows=rows,
        total=(ALL, pgettext("network report", "Whole period")),
    )


def _same(a: tuple[str, str, str], b: tuple[str, str, str]) -> Link:
    return Link(whole=a, parts=(b,))


def _links() -> list[Link]:
    links = []
    for side in SIDES:
        links.append(_same(("referrals", ALL, side), ("responses", side, "total")))
        for status in ReferralStatus.values:
            links.append(
                Link(
                    whole=("referrals", status, side),
                    parts=tuple(
                        ("responses", side, state_key(status, answered))
                        for answered in (True, False)
                    ),
                )
            )
    sent, received = ("referrals", ALL, "sent"), ("referrals", ALL, "received")
    accepted, by_partners = ("responses", "sent", "accepted"), ("services", ALL, "by_partners")
    links += [
        _same(("partners", ALL, "sent_to"), sent),
        _same(("partners", ALL, "received_from"), received),
        _same(("partners", ALL, "services"), by_partners),
        _same(("trend", ALL, "sent"), sent),
        _same(("trend", ALL, "received"), received),
        _same(("trend", ALL, "accepted"), accepted),
        _same(("trend", ALL, "services_by_partners"), by_partners),
        _same(("comparison", "sent", "current"), sent),
        _same(("comparison", "received", "current"), received),
        _same(("comparison", "accepted", "current"), accepted),
    ]
    for kind in ("by_partners", "by_us", "on_our_cases", "for_partners"):
        links.append(_same(("comparison", kind, "current"), ("services", ALL, kind)))
    return links


LINKS = _links()


def _with_changes(table: Table) -> Table:
    """Fill the comparison's changes: hidden when either side is."""
    if table.key != "comparison":
        return table

    def change(row: Row) -> Row:
        now = row.values["current"]
        values = dict(row.values)
        for name in COMPARED:
            then = row.values[name]
            assert isinstance(now, Cell) and isinstance(then, Cell)
            values[f"change_{'previous' if name == 'previous' else 'year'}"] = (
                Figure(None, hidden=True)
                if now.suppressed or then.suppressed
                else Figure(float(now.value - then.value))
            )
        return replace(row, values=values)

    return replace(table, rows=tuple(change(r) for r in table.rows))


def _hide_dependent(table: Table) -> Table:
    """A median (or other figure) declared ``of`` a count is hidden when that count is."""
    dependent = [c for c in table.columns if c.kind in ("days", "number") and c.of]
    if not dependent:
        return table

    def hide(row: Row) -> Row:
        values = dict(row.values)
        for c in dependent:
            base = row.values[c.of]
            if isinstance(base, Cell) and base.suppressed:
                values[c.key] = Figure(None, hidden=True)
        return replace(row, values=values)

    return replace(table, rows=tuple(hide(r) for r in table.rows))
