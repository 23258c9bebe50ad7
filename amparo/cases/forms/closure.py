"""Forms for asking a supervisor to close a case, and for deciding such a request."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.cases import vocab
from amparo.core.forms import date_field

MAX_TEXT = 2000


class ClosureRequestForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the case closing?"),
        choices=[
            (r.value, r.label) for r in vocab.ClosureReason if vocab.closure_needs_restoration(r)
        ],
    )
    closed_on = date_field(_("Closed on"))
    justification = forms.CharField(
        label=_("Why should the case close before the closure rule is met?"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A supervisor reads this to decide; it is kept with the case."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate


class ClosureDecisionForm(forms.Form):
    APPROVE = "approve"
    DECLINE = "decline"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (APPROVE, _("Approve: close the case now")),
            (DECLINE, _("Decline: the case stays open")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the requester"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline."),
    )
