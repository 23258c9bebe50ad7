from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases import vocab
from amparo.core.forms import date_field
from amparo.people import vocab as people_vocab


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


class QuickRegistrationForm(forms.Form):
    """The few answers asked of each person on a rescue night; the intake asks the rest."""

    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=80,
        help_text=_("The name everyone in Amparo will know this person by. Never a real name."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=people_vocab.Sex.choices, widget=forms.RadioSelect
    )
    birth_year = forms.IntegerField(
        label=_("Birth year (approximate)"), required=False, min_value=1900
    )
    risk_level = forms.ChoiceField(
        label=_("Risk"), choices=vocab.RiskLevel.choices, initial=vocab.RiskLevel.HIGH
    )
    given_names = forms.CharField(
        label=_("Given names"), max_length=200, required=False, help_text=_("Optional; encrypted.")
    )
    family_names = forms.CharField(
        label=_("Family names"), max_length=200, required=False, help_text=_("Optional; encrypted.")
    )
