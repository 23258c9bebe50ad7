"""Goal pages: set a goal on an indicator, change it, archive it."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.views import confirmed_action, form_page, form_submit
from amparo.programmes.forms.goals import GoalEditForm, GoalForm, goal_initial
from amparo.programmes.forms.programmes import ArchiveForm
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.models import Goal, Programme
from amparo.programmes.selectors import programmes as selectors
from amparo.programmes.selectors.access import programme_get_for_change
from amparo.programmes.services import goals as services


def _back(programme: Programme) -> str:
    return reverse("programme_detail", kwargs={"programme_id": programme.pk}) + "#goals"


def _goal_page(request: HttpRequest, form: GoalForm, **context: object) -> HttpResponse:
    return form_page(
        request,
        template="programmes/goal_form.html",
        form=form,
        indicators=list(INDICATORS.values()),
        **context,
    )


def _fields(data: dict) -> dict:
    return {k: v for k, v in data.items() if not k.startswith("milestone_")}


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def goal_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    form = GoalForm(request.POST or None, areas=list(programme.areas.all()))
    return form_submit(
        request,
        form,
        lambda data: services.goal_create(
            actor=request.user, programme_id=programme.pk, **_fields(data)
        ),
        then=_back(programme),
        done=_("Goal set."),
    ) or _goal_page(
        request,
        form,
        programme=programme,
        title=_("New goal"),
        submit=_("Set goal"),
        back=_back(programme),
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def goal_edit(request: HttpRequest, programme_id: int, goal_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    goal = selectors.goal_get_for_change(programme=programme, goal_id=goal_id)
    form = GoalEditForm(
        request.POST or None, initial=goal_initial(goal), areas=list(programme.areas.all())
    )

    def run(data: dict) -> Goal:
        fields = _fields(data)
        version = fields.pop("version")
        return services.goal_update(
            actor=request.user, goal_id=goal.pk, expected_version=version, **fields
        )

    return form_submit(
        request, form, run, then=_back(programme), done=_("Goal saved.")
    ) or _goal_page(
        request,
        form,
        programme=programme,
        goal=goal,
        title=_("Edit the goal"),
        submit=_("Save"),
        back=_back(programme),
    )


@never_cache
@perm_required_view(Perm.PROGRAMMES, record=True)
def goal_archive(request: HttpRequest, programme_id: int, goal_id: int) -> HttpResponse:
    programme = programme_get_for_change(user=request.user, programme_id=programme_id)
    goal = selectors.goal_get_for_change(programme=programme, goal_id=goal_id)
    indicator = INDICATORS.get(goal.indicator)
    return confirmed_action(
        request,
        form=ArchiveForm(request.POST or None),
        run=lambda data: services.goal_archive(actor=request.user, goal_id=goal.pk),
        then=_back(programme),
        done=_("Goal archived."),
        title=_("Archive the goal"),
        question=_(
            "Archive this goal? It is kept with its milestones but no longer shown among "
            "the programme's current goals."
        ),
        submit=_("Archive goal"),
        back=_back(programme),
        summary=[
            (_("Goal"), goal.title),
            (_("Indicator"), str(indicator.label) if indicator else goal.indicator),
        ],
        template="programmes/goal_archive_confirm.html",
    )
