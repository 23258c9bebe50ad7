"""Drafting, rebuilding, approving, discarding and correcting public statistics releases.

Every service reaches the programme through ``selectors.access``, locks the
programme's row first and re-reads what it checks under the lock (the
budget, the published versions, the release's status). A published release
is never changed: a correction is a new draft that ``supersedes`` it and is
published, once approved, as the next version.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import lock_fresh
from amparo.core.exceptions import Denied
from amparo.core.validation import Errors
from amparo.programmes import events
from amparo.programmes.measures import MEASURES
from amparo.programmes.models import PrivacyBudgetEntry, Programme, Release, ReleaseCell
from amparo.programmes.releases import build, differencing
from amparo.programmes.selectors import releases as selectors
from amparo.programmes.selectors.access import programme_lock_for_change
from amparo.programmes.vocab import Breakdown, PeriodSplit, ReleaseStatus

PUBLIC_MIN_CELL = 11
LONGEST_YEARS = 10


def _budget_message(*, spent: Decimal, budget: Decimal, asked: Decimal) -> str:
    return _("Over budget: %(spent)s of %(budget)s spent, this release asks %(asked)s.") % {
        "spent": spent,
        "budget": budget,
        "asked": asked,
    }


def _validate(
    *,
    programme: Programme,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    measures: list[str],
    split: str,
    breakdown: str,
    min_cell: int,
    rounding_base: int,
    epsilon: Decimal | None,
    as_of: datetime.date,
) -> None:
    errors = Errors()
    if not title.strip():
        errors.add("title", _("Give the release a title."))
    if not measures:
        errors.add("measures", _("Choose at least one figure."))
    unknown = sorted(set(measures) - set(MEASURES))
    if unknown:
        errors.add("measures", _("Unknown figures: %(codes)s.") % {"codes": ", ".join(unknown)})
    if len(set(measures)) != len(measures):
        errors.add("measures", _("Each figure can be chosen once."))
    errors.choice("split", split, PeriodSplit)
    errors.choice("breakdown", breakdown, Breakdown)
    if period_end < period_start:
        errors.add("period_end", _("The period ends before it starts."))
    elif (period_end - period_start).days > 366 * LONGEST_YEARS:
        errors.add("period_end", _("A release covers at most ten years."))
    if period_end > as_of:
        errors.add("period_end", _("The period cannot end after the date of the figures."))
    floor = max(PUBLIC_MIN_CELL, programme.min_cell)
    if min_cell < floor:
        errors.add(
            "min_cell",
            _("Below k: the smallest count published is at least %(k)s for this programme.")
            % {"k": floor},
        )
    if rounding_base < programme.rounding_base:
        errors.add(
            "rounding_base",
            _("Counts are rounded to at least %(base)s for this programme.")
            % {"base": programme.rounding_base},
        )
    if epsilon is not None:
        if epsilon <= 0:
            errors.add("epsilon", _("ε must be greater than 0."))
        else:
            spent = selectors.budget_spent(programme=programme)
            if spent + epsilon > programme.privacy_budget:
                errors.add(
                    "epsilon",
                    _budget_message(spent=spent, budget=programme.privacy_budget, asked=epsilon),
                )
    errors.raise_if_any()


def _store(release: Release, built: build.Built) -> None:
    release.content = built.content
    release.checks = built.checks
    release.save()
    ReleaseCell.objects.bulk_create(
        ReleaseCell(
            release=release,
            measure=cell.measure,
            period_start=cell.start,
            period_end=cell.end,
            area=cell.area,
            value=cell.value,
            published=cell.published,
            members=cell.members,
        )
        for cell in built.cells
    )


def _plan(release: Release, *, as_of: datetime.date) -> build.Plan:
    return build.Plan(
        programme=release.programme,
        title=release.title,
        period_start=release.period_start,
        period_end=release.period_end,
        measures=tuple(release.measures),
        split=release.split,
        breakdown=release.breakdown,
        min_cell=release.min_cell,
        rounding_base=release.rounding_base,
        epsilon=release.epsilon,
        as_of=as_of,
        supersedes_version=release.supersedes.version if release.supersedes else None,
        change_note=release.change_note,
    )


def _build(release: Release, *, as_of: datetime.date) -> build.Built:
    programme = release.programme
    return build.build(
        _plan(release, as_of=as_of),
        selectors.published_counted(programme=programme),
        checked_against=selectors.published_versions(programme=programme),
    )


@transaction.atomic
def release_draft(
    *,
    actor: User,
    programme_id: int,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    measures: list[str],
    split: str = PeriodSplit.WHOLE,
    breakdown: str = Breakdown.NONE,
    min_cell: int | None = None,
    rounding_base: int | None = None,
    epsilon: Decimal | None = None,
    supersedes_id: int | None = None,
    change_note: str = "",
    as_of: datetime.date | None = None,
) -> Release:
    """A draft release of the programme, its figures built and checked; nothing public yet.

    Refuses (field errors, nothing written) an empty title, no or unknown
    figures, a period that ends before it starts or after ``as_of``, k below
    11 or the programme's, rounding below the programme's, and an ε that is
    not positive or that the privacy budget cannot pay. Audited as
    ``release.drafted``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    as_of = as_of or timezone.localdate()
    min_cell = programme.min_cell if min_cell is None else min_cell
    rounding_base = programme.rounding_base if rounding_base is None else rounding_base
    _validate(
        programme=programme,
        title=title,
        period_start=period_start,
        period_end=period_end,
        measures=list(measures),
        split=split,
        breakdown=breakdown,
        min_cell=min_cell,
        rounding_base=rounding_base,
        epsilon=epsilon,
        as_of=as_of,
    )
    release = Release.objects.create(
        programme=programme,
        title=title.strip(),
        period_start=period_start,
        period_end=period_end,
        split=split,
        breakdown=breakdown,
        measures=list(measures),
        min_cell=min_cell,
        rounding_base=rounding_base,
        epsilon=epsilon,
        supersedes_id=supersedes_id,
        change_note=change_note.strip(),
        drafted_by=actor,
    )
    _store(release, _build(release, as_of=as_of))
    events.release_drafted(actor=actor, release=release)
    return release


