from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.aftercare import vocab
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.models import CarePlan, Instrument
from amparo.core.forms import date_field

GOAL_FORMS = 3


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


class CarePlanForm(forms.Form):
    """A care plan version and its goals (``goals``, one form per row)."""

    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted."),
    )
    review_due_on = date_field(_("Next review"))

    def __init__(self, *args: object, instrument: Instrument, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.goals = goal_formset(self.data if self.is_bound else None, instrument)

    def is_valid(self) -> bool:
        # Both are checked, so every row's errors show at once.
        valid = super().is_valid()
        return self.goals.is_valid() and valid

    def goal_inputs(self) -> list[GoalInput]:
        return filled_goals(self.goals)

    @contextmanager
    def goal_errors(self) -> Iterator[None]:
        """Put a refusal's ``goals.<n>.<field>`` errors on the n-th filled-in goal too."""
        try:
            yield
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                filled = [f for f in self.goals.forms if f.has_changed()]
                for key, messages in exc.message_dict.items():
                    parts = key.split(".")
                    if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(filled):
                        goal = filled[int(parts[1])]
                        goal.add_error(parts[2] if parts[2] in goal.fields else None, messages)
            raise


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
