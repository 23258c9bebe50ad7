"""The programme and area forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Organisation
from amparo.core.forms import VersionedForm, checkboxes, date_field


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    slug = forms.SlugField(
        label=_("Public address"),
        max_length=60,
        help_text=_("Its releases are published at /public/<address>/: lower-case, hyphens."),
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public: what the programme does. No names of people."),
    )
    countries = forms.CharField(
        label=_("Countries"),
        max_length=200,
        help_text=_("Two-letter ISO codes separated by commas, e.g. GT, HN."),
    )
    starts_on = date_field(_("Start"))
    ends_on = date_field(_("End"))
    population_covered = forms.IntegerField(label=_("Population covered"), min_value=0)
    partner_ids = checkboxes(_("Partner organisations"), ())
    min_cell = forms.IntegerField(
        label=_("Smallest count published (k)"),
        min_value=11,
        initial=11,
        help_text=_("Counts below k are hidden in public releases; never below 11."),
    )
    rounding_base = forms.IntegerField(
        label=_("Rounding base"), min_value=1, initial=5, help_text=_("Counts are rounded to it.")
    )
    privacy_budget = forms.DecimalField(
        label=_("Privacy budget (total ε)"),
        min_value=0,
        max_digits=6,
        decimal_places=3,
        initial=1,
        help_text=_("Spent release by release when a release adds differential-privacy noise."),
    )

    def __init__(self, *args: object, partners: list[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's stubs type **kwargs narrowly
        self.fields["partner_ids"].choices = [(o.pk, o.name) for o in partners]

    def clean_countries(self) -> list[str]:
        raw = self.cleaned_data["countries"]
        return [c.strip().upper() for c in raw.replace(";", ",").split(",") if c.strip()]

    def clean_partner_ids(self) -> list[int]:
        return [int(v) for v in self.cleaned_data["partner_ids"]]


class ProgrammeEditForm(VersionedForm, ProgrammeForm):
    pass


class AreaForm(forms.Form):
    country = forms.CharField(
        label=_("Country"), max_length=2, initial="GT", help_text=_("ISO code, e.g. GT.")
    )
    admin1 = forms.CharField(label=_("Department / state"), max_length=80)
    population = forms.IntegerField(label=_("Population"), min_value=0)


class ArchiveForm(forms.Form):
    """A confirmed action: the button is the answer, sent with this hidden field."""

    confirm = forms.ChoiceField(choices=[("yes", "yes")], initial="yes", widget=forms.HiddenInput)
