"""Hearings: how often they are postponed and why, and where survivors testify."""

from collections import Counter
from collections.abc import Mapping

from django.utils.translation import gettext as _

from amparo.justice import measures, vocab
from amparo.reporting.tables import Column, Link, Table, count_table

NOT_RECORDED = "not_recorded"

Groups = Mapping[tuple[str, str, bool, str], int]


def hearing_tables(groups: Groups) -> list[Table]:
    """Held and postponed hearings, postponements by reason, testimonies by setting.

    Each table has a total row (its rows add up to it); the postponed
    hearings of the first are the total of the second (``hearing_links``).
    """
    outcomes: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    settings: Counter[str] = Counter()
    for (outcome, reason, testified, setting), n in groups.items():
        outcomes[outcome] += n
        if outcome == vocab.HearingOutcome.POSTPONED:
            reasons[reason or NOT_RECORDED] += n
        if testified:
            friendly = setting in measures.VICTIM_FRIENDLY_SETTINGS
            settings["friendly" if friendly else "other"] += n
    share = Column("share", _("Share"), "share", of="hearings")
    decided = count_table(
        key="hearings",
        title=_("Hearings held or postponed"),
        columns=[Column("hearings", _("Hearings")), share],
        rows=[
            (o, str(label), {"hearings": outcomes[o]})
            for o, label in vocab.HearingOutcome.choices
            if o in measures.DECIDED_HEARINGS
        ],
        total=("total", _("Held or postponed")),
        description=_("The share postponed is the postponement rate."),
    )
    reason_rows = [
        (r, str(label), {"hearings": reasons[r]}) for r, label in vocab.PostponementReason.choices
    ]
    if reasons[NOT_RECORDED]:
        reason_rows.append(
            (NOT_RECORDED, _("Reason not recorded"), {"hearings": reasons[NOT_RECORDED]})
        )
    why = count_table(
        key="postponements",
        title=_("Why hearings are postponed"),
        columns=[Column("hearings", _("Postponed hearings")), share],
        rows=reason_rows,
        total=("total", _("All postponed")),
    )
    testimony = count_table(
        key="testimony",
        title=_("Where survivors testified"),
        columns=[Column("hearings", _("Testimonies")), share],
        rows=[
            (
                "friendly",
                _("In a victim-friendly setting (Gesell chamber, video link, screen)"),
                {"hearings": settings["friendly"]},
            ),
            ("other", _("In open court or not recorded"), {"hearings": settings["other"]}),
        ],
        total=("total", _("All testimonies")),
    )
    return [decided, why, testimony]


def hearing_links() -> list[Link]:
    """The postponed hearings are the total of the reasons."""
    return [
        Link(
            ("hearings", vocab.HearingOutcome.POSTPONED, "hearings"),
            (("postponements", "total", "hearings"),),
        )
    ]
