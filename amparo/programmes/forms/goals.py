"""The goal form: an indicator grouped live / external, and rows of milestones."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import DateInput, VersionedForm, date_field
from amparo.programmes.indicators import EXTERNAL, INDICATORS, LIVE
from amparo.programmes.models import Goal, ProgrammeArea

MILESTONE_ROWS = 8
UNITS = {"percent": _("percent"), "count": _("count"), "days": _("days"), "people": _("people")}


def indicator_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    def group(source: str) -> list[tuple[str, str]]:
        return [
            (i.code, f"{i.label} ({UNITS[i.unit]})")
            for i in INDICATORS.values()
            if i.source == source
        ]

    return [
        (str(_("Live: computed from case data")), group(LIVE)),
        (str(_("External: from measurements")), group(EXTERNAL)),
    ]


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("As it will be published.")
    )
    # A select, but any code reaches the service, which refuses an undefined indicator.
    indicator = forms.CharField(label=_("Indicator"), max_length=40, widget=forms.Select)
    area_id = forms.TypedChoiceField(label=_("Area"), coerce=int, required=False, empty_value=None)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=14, decimal_places=3)
    baseline_on = date_field(_("Baseline date"))
    target_value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=3)
    target_on = date_field(_("Target date"))

    def __init__(self, *args: object, areas: list[ProgrammeArea], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's stubs type **kwargs narrowly
        self.fields["indicator"].widget.choices = [("", "—"), *indicator_choices()]
        self.fields["indicator"].widget.attrs.pop("maxlength", None)  # not an attribute of a select
        self.fields["area_id"].choices = [("", _("The whole programme"))] + [
            (a.pk, f"{a.admin1} ({a.country})") for a in areas
        ]
        for row in range(MILESTONE_ROWS):
            self.fields[f"milestone_{row}_on"] = forms.DateField(
                label=_("Milestone %(n)s: date") % {"n": row + 1},
                required=False,
                widget=DateInput(),
            )
            self.fields[f"milestone_{row}_value"] = forms.DecimalField(
                label=_("Milestone %(n)s: value") % {"n": row + 1},
                required=False,
                max_digits=14,
                decimal_places=3,
            )

    def milestone_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"milestone_{r}_on"], self[f"milestone_{r}_value"]) for r in range(MILESTONE_ROWS)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [
            self[name]
            for name in self.fields
            if not name.startswith("milestone_") and name != "version"
        ]

    def clean(self) -> dict:
        data = super().clean() or {}
        milestones = []
        for row in range(MILESTONE_ROWS):
            due_on = data.get(f"milestone_{row}_on")
            value = data.get(f"milestone_{row}_value")
            if due_on is None and value is None:
                continue
            if due_on is None or value is None:
                self.add_error(
                    f"milestone_{row}_on", _("Give both the date and the value, or neither.")
                )
                continue
            milestones.append((due_on, value))
        data["milestones"] = milestones
        return data


class GoalEditForm(VersionedForm, GoalForm):
    pass


def goal_initial(goal: Goal) -> dict:
    initial = {
        "title": goal.title,
        "indicator": goal.indicator,
        "area_id": goal.area_id,
        "baseline_value": goal.baseline_value,
        "baseline_on": goal.baseline_on,
        "target_value": goal.target_value,
        "target_on": goal.target_on,
        "version": goal.version,
    }
    for row, milestone in enumerate(goal.milestones.all()[:MILESTONE_ROWS]):
        initial[f"milestone_{row}_on"] = milestone.due_on
        initial[f"milestone_{row}_value"] = milestone.value
    return initial
