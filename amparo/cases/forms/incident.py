"""The incident form, used by the intake wizard, "add incident" and "edit incident"."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from amparo.cases import vocab
from amparo.cases.classification import GBV_QUESTIONS, QUESTION_FIELDS
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Incident
from amparo.cases.services import validate_incident
from amparo.core.age import GbvimsAgeBand
from amparo.core.forms import (
    VersionedForm,
    add_service_errors,
    checkboxes,
    date_field,
    yes_no,
)
from amparo.core.validation import Errors

TRAFFICKING_FIELDS = (
    "trafficking_status",
    "trafficking_status_decided_by",
    "exploitation_types",
    "recruitment_methods",
    "means_of_control",
    "labour_types",
    "sexual_exploitation_types",
    "recruiter_relation",
)
PERPETRATOR_FIELDS = (
    "perpetrator_count",
    "perpetrator_sex",
    "perpetrator_age_band",
    "perpetrator_relation",
    "perpetrator_roles",
)

_CHOSEN_CONTEXTS = [
    (value, label)
    for value, label in vocab.CaseContext.choices
    if value not in vocab.DERIVED_CONTEXTS
]


class IncidentForm(forms.Form):
    occurred_on = date_field(_("Date of the incident"))
    date_is_estimated = forms.BooleanField(label=_("The date is estimated"), required=False)
    admin1 = forms.CharField(
        label=_("Department / state"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "departments", "autocomplete": "off"}),
    )
    admin2 = forms.CharField(label=_("Municipality"), max_length=80, required=False)
    money_or_goods_exchanged = forms.BooleanField(
        label=_("Money, goods or benefits were exchanged"), required=False
    )
    abduction_status = forms.ChoiceField(
        label=_("Type of abduction at the time of the incident"),
        choices=vocab.AbductionStatus.choices,
        initial=vocab.AbductionStatus.NONE,
        # Not answered (an older page, a draft saved before the question): none.
        required=False,
    )
    contexts = checkboxes(_("Case context"), _CHOSEN_CONTEXTS)
    trafficking_status = forms.ChoiceField(
        label=_("Trafficking status"),
        choices=[("", _("Not yet decided")), *vocab.TraffickingStatus.choices],
        required=False,
    )
    trafficking_status_decided_by = forms.ChoiceField(
        label=_("Kind of organisation that decided it"),
        choices=[("", _("Not applicable")), *vocab.DecidingOrganisation.choices],
        required=False,
    )
    recruitment_methods = checkboxes(_("Method of recruitment"), vocab.RecruitmentMethod.choices)
    exploitation_types = checkboxes(_("Type of exploitation"), vocab.Exploitation.choices)
    means_of_control = checkboxes(_("Means of control"), vocab.MeansOfControl.choices)
    labour_types = checkboxes(_("Type of labour"), vocab.LabourType.choices)
    sexual_exploitation_types = checkboxes(
        _("Type of sexual exploitation"), vocab.SexualExploitationType.choices
    )
    recruiter_relation = forms.ChoiceField(
        label=_("Recruiter relation"),
        choices=[("", _("Not known / not applicable")), *vocab.RecruiterRelation.choices],
        required=False,
    )
    perpetrator_count = forms.IntegerField(
        label=_("Number of alleged perpetrators"), min_value=1, max_value=100, initial=1
    )
    perpetrator_sex = forms.ChoiceField(
        label=_("Sex of perpetrator(s)"), choices=vocab.PerpetratorSex.choices, initial="unknown"
    )
    perpetrator_age_band = forms.ChoiceField(
        label=_("Age of the primary perpetrator"), choices=GbvimsAgeBand.choices, initial="unknown"
    )
    perpetrator_relation = forms.ChoiceField(
        label=_("Relation of the primary perpetrator to the survivor"),
        choices=vocab.PerpetratorRelation.choices,
        initial="unknown",
    )
    perpetrator_roles = checkboxes(
        _("Roles of the perpetrator(s) in the trafficking"), vocab.PerpetratorRole.choices
    )
    reported_on = date_field(
        _("Date first reported to your organisation"),
        required=False,
        help_text=_("Empty: the day the case was opened. The report delay is counted to it."),
    )
    reported_to_police = forms.BooleanField(label=_("Reported to the police"), required=False)
    police_reported_on = date_field(_("Date reported to the police"), required=False)
    description = forms.CharField(
        label=_("What happened"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Encrypted. Write only what the case needs."),
    )

    def __init__(self, *args: object, opened_on: datetime.date | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.opened_on = opened_on
        # The guided questions come first on the page, in the GBVIMS order.
        for question in GBV_QUESTIONS:
            self.fields[question.field] = yes_no(question.text)
        self.order_fields(
            ["occurred_on", "date_is_estimated", "admin1", "admin2", *QUESTION_FIELDS]
        )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in QUESTION_FIELDS]

    def trafficking_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in TRAFFICKING_FIELDS]

    def perpetrator_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PERPETRATOR_FIELDS]

    def to_input(self) -> IncidentInput:
        data = self.cleaned_data
        return IncidentInput(
            occurred_on=data["occurred_on"],
            date_is_estimated=data["date_is_estimated"],
            admin1=data["admin1"],
            admin2=data["admin2"],
            money_or_goods_exchanged=data["money_or_goods_exchanged"],
            abduction_status=data["abduction_status"] or vocab.AbductionStatus.NONE,
            contexts=list(data["contexts"]),
            exploitation_types=list(data["exploitation_types"]),
            means_of_control=list(data["means_of_control"]),
            labour_types=list(data["labour_types"]),
            sexual_exploitation_types=list(data["sexual_exploitation_types"]),
            recruiter_relation=data["recruiter_relation"],
            recruitment_methods=list(data["recruitment_methods"]),
            trafficking_status=data["trafficking_status"],
            trafficking_status_decided_by=data["trafficking_status_decided_by"],
            perpetrator_count=data["perpetrator_count"],
            perpetrator_sex=data["perpetrator_sex"],
            perpetrator_age_band=data["perpetrator_age_band"],
            perpetrator_relation=data["perpetrator_relation"],
            perpetrator_roles=list(data["perpetrator_roles"]),
            reported_to_police=data["reported_to_police"],
            police_reported_on=data["police_reported_on"],
            reported_on=data["reported_on"],
            description=data["description"],
            **{name: bool(data.get(name)) for name in QUESTION_FIELDS},
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            errors = Errors()
            validate_incident(errors, self.to_input(), opened_on=self.opened_on)
            try:
                errors.raise_if_any()
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class IncidentEditForm(IncidentForm, VersionedForm):
    """An incident already recorded; its version guards against a stale page."""

    @staticmethod
    def initial_for(incident: Incident) -> dict[str, object]:
        """The incident's values as the form shows them.

        Derived contexts are left out: the service derives them again on save.
        """
        initial: dict[str, object] = {
            name: getattr(incident, name)
            for name in IncidentInput.__dataclass_fields__
            if name != "country"
        }
        initial.update({name: "yes" if initial[name] else "no" for name in QUESTION_FIELDS})
        initial["contexts"] = [c for c in incident.contexts if c not in vocab.DERIVED_CONTEXTS]
        initial["version"] = incident.version
        return initial
