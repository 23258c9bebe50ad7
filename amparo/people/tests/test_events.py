"""Every write and read of a survivor's record leaves its event, linked to the
survivor (and to the case it was made from) by ``amparo.people.events``."""

import dataclasses

from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.people import services
from amparo.people.inputs import ConsentInput
from amparo.testing.factories import intake_input


def _since(before: int) -> list[tuple[str, int | None, int | None]]:
    return [
        (e.code, e.case_id, e.survivor_id)
        for e in AuditEvent.objects.filter(pk__gt=before).order_by("pk")
    ]


def _last_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_each_change_to_a_survivor_s_record_names_the_case_and_survivor(cast):
    case, actor = cast.case, cast.caseworker
    survivor = case.survivor
    before = _last_id()
    grant = services.consent_grant(
        actor=actor,
        case=case,
        data=ConsentInput(scope="services", given_by="survivor", given_on=timezone.localdate()),
    )
    services.consent_withdraw(
        actor=actor, case=case, consent_id=grant.pk, expected_version=grant.version
    )
    updated = services.survivor_update(
        actor=actor,
        case=case,
        expected_version=survivor.version,
        data=dataclasses.replace(intake_input().survivor, pseudonym="Colibrí Verde"),
    )
    services.identity_update(
        actor=actor,
        case=case,
        expected_version=updated.version,
        data=dataclasses.replace(intake_input().identity, phone="+502 5555 0199"),
    )
    services.identity_reveal(actor=actor, case=case, reason="Preparing the court summons")
    services.family_member_add(actor=actor, case=case, relation="mother")
    assert _since(before) == [
        (code, case.pk, survivor.pk)
        for code in (
            Code.CONSENT_GRANTED,
            Code.CONSENT_WITHDRAWN,
            Code.SURVIVOR_UPDATED,
            Code.IDENTITY_UPDATED,
            Code.IDENTITY_REVEALED,
            Code.FAMILY_MEMBER_ADDED,
        )
    ]
    reveal = AuditEvent.objects.get(code=Code.IDENTITY_REVEALED, pk__gt=before)
    assert reveal.reason == "Preparing the court summons"
    assert reveal.object_id == str(survivor.pk)


def test_a_duplicate_check_names_who_and_where_never_a_survivor(cast):
    before = _last_id()
    services.duplicate_check(actor=cast.caseworker, identity=intake_input().identity)
    assert _since(before) == [(Code.DUPLICATE_CHECKED, None, None)]
    event = AuditEvent.objects.latest("pk")
    assert (event.object_type, event.object_id) == ("accounts.organisation", str(cast.lex.pk))
