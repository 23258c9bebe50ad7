"""Creating, changing and archiving programmes, and the areas they cover."""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet, Sum
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import apply_changes, duplicate_refused, lock_fresh
from amparo.core.validation import Errors
from amparo.programmes import events
from amparo.programmes.models import Programme, ProgrammeArea
from amparo.programmes.selectors.access import programme_lock_for_change

M = TypeVar("M", bound=Model)
SMALLEST_K = 11
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# What ``programme_update`` may change; partners are set apart (a many-to-many).
EDITABLE = (
    "name",
    "slug",
    "summary",
    "countries",
    "starts_on",
    "ends_on",
    "population_covered",
    "min_cell",
    "rounding_base",
    "privacy_budget",
)


def budget_spent(*, programme: Programme) -> Decimal:
    """The ε the programme's ledger has already spent on releases."""
    spent = programme.ledger.aggregate(total=Sum("epsilon"))["total"]
    return spent if spent is not None else Decimal(0)


def _others(queryset: QuerySet[M], pk: int | None) -> QuerySet[M]:
    """``queryset`` without the row being edited (none when creating)."""
    return queryset if pk is None else queryset.exclude(pk=pk)


def _countries(errors: Errors, countries: Iterable[str]) -> list[str]:
    codes = [str(c).strip().upper() for c in countries]
    if not codes:
        errors.add("countries", _("Give at least one country (ISO 3166-1 alpha-2, e.g. GT)."))
    elif any(not _COUNTRY.match(c) for c in codes):
        errors.add("countries", _("Countries are two-letter ISO 3166-1 codes, e.g. GT, HN."))
    return list(dict.fromkeys(codes))


def _validate(errors: Errors, fields: dict[str, Any], *, programme_id: int | None) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        errors.add("name", _("Give the programme a name."))
    if "slug" in fields:
        slug = fields["slug"]
        if not slug or slugify(slug) != slug:
            errors.add(
                "slug", _("The public address uses lower-case letters, digits and hyphens only.")
            )
        elif _others(Programme.objects.filter(slug=slug), programme_id).exists():
            errors.add("slug", _("Another programme already has this public address."))
    if "countries" in fields:
        fields["countries"] = _countries(errors, fields["countries"])
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if (
        isinstance(starts_on, datetime.date)
        and isinstance(ends_on, datetime.date)
        and ends_on < starts_on
    ):
        errors.add("ends_on", _("The programme cannot end before it starts."))
    if "population_covered" in fields and (fields["population_covered"] or 0) < 0:
        errors.add("population_covered", _("The population covered cannot be negative."))
    if "min_cell" in fields and (fields["min_cell"] or 0) < SMALLEST_K:
        errors.add(
            "min_cell",
            _("The smallest count published is at least %(k)s.") % {"k": SMALLEST_K},
        )
    if "rounding_base" in fields and (fields["rounding_base"] or 0) < 1:
        errors.add("rounding_base", _("The rounding base is at least 1."))
    if "privacy_budget" in fields:
        budget = fields["privacy_budget"]
        if budget is None or Decimal(budget) < 0:
            errors.add("privacy_budget", _("The privacy budget cannot be negative."))
        else:
            fields["privacy_budget"] = Decimal(budget).quantize(Decimal("0.001"))


