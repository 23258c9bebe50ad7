"""The forms of the release pages: a draft's parameters, a correction's note, a confirmation."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from amparo.programmes.measures import MEASURES
from amparo.programmes.vocab import Breakdown, PeriodSplit


class DateInput(forms.DateInput):
    input_type = "date"


def measure_choices() -> list[tuple[str, str]]:
    return [
        (code, format_html("<strong>{}</strong> — {}", m.label, m.definition))
        for code, m in MEASURES.items()
    ]


class ReleaseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("From"), widget=DateInput)
    period_end = forms.DateField(label=_("To"), widget=DateInput)
    split = forms.ChoiceField(label=_("Periods"), choices=PeriodSplit.choices)
    breakdown = forms.ChoiceField(label=_("Breakdown"), choices=Breakdown.choices)
    measures = forms.MultipleChoiceField(
        label=_("Figures"), choices=measure_choices, widget=forms.CheckboxSelectMultiple
    )
    min_cell = forms.IntegerField(label=_("Smallest count published (k)"), min_value=1)
    rounding_base = forms.IntegerField(label=_("Rounding base"), min_value=1)
    epsilon = forms.DecimalField(
        label=_("Differential privacy ε (optional)"),
        required=False,
        max_digits=6,
        decimal_places=3,
    )


class CorrectionForm(forms.Form):
    change_note = forms.CharField(
        label=_("What the correction changes (published)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ConfirmForm(forms.Form):
    """Nothing to fill in: the page asks, the button confirms."""
