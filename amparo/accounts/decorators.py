"""Each page declares the permission it needs; this decorator enforces it."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from amparo.accounts.access import membership_required
from amparo.accounts.roles import Perm

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
                membership_required(request.user)
                if not any(request.user.has_amparo_perm(p) for p in perms):
                    raise PermissionDenied
            except PermissionDenied:
                if record:
                    raise Http404 from None
                raise
            return view(request, *args, **kwargs)

        wrapped.required_perms = perms  # type: ignore[attr-defined]
        return wrapped

    return decorator


def member_required_view(view: View) -> View:
    """Let any signed-in member of an organisation through (pages about their own account).

    Signed-out visitors go to the sign-in page; a user without an
    organisation gets 403.
    """

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership_required(request.user)
        return view(request, *args, **kwargs)

    wrapped.required_perms = ()  # type: ignore[attr-defined]
    return wrapped
