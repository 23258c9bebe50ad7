"""What apps built on people add to it, registered in their ``AppConfig.ready()``.

``consent_withdrawn``: called as ``hook(actor=..., grant=...)`` inside the
transaction that withdraws a consent, after the withdrawal is written (the
network ends the referrals the consent covered). A hook that raises rolls the
withdrawal back: the survivor's choice and its effects land together or not at
all.

``birth_changed``: called as ``hook(actor=..., survivor=..., case=..., cause=...)``
inside the transaction that changed the survivor's birth year or exact date of
birth (``cause`` names the field), after the change is written and with the
survivor locked (cases works out the age at each incident again). The hook
gets no date: it reads the birth through ``amparo.people.age``.
"""

from typing import Protocol

from amparo.accounts.models import User
from amparo.core.hooks import Hooks
from amparo.people.models import ConsentGrant, Survivor
from amparo.people.refs import CaseRef


class ConsentWithdrawnHook(Protocol):
    # What the hook returns is its own business (the network counts the
    # referrals it ended); people ignores it.
    def __call__(self, *, actor: User | None, grant: ConsentGrant) -> object: ...


consent_withdrawn: Hooks[ConsentWithdrawnHook] = Hooks("consent withdrawn")


class BirthChangedHook(Protocol):
    def __call__(self, *, actor: User, survivor: Survivor, case: CaseRef, cause: str) -> object: ...


birth_changed: Hooks[BirthChangedHook] = Hooks("birth changed")