def _lock_draft(*, actor: User, release_id: int) -> Release:
    release = selectors.release_get_for_user(user=actor, release_id=release_id)
    release.programme = programme_lock_for_change(user=actor, programme_id=release.programme_id)
    lock_fresh(release)
    if release.status != ReleaseStatus.DRAFT:
        raise ValidationError(
            {"status": [_("Only a draft can be changed: a published release never is.")]}
        )
    return release


@transaction.atomic
def release_rebuild(*, actor: User, release_id: int, as_of: datetime.date | None = None) -> Release:
    """The draft's figures computed again (new noise), checked against what is published now.

    Drafts only. The draft's own cells are replaced: they were never public.
    Audited as ``release.drafted``.
    """
    release = _lock_draft(actor=actor, release_id=release_id)
    release.cells.all().delete()
    _store(release, _build(release, as_of=as_of or timezone.localdate()))
    events.release_drafted(actor=actor, release=release)
    return release


@transaction.atomic
def release_discard(*, actor: User, release_id: int) -> Release:
    """A draft set aside (never deleted): it can no longer be approved. ``release.discarded``."""
    release = _lock_draft(actor=actor, release_id=release_id)
    release.status = ReleaseStatus.DISCARDED
    release.discarded_at = timezone.now()
    release.save(update_fields=["status", "discarded_at", "updated_at"])
    events.release_discarded(actor=actor, release=release)
    return release


