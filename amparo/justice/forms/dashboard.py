from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import date_field
from amparo.justice import vocab
from amparo.justice.forms.legal_case import court_choices
from amparo.justice.indicators import IndicatorFilters
from amparo.justice.models import Court


class IndicatorFilterForm(forms.Form):
    """The dashboard's filters travel in the URL: they hold no personal data."""

    start = date_field(_("Complaints from"), required=False)
    end = date_field(_("Complaints to"), required=False)
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

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end of the period is before its start."))
        return data

    def filters(self) -> IndicatorFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return IndicatorFilters(
            start=data.get("start"),
            end=data.get("end"),
            admin1=data.get("admin1", ""),
            court_id=data.get("court"),
            offence_category=data.get("offence_category", ""),
        )
