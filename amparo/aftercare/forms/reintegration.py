from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.aftercare import vocab
from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput
from amparo.aftercare.models import FamilyAssessment
from amparo.core.forms import VersionedForm, checkboxes, date_field


def _today_initial(form: forms.Form, name: str) -> None:
    form.fields[name].initial = timezone.localdate


class FamilyAssessmentForm(forms.Form):
    assessed_on = date_field(_("Date"))
    household_safety = forms.ChoiceField(
        label=_("Household safety"),
        choices=vocab.HouseholdSafety.choices,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    protective_factors = checkboxes(_("Protective factors"), vocab.ProtectiveFactor.choices)
    risks = checkboxes(_("Risks"), vocab.HouseholdRisk.choices)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=vocab.Recommendation.choices
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        _today_initial(self, "assessed_on")

    def to_input(self) -> FamilyAssessmentInput:
        return FamilyAssessmentInput(**self.cleaned_data)


class ReintegrationProposeForm(forms.Form):
    family_assessment = forms.TypedChoiceField(label=_("Family assessment"), coerce=int)
    destination = forms.ChoiceField(label=_("Destination"), choices=vocab.Destination.choices)
    planned_on = date_field(_("Planned date"))

    def __init__(self, *args: object, assessments: list[FamilyAssessment], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["family_assessment"].choices = [
            ("", "—"),
            *(
                (
                    a.pk,
                    f"{a.assessed_on:%Y-%m-%d} · {a.get_recommendation_display()}"
                    + ("" if a.approved_at else f" ({_('not approved')})"),
                )
                for a in assessments
            ),
        ]


class ReintegrationDecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("approve", _("Approve")), ("reject", _("Do not approve"))),
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Required when the reintegration is not approved."),
    )


class ReintegrationCompleteForm(VersionedForm):
    reintegrated_on = date_field(_("Reintegrated on"))

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        _today_initial(self, "reintegrated_on")


class FollowUpForm(forms.Form):
    done_on = date_field(_("Visited on"))
    method = forms.ChoiceField(
        label=_("Method"),
        choices=vocab.FollowUpMethod.choices,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    risks = checkboxes(
        _("Risks found"),
        vocab.FollowUpRisk.choices,
        help_text=_(
            "Any risk raises a flag on the case, marks it high risk and gives "
            "the supervisor a task to review it."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        _today_initial(self, "done_on")

    def to_input(self) -> FollowUpInput:
        return FollowUpInput(**self.cleaned_data)
