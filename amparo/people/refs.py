"""How people names a case without importing cases (which builds on people).

Services that change a survivor's record are called from a case: the case
says whose record it is, which organisation acts, and the audit event links
it. ``CaseRef`` is the shape they need; ``cases.Case`` has it.
"""

from typing import Any, Protocol

from amparo.accounts.models import Organisation
from amparo.people.models import Survivor


class CaseRef(Protocol):
    """A case of the survivor's, as people's services read it (``cases.Case`` fits)."""

    @property
    def pk(self) -> Any: ...

    @property
    def survivor_id(self) -> int: ...

    @property
    def survivor(self) -> Survivor: ...

    @property
    def organisation(self) -> Organisation: ...
