"""A caseworker whose case does not meet its closure rule asks a supervisor, who
approves (the case closes as the supervisor's override) or declines with a note;
each side is told, every step is audited, and a request is decided once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, ClosureRequest
from amparo.cases.services import (
    closure_request_approve,
    closure_request_create,
    closure_request_decline,
)
from amparo.core.concurrency import ConflictError
from amparo.core.exceptions import Denied
from amparo.network.models import Notification
from amparo.network.vocab import NotificationKind
from amparo.testing.cast import EVERYONE, expect
from amparo.testing.matrix import covers

WHY = "The family moved abroad; no contact is possible (fictional)."
# Lex's supervisor and admin decide; Lex's caseworker on the case asks.
DECIDERS = {"supervisor", "admin"}


def _ask(cast, **kwargs):
    return closure_request_create(
        actor=kwargs.pop("actor", cast.caseworker),
        case=cast.case,
        reason=kwargs.pop("reason", "relocated"),
        justification=kwargs.pop("justification", WHY),
        **kwargs,
    )


def codes(case) -> list[str]:
    return list(
        AuditEvent.objects.filter(case=case, code__startswith="case.clos")
        .order_by("id")
        .values_list("code", flat=True)
    )


def test_a_caseworker_asks_and_a_supervisor_approves(cast):
    request = _ask(cast)
    assert request.is_pending and request.requested_by == cast.caseworker
    # The supervisors (and the admin, who also assigns) hear of it; the asker does not.
    told = set(
        Notification.objects.filter(kind=NotificationKind.APPROVAL_REQUESTED).values_list(
            "user_id", flat=True
        )
    )
    assert told == {cast.supervisor.pk, cast.admin.pk}
    note = Notification.objects.filter(user=cast.supervisor).get()
    assert note.case == cast.case and note.detail == "Close the case"
    decided = closure_request_approve(actor=cast.supervisor, closure_request=request)
    assert (decided.status, decided.decided_by) == ("approved", cast.supervisor)
    case = Case.objects.get(pk=cast.case.pk)
    assert (case.status, case.closure_reason) == ("closed", "relocated")
    assert codes(case) == [
        "case.closure_requested",
        "case.closure_override",
        "case.closure_approved",
    ]
    override = AuditEvent.objects.get(case=case, code="case.closure_override")
    assert override.actor == cast.supervisor and override.reason == WHY
    assert Notification.objects.filter(
        user=cast.caseworker, kind=NotificationKind.CLOSURE_APPROVED, case=case
    ).exists()


def test_a_supervisor_declines_with_a_note_and_the_case_stays_open(cast):
    request = _ask(cast)
    with pytest.raises(ValidationError) as refused:
        closure_request_decline(actor=cast.supervisor, closure_request=request, note=" ")
    assert "note" in refused.value.message_dict
    declined = closure_request_decline(
        actor=cast.supervisor, closure_request=request, note="Try one more visit first."
    )
    assert declined.status == "declined"
    assert ClosureRequest.objects.get().decision_note == "Try one more visit first."
    assert Case.objects.get(pk=cast.case.pk).status == "active"
    assert codes(cast.case) == ["case.closure_requested", "case.closure_declined"]
    assert Notification.objects.filter(
        user=cast.caseworker, kind=NotificationKind.CLOSURE_DECLINED
    ).exists()
    # Once declined, the caseworker may ask again.
    assert _ask(cast).is_pending


def test_what_needs_no_supervisor_or_is_bad_is_refused_and_writes_nothing(cast):
    for kwargs, field in [
        ({"reason": "withdrew"}, "closure_reason"),  # never needs the rule: close it
        ({"reason": "nonsense"}, "closure_reason"),
        ({"justification": "no"}, "justification"),
        ({"closed_on": cast.case.opened_on.replace(year=1999)}, "closed_on"),
    ]:
        with pytest.raises(ValidationError) as refused:
            _ask(cast, **kwargs)
        assert field in refused.value.message_dict, kwargs
    with pytest.raises(Denied):
        _ask(cast, actor=cast.analyst)
    assert not ClosureRequest.objects.exists()
    assert codes(cast.case) == []


def test_one_request_waits_at_a_time_also_in_the_database(cast):
    _ask(cast)
    with pytest.raises(ValidationError) as refused:
        _ask(cast)
    assert "already waiting" in refused.value.message_dict["status"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ClosureRequest.objects.create(
            case=cast.case,
            requested_by=cast.caseworker,
            reason="relocated",
            closed_on=cast.case.opened_on,
            justification=WHY,
        )
    assert ClosureRequest.objects.count() == 1


def test_only_a_supervisor_decides_and_a_second_decision_loses(cast):
    request = _ask(cast)
    with pytest.raises(Denied):
        closure_request_approve(actor=cast.caseworker, closure_request=request)
    with pytest.raises(Denied):
        closure_request_decline(actor=cast.caseworker, closure_request=request, note="Not yet.")
    stale = ClosureRequest.objects.get(pk=request.pk)
    closure_request_approve(actor=cast.supervisor, closure_request=request)
    # The copy read before the approval is re-read under the lock: it is decided.
    with pytest.raises(ConflictError):
        closure_request_approve(actor=cast.admin, closure_request=stale)
    with pytest.raises(ConflictError):
        closure_request_decline(actor=cast.admin, closure_request=stale, note="Too late now.")
    assert codes(cast.case).count("case.closure_approved") == 1
    assert codes(cast.case).count("case.closure_override") == 1


def test_the_close_page_offers_to_ask_and_the_supervisor_decides_on_the_page(cast, client):
    client.force_login(cast.caseworker)
    close = client.get(reverse("case_close", args=[cast.case.pk])).content.decode()
    ask_url = reverse("closure_request_new", args=[cast.case.pk])
    assert "Ask a supervisor to approve" in close and ask_url in close
    body = {"reason": "relocated", "closed_on": cast.case.opened_on.isoformat()}
    confirm = client.post(ask_url, {**body, "justification": WHY})
    assert confirm.status_code == 200 and not ClosureRequest.objects.exists()
    done = client.post(ask_url, {**body, "justification": WHY, "confirmed": "yes"})
    assert done.status_code == 302
    request = ClosureRequest.objects.get()
    detail_url = reverse("closure_request_detail", args=[cast.case.pk, request.pk])
    # The case file says a request waits, and links to it; the close page no longer offers.
    assert detail_url in client.get(reverse("case_file", args=[cast.case.pk])).content.decode()
    assert ask_url not in client.get(reverse("case_close", args=[cast.case.pk])).content.decode()
    assert "Your decision" not in client.get(detail_url).content.decode()
    client.force_login(cast.supervisor)
    page = client.get(detail_url).content.decode()
    assert WHY in page and "Your decision" in page
    refused = client.post(detail_url, {"decision": "decline", "note": "", "confirmed": "yes"})
    assert refused.status_code == 422
    client.post(detail_url, {"decision": "approve", "note": ""})  # the confirmation
    assert Case.objects.get(pk=cast.case.pk).status == "active"
    approved = client.post(detail_url, {"decision": "approve", "note": "", "confirmed": "yes"})
    assert approved.status_code == 302
    assert Case.objects.get(pk=cast.case.pk).status == "closed"
    again = client.post(detail_url, {"decision": "approve", "note": "", "confirmed": "yes"})
    assert again.status_code == 422 and "already been decided" in again.content.decode()


@pytest.mark.parametrize(
    "page",
    [pytest.param(p, marks=covers(p)) for p in ("closure_request_new", "closure_request_detail")],
)
def test_closure_request_pages_for_the_cast(cast, client, page):
    request = _ask(cast)
    kwargs = {"pk": cast.case.pk}
    if page == "closure_request_detail":
        kwargs["request_pk"] = request.pk
    url = reverse(page, kwargs=kwargs)
    answers = {}
    for name in EVERYONE:
        user = cast.user(name)
        if user is None:
            continue
        client.force_login(user)
        answers[name] = client.get(url).status_code
    # Asking needs EDIT_CASE (not the admin's); reading the request, opening the case.
    openers = {"caseworker", "supervisor"}
    if page == "closure_request_detail":
        openers.add("admin")
    assert {n for n, code in answers.items() if code == 200} == openers
    assert set(answers.values()) - {200} == {404}
    # A decision posted by anyone but a supervisor changes nothing.
    for name in ("caseworker", "other_caseworker", "partner_supervisor", "third_supervisor"):
        client.force_login(cast.user(name))
        post = client.post(url, {"decision": "approve", "confirmed": "yes", "reason": "relocated"})
        assert post.status_code in (403, 404, 422), name
    assert ClosureRequest.objects.get().is_pending
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("name", EVERYONE)
@covers(
    "api-closure-requests GET",
    "api-closure-requests POST",
    "api-closure-request-approve POST",
    "api-closure-request-decline POST",
)
def test_closure_request_api_for_the_cast(cast, name):
    base = f"/api/v1/cases/{cast.case.pk}/closure-requests/"
    client = cast.client(name)
    asked = client.post(base, {"reason": "relocated", "justification": WHY}, format="json")
    may_ask = {"caseworker": 201, "supervisor": 201, "admin": 403}
    assert asked.status_code == expect(name, may_ask), asked.content
    request = ClosureRequest.objects.first() or _ask(cast)
    listed = client.get(base)
    assert listed.status_code == expect(name, {"caseworker": 200, "supervisor": 200, "admin": 200})
    if listed.status_code == 200:
        assert [row["justification"] for row in listed.json()] == [WHY]
    decline = client.post(
        f"{base}{request.pk}/decline/", {"note": "Not yet, sorry."}, format="json"
    )
    approve = client.post(f"{base}{request.pk}/approve/", {}, format="json")
    if name in DECIDERS:
        assert decline.status_code == 200 and decline.json()["status"] == "declined"
        assert approve.status_code == 409  # decided already, by this same supervisor
        again = _ask(cast)
        approved = client.post(f"{base}{again.pk}/approve/", {}, format="json")
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        assert Case.objects.get(pk=cast.case.pk).status == "closed"
    else:
        refused = expect(name, {"caseworker": 403})
        assert (decline.status_code, approve.status_code) == (refused, refused)
        assert ClosureRequest.objects.get().is_pending
