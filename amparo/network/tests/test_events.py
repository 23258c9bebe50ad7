"""The network's named audit creators: each links the case and survivor of its object."""

from amparo.audit.events import Code
from amparo.network import events


def test_referral_creators_name_the_case_and_survivor_of_the_referral(net):
    referral = net.send()
    case = net.cast.case
    for event, code in [
        (
            events.referral_opened(actor=net.cast.caseworker, referral=referral),
            Code.REFERRAL_OPENED,
        ),
        (
            events.referral_accepted(actor=net.cast.caseworker, referral=referral),
            Code.REFERRAL_ACCEPTED,
        ),
        (
            events.referral_declined(
                actor=net.cast.caseworker, referral=referral, reason="capacity"
            ),
            Code.REFERRAL_DECLINED,
        ),
        (
            events.referral_revoked(
                actor=net.cast.caseworker, referral=referral, reason="agreement"
            ),
            Code.REFERRAL_REVOKED,
        ),
        (
            events.referral_ended(actor=None, referral=referral, reason="consent"),
            Code.REFERRAL_ENDED,
        ),
        (
            events.referral_completed(actor=net.cast.caseworker, referral=referral),
            Code.REFERRAL_COMPLETED,
        ),
    ]:
        assert event.code == code
        assert (event.case_id, event.survivor_id) == (case.pk, case.survivor_id)
        assert (event.object_type, event.object_id) == ("network.referral", str(referral.pk))


def test_share_events_name_each_section(net):
    referral = net.send()
    sent = events.referral_sent(actor=net.cast.caseworker, referral=referral)
    kept = events.referral_accepted(
        actor=net.cast.caseworker, referral=referral, kept_at_transfer=True
    )
    viewed = events.referral_viewed(
        actor=net.cast.partner_caseworker, referral=referral, sections=["notes", "incidents"]
    )
    expected = sorted(f"section:{s}" for s in referral.sections)
    assert sent.changed_fields == expected and kept.code == Code.REFERRAL_ACCEPTED
    assert kept.changed_fields == expected
    assert viewed.changed_fields == ["section:incidents", "section:notes"]
    assert viewed.survivor_id == net.cast.case.survivor_id


def test_agreement_events_concern_no_survivor(net):
    event = events.agreement_ended(actor=net.cast.admin, agreement=net.agreement)
    assert event.code == Code.AGREEMENT_ENDED and event.case_id is None
    assert event.survivor_id is None and event.object_id == str(net.agreement.pk)
