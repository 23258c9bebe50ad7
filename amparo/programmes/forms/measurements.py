"""Forms for entering and correcting measurements, and for uploading a file of them.

They only read what was typed; every rule is the services' (``services.measurements``),
so a page refuses exactly what the API and a file refuse.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.core.forms import date_field
from amparo.justice.models import Court
from amparo.programmes import vocab
from amparo.programmes.imports import MAX_BYTES
from amparo.programmes.models import ImportBatch, PrevalenceStudy, ProgrammeArea


def _percent(label: Any, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=7, decimal_places=3, **kwargs)


def _area_choices(areas: list[ProgrammeArea], blank: Any) -> list[tuple[Any, str]]:
    return [("", blank), *((a.pk, a.admin1) for a in areas)]


class MeasurementForm(forms.Form):
    """A hidden ``version`` when correcting: the service refuses a stale one."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        for name in ("area", "baseline", "court"):
            if name in data:
                data[f"{name}_id"] = data.pop(name)
        return data


class StudyForm(MeasurementForm):
    area = forms.TypedChoiceField(label=_("Department"), coerce=int)
    title = forms.CharField(label=_("What was measured"), max_length=200)
    wave = forms.ChoiceField(label=_("Wave"), choices=vocab.Wave.choices)
    baseline = forms.TypedChoiceField(
        label=_("Baseline it follows"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("For a midline or endline: the baseline of the same department."),
    )
    period_start = date_field(_("Fieldwork start"))
    period_end = date_field(_("Fieldwork end"))
    sample_size = forms.IntegerField(label=_("Sample size"), min_value=1)
    estimate = _percent(_("Estimate (%)"))
    ci_lower = _percent(_("Lower bound (%)"))
    ci_upper = _percent(_("Upper bound (%)"))
    confidence_level = forms.DecimalField(
        label=_("Confidence level (%)"), max_digits=4, decimal_places=1, initial=95
    )
    method = forms.ChoiceField(label=_("Method"), choices=vocab.StudyMethod.choices)
    source = forms.CharField(
        label=_("Source document"),
        max_length=300,
        help_text=_("The study report: title, publisher, year, address."),
    )

    def __init__(
        self,
        *args: Any,
        areas: list[ProgrammeArea],
        baselines: list[PrevalenceStudy],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(areas, _("Choose a department"))
        self.fields["baseline"].choices = [
            ("", _("None: this is a baseline")),
            *((b.pk, f"{b.area.admin1} · {b.period_start:%Y-%m} · {b.title}") for b in baselines),
        ]


class SurveyForm(MeasurementForm):
    item = forms.ChoiceField(label=_("Question"), choices=vocab.SurveyItem.choices)
    area = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )
    period_start = date_field(_("Fieldwork start"))
    period_end = date_field(_("Fieldwork end"))
    respondents = forms.IntegerField(label=_("Respondents"), min_value=1)
    estimate = _percent(_("Share (%)"))
    ci_lower = _percent(_("Lower bound (%)"))
    ci_upper = _percent(_("Upper bound (%)"))
    source = forms.CharField(label=_("Source document"), max_length=300)

    def __init__(self, *args: Any, areas: list[ProgrammeArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(areas, _("The whole programme"))


class TrainingForm(MeasurementForm):
    held_on = date_field(_("Date"))
    institution = forms.ChoiceField(label=_("Institution"), choices=vocab.Institution.choices)
    role = forms.CharField(
        label=_("Role of those trained"),
        max_length=120,
        help_text=_("A job role (“trial judges”), never a person's name."),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=vocab.TrainingTopic.choices)
    trained = forms.IntegerField(label=_("Number trained"), min_value=1)
    area = forms.TypedChoiceField(
        label=_("Department"), coerce=int, required=False, empty_value=None
    )
    court = forms.TypedChoiceField(label=_("Court"), coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, areas: list[ProgrammeArea], courts: list[Court], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(areas, _("No department"))
        self.fields["court"].choices = [
            ("", _("No court")),
            *((c.pk, f"{c.name} · {c.admin1}") for c in courts),
        ]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8, comma or semicolon) or Excel (.xlsx), at most 2 MB."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB: split it into several files.")
            )
        return upload


class ImportConfirmForm(forms.Form):
    """The confirmation on the dry-run page: nothing to fill in."""
