"""Every list of work starts from the cases the user may open now: a task still
assigned to someone who lost the case is neither shown nor actionable.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import Task
from amparo.aftercare.reminders import digest_text
from amparo.aftercare.selectors import my_work, task_get_for_user, tasks_for_user
from amparo.aftercare.services.common import task_complete, task_create
from amparo.cases.services import case_unassign
from amparo.testing.api import api_client

TODAY = timezone.localdate()
LATER = TODAY + datetime.timedelta(days=30)
WITH_A_CASELOAD = {"other_caseworker", "lawyer", "partner_supervisor"}


def _caseworkers_task(cast) -> Task:
    """A risk to review on Lex's case, assigned to the caseworker on it; due today."""
    (task,) = task_create(
        actor=cast.supervisor,
        case=cast.case,
        kind="review_risk",
        source=cast.case,
        due_on=TODAY,
        to=[cast.caseworker],
    )
    return task


def _listed(client, user) -> tuple[str, str, str]:
    client.force_login(user)
    api = api_client(user)
    return (
        client.get(reverse("my_work")).content.decode(),
        str(api.get("/api/v1/my-work/").json()),
        str(api.get("/api/v1/tasks/").json()),
    )


def test_the_assignee_sees_and_completes_a_task_on_a_case_they_may_open(cast, client):
    task = _caseworkers_task(cast)
    for text in _listed(client, cast.caseworker):
        assert "Review a risk found at follow-up" in text and cast.case.code in text
    assert digest_text(cast.caseworker, LATER) is not None
    response = api_client(cast.caseworker).post(f"/api/v1/tasks/{task.pk}/complete/")
    assert response.status_code == 200
    task.refresh_from_db()
    assert task.done_by == cast.caseworker


def test_after_an_unassignment_the_task_is_neither_shown_nor_actionable(cast, client):
    task = _caseworkers_task(cast)
    assignment = cast.case.assignments.get(user=cast.caseworker, ended_at__isnull=True)
    case_unassign(actor=cast.supervisor, case=cast.case, assignment_id=assignment.pk)

    for text in _listed(client, cast.caseworker):
        assert "Review a risk" not in text and cast.case.code not in text
    assert [i for i in my_work(user=cast.caseworker, today=LATER).items if i.kind == "task"] == []
    assert not tasks_for_user(user=cast.caseworker).exists()
    assert digest_text(cast.caseworker, LATER) is None
    with pytest.raises(Http404):
        task_get_for_user(user=cast.caseworker, task_id=task.pk)
    client.force_login(cast.caseworker)
    assert client.post(reverse("task_done", args=[task.pk])).status_code == 404
    api = api_client(cast.caseworker)
    assert api.post(f"/api/v1/tasks/{task.pk}/complete/").status_code == 404
    with pytest.raises(PermissionDenied):
        task_complete(actor=cast.caseworker, task=task)
    task.refresh_from_db()
    assert task.done_at is None


@pytest.mark.parametrize(
    "name", ["other_caseworker", "lawyer", "analyst", "partner_supervisor", "outsider"]
)
def test_a_task_row_naming_someone_who_may_not_open_the_case_is_never_listed(cast, client, name):
    user = getattr(cast, name)
    (task,) = task_create(
        actor=cast.supervisor,
        case=cast.case,
        kind="review_risk",
        source=cast.case,
        due_on=TODAY,
        to=[user],
    )
    assert all(item.kind != "task" for item in my_work(user=user, today=LATER).items)
    assert not tasks_for_user(user=user).exists()
    with pytest.raises(PermissionDenied):
        task_complete(actor=user, task=task)
    if name in WITH_A_CASELOAD:  # the others are refused the pages outright
        for text in _listed(client, user):
            assert "Review a risk" not in text and cast.case.code not in text
