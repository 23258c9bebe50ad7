"""Forms of the partner-network pages; every rule lives in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Organisation, User
from amparo.aftercare import vocab as aftercare_vocab
from amparo.aftercare.inputs import ServiceInput
from amparo.core.forms import VersionedForm, checkboxes, date_field
from amparo.network import vocab
from amparo.network.inputs import AgreementInput, ReferralInput, TransferInput
from amparo.network.services.referrals import MAX_MESSAGE_LENGTH, MAX_TRIAGE_LENGTH
from amparo.people.vocab import Section


def _org_choices(organisations: list[Organisation]) -> list[tuple[object, str]]:
    return [("", "—"), *((org.pk, org.name) for org in organisations)]


def labels(values: list[str], vocabulary: type) -> list[str]:
    names = dict(vocabulary.choices)
    return [str(names.get(v, v)) for v in values]


class InboxFilterForm(forms.Form):
    box = forms.ChoiceField(
        label=_("Box"),
        choices=(("received", _("Received")), ("sent", _("Sent"))),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *vocab.ReferralStatus.choices], required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=[("", _("Any")), *vocab.Urgency.choices], required=False
    )


class ReferralForm(forms.Form):
    to_org = forms.TypedChoiceField(label=_("Partner organisation"), coerce=int, empty_value=None)
    services = checkboxes(_("Services requested"), aftercare_vocab.ServiceType.choices)
    sections = checkboxes(
        _("Parts of the file shared"),
        Section.choices,
        help_text=_(
            "The partner always sees the pseudonym, sex, age band, nationality, languages "
            "and your message."
        ),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=vocab.Urgency.choices,
        initial=vocab.Urgency.ROUTINE,
        widget=forms.RadioSelect(attrs={"class": "inline"}),
    )
    message = forms.CharField(
        label=_("Message to the partner"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Encrypted. Shared with the partner once it accepts."),
    )
    triage_note = forms.CharField(
        label=_("Note for triage"),
        required=False,
        max_length=MAX_TRIAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The partner reads this before accepting, to decide whether and how soon it can "
            "help: say what is needed. No names, places or other details that identify anyone."
        ),
    )

    def __init__(self, *args: object, partners: list[Organisation], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = _org_choices(partners)

    def to_input(self) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            to_org_id=data["to_org"],
            services=list(data["services"]),
            sections=list(data["sections"]),
            urgency=data["urgency"],
            message=data["message"],
            triage_note=data["triage_note"],
        )

    def summary(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        names = dict(self.fields["to_org"].choices)
        return [
            (str(_("Partner organisation")), str(names.get(data["to_org"], ""))),
            (
                str(_("Services requested")),
                ", ".join(labels(data["services"], aftercare_vocab.ServiceType)),
            ),
            (
                str(_("Parts of the file shared")),
                ", ".join(labels(data["sections"], Section))
                or str(_("Only the non-identifying profile and the message")),
            ),
            (str(_("Urgency")), str(dict(vocab.Urgency.choices)[data["urgency"]])),
            (str(_("Note for triage")), data["triage_note"] or str(_("None."))),
        ]


class AcceptForm(VersionedForm):
    assigned_to = forms.TypedChoiceField(
        label=_("Who will work it"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Empty: you."),
    )

    def __init__(self, *args: object, colleagues: list[User], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = [
            ("", _("Me")),
            *((u.pk, str(u)) for u in colleagues),
        ]


class DeclineForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Reason"), choices=vocab.DeclineReason.choices)
    note = forms.CharField(
        label=_("Note to the referring organisation"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RevokeForm(VersionedForm):
    note = forms.CharField(
        label=_("Note to the partner (optional)"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PartnerServiceForm(forms.Form):
    service_type = forms.ChoiceField(
        label=_("Service"), choices=aftercare_vocab.ServiceType.choices
    )
    status = forms.ChoiceField(
        label=_("Status (GBVIMS)"),
        choices=aftercare_vocab.ServiceStatus.choices,
        initial=aftercare_vocab.ServiceStatus.PROVIDED,
    )
    started_on = date_field(_("Start"))
    ended_on = date_field(_("End"), required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted. The referring organisation can read them."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate

    def to_input(self) -> ServiceInput:
        return ServiceInput(**self.cleaned_data)


class TransferForm(forms.Form):
    to_org = forms.TypedChoiceField(label=_("Organisation"), coerce=int, empty_value=None)
    message = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    keep_sections = checkboxes(
        _("Sections the survivor agreed we keep reading"),
        Section.choices,
        help_text=_("After the transfer, your organisation may read only these parts."),
    )

    def __init__(self, *args: object, partners: list[Organisation], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["to_org"].choices = _org_choices(partners)

    def to_input(self) -> TransferInput:
        data = self.cleaned_data
        return TransferInput(
            to_org_id=data["to_org"],
            message=data["message"],
            keep_sections=list(data["keep_sections"]),
        )

    def summary(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        names = dict(self.fields["to_org"].choices)
        return [
            (str(_("Organisation")), str(names.get(data["to_org"], ""))),
            (
                str(_("Sections we keep reading")),
                ", ".join(labels(data["keep_sections"], Section)) or str(_("None")),
            ),
        ]


class TransferDeclineForm(VersionedForm):
    note = forms.CharField(
        label=_("Why is the transfer declined?"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AgreementForm(forms.Form):
    partner = forms.TypedChoiceField(label=_("Partner organisation"), coerce=int, empty_value=None)
    approved_by = forms.CharField(label=_("Approved by"), max_length=120)
    effective_from = date_field(_("Effective from"))
    effective_until = date_field(
        _("Effective until"), required=False, help_text=_("Empty: until ended.")
    )
    reference = forms.CharField(label=_("Agreement reference"), max_length=80, required=False)

    def __init__(self, *args: object, organisations: list[Organisation], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["partner"].choices = _org_choices(organisations)
        self.fields["effective_from"].initial = timezone.localdate

    def to_input(self) -> AgreementInput:
        data = self.cleaned_data
        return AgreementInput(
            partner_id=data["partner"],
            approved_by=data["approved_by"],
            effective_from=data["effective_from"],
            effective_until=data["effective_until"],
            reference=data["reference"],
        )
