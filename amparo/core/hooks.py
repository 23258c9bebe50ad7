"""Extension points: how a lower app asks something of a higher one.

Apps import only downward (core → audit → accounts → people → cases →
justice, aftercare → network → reporting → demo). When a lower app needs the
help of a higher one — the case file shows legal and restoration sections,
closing a case asks whether restoration is complete, a withdrawn consent ends
referrals — the lower app declares a ``Hooks`` registry, and the higher app
registers its function in its ``AppConfig.ready()``. The lower app calls every
registered function, in registration order, inside its own transaction. No
Django signals: a hook is an ordinary call whose failure rolls the write back.
"""

from collections.abc import Iterator
from typing import Generic, TypeVar

F = TypeVar("F")


class Hooks(Generic[F]):
    """An ordered set of functions (or section descriptions) a higher app fills at start-up."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[F] = []

    def register(self, function: F) -> F:
        """Add ``function`` once (registering twice is a no-op); usable as a decorator."""
        if function not in self._functions:
            self._functions.append(function)
        return function

    def __iter__(self) -> Iterator[F]:
        return iter(tuple(self._functions))

    def __len__(self) -> int:
        return len(self._functions)

    def __repr__(self) -> str:
        return f"Hooks({self.name!r}, {len(self._functions)} registered)"
