from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.aftercare import vocab
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.models import CarePlan, Instrument
from amparo.core.forms import date_field

GOAL_FORMS = 3


class CarePlanForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted."),
    )
    review_due_on = date_field(_("Next review"))


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Restoration domain"))
    description = forms.CharField(label=_("Goal"), max_length=1000)
    target_on = date_field(_("Target date"))
    status = forms.ChoiceField(
        label=_("Status"), choices=vocab.GoalStatus.choices, initial=vocab.GoalStatus.NOT_STARTED
    )

    def __init__(self, *args: object, instrument: Instrument, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [
            ("", "—"),
            *((d.code, str(d)) for d in instrument.domains.all()),
        ]

    def to_input(self) -> GoalInput:
        return GoalInput(**self.cleaned_data)


GoalFormSet = forms.formset_factory(GoalForm, extra=GOAL_FORMS, max_num=30, validate_max=True)


def goal_formset(data: object, instrument: Instrument) -> forms.BaseFormSet:
    return GoalFormSet(data, prefix="goals", form_kwargs={"instrument": instrument})


def filled_goals(formset: forms.BaseFormSet) -> list[GoalInput]:
    """Goals from the forms that were filled in (blank extra rows are skipped)."""
    return [f.to_input() for f in formset.forms if f.has_changed() and f.cleaned_data]


class CarePlanReviewForm(forms.Form):
    reviewed_on = date_field(_("Reviewed on"))
    next_review_on = date_field(_("Next review"))

    def __init__(self, *args: object, plan: CarePlan, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"].initial = timezone.localdate
        self.goals = list(plan.goals.all())
        for goal in self.goals:
            self.fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=goal.description,
                choices=vocab.GoalStatus.choices,
                initial=goal.status,
                widget=forms.RadioSelect(attrs={"class": "inline"}),
            )

    def goal_statuses(self) -> dict[int, str]:
        return {goal.pk: self.cleaned_data[f"goal_{goal.pk}"] for goal in self.goals}
