from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import Organisation
from amparo.aftercare import vocab
from amparo.aftercare.inputs import ServiceInput
from amparo.core.forms import date_field


class ServiceForm(forms.Form):
    service_type = forms.ChoiceField(label=_("Service"), choices=vocab.ServiceType.choices)
    provider = forms.TypedChoiceField(
        label=_("Provided by"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status (GBVIMS)"),
        choices=vocab.ServiceStatus.choices,
        initial=vocab.ServiceStatus.PROVIDED,
    )
    started_on = date_field(_("Start"))
    ended_on = date_field(_("End"), required=False)
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Encrypted."),
    )

    def __init__(self, *args: object, partners: QuerySet[Organisation], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate
        self.fields["provider"].choices = [
            ("", _("Our organisation")),
            *((org.pk, org.name) for org in partners),
        ]

    def to_input(self) -> ServiceInput:
        data = dict(self.cleaned_data)
        return ServiceInput(provider_id=data.pop("provider"), **data)


class CounsellingSessionForm(forms.Form):
    held_on = date_field(_("Date"))
    notes = forms.CharField(
        label=_("Session notes"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Encrypted. Only people who may open this file can read them."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate
