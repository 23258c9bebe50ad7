from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import date_field


class RescueOperationForm(forms.Form):
    name = forms.CharField(
        label=_("Operation name"),
        max_length=120,
        help_text=_("A working name; never a survivor's name."),
    )
    happened_on = date_field(_("Date"))
    admin1 = forms.CharField(
        label=_("Department / state"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "departments", "autocomplete": "off"}),
    )
    admin2 = forms.CharField(label=_("Municipality"), max_length=80, required=False)
    agencies = forms.CharField(
        label=_("Agencies involved"),
        required=False,
        max_length=500,
        help_text=_("Separate them with commas, e.g. PNC, MP, PGN."),
    )
    people_removed = forms.IntegerField(
        label=_("People removed from danger"), min_value=1, max_value=10_000
    )

    def clean_agencies(self) -> list[str]:
        return [a.strip() for a in self.cleaned_data["agencies"].split(",") if a.strip()]
