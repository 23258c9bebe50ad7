"""The two access errors. Every app raises these and nothing else for access.

``NotFound``: the record does not exist *for this user* — another
organisation's case, a referral the user is not party to, an unknown id. It
answers 404 so that its existence is never confirmed. Selectors named
``*_get_for_user`` raise it.

``Denied``: a thing the user knows of (they could open it) but may not do —
a role without the permission, a second factor missing. It answers 403.
Services raise it through the helpers in ``amparo.accounts.access``.

Both subclass Django's own errors, so pages (Django's handlers) and the API
(DRF's handler, ``amparo.core.api.exception_handler``) map them the same way
with no code in any view.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


class NotFound(Http404):
    """Not found for this user: raised by ``*_get_for_user`` selectors; answers 404."""


class Denied(PermissionDenied):
    """Known to the user but not theirs to do: raised by services; answers 403."""
