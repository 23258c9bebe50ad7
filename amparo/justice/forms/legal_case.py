"""Forms for the legal caseload and for opening, closing and staffing a legal case."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Membership
from amparo.cases.models import Case
from amparo.core.forms import VersionedForm, date_field
from amparo.justice import vocab
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court


def court_choices(courts: list[Court], *, blank: str) -> list[tuple[object, str]]:
    return [("", blank), *((c.pk, f"{c.name} · {c.admin1}") for c in courts)]


def lawyer_choices(members: list[Membership]) -> list[tuple[int, str]]:
    return [(m.user_id, f"{m.user} · {m.get_role_display()}") for m in members]


def victim_choices(cases: list[Case]) -> list[tuple[int, str]]:
    return [(c.pk, f"{c.code} · {c.survivor.pseudonym}") for c in cases]


class LegalCaseloadFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Part of a victim's case code or pseudonym."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any status")), *vocab.LegalCaseStatus.choices],
        required=False,
    )
    stage = forms.ChoiceField(
        label=_("Current stage"),
        choices=[("", _("Any stage")), *vocab.Stage.choices],
        required=False,
    )
    court = forms.TypedChoiceField(label=_("Court"), coerce=int, required=False, empty_value=None)
    mine = forms.BooleanField(label=_("Only mine"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: object, courts: list[Court], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = court_choices(courts, blank=str(_("Any court")))


class LegalCaseOpenForm(forms.Form):
    title = forms.CharField(
        label=_("Short title"),
        max_length=120,
        help_text=_("No names: e.g. “Escuintla bar case”."),
    )
    victim_query = forms.CharField(
        label=_("Find survivors' cases"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_("Part of a case code or pseudonym; search, then tick the victims."),
    )
    victims = forms.TypedMultipleChoiceField(
        label=_("Survivors' cases (victims)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    court = forms.TypedChoiceField(label=_("Court"), coerce=int)
    offence_category = forms.ChoiceField(
        label=_("Offence category"), choices=vocab.OffenceCategory.choices
    )
    reference = forms.CharField(
        label=_("Reference / docket number"),
        max_length=120,
        required=False,
        help_text=_("Encrypted."),
    )
    complaint_on = date_field(
        _("Complaint filed on"), required=False, help_text=_("Leave empty if not yet filed.")
    )
    lawyers = forms.TypedMultipleChoiceField(
        label=_("Lawyers"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: object,
        courts: list[Court],
        cases: list[Case],
        members: list[Membership],
        **kwargs: object,
    ):
        super().__init__(*args, **kwargs)
        self.fields["court"].choices = court_choices(courts, blank="—")
        self.fields["victims"].choices = victim_choices(cases)
        self.fields["lawyers"].choices = lawyer_choices(members)

    def to_input(self) -> LegalCaseInput:
        data = self.cleaned_data
        return LegalCaseInput(
            title=data["title"],
            court_id=data["court"],
            offence_category=data["offence_category"],
            reference=data["reference"],
            complaint_on=data["complaint_on"],
            victim_case_ids=data["victims"],
            lawyer_ids=data["lawyers"],
        )


class LegalCaseCloseForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("Why is the legal case closing?"), choices=vocab.LegalClosureReason.choices
    )
    closed_on = date_field(_("Closed on"))

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate


class LinkVictimForm(forms.Form):
    case = forms.TypedChoiceField(label=_("Survivor's case"), coerce=int)

    def __init__(self, *args: object, cases: list[Case], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", "—"), *victim_choices(cases)]


class AssignLawyerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Lawyer"), coerce=int)

    def __init__(self, *args: object, members: list[Membership], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "—"), *lawyer_choices(members)]
