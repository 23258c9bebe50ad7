"""Helpers for the page tests: the URLs of every page, and who may open each."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.models import RescueOperation
from amparo.cases.services import case_flag_raise, rescue_operation_record
from amparo.testing.cast import MAY_OPEN_CASE, Cast

CASE_PERMS = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)


@dataclass(frozen=True)
class Page:
    name: str
    kwargs: tuple[tuple[str, str], ...]  # cast attribute paths, resolved per test
    perms: tuple[Perm, ...]
    kind: str  # "case", "rescue" or "page"
    ok: int = 200

    def url(self, ids: dict[str, int]) -> str:
        return reverse(self.name, kwargs={k: ids[v] for k, v in self.kwargs})


def _case(name: str, *perms: Perm, extra: tuple = ()) -> Page:
    return Page(name, (("pk", "case"), *extra), perms or CASE_PERMS, "case")


PAGES = [
    Page("caseload", (), CASE_PERMS, "page"),
    Page("intake_start", (), (Perm.INTAKE,), "page", ok=302),
    Page("intake_step", (("step", "step"),), (Perm.INTAKE,), "page"),
    Page("intake_classify", (), (Perm.INTAKE, Perm.EDIT_CASE), "page"),
    Page("rescue_list", (), (Perm.INTAKE,), "page"),
    Page("rescue_new", (), (Perm.INTAKE,), "page"),
    Page("rescue_detail", (("pk", "rescue"),), (Perm.INTAKE,), "rescue"),
    Page("intake_from_rescue", (("pk", "rescue"),), (Perm.INTAKE,), "rescue", ok=302),
    _case("case_file"),
    _case("case_audit", Perm.VIEW_AUDIT),
    _case("identity_reveal", Perm.REVEAL_IDENTITY),
    _case("identity_edit", Perm.REVEAL_IDENTITY),
    _case("case_edit", Perm.EDIT_CASE),
    _case("case_close", Perm.EDIT_CASE),
    _case("survivor_edit", Perm.EDIT_CASE),
    _case("incident_add", Perm.EDIT_CASE),
    _case("incident_edit", Perm.EDIT_CASE, extra=(("incident_id", "incident"),)),
    _case("note_add", Perm.EDIT_CASE),
    _case("family_add", Perm.EDIT_CASE),
    _case("flag_raise", Perm.EDIT_CASE),
    _case("consent_add", Perm.EDIT_CASE),
    _case("consent_withdraw", Perm.EDIT_CASE, extra=(("consent_pk", "consent"),)),
    _case("unassign", Perm.ASSIGN, extra=(("assignment_pk", "assignment"),)),
]
# Pages that only take a POST; checked with a POST.
POST_PAGES = [
    _case("assign", Perm.ASSIGN),
    _case("flag_resolve", Perm.EDIT_CASE, extra=(("flag_pk", "flag"),)),
]


def lex_rescue(cast: Cast) -> RescueOperation:
    return rescue_operation_record(
        actor=cast.caseworker,
        name="Operación Prueba",
        happened_on=timezone.localdate(),
        admin1="Escuintla",
        people_removed=3,
    )


def record_ids(cast: Cast) -> dict[str, int | str]:
    case = cast.case
    flag = case_flag_raise(actor=cast.supervisor, case=case, kind="safety", note="test")
    return {
        "case": case.pk,
        "step": "case",
        "rescue": lex_rescue(cast).pk,
        "consent": case.survivor.consents.get().pk,
        "incident": case.incidents.get().pk,
        "assignment": case.assignments.get().pk,
        "flag": flag.pk,
    }


def expected_status(page: Page, name: str, user: User) -> int:
    """What ``user`` (cast name ``name``) must get from ``page``."""
    allowed = any(user.has_amparo_perm(p) for p in page.perms)
    if page.kind == "case":
        return page.ok if name in MAY_OPEN_CASE and allowed else 404
    if page.kind == "rescue":
        return page.ok if allowed and user.active_membership.organisation.code == "LEX" else 404
    return page.ok if allowed else 403
