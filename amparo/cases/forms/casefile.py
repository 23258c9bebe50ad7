"""Forms for the actions on a case file."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Membership
from amparo.cases import vocab
from amparo.cases.forms.base import VersionedForm, date_field
from amparo.cases.forms.intake import SurvivorForm
from amparo.cases.services import MAX_NOTE_LENGTH
from amparo.people import vocab as people_vocab


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
        help_text=_("Only needed when the survivor's assessments do not yet meet the rule."),
    )

    def __init__(self, *args: object, may_override: bool, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate
        if not may_override:
            del self.fields["override_reason"]


class SurvivorEditForm(SurvivorForm, VersionedForm):
    pass


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
