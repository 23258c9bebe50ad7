"""Forms for the events of a legal case: stages, accused, charges, verdicts, hearings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.forms import VersionedForm, date_field, yes_no
from amparo.justice import vocab
from amparo.justice.inputs import (
    AccusedInput,
    HearingOutcomeInput,
    HearingPostponementInput,
    SentenceInput,
)
from amparo.justice.models import Court, Offence
from amparo.people.vocab import Sex

# Verdict and sentence are recorded per charge, never as a stage of their own.
RECORDABLE_STAGES = [
    (value, label)
    for value, label in vocab.Stage.choices
    if value not in (vocab.Stage.VERDICT, vocab.Stage.SENTENCE)
]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage reached"), choices=RECORDABLE_STAGES)

    def __init__(self, *args: object, offer: list[str] | None = None, **kwargs: object):
        """``offer``: the stages that can be recorded now; the others are not listed."""
        super().__init__(*args, **kwargs)
        if offer is not None:
            self.fields["stage"].choices = [(v, lbl) for v, lbl in RECORDABLE_STAGES if v in offer]

    occurred_on = date_field(_("On"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted."),
    )


class StageCorrectForm(forms.Form):
    occurred_on = date_field(_("Correct date"))
    reason = forms.CharField(
        label=_("Why is the date being corrected?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The old date stays in the history, struck through, with this reason."),
    )


class AccusedForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonym"), max_length=80, help_text=_("Shown instead of the name.")
    )
    full_name = forms.CharField(
        label=_("Legal name"), required=False, max_length=300, help_text=_("Encrypted.")
    )
    identity_notes = forms.CharField(
        label=_("Identifying details"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted: ID number, aliases, description."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=GbvimsAgeBand.choices, initial="unknown"
    )
    relation_to_victim = forms.ChoiceField(
        label=_("Relation to the victim"),
        choices=PerpetratorRelation.choices,
        initial=PerpetratorRelation.UNKNOWN,
    )
    role = forms.ChoiceField(
        label=_("Role in the crime"),
        choices=[("", "—"), *vocab.AccusedRole.choices],
        required=False,
    )
    custody_status = forms.ChoiceField(
        label=_("Custody status"),
        choices=vocab.CustodyStatus.choices,
        initial=vocab.CustodyStatus.UNKNOWN,
    )

    def to_input(self) -> AccusedInput:
        return AccusedInput(**self.cleaned_data)


class AccusedRevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see the identity?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Your name, the time and this reason are recorded."),
    )


class ChargeForm(forms.Form):
    offence = forms.TypedChoiceField(label=_("Offence"), coerce=int)

    def __init__(self, *args: object, offences: list[Offence], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["offence"].choices = [("", "—"), *((o.pk, str(o)) for o in offences)]


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=vocab.Verdict.choices,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    verdict_on = date_field(_("Verdict date"))


class SentenceForm(forms.Form):
    sentenced_on = date_field(_("Sentence date"))
    custody_months = forms.IntegerField(
        label=_("Custodial sentence (months)"), required=False, min_value=0
    )
    fine_amount = forms.DecimalField(
        label=_("Fine"), required=False, max_digits=12, decimal_places=2
    )
    reparation_ordered = forms.BooleanField(label=_("Reparation ordered"), required=False)
    reparation_amount = forms.DecimalField(
        label=_("Reparation amount"), required=False, max_digits=12, decimal_places=2
    )

    def to_input(self) -> SentenceInput:
        return SentenceInput(**self.cleaned_data)


class HearingForm(forms.Form):
    scheduled_for = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    kind = forms.ChoiceField(label=_("Type"), choices=vocab.HearingType.choices)
    court = forms.TypedChoiceField(
        label=_("Court"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave empty for the legal case's court."),
    )

    def __init__(self, *args: object, courts: list[Court], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = [("", "—"), *((c.pk, c.name) for c in courts)]


def hearing_kind_for(stage: str | None) -> str:
    """The hearing a legal case at ``stage`` most likely has next, to pre-select its type."""
    if stage in (vocab.Stage.VERDICT, vocab.Stage.SENTENCE):
        return vocab.HearingType.SENTENCING
    if stage == vocab.Stage.APPEAL:
        return vocab.HearingType.APPEAL
    if stage == vocab.Stage.TRIAL:
        return vocab.HearingType.TRIAL
    if stage == vocab.Stage.CHARGES_FILED:
        return vocab.HearingType.PRE_TRIAL
    return vocab.HearingType.FIRST_STATEMENT


class HearingOutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label=_("What happened?"),
        choices=[
            (value, label)
            for value, label in vocab.HearingOutcome.choices
            if value != vocab.HearingOutcome.SCHEDULED
        ],
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    postponement_reason = forms.ChoiceField(
        label=_("Reason for postponement"),
        choices=[("", "—"), *vocab.PostponementReason.choices],
        required=False,
    )
    survivor_testified = yes_no(_("Did the survivor testify?"))
    testimony_setting = forms.ChoiceField(
        label=_("Where did the survivor testify?"),
        choices=[("", "—"), *vocab.TestimonySetting.choices],
        required=False,
    )
    accompanied_by = forms.CharField(
        label=_("Who accompanied the survivor"),
        max_length=120,
        required=False,
        help_text=_("A role, not a name: e.g. “psychologist”."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted."),
    )

    def to_input(self) -> HearingOutcomeInput:
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return HearingOutcomeInput(**data)


class HearingPostponeForm(VersionedForm):
    postponement_reason = forms.ChoiceField(
        label=_("Why was it postponed?"),
        choices=[("", "—"), *vocab.PostponementReason.choices],
    )
    scheduled_for = forms.DateTimeField(
        label=_("New date and time"),
        widget=DateTimeInput(),
        help_text=_("The new hearing is scheduled then, of the same type and at the same court."),
    )

    def to_input(self) -> HearingPostponementInput:
        return HearingPostponementInput(
            postponement_reason=self.cleaned_data["postponement_reason"],
            scheduled_for=self.cleaned_data["scheduled_for"],
        )