def _partners(errors: Errors, partner_ids: Iterable[int], *, owner_id: int) -> list[int]:
    wanted = sorted(set(partner_ids))
    if owner_id in wanted:
        errors.add("partner_ids", _("The programme's own organisation cannot be its partner."))
    found = set(Organisation.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if set(wanted) - found - {owner_id}:
        errors.add("partner_ids", _("Choose partner organisations from the list."))
    return wanted


@transaction.atomic
def programme_create(
    *,
    actor: User,
    name: str,
    slug: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    summary: str = "",
    countries: Iterable[str] = (),
    population_covered: int = 0,
    partner_ids: Iterable[int] = (),
    min_cell: int = SMALLEST_K,
    rounding_base: int = 5,
    privacy_budget: Decimal | int | str = 1,
) -> Programme:
    """A programme of the actor's organisation (``Perm.PROGRAMMES``, else ``Denied``).

    Field errors, nothing written: no name, a public address taken or
    malformed, countries not ISO alpha-2, an end before the start, k below 11,
    a rounding base below 1, a negative budget, a partner that does not exist
    or is the organisation itself. Audited as ``programme.saved``.
    """
    membership = perm_required(actor, Perm.PROGRAMMES)
    fields: dict[str, Any] = {
        "name": name.strip(),
        "slug": slug.strip(),
        "summary": summary.strip(),
        "countries": list(countries),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "population_covered": population_covered,
        "min_cell": min_cell,
        "rounding_base": rounding_base,
        "privacy_budget": privacy_budget,
    }
    errors = Errors()
    _validate(errors, fields, programme_id=None)
    partners = _partners(errors, partner_ids, owner_id=membership.organisation_id)
    errors.raise_if_any()
    with duplicate_refused(
        constraint="programmes_programme_slug_key",
        field="slug",
        message=_("Another programme already has this public address."),
    ):
        programme = Programme.objects.create(
            organisation_id=membership.organisation_id, created_by=actor, **fields
        )
    programme.partners.set(partners)
    events.programme_saved(actor=actor, programme=programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    actor: User,
    programme_id: int,
    expected_version: int,
    partner_ids: Iterable[int] | None = None,
    **changes: Any,
) -> Programme:
    """Change a programme the actor may change, if nobody changed it since ``expected_version``.

    The same field errors as ``programme_create``; a privacy budget below
    what the ledger has already spent is refused too (k, rounding and budget
    apply to future releases; published ones keep theirs). A stale version
    raises ``StaleVersionError``. Audited as ``programme.saved`` with the
    fields that changed.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"programme_update() cannot change {sorted(unknown)}")
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    if programme.archived_at is not None:
        raise ValidationError({"programme": [_("This programme is archived.")]})
    fields = dict(changes)
    for name in ("name", "slug", "summary"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    merged = {"starts_on": programme.starts_on, "ends_on": programme.ends_on, **fields}
    errors = Errors()
    _validate(errors, merged, programme_id=programme.pk)
    fields = {name: merged[name] for name in fields}
    if "privacy_budget" in fields and "privacy_budget" not in errors.fields():
        spent = budget_spent(programme=programme)
        if fields["privacy_budget"] < spent:
            errors.add(
                "privacy_budget",
                _("Releases have already spent ε = %(spent)s; the budget cannot be less.")
                % {"spent": spent},
            )
    partners = None
    if partner_ids is not None:
        partners = _partners(errors, partner_ids, owner_id=programme.organisation_id)
    errors.raise_if_any()
    with duplicate_refused(
        constraint="programmes_programme_slug_key",
        field="slug",
        message=_("Another programme already has this public address."),
    ):
        changed = apply_changes(programme, expected_version=expected_version, changes=fields)
    if partners is not None:
        current = sorted(programme.partners.values_list("pk", flat=True))
        if current != partners:
            programme.partners.set(partners)
            if not changed:
                programme.version += 1
                programme.save(update_fields=["version", "updated_at"])
            changed.append("partners")
    if changed:
        events.programme_saved(actor=actor, programme=programme, changed_fields=changed)
    return programme


@transaction.atomic
def programme_archive(*, actor: User, programme_id: int) -> Programme:
    """Archive a programme: kept with its goals and releases, no longer listed as current.

    Archiving an archived programme changes nothing. Audited as ``programme.archived``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    if programme.archived_at is None:
        programme.archived_at = timezone.now()
        programme.version += 1
        programme.save(update_fields=["archived_at", "version", "updated_at"])
        events.programme_archived(actor=actor, programme=programme)
    return programme


def _area_fields(errors: Errors, *, country: str, admin1: str, population: int | None) -> dict:
    country = (country or "").strip().upper()
    admin1 = (admin1 or "").strip()
    if not _COUNTRY.match(country):
        errors.add("country", _("The country is a two-letter ISO 3166-1 code, e.g. GT."))
    if not admin1:
        errors.add("admin1", _("Name the department or state."))
    if population is None or population < 0:
        errors.add("population", _("The population is a whole number, 0 or more."))
    return {"country": country, "admin1": admin1, "population": population}


def _area_unique(
    errors: Errors, programme: Programme, fields: dict, *, area_id: int | None
) -> None:
    same = programme.areas.filter(country=fields["country"], admin1__iexact=fields["admin1"])
    taken = _others(same, area_id).exists()
    if taken:
        errors.add("admin1", _("This department is already an area of the programme."))


@transaction.atomic
def area_add(
    *, actor: User, programme_id: int, country: str, admin1: str, population: int
) -> ProgrammeArea:
    """Add a department (or state) with its population, once per programme.

    Audited as ``programme.saved`` with ``areas`` changed.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    errors = Errors()
    fields = _area_fields(errors, country=country, admin1=admin1, population=population)
    if not errors.fields():
        _area_unique(errors, programme, fields, area_id=None)
    errors.raise_if_any()
    with duplicate_refused(
        constraint="programme_area_once",
        field="admin1",
        message=_("This department is already an area of the programme."),
    ):
        area = ProgrammeArea.objects.create(programme=programme, **fields)
    events.programme_saved(actor=actor, programme=programme, changed_fields=["areas"])
    return area


@transaction.atomic
def area_update(
    *, actor: User, programme_id: int, area_id: int, country: str, admin1: str, population: int
) -> ProgrammeArea:
    """Correct an area's country, name or population; still once per programme.

    An area of another programme is ``ValidationError`` on ``area``. Audited
    as ``programme.saved`` with ``areas`` changed, when something changed.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    area = programme.areas.filter(pk=area_id).first()
    if area is None:
        raise ValidationError({"area": [_("Choose an area of this programme.")]})
    lock_fresh(area)
    errors = Errors()
    fields = _area_fields(errors, country=country, admin1=admin1, population=population)
    if not errors.fields():
        _area_unique(errors, programme, fields, area_id=area.pk)
    errors.raise_if_any()
    changed = [name for name, value in fields.items() if getattr(area, name) != value]
    if changed:
        for name in changed:
            setattr(area, name, fields[name])
        with duplicate_refused(
            constraint="programme_area_once",
            field="admin1",
            message=_("This department is already an area of the programme."),
        ):
            area.save(update_fields=[*changed, "updated_at"])
        events.programme_saved(actor=actor, programme=programme, changed_fields=["areas"])
    return area
