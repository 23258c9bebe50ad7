"""Each page declares the permission it needs; these decorators enforce it.

The declaration is the view's ``required_perms`` (any one of them lets a
member through; none means any member), the same attribute an API view sets
(``amparo.core.api_base.ApiView``), checked by the same helper
(``amparo.accounts.access.declared_perms_required``). The route registry test
reads it, so a page that declares nothing is found.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from amparo.accounts.access import declared_perms_required
from amparo.accounts.roles import Perm
from amparo.core.exceptions import Denied, NotFound

View = Callable[..., HttpResponse]


def perm_required_view(*perms: Perm, record: bool = False) -> Callable[[View], View]:
    """Let a signed-in member with any of ``perms`` through.

    Signed-out visitors go to the sign-in page. On a page that names a record
    (``record=True``) a missing permission answers 404 rather than 403, so a
    URL never confirms that a case or operation exists.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            try:
                declared_perms_required(request.user, perms)
            except Denied:
                if record:
                    raise NotFound from None
                raise
            return view(request, *args, **kwargs)

        wrapped.required_perms = perms  # type: ignore[attr-defined]  # read by the route registry test
        return wrapped

    return decorator


def member_required_view(view: View) -> View:
    """Let any signed-in member of an organisation through (pages about their own account).

    Signed-out visitors go to the sign-in page; a user without an
    organisation gets 403.
    """
    return perm_required_view()(view)
