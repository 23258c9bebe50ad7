"""The restoration dashboard's filters: the justice dashboard's, read for restoration.

They travel in the URL and hold no personal data. A bad field is an error
beside it; the page still shows the figures for what is left.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases.vocab import GbvType
from amparo.reporting.forms import CheckedPeriodForm
from amparo.reporting.restoration import VIEW_LABELS, report_period
from amparo.reporting.restoration_queries import PERIOD, RestorationFilters


class RestorationFilterForm(CheckedPeriodForm):
    """Period and view, department, type of incident and partner organisation."""

    view = forms.ChoiceField(
        label=_("Show"), choices=list(VIEW_LABELS.items()), required=False, initial=PERIOD
    )
    admin1 = forms.ChoiceField(label=_("Department"), required=False)
    offence = forms.ChoiceField(
        label=_("Type of incident"),
        choices=[("", _("Any type")), *GbvType.choices],
        required=False,
    )
    partner = forms.TypedChoiceField(
        label=_("Services delivered by"), coerce=int, required=False, empty_value=None
    )

    def __init__(
        self,
        *args: object,
        departments: list[str],
        partners: list[tuple[int, str]],
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["admin1"].choices = [("", _("Any department")), *((d, d) for d in departments)]
        self.fields["partner"].choices = [("", _("Any organisation")), *partners]

    def filters(self, *, today: datetime.date) -> RestorationFilters:
        """The chosen filters; for a field left out or invalid, its default (the last twelve months)."""
        data = self.cleaned_data if self.is_valid() else self._valid_fields()
        return RestorationFilters(
            period=report_period(start=data.get("start"), end=data.get("end"), today=today),
            view=data.get("view") or PERIOD,
            admin1=data.get("admin1") or "",
            offence=data.get("offence") or "",
            partner_id=data.get("partner"),
        )

    def _valid_fields(self) -> dict:
        # A bad period loses both dates (they are checked together); other fields stay.
        data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        if "start" in self.errors or "end" in self.errors:
            data.pop("start", None)
            data.pop("end", None)
        return data
