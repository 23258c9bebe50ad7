"""Programme pages: the list, a programme's overview, its form, its archiving and its areas."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.views import confirmed_action, form_page, form_submit
from amparo.programmes.forms.programmes import (
    ArchiveForm,
    AreaForm,
    ProgrammeEditForm,
    ProgrammeForm,
)
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.models import Programme
from amparo.programmes.selectors import programmes as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import programmes as services

READ_PERMS = (Perm.AGGREGATES, Perm.PROGRAMMES)


def programme_url(programme: Programme) -> str:
    return reverse("programme_detail", kwargs={"programme_id": programme.pk})


@perm_required_view(*READ_PERMS)
def programme_list(request: HttpRequest) -> HttpResponse:
    current, archived = selectors.programme_list(user=request.user)
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": current,
            "archived": archived,
            "may_create": selectors.may_create_programmes(user=request.user),
        },
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES)
def programme_new(request: HttpRequest) -> HttpResponse:
    owner_id = request.user.active_membership.organisation_id
    form = ProgrammeForm(
        request.POST or None, partners=selectors.partner_choices(owner_id=owner_id)
    )
    return form_submit(
        request,
        form,
        lambda data: services.programme_create(actor=request.user, **data),
        then=programme_url,
        done=_("Programme created."),
    ) or form_page(
        request,
        template="programmes/form.html",
        form=form,
        title=_("New programme"),
        submit=_("Create programme"),
        back=reverse("programme_list"),
    )


@never_cache
@perm_required_view(*READ_PERMS, record=True)
def programme_detail(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    detail = selectors.programme_detail(programme=programme)
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "detail": detail,
            "indicators": INDICATORS,
            "may_change": selectors.programme_may_change(user=request.user, programme=programme),
            "tab": "overview",
        },
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    initial = {
        "name": programme.name,
        "slug": programme.slug,
        "summary": programme.summary,
        "countries": ", ".join(programme.countries),
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "population_covered": programme.population_covered,
        "partner_ids": [str(pk) for pk in programme.partners.values_list("pk", flat=True)],
        "min_cell": programme.min_cell,
        "rounding_base": programme.rounding_base,
        "privacy_budget": programme.privacy_budget,
        "version": programme.version,
    }
    form = ProgrammeEditForm(
        request.POST or None,
        initial=initial,
        partners=selectors.partner_choices(owner_id=programme.organisation_id),
    )

    def run(data: dict) -> Programme:
        fields = dict(data)
        version = fields.pop("version")
        return services.programme_update(
            actor=request.user, programme_id=programme.pk, expected_version=version, **fields
        )

    return form_submit(
        request, form, run, then=programme_url, done=_("Programme saved.")
    ) or form_page(
        request,
        template="programmes/form.html",
        form=form,
        programme=programme,
        title=_("Edit %(name)s") % {"name": programme.name},
        submit=_("Save"),
        back=programme_url(programme),
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def programme_archive(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    return confirmed_action(
        request,
        form=ArchiveForm(request.POST or None),
        run=lambda data: services.programme_archive(actor=request.user, programme_id=programme.pk),
        then=reverse("programme_list"),
        done=_("Programme archived."),
        title=_("Archive %(name)s") % {"name": programme.name},
        question=_(
            "Archive this programme? It is kept with its goals and releases, and no longer "
            "listed among current programmes. Published releases stay public."
        ),
        submit=_("Archive programme"),
        back=programme_url(programme),
        summary=[
            (_("Programme"), programme.name),
            (_("Public address"), programme.slug),
        ],
        template="programmes/archive_confirm.html",
    )


@never_cache
@perm_required_view(*READ_PERMS, record=True)
def programme_areas(request: HttpRequest, programme_id: int) -> HttpResponse:
    """The areas, and (for those who may change the programme) a form to add one."""
    if request.method == "POST":
        programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    else:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    may_change = selectors.programme_may_change(user=request.user, programme=programme)
    form = AreaForm(request.POST or None) if may_change else None
    if form is not None:
        done = form_submit(
            request,
            form,
            lambda data: services.area_add(actor=request.user, programme_id=programme.pk, **data),
            then=reverse("programme_areas", kwargs={"programme_id": programme.pk}),
            done=_("Area added."),
        )
        if done:
            return done
    status = 422 if form is not None and form.is_bound else 200
    return render(
        request,
        "programmes/areas.html",
        {
            "programme": programme,
            "areas": list(programme.areas.all()),
            "form": form,
            "may_change": may_change,
            "tab": "areas",
        },
        status=status,
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def area_edit(request: HttpRequest, programme_id: int, area_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    area = selectors.area_get(programme=programme, area_id=area_id)
    form = AreaForm(
        request.POST or None,
        initial={"country": area.country, "admin1": area.admin1, "population": area.population},
    )
    back = reverse("programme_areas", kwargs={"programme_id": programme.pk})
    return form_submit(
        request,
        form,
        lambda data: services.area_update(
            actor=request.user, programme_id=programme.pk, area_id=area.pk, **data
        ),
        then=back,
        done=_("Area saved."),
    ) or form_page(
        request,
        template="programmes/form.html",
        form=form,
        programme=programme,
        title=_("Edit the area %(name)s") % {"name": area.admin1},
        submit=_("Save"),
        back=back,
    )
