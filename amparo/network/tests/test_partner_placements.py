"""A partner places a survivor it was referred in its own shelter, under the referral:
the case stays with its owner, who sees the placement; nothing else moves."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import Placement
from amparo.aftercare.services.placements import facility_create
from amparo.core.exceptions import Denied, NotFound
from amparo.network.models import Notification
from amparo.network.services.referrals import (
    partner_placement_end,
    partner_placement_start,
    referral_revoke,
)
from amparo.network.vocab import NotificationKind
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE, expect
from amparo.testing.matrix import covers

TODAY = timezone.localdate()
RECEIVERS = {"partner_supervisor", "partner_caseworker"}
SENDERS = {"caseworker", "supervisor"}


@pytest.fixture
def shelter(net):
    return facility_create(
        actor=net.cast.partner_supervisor,
        name="Casa Socia (fictional)",
        kind="shelter",
        admin1="Escuintla",
        capacity=2,
    )


def _housing(net):
    return net.accepted(services=["shelter", "psychosocial"])


def _place(net, referral, shelter, **kwargs):
    return partner_placement_start(
        actor=kwargs.pop("actor", net.cast.partner_caseworker),
        referral=referral,
        facility_id=kwargs.pop("facility_id", shelter.pk),
        started_on=kwargs.pop("started_on", TODAY),
        reason="emergency",
    )


def test_the_partner_places_on_the_page_and_the_sender_sees_it(net, shelter, client):
    referral = _housing(net)
    client.force_login(net.cast.partner_caseworker)
    detail = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert "Place in your shelter" in detail
    new = reverse("referral_placement_new", args=[referral.pk])
    form = client.get(new).content.decode()
    assert "Casa Socia (fictional)" in form
    response = client.post(
        new, {"facility": shelter.pk, "started_on": TODAY.isoformat(), "reason": "emergency"}
    )
    assert response.status_code == 302, response.content.decode()
    placement = Placement.objects.get()
    assert placement.facility == shelter and placement.case == net.cast.case
    assert net.cast.case.organisation_id == net.cast.lex.pk  # not transferred
    assert Notification.objects.filter(
        user=net.cast.caseworker, kind=NotificationKind.PARTNER_PLACED, referral=referral
    ).exists()
    # The sender sees it on the referral and on the case file.
    client.force_login(net.cast.caseworker)
    assert (
        "Casa Socia (fictional)"
        in client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    )
    body = api_client(net.cast.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert [p["facility_name"] for p in body["placements"]] == ["Casa Socia (fictional)"]
    # One place at a time: the button is gone for the receiver.
    client.force_login(net.cast.partner_caseworker)
    detail = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert "Place in your shelter" not in detail
    assert reverse("referral_placement_end", args=[referral.pk, placement.pk]) in detail


def test_only_a_live_housing_referral_to_your_own_facility(net, shelter):
    # A referral that asked for no shelter places no one.
    plain = net.accepted()
    with pytest.raises(ValidationError) as exc:
        _place(net, plain, shelter)
    assert "referral" in exc.value.message_dict
    plain_end = referral_revoke(actor=net.cast.caseworker, referral=plain, expected_version=2)
    assert plain_end.status == "revoked"
    referral = _housing(net)
    # Not the sender's facility, nor one of a third organisation.
    own = facility_create(
        actor=net.cast.supervisor, name="Casa Lex", kind="shelter", admin1="Guatemala", capacity=3
    )
    with pytest.raises(ValidationError) as exc:
        _place(net, referral, shelter, facility_id=own.pk)
    assert "facility" in exc.value.message_dict
    # Not the sender, nor before the referral was accepted.
    with pytest.raises(Denied):
        _place(net, referral, shelter, actor=net.cast.caseworker)
    with pytest.raises(ValidationError) as exc:
        _place(net, referral, shelter, started_on=TODAY.replace(year=TODAY.year - 1))
    assert "started_on" in exc.value.message_dict
    assert not Placement.objects.exists()
    # Once revoked, nothing more.
    referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=2)
    with pytest.raises(ValidationError) as exc:
        _place(net, referral, shelter)
    assert "referral" in exc.value.message_dict
    assert not Placement.objects.exists()


def test_a_full_shelter_takes_no_one_more(net, shelter):
    shelter.capacity = 1
    shelter.save()
    Placement.objects.create(
        case=_other_case(net),
        facility=shelter,
        started_on=TODAY,
        reason="emergency",
        created_by=net.cast.partner_supervisor,
    )
    with pytest.raises(ValidationError) as exc:
        _place(net, _housing(net), shelter)
    assert "facility" in exc.value.message_dict


def _other_case(net):
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    return intake_submit(actor=net.cast.partner_caseworker, data=intake_input())


def test_the_partner_ends_its_placement_with_the_version_it_read(net, shelter):
    referral = _housing(net)
    placement = _place(net, referral, shelter)
    with pytest.raises(NotFound):
        partner_placement_end(
            actor=net.cast.partner_caseworker,
            referral=referral,
            placement_id=placement.pk + 999,
            expected_version=placement.version,
            ended_on=TODAY,
            end_reason="transferred",
        )
    ended = partner_placement_end(
        actor=net.cast.partner_caseworker,
        referral=referral,
        placement_id=placement.pk,
        expected_version=placement.version,
        ended_on=TODAY,
        end_reason="transferred",
    )
    assert ended.ended_on == TODAY


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-placements POST", "api-referral-placement-end POST")
def test_partner_placement_api(net, shelter, name):
    referral = _housing(net)
    base = f"/api/v1/referrals/{referral.pk}/placements/"
    body = {"facility": shelter.pk, "started_on": TODAY.isoformat(), "reason": "emergency"}
    response = net.cast.client(name).post(base, body, format="json")
    if name in RECEIVERS:
        assert response.status_code == 201, response.content
        placement = response.json()
        end = net.cast.client(name).post(
            f"{base}{placement['id']}/end/",
            {"ended_on": TODAY.isoformat(), "end_reason": "transferred"},
            format="json",
            HTTP_IF_MATCH=f'"{placement["version"]}"',
        )
        assert end.status_code == 200, end.content
        assert end.json()["ended_on"] == TODAY.isoformat()
    else:
        refused = 403 if name in SENDERS else expect(name, {})
        assert response.status_code == refused
        assert not Placement.objects.exists()
        placement = _place(net, referral, shelter)
        end = net.cast.client(name).post(
            f"{base}{placement.pk}/end/",
            {"ended_on": TODAY.isoformat(), "end_reason": "transferred", "version": 1},
            format="json",
        )
        assert end.status_code == refused
        placement.refresh_from_db()
        assert placement.ended_on is None


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=covers(p))
        for p in ("referral_placement_new", "referral_placement_end")
    ],
)
def test_partner_placement_pages_for_the_cast(net, shelter, client, page):
    referral = _housing(net)
    placement = _place(net, referral, shelter)
    kwargs = {"referral_id": referral.pk}
    if page == "referral_placement_end":
        kwargs["pk"] = placement.pk
    url = reverse(page, kwargs=kwargs)
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
