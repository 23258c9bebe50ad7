"""The indicator pages' filters. They travel in the URL: they hold no personal data.

A filter form never refuses the page: with a bad field it shows the error
and the figures for what is left (``period()`` / ``filters()``).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import date_field
from amparo.justice import vocab
from amparo.justice.forms.legal_case import court_choices
from amparo.justice.models import Court
from amparo.reporting.justice import PERIOD, VIEWS, JusticeFilters
from amparo.reporting.periods import Period, validate_period


class CheckedPeriodForm(forms.Form):
    """``start`` and ``end``, each optional, checked together by ``validate_period``."""

    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)

    def clean(self) -> dict:
        data = super().clean()
        # Its ValidationError is filed under the field it names.
        validate_period(data.get("start"), data.get("end"))
        return data


class PeriodForm(CheckedPeriodForm):
    """A period, by default the last year."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        default = Period.between()
        kwargs.setdefault("initial", {"start": default.start, "end": default.end})
        super().__init__(*args, **kwargs)

    def period(self) -> Period:
        """The chosen period; the last twelve months for whatever is left out or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return Period.between(data.get("start"), data.get("end"))


class JusticeFilterForm(CheckedPeriodForm):
    """The justice dashboard's filters; left out, the period is the twelve months up to today."""

    start = date_field(_("From"), required=False)
    end = date_field(_("To"), required=False)
    view = forms.ChoiceField(
        label=_("What the period selects"),
        choices=VIEWS,
        required=False,
        initial=PERIOD,
        widget=forms.RadioSelect,
    )
    admin1 = forms.ChoiceField(label=_("Department"), required=False)
    court = forms.TypedChoiceField(label=_("Court"), coerce=int, required=False, empty_value=None)
    offence_category = forms.ChoiceField(
        label=_("Offence category"),
        choices=[("", _("Any offence")), *vocab.OffenceCategory.choices],
        required=False,
    )

    def __init__(self, *args: object, courts: list[Court], departments: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = court_choices(courts, blank=str(_("Any court")))
        self.fields["admin1"].choices = [
            ("", _("Any department")),
            *((d, d) for d in departments),
        ]

    def filters(self) -> JusticeFilters:
        """The valid choices; a field in error falls back to its default, the others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        errors = set(self.errors)
        period_bad = bool(errors & {"start", "end", "__all__"})

        def get(name: str) -> Any:
            return None if name in errors else data.get(name)

        return JusticeFilters(
            start=None if period_bad else get("start"),
            end=None if period_bad else get("end"),
            view=get("view") or PERIOD,
            admin1=get("admin1") or "",
            court_id=get("court"),
            offence_category=get("offence_category") or "",
        )
