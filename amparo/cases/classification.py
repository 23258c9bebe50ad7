"""GBVIMS classification: exactly one core type, decided by guided questions in order.

The questions are asked in the GBVIMS order and the first "yes" decides the
type. Contexts that follow from the type, the survivor's age at the incident
and the perpetrator's relation are derived here, never typed in.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from amparo.cases.vocab import (
    DERIVED_CONTEXTS,
    AbductionStatus,
    CaseContext,
    GbvType,
    PerpetratorRelation,
    ReportDelay,
)


@dataclass(frozen=True)
class Question:
    field: str
    text: object
    answer_type: GbvType


GBV_QUESTIONS: tuple[Question, ...] = (
    Question(
        "q_penetration", _("Was there non-consensual penetration, however slight?"), GbvType.RAPE
    ),
    Question(
        "q_sexual_contact",
        _(
            "Was there non-consensual sexual contact without penetration (including attempted rape or FGM/C)?"
        ),
        GbvType.SEXUAL_ASSAULT,
    ),
    Question(
        "q_physical",
        _("Was there a physical assault that was not sexual?"),
        GbvType.PHYSICAL_ASSAULT,
    ),
    Question(
        "q_forced_marriage", _("Was the survivor forced into marriage?"), GbvType.FORCED_MARRIAGE
    ),
    Question(
        "q_denial",
        _("Was the survivor denied resources, opportunities or services they were entitled to?"),
        GbvType.DENIAL,
    ),
    Question(
        "q_psychological",
        _("Was the survivor subjected to psychological or emotional abuse?"),
        GbvType.PSYCHOLOGICAL,
    ),
)
QUESTION_FIELDS = tuple(q.field for q in GBV_QUESTIONS)


def classify(answers: dict[str, bool]) -> GbvType:
    for question in GBV_QUESTIONS:
        if answers.get(question.field):
            return question.answer_type
    return GbvType.NON_GBV


def derive_contexts(
    *,
    gbv_type: str,
    chosen: list[str],
    survivor_age: int | None,
    money_or_goods_exchanged: bool,
    abduction_status: str,
    perpetrator_relation: str,
) -> list[str]:
    """The incident's contexts: those chosen that are not derived, plus the derived ones
    that follow. ``survivor_age`` is the age on the day of the incident."""
    contexts = {c for c in chosen if c not in DERIVED_CONTEXTS}
    sexual = gbv_type in (GbvType.RAPE, GbvType.SEXUAL_ASSAULT)
    minor = survivor_age is not None and survivor_age < 18
    if sexual and minor:
        contexts.add(CaseContext.CSA)
    if gbv_type == GbvType.FORCED_MARRIAGE and minor:
        contexts.add(CaseContext.EARLY_MARRIAGE)
    if sexual and money_or_goods_exchanged:
        contexts.add(CaseContext.POSSIBLE_SEXUAL_EXPLOITATION)
    # GBVIMS: sexual violence while abducted (any kind of abduction) is possible sexual slavery.
    if sexual and abduction_status not in ("", AbductionStatus.NONE):
        contexts.add(CaseContext.POSSIBLE_SEXUAL_SLAVERY)
    # GBVIMS+ (as Primero derives it): a GBV incident whose perpetrator is a current or
    # former intimate partner is intimate partner violence. The relation is the one
    # source: a context that contradicted it could not be kept both ways.
    if gbv_type != GbvType.NON_GBV and perpetrator_relation == PerpetratorRelation.INTIMATE_PARTNER:
        contexts.add(CaseContext.IPV)
    return sorted(str(c) for c in contexts)


def report_delay(occurred_on: datetime.date | None, reported_on: datetime.date | None) -> str:
    if occurred_on is None or reported_on is None:
        return ReportDelay.UNKNOWN
    days = (reported_on - occurred_on).days
    if days <= 3:
        return ReportDelay.D0_3
    if days <= 5:
        return ReportDelay.D4_5
    if days <= 14:
        return ReportDelay.D6_14
    if days <= 30:
        return ReportDelay.W2_M1
    return ReportDelay.OVER_M1
