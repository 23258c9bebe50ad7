"""A partner assesses a referred survivor's restoration and plans its care under the
referral: the case stays with its owner, who reads both on the referral; the owner's
schedule, closure rule and plan are the owner's alone."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.models import Assessment, CarePlan, RestorationStatus, Task
from amparo.aftercare.selectors import active_instrument, care_plan_get, restoration_file
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.careplans import (
    care_plan_approve,
    care_plan_draft,
    care_plan_submit,
)
from amparo.aftercare.services.closure import restoration_closure_check
from amparo.core.exceptions import Denied, NotFound
from amparo.network.models import Notification
from amparo.network.selectors import shared_file_get
from amparo.network.services.referrals import (
    partner_assessment_record,
    partner_care_plan_approve,
    partner_care_plan_draft,
    partner_care_plan_submit,
    referral_revoke,
)
from amparo.network.vocab import NotificationKind
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE, expect
from amparo.testing.matrix import covers

TODAY = timezone.localdate()
NEXT_MONTH = TODAY + datetime.timedelta(days=30)
RECEIVERS = {"partner_supervisor", "partner_caseworker"}
# Of the receiving side, who approves: its supervisor (ASSIGN).
APPROVERS = {"partner_supervisor"}
SENDERS = {"caseworker", "supervisor"}


def _scores(org_id, score=3):
    instrument = active_instrument(organisation_id=org_id)
    return {
        item.code: score
        for d in instrument.domains.prefetch_related("items")
        for item in d.items.all()
    }


def _domain(org_id):
    return active_instrument(organisation_id=org_id).domains.first().code


def _assess(net, referral, **kwargs):
    return partner_assessment_record(
        actor=kwargs.pop("actor", net.cast.partner_caseworker),
        referral=referral,
        assessed_on=kwargs.pop("assessed_on", TODAY),
        scores=kwargs.pop("scores", _scores(net.cast.refugio.pk)),
        notes="Fictional partner note.",
    )


def _goal(net, description="Fictional partner goal"):
    return GoalInput(
        domain=_domain(net.cast.refugio.pk), description=description, target_on=NEXT_MONTH
    )


def _draft(net, referral, **kwargs):
    return partner_care_plan_draft(
        actor=kwargs.pop("actor", net.cast.partner_caseworker),
        referral=referral,
        summary="Fictional partner summary.",
        review_due_on=NEXT_MONTH,
        goals=[_goal(net)],
    )


def test_the_partner_assesses_on_the_page_and_the_sender_sees_it(net, client):
    referral = net.accepted(services=["psychosocial"])
    client.force_login(net.cast.partner_caseworker)
    detail = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert "Record an assessment" in detail and "Draft a care plan" in detail
    new = reverse("referral_assessment_new", args=[referral.pk])
    assert client.get(new).status_code == 200
    form = {f"score_{code}": 3 for code in _scores(net.cast.refugio.pk)}
    response = client.post(new, {**form, "assessed_on": TODAY.isoformat(), "notes": "Nota."})
    assert response.status_code == 302, response.content.decode()
    assessment = Assessment.objects.get()
    assert assessment.partner_organisation_id == net.cast.refugio.pk
    assert assessment.case == net.cast.case and net.cast.case.organisation_id == net.cast.lex.pk
    assert Notification.objects.filter(
        user=net.cast.caseworker, kind=NotificationKind.PARTNER_ASSESSED, referral=referral
    ).exists()
    # The sender reads it on the referral (scores, not the partner's notes) and in the API.
    client.force_login(net.cast.caseworker)
    page = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert "Restoration assessments by" in page and TODAY.isoformat() in page
    assert "3.0" in page and "Nota." not in page and "Record an assessment" not in page
    body = api_client(net.cast.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    [row] = body["assessments"]
    assert row["organisation_name"] == net.cast.refugio.name and row["assessed_on"] == str(TODAY)
    assert set(row["domain_scores"].values()) == {3.0}
    # The receiver's own view of the referral lists it too.
    mine = api_client(net.cast.partner_caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert [a["id"] for a in mine["assessments"]] == [assessment.pk]


def test_a_partner_assessment_counts_neither_toward_the_schedule_nor_closure(net):
    cast = net.cast
    own = assessment_record(
        actor=cast.caseworker, case=cast.case, assessed_on=TODAY, scores=_scores(cast.lex.pk)
    )
    before = RestorationStatus.objects.get(case=cast.case)
    referral = net.accepted()
    _assess(net, referral, scores=_scores(cast.refugio.pk, score=4))
    after = RestorationStatus.objects.get(case=cast.case)
    assert (after.assessments, after.latest_scores) == (1, before.latest_scores)
    assert restoration_file(case=cast.case).assessments == [own]
    check = restoration_closure_check(cast.case)
    assert not check.met
    # Nor does it reach the shared file's own assessments (the case's, under consent).
    shared = shared_file_get(user=cast.partner_caseworker, referral=referral)
    assert [a.pk for a in shared.assessments] == [own.pk]


def test_only_a_live_restoration_referral_takes_partner_records(net):
    legal = net.accepted(services=["legal"])
    with pytest.raises(ValidationError) as exc:
        _assess(net, legal)
    assert "referral" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _draft(net, legal)
    assert "referral" in exc.value.message_dict
    referral_revoke(actor=net.cast.caseworker, referral=legal, expected_version=legal.version)
    referral = net.accepted()
    # Not the sender, nor a third organisation, nor dated before the acceptance.
    for actor in (net.cast.caseworker, net.cast.third_supervisor):
        with pytest.raises(Denied):
            _assess(net, referral, actor=actor)
        with pytest.raises(Denied):
            _draft(net, referral, actor=actor)
    with pytest.raises(ValidationError) as exc:
        _assess(net, referral, assessed_on=TODAY - datetime.timedelta(days=1))
    assert "accepted" in str(exc.value)
    assert not Assessment.objects.exists() and not CarePlan.objects.exists()


def test_a_refused_write_on_an_ended_referral_changes_nothing(net):
    referral = net.accepted()
    draft = _draft(net, referral)
    referral = referral_revoke(
        actor=net.cast.caseworker, referral=referral, expected_version=referral.version
    )
    with pytest.raises(ValidationError) as exc:
        _assess(net, referral)
    assert "referral" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _draft(net, referral)
    with pytest.raises(ValidationError):
        partner_care_plan_submit(
            actor=net.cast.partner_caseworker, referral=referral, plan_id=draft.pk
        )
    draft.refresh_from_db()
    assert draft.status == "draft" and CarePlan.objects.count() == 1
    assert not Assessment.objects.exists()
    assert not Notification.objects.filter(
        kind__in=[NotificationKind.PARTNER_ASSESSED, NotificationKind.PARTNER_PLAN_PENDING]
    ).exists()


def test_the_partner_supervisor_approves_the_partner_plan_beside_the_owner_plan(net):
    cast = net.cast
    owner_plan = care_plan_draft(
        actor=cast.caseworker,
        case=cast.case,
        summary="",
        review_due_on=NEXT_MONTH,
        goals=[
            GoalInput(domain=_domain(cast.lex.pk), description="Own goal", target_on=NEXT_MONTH)
        ],
    )
    care_plan_submit(actor=cast.caseworker, plan=owner_plan)
    care_plan_approve(actor=cast.supervisor, plan=owner_plan)
    referral = net.accepted()
    plan = _draft(net, referral)
    assert plan.number == 1 and plan.partner_organisation_id == cast.refugio.pk
    tasks = Task.objects.count()
    partner_care_plan_submit(actor=cast.partner_caseworker, referral=referral, plan_id=plan.pk)
    # No task on a case its supervisors cannot open: a notification leads to the referral.
    assert Task.objects.count() == tasks
    assert Notification.objects.filter(
        user=cast.partner_supervisor, kind=NotificationKind.PARTNER_PLAN_PENDING
    ).exists()
    with pytest.raises(Denied):
        partner_care_plan_approve(actor=cast.partner_caseworker, referral=referral, plan_id=plan.pk)
    # The owner's pages do not reach it, nor the partner's service another plan.
    with pytest.raises(NotFound):
        care_plan_get(case=cast.case, plan_id=plan.pk)
    with pytest.raises(NotFound):
        partner_care_plan_approve(
            actor=cast.partner_supervisor, referral=referral, plan_id=owner_plan.pk
        )
    approved = partner_care_plan_approve(
        actor=cast.partner_supervisor, referral=referral, plan_id=plan.pk
    )
    assert approved.status == "approved"
    owner_plan.refresh_from_db()
    assert owner_plan.status == "approved"
    assert restoration_file(case=cast.case).care_plans == [owner_plan]
    assert Notification.objects.filter(
        user=cast.caseworker, kind=NotificationKind.PARTNER_CARE_PLAN, referral=referral
    ).exists()
    # A second version supersedes the partner's first only.
    second = _draft(net, referral)
    assert second.number == 2
    partner_care_plan_submit(actor=cast.partner_caseworker, referral=referral, plan_id=second.pk)
    partner_care_plan_approve(actor=cast.partner_supervisor, referral=referral, plan_id=second.pk)
    assert set(CarePlan.objects.values_list("number", "status", "partner_organisation")) == {
        (1, "approved", None),
        (1, "superseded", cast.refugio.pk),
        (2, "approved", cast.refugio.pk),
    }


def test_the_sender_sees_the_partner_plan_on_the_referral(net, client):
    referral = net.accepted()
    plan = _draft(net, referral)
    client.force_login(net.cast.partner_caseworker)
    detail = reverse("referral_detail", args=[referral.pk])
    page = client.get(detail).content.decode()
    assert reverse("referral_care_plan_submit", args=[referral.pk, plan.pk]) in page
    assert "Fictional partner summary." in page
    client.force_login(net.cast.caseworker)
    page = client.get(detail).content.decode()
    assert "Care plans by" in page and "Fictional partner goal" in page
    assert NEXT_MONTH.isoformat() in page and "Fictional partner summary." not in page
    assert reverse("referral_care_plan_submit", args=[referral.pk, plan.pk]) not in page
    body = api_client(net.cast.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    [row] = body["care_plans"]
    assert (row["status"], row["review_due_on"]) == ("draft", NEXT_MONTH.isoformat())
    assert [g["description"] for g in row["goals"]] == ["Fictional partner goal"]
    assert "summary" not in row


def _refused(name):
    return 403 if name in SENDERS else expect(name, {})


@pytest.mark.parametrize("name", EVERYONE)
@covers(
    "api-referral-assessments POST",
    "api-referral-care-plans POST",
    "api-referral-care-plan-submit POST",
    "api-referral-care-plan-approve POST",
)
def test_partner_records_api(net, name):
    referral = net.accepted()
    base = f"/api/v1/referrals/{referral.pk}/"
    client = net.cast.client(name)
    assessment = client.post(
        base + "assessments/",
        {"assessed_on": TODAY.isoformat(), "scores": _scores(net.cast.refugio.pk)},
        format="json",
    )
    goal = {
        "domain": _domain(net.cast.refugio.pk),
        "description": "G",
        "target_on": str(NEXT_MONTH),
    }
    drafted = client.post(
        base + "care-plans/",
        {"review_due_on": NEXT_MONTH.isoformat(), "goals": [goal]},
        format="json",
    )
    if name in RECEIVERS:
        assert assessment.status_code == 201, assessment.content
        assert assessment.json()["organisation"] == net.cast.refugio.pk
        assert drafted.status_code == 201, drafted.content
        plan_id = drafted.json()["id"]
    else:
        assert (assessment.status_code, drafted.status_code) == (_refused(name), _refused(name))
        assert not Assessment.objects.exists() and not CarePlan.objects.exists()
        plan_id = _draft(net, referral).pk
    submitted = client.post(f"{base}care-plans/submit/", {"plan": plan_id}, format="json")
    if name in RECEIVERS:
        assert submitted.status_code == 200 and submitted.json()["status"] == "pending"
    else:
        assert submitted.status_code == _refused(name)
        partner_care_plan_submit(
            actor=net.cast.partner_caseworker, referral=referral, plan_id=plan_id
        )
    approved = client.post(f"{base}care-plans/approve/", {"plan": plan_id}, format="json")
    if name in APPROVERS:
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
    else:
        # Without ASSIGN the route is not found; the sender's supervisor is refused.
        assert approved.status_code == expect(name, {"supervisor": 403}), approved.content
        assert CarePlan.objects.get(pk=plan_id).status == "pending"


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=covers(p))
        for p in ("referral_assessment_new", "referral_care_plan_new")
    ],
)
def test_partner_record_pages_for_the_cast(net, client, page):
    referral = net.accepted()
    url = reverse(page, args=[referral.pk])
    answers = {}
    for name in EVERYONE:
        user = net.cast.user(name)
        if user is None:
            continue
        client.force_login(user)
        answers[name] = client.get(url).status_code
    # The receiving side only; the sender and everyone else are told nothing exists.
    assert {n for n, code in answers.items() if code == 200} == RECEIVERS
    assert set(answers.values()) - {200} <= {403, 404}
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "page,allowed",
    [
        pytest.param(
            "referral_care_plan_submit", RECEIVERS, marks=covers("referral_care_plan_submit")
        ),
        pytest.param(
            "referral_care_plan_approve", APPROVERS, marks=covers("referral_care_plan_approve")
        ),
    ],
)
def test_partner_plan_buttons_for_the_cast(net, client, page, allowed):
    referral = net.accepted()
    for name in EVERYONE:
        plan = _draft(net, referral)
        if page == "referral_care_plan_approve":
            partner_care_plan_submit(
                actor=net.cast.partner_caseworker, referral=referral, plan_id=plan.pk
            )
        before = CarePlan.objects.get(pk=plan.pk).status
        user = net.cast.user(name)
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        response = client.post(reverse(page, args=[referral.pk, plan.pk]))
        status = CarePlan.objects.get(pk=plan.pk).status
        if name in allowed:
            assert response.status_code == 302 and status != before, name
        else:
            assert response.status_code in {302, 403, 404} and status == before, name
            if user is None:
                assert "/login" in response["Location"] or "login" in response["Location"]


def test_a_partner_plan_is_no_review_in_the_owner_workers_work(net):
    """The partner reviews its own plan: the owner's My work and team counts leave it out."""
    from amparo.aftercare.selectors_work import my_work, team_work

    cast = net.cast
    referral = net.accepted()

    def reviews():
        items = my_work(user=cast.caseworker, horizon_days=60).items
        team = team_work(user=cast.supervisor, horizon_days=60)
        return (
            [i for i in items if i.kind == "care_plan_review"],
            {w.user.pk: w.due for w in team.workers},
        )

    before = reviews()
    plan = _draft(net, referral)
    partner_care_plan_submit(actor=cast.partner_caseworker, referral=referral, plan_id=plan.pk)
    partner_care_plan_approve(actor=cast.partner_supervisor, referral=referral, plan_id=plan.pk)
    assert CarePlan.objects.get(pk=plan.pk).review_due_on == NEXT_MONTH
    assert reviews() == before
