"""The survivor's age at each incident, worked out again when their birth changes."""

from amparo.accounts.models import User
from amparo.cases import events
from amparo.cases.models import Incident
from amparo.cases.services.incidents import age_fields
from amparo.core.concurrency import apply_changes
from amparo.people.age import survivor_birth
from amparo.people.models import Survivor
from amparo.people.refs import CaseRef


def incidents_age_rederive(*, actor: User, survivor: Survivor, case: CaseRef, cause: str) -> int:
    """Work out the age at every incident of ``survivor`` and its derived contexts again;
    return how many incidents changed.

    Called (``people.extensions.birth_changed``) inside the transaction that
    changed the birth year or the date of birth, with the survivor already
    locked; each incident is locked here, then re-read. A date of birth
    learned later can add "child sexual abuse", a corrected one remove it.
    Each incident that changed is bumped a version and writes
    ``incident.age_rederived`` naming its changed fields and the ``cause``,
    never a date or an age.
    """
    birth = survivor_birth(survivor)
    incidents = (
        Incident.objects.select_for_update(of=("self",))
        .select_related("case")
        .filter(case__survivor_id=survivor.pk)
        .order_by("pk")
    )
    changed_count = 0
    for incident in incidents:
        changes = age_fields(
            birth=birth,
            occurred_on=incident.occurred_on,
            gbv_type=incident.gbv_type,
            chosen=incident.contexts,
            money_or_goods_exchanged=incident.money_or_goods_exchanged,
            abduction_status=incident.abduction_status,
            perpetrator_relation=incident.perpetrator_relation,
        )
        # Locked and read just now: its own version is the one expected.
        changed = apply_changes(incident, expected_version=incident.version, changes=changes)
        if changed:
            changed_count += 1
            events.incident_age_rederived(
                actor=actor, incident=incident, changed_fields=changed, cause=cause
            )
    return changed_count
