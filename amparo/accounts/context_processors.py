from django.http import HttpRequest

from amparo.accounts.roles import Perm


def membership(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    m = user.active_membership
    return {
        "membership": m,
        "can": {p.name.lower(): user.has_amparo_perm(p) for p in Perm},
    }
