"""What apps built on people add to it, registered in their ``AppConfig.ready()``.

``consent_withdrawn``: called as ``hook(actor=..., grant=...)`` inside the
transaction that withdraws a consent, after the withdrawal is written (the
network ends the referrals the consent covered). A hook that raises rolls the
withdrawal back: the survivor's choice and its effects land together or not at
all.
"""

from collections.abc import Callable

from amparo.core.hooks import Hooks

consent_withdrawn: Hooks[Callable[..., None]] = Hooks("consent withdrawn")
