"""The demo's programme has results on the day it is seeded (its goals, people protected)."""

import datetime
from io import StringIO

import time_machine
from django.core.management import call_command
from django.utils import timezone

from amparo.programmes.models import Programme
from amparo.programmes.protection import people_protected
from amparo.programmes.results import goal_progress
from amparo.programmes.vocab import GoalStatus

SEEDED_ON = datetime.date(2026, 12, 1)


def test_the_seeded_programme_has_goals_with_figures_and_people_protected(db):
    noon = timezone.make_aware(datetime.datetime.combine(SEEDED_ON, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        call_command("seed", survivors=200, stdout=StringIO())
    programme = Programme.objects.get(slug="justicia-restauracion-2030")

    progress = goal_progress(programme=programme, as_of=SEEDED_ON)
    protected = people_protected(programme=programme, as_of=SEEDED_ON)

    assert progress
    statuses = {p.goal.indicator: p.status for p in progress}
    # At this size most live figures rest on fewer than k records; the measurements do not.
    assert statuses["prevalence"] != GoalStatus.NO_DATA
    assert statuses["would_report_police"] != GoalStatus.NO_DATA
    assert protected.method_version == 1
    fell = {a.admin1 for a in protected.areas if a.prevalence_fell}
    assert fell  # the demo's endline shows a significant fall somewhere
