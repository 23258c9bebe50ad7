"""Forms for the actions on a case file."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Membership, Organisation
from amparo.cases import vocab
from amparo.cases.forms.intake import IdentityForm, SurvivorForm
from amparo.cases.services import MAX_NOTE_LENGTH
from amparo.core.forms import VersionedForm, add_service_errors, checkboxes, date_field
from amparo.core.validation import Errors
from amparo.people import vocab as people_vocab
from amparo.people.inputs import ConsentInput
from amparo.people.services import validate_consent
from amparo.people.vocab import Section


class CaseEditForm(VersionedForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in vocab.OPEN_STATUSES],
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=vocab.RiskLevel.choices,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )


class CaseCloseForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Why is the case closing?"), choices=vocab.ClosureReason)
    closed_on = date_field(_("Closed on"))
    override_reason = forms.CharField(
        label=_("Reason to close before the closure rule is met"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only needed when the survivor's assessments do not yet meet the rule, and never "
            "when the survivor chose to end services, died, or the record is a duplicate."
        ),
    )

    def __init__(self, *args: object, may_override: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate
        if not may_override:
            del self.fields["override_reason"]


class SurvivorEditForm(SurvivorForm, VersionedForm):
    pass


class IdentityEditForm(IdentityForm, VersionedForm):
    """The identity after a reveal; the survivor's version guards it."""

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        del self.fields["acknowledge_duplicate"]


class ConsentGrantForm(forms.Form):
    """One consent the survivor (or their caregiver) has given, recorded from the file."""

    scope = forms.ChoiceField(
        label=_("Consent to"), choices=people_vocab.ConsentScope.choices, widget=forms.RadioSelect
    )
    given_by = forms.ChoiceField(label=_("Given by"), choices=people_vocab.ConsentGiver.choices)
    given_on = date_field(_("Given on"))
    valid_until = date_field(
        _("Valid until"), required=False, help_text=_("Empty: until withdrawn.")
    )
    recipient = forms.TypedChoiceField(
        label=_("Organisation it may be shared with"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Only for a consent to share information."),
    )
    sections = checkboxes(
        _("Parts of the file it covers"),
        Section.choices,
        help_text=_("Only for a consent to share information: what the survivor agreed to share."),
    )

    def __init__(
        self,
        *args: object,
        organisation: Organisation,
        recipients: list[Organisation],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["given_on"].initial = timezone.localdate
        self.fields["recipient"].choices = [
            ("", "—"),
            *((org.pk, org.name) for org in recipients),
        ]

    def to_input(self) -> ConsentInput:
        data = self.cleaned_data
        return ConsentInput(
            scope=data["scope"],
            given_by=data["given_by"],
            given_on=data["given_on"],
            valid_until=data["valid_until"],
            recipient_id=data["recipient"],
            sections=list(data["sections"]),
        )

    def section_names(self) -> str:
        names = dict(self.fields["sections"].choices)
        return ", ".join(str(names[s]) for s in self.cleaned_data["sections"])

    def recipient_name(self) -> str:
        return str(dict(self.fields["recipient"].choices).get(self.cleaned_data["recipient"], ""))

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            errors = Errors()
            validate_consent(errors, self.to_input(), organisation=self.organisation)
            try:
                errors.raise_if_any()
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("New note"),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Notes are encrypted and cannot be edited afterwards."),
    )


class FamilyMemberForm(forms.Form):
    relation = forms.ChoiceField(label=_("Relation"), choices=people_vocab.FamilyRelation)
    name = forms.CharField(
        label=_("Name"), max_length=200, required=False, help_text=_("Encrypted.")
    )
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900)
    lives_with_survivor = forms.BooleanField(label=_("Lives with the survivor"), required=False)
    safety = forms.ChoiceField(
        label=_("Safety"), choices=people_vocab.FamilySafety, initial="unknown"
    )
    is_alleged_perpetrator = forms.BooleanField(
        label=_("Alleged perpetrator"),
        required=False,
        help_text=_("An alleged perpetrator is always marked unsafe to contact."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Person to assign"), coerce=int)

    def __init__(self, *args: object, members: list[Membership], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [
            ("", "—"),
            *((m.user_id, f"{m.user} · {m.get_role_display()}") for m in members),
        ]


class FlagForm(forms.Form):
    kind = forms.ChoiceField(label=_("Flag"), choices=vocab.FlagKind)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, help_text=_("Encrypted.")
    )


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to see the identity?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Your name, the time and this reason are recorded in the file's history."),
    )


class ConfirmForm(VersionedForm):
    """A consequential action on one record: the version guards against stale pages."""


class EndAssignmentForm(forms.Form):
    """Nothing to fill in: the confirmation page is the safeguard."""
