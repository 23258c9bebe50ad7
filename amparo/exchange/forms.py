"""Forms of the exchange pages: choosing an export, uploading a file, confirming an import."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.exchange.formats.base import ExportFilters
from amparo.exchange.services.exports import FILE_TYPES


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Standard"))
    opened_from = forms.DateField(
        label=_("Cases opened from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    opened_to = forms.DateField(
        label=_("Cases opened until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    trafficking_only = forms.BooleanField(
        label=_("Only cases with a trafficking context"), required=False, initial=True
    )
    file_type = forms.ChoiceField(
        label=_("File"), choices=[(t, t.upper()) for t in FILE_TYPES], initial="csv"
    )

    def __init__(self, *args: Any, formats: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = formats

    def filters(self) -> ExportFilters:
        data = self.cleaned_data
        return ExportFilters(
            opened_from=data["opened_from"],
            opened_to=data["opened_to"],
            trafficking_only=data["trafficking_only"],
        )


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=_("The system the file comes from"))
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8) or Excel (.xlsx), at most 20 MB.")
    )

    def __init__(self, *args: Any, formats: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = formats


class ConfirmForm(forms.Form):
    """A confirmation: its submit button is the person's go-ahead."""
