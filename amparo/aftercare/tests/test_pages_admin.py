"""Instrument admin, the restoration dashboard and its CSV export, and the daily digest."""

import json

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from amparo.aftercare.charts import trajectory_chart
from amparo.aftercare.instruments import DEFAULT_INSTRUMENT
from amparo.aftercare.models import FollowUp
from amparo.aftercare.reminders import overdue_digests_send
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.tasks import send_overdue_digests
from amparo.aftercare.tests.conftest import days_ago
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.downloads import body as download


def _upload(data: object) -> SimpleUploadedFile:
    return SimpleUploadedFile("instrument.json", json.dumps(data).encode(), "application/json")


def test_admin_loads_an_instrument_that_becomes_active(cast, client):
    data = json.loads(DEFAULT_INSTRUMENT.read_text())
    data["code"], data["name_en"] = "lex-own", "Lex instrument"
    client.force_login(cast.admin)
    response = client.post(reverse("instrument_admin"), {"file": _upload(data)})
    assert response.status_code == 302
    assert active_instrument(organisation_id=cast.lex.pk).code == "lex-own"
    assert AuditEvent.objects.filter(code=Code.INSTRUMENT_LOADED, actor=cast.admin).exists()
    body = client.get(reverse("instrument_admin")).content.decode()
    assert "Lex instrument" in body and "amparo-restoration-v1" in body
    # The same code again, and a broken file: a clear error, nothing loaded.
    assert client.post(reverse("instrument_admin"), {"file": _upload(data)}).status_code == 422
    broken = {"code": "x", "name_en": "x", "scale": {"min": 4, "max": 1}, "domains": []}
    response = client.post(reverse("instrument_admin"), {"file": _upload(broken)})
    assert response.status_code == 422 and "not valid" in response.content.decode()
    bad_json = SimpleUploadedFile("i.json", b"{not json", "application/json")
    assert client.post(reverse("instrument_admin"), {"file": bad_json}).status_code == 422
    assert AuditEvent.objects.filter(code=Code.INSTRUMENT_LOADED).count() == 1


def test_dashboard_and_audited_suppressed_csv(cast, client):
    client.force_login(cast.analyst)
    page = client.get(reverse("restoration_dashboard")).content.decode()
    assert "Restoration rate" in page and "Time to restoration" in page
    response = client.get(reverse("restoration_dashboard_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "Survivors assessed" in download(response).decode("utf-8-sig")
    assert AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED, actor=cast.analyst).exists()


def test_digest_is_sent_once_a_day_and_names_no_survivor(cast, django_capture_on_commit_callbacks):
    case = cast.case
    FollowUp.objects.create(case=case, due_on=days_ago(3))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_overdue_digests.call_local() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [cast.caseworker.email]
    assert case.code in message.body and "Follow-up visit" in message.body
    assert case.survivor.pseudonym not in message.body + message.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_digests_send() == 0
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert overdue_digests_send(today=days_ago(-1)) == 1
    assert len(mail.outbox) == 2


def test_charts_geometry():
    chart = trajectory_chart([(days_ago(100), 1.0), (days_ago(0), 4.0)], low=1, high=4)
    first, last = chart.points
    assert float(first.x) < float(last.x) and float(first.y) > float(
        last.y
    )  # later, higher: right, up
    assert len(chart.gridlines) == 4
    assert trajectory_chart([(days_ago(1), 2.5)], low=1, high=4).polyline
