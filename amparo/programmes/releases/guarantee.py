"""The guarantee printed on every release, in the reader's language, from ``Content.guarantee``."""

from django.utils.translation import gettext as _

from amparo.programmes.content import Guarantee


def guarantee_text(guarantee: Guarantee) -> list[str]:
    """The sentences a reader is shown about how the release protects everyone in it."""
    lines = [
        _(
            "Every count comes from the programme's records. Counts below %(k)s are hidden "
            "([c]), with enough other cells that no hidden count, and no group of fewer than "
            "%(k)s people or records, can be worked out from this release or from its "
            "earlier releases."
        )
        % {"k": guarantee["min_cell"]},
        _("Shown counts are rounded to the nearest multiple of %(base)s.")
        % {"base": guarantee["rounding_base"]},
    ]
    if guarantee["epsilon"] is not None:
        lines.append(
            _(
                "Before rounding, random noise was added (differential privacy, %(mechanism)s, "
                "ε = %(epsilon)s, sensitivity %(sensitivity)s), drawn once and frozen."
            )
            % {
                "mechanism": guarantee["mechanism"],
                "epsilon": guarantee["epsilon"],
                "sensitivity": guarantee["sensitivity"],
            }
        )
    if guarantee["checked_against"]:
        lines.append(
            _("Checked against the programme's published versions %(versions)s.")
            % {"versions": ", ".join(str(v) for v in guarantee["checked_against"])}
        )
    return lines
