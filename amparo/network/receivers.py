"""Consent withdrawal, seen by the network: it ends the referrals it covered."""

from django.dispatch import receiver

from amparo.people.signals import consent_withdrawn


@receiver(consent_withdrawn, dispatch_uid="network.end_referrals_on_withdrawal")
def _end_referrals(sender: object, *, grant: object, actor: object, **kwargs: object) -> None:
    from amparo.network.services.referrals import referrals_end_for_consent

    referrals_end_for_consent(actor=actor, grant=grant)  # type: ignore[arg-type]
