from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import TOKEN_NAME_MAX


class TokenIssueForm(forms.Form):
    # Shape only; the service checks the name (required, bounded) and says why.
    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("For example “court report script”. You can revoke it at any time."),
        max_length=TOKEN_NAME_MAX,
        required=False,
    )
