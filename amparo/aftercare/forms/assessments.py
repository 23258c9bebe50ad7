from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amparo.aftercare.models import Instrument
from amparo.core.forms import date_field


def scale_choices(instrument: Instrument) -> list[tuple[int, str]]:
    """The scale values with their labels in the current language."""
    lang = (get_language() or "en")[:2]
    labels = instrument.scale_labels or {}
    choices = []
    for value in range(instrument.scale_min, instrument.scale_max + 1):
        label = labels.get(str(value), {})
        text = label.get(lang) or label.get("en") or ""
        choices.append((value, f"{value} · {text}" if text else str(value)))
    return choices


class AssessmentForm(forms.Form):
    """Every item of the active instrument, as a radio group on its scale."""

    assessed_on = date_field(_("Date of assessment"))
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted."),
    )

    def __init__(self, *args: object, instrument: Instrument, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate
        choices = scale_choices(instrument)
        self.domains = list(instrument.domains.prefetch_related("items"))
        for domain in self.domains:
            for item in domain.items.all():
                self.fields[f"score_{item.code}"] = forms.TypedChoiceField(
                    label=str(item),
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "inline scale"}),
                    error_messages={"required": _("Score this item.")},
                )

    def grouped(self) -> list[tuple[object, list[forms.BoundField]]]:
        return [
            (domain, [self[f"score_{item.code}"] for item in domain.items.all()])
            for domain in self.domains
        ]

    def service_keys(self) -> dict[str, str]:
        """The service's error key for each item (``scores.<code>``) → its field here."""
        return {
            "scores." + name.removeprefix("score_"): name
            for name in self.fields
            if name.startswith("score_")
        }

    def scores(self) -> dict[str, int]:
        return {
            name.removeprefix("score_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("score_")
        }