@transaction.atomic
def release_approve(*, actor: User, release_id: int, as_of: datetime.date | None = None) -> Release:
    """Publish a draft as the programme's next version, approved by someone who did not draft it.

    ``Denied`` without ``Perm.APPROVE_RELEASES`` in the programme's own
    organisation. Refuses a release that is not a draft, approval by its
    drafter (four eyes), an ε the budget can no longer pay, and a draft that
    the releases published *now* would let anyone work a small group out of
    (the check runs again, naming the cells), or that was built before the
    last publication. Writes the ledger entry and ``release.published``.
    """
    release = selectors.release_get_for_user(user=actor, release_id=release_id)
    membership = perm_required(actor, Perm.APPROVE_RELEASES)
    if membership.organisation_id != release.programme.organisation_id:
        raise Denied
    programme = Programme.objects.select_for_update().get(pk=release.programme_id)
    lock_fresh(release)
    release.programme = programme
    if release.status != ReleaseStatus.DRAFT:
        raise ValidationError({"status": [_("Only a draft can be approved.")]})
    if release.drafted_by_id == actor.pk:
        raise ValidationError(
            {"approved_by": [_("Four eyes: whoever drafted a release cannot approve it.")]}
        )
    if release.epsilon is not None:
        spent = selectors.budget_spent(programme=programme)
        if spent + release.epsilon > programme.privacy_budget:
            raise ValidationError(
                {
                    "epsilon": [
                        _budget_message(
                            spent=spent, budget=programme.privacy_budget, asked=release.epsilon
                        )
                    ]
                }
            )
    draft = selectors.draft_counted(release=release)
    hidden = {c.key for c in draft if not c.shown}
    parts = build.period_parts(release.period_start, release.period_end, release.split)
    findings = build.findings_as_checks(
        differencing.exposures(
            draft,
            selectors.published_counted(programme=programme),
            hidden=hidden,
            k=release.min_cell,
        ),
        parts,
    )
    if findings:
        raise ValidationError({"checks": [check_text(f) for f in findings]})
    versions = selectors.published_versions(programme=programme)
    if versions != release.content["guarantee"]["checked_against"]:
        raise ValidationError(
            {"checks": [_("A release was published since this draft was built: rebuild it.")]}
        )
    now = timezone.now()
    last = programme.releases.aggregate(last=Max("version"))["last"] or 0
    release.version = last + 1
    release.status = ReleaseStatus.PUBLISHED
    release.approved_by = actor
    release.published_at = now
    release.content = {
        **release.content,
        "version": release.version,
        "published_on": (as_of or timezone.localdate(now)).isoformat(),
    }
    release.save()
    if release.epsilon is not None:
        PrivacyBudgetEntry.objects.create(
            programme=programme, release=release, epsilon=release.epsilon, spent_at=now
        )
    events.release_published(actor=actor, release=release)
    return release


@transaction.atomic
def release_correct(
    *, actor: User, release_id: int, change_note: str, as_of: datetime.date | None = None
) -> Release:
    """A new draft with the published release's parameters that ``supersedes`` it.

    ``change_note`` (public text: what changed) is required. Once approved it
    is published as the next version; the corrected one stays published and
    says it was superseded. Audited as ``release.drafted``.
    """
    release = selectors.release_get_for_user(user=actor, release_id=release_id)
    if release.status != ReleaseStatus.PUBLISHED:
        raise ValidationError({"status": [_("Only a published release can be corrected.")]})
    if not change_note.strip():
        raise ValidationError({"change_note": [_("Say what the correction changes.")]})
    return release_draft(
        actor=actor,
        programme_id=release.programme_id,
        title=release.title,
        period_start=release.period_start,
        period_end=release.period_end,
        measures=list(release.measures),
        split=release.split,
        breakdown=release.breakdown,
        min_cell=release.min_cell,
        rounding_base=release.rounding_base,
        epsilon=release.epsilon,
        supersedes_id=release.pk,
        change_note=change_note,
        as_of=as_of,
    )


def check_text(finding: dict) -> str:
    """A finding of the check as a reader is told it, in their language."""
    cells = "; ".join(
        ", ".join(str(p) for p in (MEASURES[m].label, period, area or _("all departments")))
        for m, period, area in finding["cells"]
    )
    if finding["versions"]:
        return _("%(cells)s: with version %(versions)s it would show a group of %(group)s.") % {
            "cells": cells,
            "versions": ", ".join(str(v) for v in finding["versions"]),
            "group": finding["group"],
        }
    return _("%(cells)s: it would show a group of %(group)s.") % {
        "cells": cells,
        "group": finding["group"],
    }
