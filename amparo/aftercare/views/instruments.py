from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.admin import InstrumentUploadForm
from amparo.aftercare.forms.assessments import scale_choices
from amparo.aftercare.selectors import active_instrument, instruments_for_user
from amparo.aftercare.services.instruments import instrument_upload
from amparo.core.forms import add_service_errors


@never_cache
@perm_required_view(Perm.MANAGE_ORG)
def instrument_admin(request: HttpRequest) -> HttpResponse:
    """Org admins: the active instrument, the others, and uploading a new one."""
    form = InstrumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = instrument_upload(actor=request.user, data=form.cleaned_data["file"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(name)s is loaded and now active.") % {"name": instrument}
            )
            return redirect("instrument_admin")
    membership = request.user.active_membership
    active = active_instrument(organisation_id=membership.organisation_id)
    return render(
        request,
        "aftercare/instruments.html",
        {
            "form": form,
            "active": active,
            "domains": active.domains.prefetch_related("items"),
            "scale": scale_choices(active),
            "instruments": instruments_for_user(user=request.user),
        },
        status=422 if form.is_bound else 200,
    )
