from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.forms.admin import InstrumentUploadForm
from amparo.aftercare.forms.assessments import scale_choices
from amparo.aftercare.instruments import closure_rule_text, schedule_text
from amparo.aftercare.selectors import active_instrument, instruments_for_user
from amparo.aftercare.services.instruments import instrument_upload
from amparo.core.views import form_page, form_submit


@never_cache
@perm_required_view(Perm.MANAGE_ORG)
def instrument_admin(request: HttpRequest) -> HttpResponse:
    """Org admins: the active instrument, the others, and uploading a new one."""
    form = InstrumentUploadForm(request.POST or None, request.FILES or None)
    if done := form_submit(
        request,
        form,
        lambda data: instrument_upload(actor=request.user, data=data["file"]),
        then=reverse("instrument_admin"),
        done=lambda instrument: _("%(name)s is loaded and now active.") % {"name": instrument},
    ):
        return done
    active = active_instrument(organisation_id=request.user.active_membership.organisation_id)
    return form_page(
        request,
        template="aftercare/instruments.html",
        form=form,
        active=active,
        schedule=schedule_text(active.schedule),
        closure_rule=closure_rule_text(active.closure_rule),
        domains=active.domains.prefetch_related("items"),
        scale=scale_choices(active),
        instruments=instruments_for_user(user=request.user),
    )
