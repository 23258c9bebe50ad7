"""A release's codes labelled in the reader's language.

``Release.content`` stores codes (measures, indicators, goal statuses,
periods, the guarantee's numbers), never labels, so one release reads in
English and Spanish alike. Everything here answers in the active language;
an unknown code (a measure retired since) is shown as itself.
"""

import datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.programmes.content import Content, Guarantee, PeriodPart, ProtectedEntry
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.measures import MEASURES
from amparo.programmes.protection import METHODS, Method
from amparo.programmes.vocab import Breakdown, GoalStatus

HIDDEN = "[c]"


def measure_label(code: str) -> str:
    measure = MEASURES.get(code)
    return str(measure.label) if measure else code


def indicator_label(code: str) -> str:
    indicator = INDICATORS.get(code)
    return str(indicator.label) if indicator else code


def goal_status_label(code: str) -> str:
    return str(GoalStatus(code).label) if code in GoalStatus.values else code


def breakdown_label(code: str) -> str:
    return str(Breakdown(code).label) if code in Breakdown.values else code


def area_label(area: str) -> str:
    """A department as published; ``""`` is the programme as a whole."""
    return area or _("All departments")


def date_label(iso: str | None) -> str:
    if not iso:
        return ""
    return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT")


def period_label(period: PeriodPart) -> str:
    """A calendar year as "2025"; any other period as its first and last day."""
    if "/" not in period["key"]:
        return period["key"]
    return _("%(start)s to %(end)s") % {
        "start": date_label(period["start"]),
        "end": date_label(period["end"]),
    }


def unit_label(unit: str) -> str:
    return {
        "percent": _("percent"),
        "count": _("count"),
        "days": _("days"),
        "people": _("people"),
    }.get(unit, unit)


def value_label(value: float | int | None, unit: str = "count") -> str:
    """A figure as a reader reads it, in the reader's number format; ``[c]`` when hidden."""
    if value is None:
        return HIDDEN
    if unit == "percent":
        return _("%(value)s%%") % {"value": formats.number_format(value, 1)}
    if unit == "days":
        # The plural follows the number shown (0.6 reads "1 day"), not the number stored.
        days = round(value)
        return ngettext("%(n)s day", "%(n)s days", days) % {
            "n": formats.number_format(days, 0, force_grouping=True)
        }
    if isinstance(value, float) and not value.is_integer():
        return formats.number_format(value, 1, force_grouping=True)
    return formats.number_format(int(value), 0, force_grouping=True)


def versions_label(versions: list[int]) -> str:
    """1 → "version 1"; 1, 2 → "versions 1–2"; 1, 3 → "versions 1, 3"."""
    ordered = sorted(versions)
    if len(ordered) == 1:
        return _("version %(n)s") % {"n": ordered[0]}
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        listed = f"{ordered[0]}–{ordered[-1]}"
    else:
        listed = ", ".join(str(v) for v in ordered)
    return _("versions %(list)s") % {"list": listed}


def guarantee_sentences(guarantee: Guarantee) -> list[str]:
    """The release's privacy guarantee in plain words: what applies, one sentence each."""
    k = guarantee["min_cell"]
    sentences = [
        _("Every count is at least %(k)s or hidden (%(mark)s).") % {"k": k, "mark": HIDDEN}
    ]
    if guarantee["checked_against"]:
        sentences.append(
            _(
                "No hidden count can be worked out from this release, nor together with "
                "the releases published before it (%(versions)s)."
            )
            % {"versions": versions_label(guarantee["checked_against"])}
        )
    else:
        sentences.append(_("No hidden count can be worked out from this release."))
    if guarantee["rounding_base"] > 1:
        sentences.append(
            _("Counts are rounded to the nearest %(base)s.") % {"base": guarantee["rounding_base"]}
        )
    if guarantee["epsilon"] is not None:
        sentences.append(
            _("Noise with ε = %(epsilon)s (%(mechanism)s) was added to every count.")
            % {
                "epsilon": formats.number_format(guarantee["epsilon"]),
                "mechanism": guarantee["mechanism"] or _("differential privacy"),
            }
        )
    return sentences


def hidden_note(guarantee: Guarantee) -> str:
    """What ``[c]`` means, for the legend under a table."""
    return _(
        "%(mark)s: hidden, because it is below %(k)s or because it would let a hidden count "
        "be worked out."
    ) % {"mark": HIDDEN, "k": guarantee["min_cell"]}


def content_labels(content: Content) -> dict[str, object]:
    """Every code of ``content`` with its label in the active language (the JSON's ``labels``)."""
    indicators = {rate["indicator"] for rate in content["rates"]}
    indicators |= {goal["indicator"] for goal in content["goals"]}
    return {
        "measures": {code: measure_label(code) for code in content["measures"]},
        "indicators": {code: indicator_label(code) for code in sorted(indicators)},
        "periods": {p["key"]: period_label(p) for p in content["periods"]},
        "areas": {area: area_label(area) for area in ["", *content["areas"]]},
        "goal_status": {
            goal["status"]: goal_status_label(goal["status"]) for goal in content["goals"]
        },
        "breakdown": breakdown_label(content["breakdown"]),
        "hidden": HIDDEN,
        "guarantee": guarantee_sentences(content["guarantee"]),
    }


def protection_method(protected: ProtectedEntry | None) -> Method | None:
    """The people-protected method a release was computed with, in the reader's language.

    A release keeps its method's version, so an old release keeps reading the method
    it was computed by after a new version is added.
    """
    if not protected:
        return None
    return METHODS.get(int(protected["method_version"]))
