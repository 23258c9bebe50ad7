"""What apps built on people add to it, registered in their ``AppConfig.ready()``.

``consent_withdrawn``: called as ``hook(actor=..., grant=...)`` inside the
transaction that withdraws a consent, after the withdrawal is written (the
network ends the referrals the consent covered). A hook that raises rolls the
withdrawal back: the survivor's choice and its effects land together or not at
all.
"""

from typing import Protocol

from amparo.accounts.models import User
from amparo.core.hooks import Hooks
from amparo.people.models import ConsentGrant


class ConsentWithdrawnHook(Protocol):
    # What the hook returns is its own business (the network counts the
    # referrals it ended); people ignores it.
    def __call__(self, *, actor: User | None, grant: ConsentGrant) -> object: ...


consent_withdrawn: Hooks[ConsentWithdrawnHook] = Hooks("consent withdrawn")
