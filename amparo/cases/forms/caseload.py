from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases import vocab


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Case code or pseudonym."),
    )
    by_name = forms.BooleanField(label=_("Search by name"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            ("open", _("Open (active or follow-up)")),
            *vocab.CaseStatus.choices,
        ],
        required=False,
    )
    risk_level = forms.ChoiceField(
        label=_("Risk"), choices=[("", _("Any risk")), *vocab.RiskLevel.choices], required=False
    )
    mine = forms.BooleanField(label=_("Only my cases"), required=False)
    unassigned = forms.BooleanField(label=_("Only cases without a worker"), required=False)
    flagged = forms.BooleanField(label=_("Only cases with an open flag"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: object, can_search_by_name: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        if not can_search_by_name:
            del self.fields["by_name"]
