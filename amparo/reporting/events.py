"""The audit events of reporting, one named creator per event code."""

from amparo.accounts.models import Organisation, User
from amparo.audit.events import Code, record
from amparo.audit.models import AuditEvent


def indicators_exported(
    *, actor: User, organisation: Organisation, report: str, channel: str, filters: str
) -> AuditEvent:
    """Suppressed figures of ``organisation`` left it: ``report`` by ``channel`` (csv, api).

    An export concerns no single survivor, so the event links none; the
    reason says what was exported and with which filters.
    """
    return record(
        code=Code.INDICATORS_EXPORTED,
        actor=actor,
        obj=organisation,
        reason=f"{report} {channel}: {filters}"[:500],
    )
