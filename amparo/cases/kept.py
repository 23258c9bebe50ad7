"""What the case pages keep for a user between requests, in their server-side session.

Two things: the caseload's last search and filters, so that going back to the
caseload finds them again without putting them in a URL; and the last case
files the user opened, by id only, for the header menu. Neither is trusted
when read back: the search is validated by the caseload's form again, and the
recent cases are shown only through the access selector
(``recent_cases_list``), so a file the user can no longer open disappears.
"""

from collections.abc import Mapping

from django.contrib.sessions.backends.base import SessionBase

from amparo.core.crypto import DecryptionError, decrypt, encrypt

RECENT_KEY = "amparo.recent_cases"
RECENT_MAX = 5
SEARCH_KEY = "amparo.caseload_search"
# The search text may be a survivor's name: the session store (a database table,
# or Redis) holds it only encrypted, under the application's keys.
_SECRET_FIELDS = frozenset({"q"})


def remember_opened_case(session: SessionBase, case_id: int) -> None:
    """Put ``case_id`` first among the recently opened cases (at most ``RECENT_MAX``)."""
    recent = [case_id, *(pk for pk in recent_case_ids(session) if pk != case_id)][:RECENT_MAX]
    if recent != session.get(RECENT_KEY):
        session[RECENT_KEY] = recent


def recent_case_ids(session: SessionBase) -> list[int]:
    """The ids of the recently opened cases, most recent first (not access-checked)."""
    stored = session.get(RECENT_KEY)
    if not isinstance(stored, list):
        return []
    return [pk for pk in stored if isinstance(pk, int)][:RECENT_MAX]


def keep_search(session: SessionBase, data: Mapping[str, str]) -> None:
    """Keep the caseload's search and filters (the form's raw, valid input)."""
    session[SEARCH_KEY] = {
        name: encrypt(value) if name in _SECRET_FIELDS else value
        for name, value in data.items()
        if value
    }


def kept_search(session: SessionBase) -> dict[str, str]:
    """The caseload search kept by ``keep_search``; empty if none (or unreadable)."""
    stored = session.get(SEARCH_KEY)
    if not isinstance(stored, dict):
        return {}
    try:
        return {
            str(name): decrypt(value) if name in _SECRET_FIELDS else str(value)
            for name, value in stored.items()
        }
    except DecryptionError:
        # Keys rotated past the one it was kept under: start from a clear search.
        return {}


def forget_search(session: SessionBase) -> None:
    session.pop(SEARCH_KEY, None)
