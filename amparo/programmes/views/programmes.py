"""Programme pages: the list of programmes, and a programme with its goals."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.programmes.selectors.access import programmes_for_user


@perm_required_view(Perm.AGGREGATES, Perm.PROGRAMMES)
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = programmes_for_user(user=request.user).filter(archived_at__isnull=True)
    return render(request, "programmes/list.html", {"programmes": programmes})
