from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import TOKEN_NAME_MAX
from amparo.accounts.roles import Role


class TokenIssueForm(forms.Form):
    # Shape only; the service checks the name (required, bounded) and says why.
    name = forms.CharField(
        label=_("What is the token for?"),
        help_text=_("For example “court report script”. You can revoke it at any time."),
        max_length=TOKEN_NAME_MAX,
        required=False,
    )


class MemberInviteForm(forms.Form):
    # Shape only: the service checks the address, the name and the role, and says why.
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_("The invitation, with a link to choose a password, is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices], required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, required=False
    )


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
