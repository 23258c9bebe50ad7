"""The demo shows the fourth pillar: a programme alive on the day it is seeded.

One seed of the default test size is shared by the tests of one class
(rolled back after them); the seed of ``make demo`` (2,000 survivors) is run once, for the
live figures, and four awkward days once each.
"""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from scipy.stats import chi2_contingency, norm

from amparo.accounts.models import Organisation
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Incident
from amparo.demo.audit import SEED_AGENT
from amparo.demo.programme_measurements import Timeline
from amparo.demo.programmes import POPULATIONS, baseline_share
from amparo.justice.models import Court, LegalCase
from amparo.network.models import PartnerAgreement
from amparo.programmes import measures
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.models import (
    Goal,
    PrevalenceStudy,
    Programme,
    Release,
    SurveyResult,
    Training,
)
from amparo.programmes.protection import people_protected
from amparo.programmes.results import goal_progress
from amparo.programmes.vocab import Direction, GoalStatus, ReleaseStatus, Wave

SURVIVORS = 200
SEEDED_ON = datetime.date(2026, 12, 1)
LIVE_TOTALS = (
    "complaints",
    "verdicts",
    "convictions",
    "testimonies",
    "survivors_intake",
    "survivors_justice",
    "survivors_restoration",
    "services",
    "services_by_partners",
)
GOAL_INDICATORS = {
    "conviction_rate",
    "convictions_per_complaint",
    "time_to_verdict",
    "victim_friendly_testimony",
    "survivors_restored",
    "partner_service_share",
    "prevalence",
    "would_report_police",
}


def _seed(day: datetime.date, survivors: int = SURVIVORS) -> datetime.datetime:
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        call_command("seed", survivors=survivors, stdout=StringIO())
    return noon


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The demo seeded once for the class below, on a fixed day, and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        _seed(SEEDED_ON)
        try:
            yield Programme.objects.get(slug="justicia-restauracion-2030")
        finally:
            transaction.set_rollback(True)


def _scope(programme: Programme) -> measures.Scope:
    return measures.Scope(
        organisation_ids=(
            programme.organisation_id,
            *programme.partners.values_list("pk", flat=True),
        )
    )


def _two_proportions_p(first: PrevalenceStudy, second: PrevalenceStudy) -> float:
    """A chi-squared test (no continuity correction) on the waves' counts, by scipy."""
    table = []
    for study in (first, second):
        cases = round(float(study.estimate) * study.sample_size / 100)
        table.append([cases, study.sample_size - cases])
    return chi2_contingency(table, correction=False).pvalue


class TestTheSeededProgramme:
    def test_the_programme_is_the_legal_aid_organisations_with_the_aftercare_partner(
        self, db, seeded
    ):
        programme = seeded
        jus, ref = Organisation.objects.get(code="JUS"), Organisation.objects.get(code="REF")
        assert programme.name == "Justicia y Restauración 2030"
        assert programme.organisation == jus
        assert list(programme.partners.all()) == [ref]
        current = set(PartnerAgreement.objects.current().values_list("organisation", "partner"))
        assert {(jus.pk, ref.pk), (ref.pk, jus.pk)} <= current
        assert programme.countries == ["GT"]
        assert programme.starts_on == datetime.date(2023, 1, 1)
        assert programme.ends_on == datetime.date(2030, 12, 31)
        assert (programme.min_cell, programme.rounding_base, programme.method_version) == (11, 5, 1)
        assert programme.privacy_budget == Decimal("3.000")

    def test_its_areas_are_the_departments_of_its_incidents_and_courts(self, db, seeded):
        programme = seeded
        orgs = _scope(programme).organisation_ids
        departments = set(
            Incident.objects.filter(case__organisation_id__in=orgs).values_list("admin1", flat=True)
        ) | set(
            Court.objects.filter(legal_cases__organisation_id__in=orgs).values_list(
                "admin1", flat=True
            )
        )
        areas = list(programme.areas.all())
        assert {a.admin1 for a in areas} == departments
        assert {"Guatemala", "Escuintla", "Quetzaltenango"} <= departments
        assert all(250_000 <= a.population <= 3_500_000 for a in areas)
        assert all(a.population == POPULATIONS[a.admin1] for a in areas)
        assert programme.population_covered == sum(a.population for a in areas)

    def test_goals_have_a_milestone_at_every_years_end_on_the_way_to_the_target(self, db, seeded):
        programme = seeded
        goals = list(programme.goals.prefetch_related("milestones").select_related("area"))
        assert {g.indicator for g in goals} == GOAL_INDICATORS
        assert all(g.indicator in INDICATORS for g in goals)
        for goal in goals:
            assert goal.baseline_on == datetime.date(2023, 12, 31)
            assert goal.target_on == programme.ends_on
            higher = INDICATORS[goal.indicator].better == Direction.HIGHER
            assert (goal.target_value > goal.baseline_value) == higher, goal.indicator
            dues = [m.due_on for m in goal.milestones.all()]
            assert dues == [datetime.date(year, 12, 31) for year in range(2024, 2030)]
            values = [
                goal.baseline_value,
                *(m.value for m in goal.milestones.all()),
                goal.target_value,
            ]
            assert values == sorted(values, reverse=not higher), goal.indicator
        prevalence = [g for g in goals if g.indicator == "prevalence"]
        assert len(prevalence) == 2 and all(g.area is not None for g in prevalence)
        # The pilot's goals on the courts are Quetzaltenango's; the rest the programme's.
        pilot = {"convictions_per_complaint", "time_to_verdict", "victim_friendly_testimony"}
        assert {g.indicator for g in goals if g.area and g.area.admin1 == "Quetzaltenango"} == (
            pilot
        )
        assert all(g.area is None for g in goals if g.indicator not in pilot | {"prevalence"})
        assert {g.title for g in goals if g.indicator == "time_to_verdict"} == {
            "Faster verdicts in Quetzaltenango / Sentencias más rápidas en Quetzaltenango"
        }
        survey = SurveyResult.objects.get(
            programme=programme, item="would_report_police", area=None, period_start__year=2023
        )
        assert next(g for g in goals if g.indicator == "would_report_police").baseline_value == (
            survey.estimate
        )

    def test_a_live_baseline_falls_back_to_more_records_until_k_of_them(self, db, seeded):
        programme = seeded
        scope, when = _scope(programme), Timeline(SEEDED_ON)
        verdicts = LegalCase.objects.filter(
            organisation_id__in=scope.organisation_ids, verdict_on__isnull=False
        )

        def share(until: datetime.date, since: datetime.date = datetime.date(1900, 1, 1)):
            period = verdicts.filter(verdict_on__gte=since, verdict_on__lte=until)
            total = period.count()
            return total, (100 * period.filter(convicted=True).count() / total if total else None)

        tiers = [share(when.baseline_on, when.starts_on), share(when.baseline_on), share(SEEDED_ON)]
        expected = next(value for total, value in tiers if total >= 1)
        assert baseline_share("convictions", "verdicts", scope=scope, when=when, k=1) == expected
        # The default test seed has fewer than k verdicts in all: the goal starts from 60%.
        assert tiers[-1][0] < 11
        assert baseline_share("convictions", "verdicts", scope=scope, when=when, k=11) is None
        assert programme.goals.get(indicator="conviction_rate").baseline_value == 60

    def test_prevalence_fell_significantly_in_two_departments_and_not_in_a_third(self, db, seeded):
        endlines = PrevalenceStudy.objects.filter(
            programme=seeded, wave=Wave.ENDLINE
        ).select_related("baseline", "area")
        assert PrevalenceStudy.objects.filter(programme=seeded, wave=Wave.BASELINE).count() == 3
        z = norm.ppf(0.975)
        p_values = {}
        for endline in endlines:
            baseline = endline.baseline
            assert baseline.wave == Wave.BASELINE and baseline.area == endline.area
            assert baseline.period_end.year == 2023 and endline.period_start.year == 2025
            for study in (baseline, endline):
                assert study.ci_lower <= study.estimate <= study.ci_upper
                p = float(study.estimate) / 100
                half = 100 * z * (p * (1 - p) / study.sample_size) ** 0.5
                assert float(study.ci_upper) == pytest.approx(
                    float(study.estimate) + half, abs=1e-3
                )
                assert study.method == "household" and study.confidence_level == 95
                assert study.source.startswith("Estudio de prevalencia ficticio, Amparo demo, ")
            p_values[endline.area.admin1] = _two_proportions_p(baseline, endline)
        assert sorted(p < 0.05 for p in p_values.values()) == [False, True, True], p_values
        assert p_values["Quetzaltenango"] > 0.05

    def test_confidence_surveys_and_trainings_are_recorded(self, db, seeded):
        surveys = SurveyResult.objects.filter(programme=seeded)
        assert surveys.count() == 12
        for item in ("would_report_police", "confidence_justice"):
            rows = surveys.filter(item=item)
            assert {r.area.admin1 if r.area else None for r in rows} == {
                None,
                "Guatemala",
                "Escuintla",
            }
            assert sorted({r.period_start.year for r in rows}) == [2023, 2025]
            assert all(r.ci_lower <= r.estimate <= r.ci_upper for r in rows)
        trainings = Training.objects.filter(programme=seeded).select_related("court", "area")
        assert 10 <= trainings.count() <= 20
        assert {"police", "prosecution", "judiciary", "forensics"} <= {
            t.institution for t in trainings
        }
        assert all(15 <= t.trained <= 60 for t in trainings)
        assert all(seeded.starts_on <= t.held_on <= SEEDED_ON for t in trainings)
        with_court = [t for t in trainings if t.court is not None]
        assert with_court and all(t.court.admin1 == t.area.admin1 for t in with_court)
        assert trainings.filter(area__isnull=True).exists()

    def test_the_audit_trail_tells_who_recorded_the_programme(self, db, seeded):
        events = AuditEvent.objects.filter(
            user_agent=SEED_AGENT,
            code__in=[Code.PROGRAMME_SAVED, Code.GOAL_SAVED, Code.MEASUREMENT_RECORDED],
        )
        assert {e.actor.email for e in events} == {"analyst@justicia.demo"}
        assert {e.organisation_id for e in events} == {seeded.organisation_id}
        assert events.filter(code=Code.PROGRAMME_SAVED, object_id=str(seeded.pk)).count() == 1

        def named(code: str, model) -> set[tuple[str, str]]:
            return set(events.filter(code=code).values_list("object_type", "object_id"))

        def rows(queryset) -> set[tuple[str, str]]:
            return {(r._meta.label_lower, str(r.pk)) for r in queryset}

        assert named(Code.GOAL_SAVED, Goal) == rows(Goal.objects.filter(programme=seeded))
        assert named(Code.MEASUREMENT_RECORDED, None) == (
            rows(PrevalenceStudy.objects.filter(programme=seeded))
            | rows(SurveyResult.objects.filter(programme=seeded))
            | rows(Training.objects.filter(programme=seeded))
        )
        published = list(Release.objects.filter(programme=seeded).order_by("version"))
        seeding = AuditEvent.objects.filter(user_agent=SEED_AGENT)
        for code, actor in (
            (Code.RELEASE_DRAFTED, "analyst@justicia.demo"),
            (Code.RELEASE_PUBLISHED, "supervisor@justicia.demo"),
        ):
            found = seeding.filter(code=code)
            assert {(e.object_type, e.object_id) for e in found} == rows(published)
            assert {e.actor.email for e in found} == {actor}

    def test_two_releases_are_published_by_four_eyes_with_shown_and_hidden_cells(self, db, seeded):
        first, second = Release.objects.filter(programme=seeded).order_by("version")
        assert (first.version, second.version) == (1, 2)
        assert first.status == second.status == ReleaseStatus.PUBLISHED
        for release in (first, second):
            assert release.drafted_by != release.approved_by
            assert release.checks == []
        assert first.content["periods"] == [
            {"key": "2025", "start": "2025-01-01", "end": "2025-12-31"}
        ]
        assert [p["key"] for p in second.content["periods"]] == ["2024", "2025"]
        values = [c["value"] for c in first.content["cells"]]
        assert any(v is None for v in values) and any(v for v in values)
        assert all(v % 5 == 0 for v in values if v is not None)
        assert second.content["guarantee"]["checked_against"] == [1]
        assert seeded.ledger.get().epsilon == Decimal("2.0")


def test_the_make_demo_seed_gives_the_programme_live_figures_over_the_last_full_year(db):
    day = datetime.date(2026, 3, 1)
    _seed(day, survivors=2000)
    programme = Programme.objects.get()
    scope = _scope(programme)
    start, end = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
    counts = {
        code: measures.count(code, scope=scope, start=start, end=end, as_of=day)
        for code in measures.MEASURES
    }
    assert {code: counts[code] for code in LIVE_TOTALS if counts[code] < 11} == {}, counts
    assert counts["survivors_restored"] >= 1, counts
    # The conviction rate's baseline comes from the seeded verdicts once there are k of them.
    verdicts = LegalCase.objects.filter(
        organisation_id__in=scope.organisation_ids, verdict_on__lte=day
    )
    convicted = baseline_share("convictions", "verdicts", scope=scope, when=Timeline(day), k=11)
    assert convicted is not None
    assert verdicts.count() >= 11
    assert programme.goals.get(indicator="conviction_rate").baseline_value == round(convicted)
    # People protected counts the departments whose prevalence fell, and the goals that apply
    # to them are on track: the conviction rate holds its baseline until the reforms show.
    progress = {g.goal.indicator: g for g in goal_progress(programme=programme, as_of=day)}
    assert progress["conviction_rate"].status in (GoalStatus.MET, GoalStatus.ON_TRACK)
    protected = people_protected(programme=programme, as_of=day)
    verdicts_by_area = {a.admin1: a for a in protected.areas}
    assert verdicts_by_area["Guatemala"].protected and verdicts_by_area["Escuintla"].protected
    assert not verdicts_by_area["Quetzaltenango"].protected
    assert verdicts_by_area["Quetzaltenango"].prevalence_fell is False
    assert protected.people == POPULATIONS["Guatemala"] + POPULATIONS["Escuintla"] > 0
    # The published releases keep the figure as of their period's end.
    for release in Release.objects.filter(programme=programme):
        content = release.content["people_protected"]
        end = datetime.date.fromisoformat(release.content["period"]["end"])
        assert content["people"] == people_protected(programme=programme, as_of=end).people
        assert content["people"] == protected.people


@pytest.mark.parametrize("day", ["2028-02-29", "2027-01-31", "2026-12-31", "2026-03-01"])
def test_the_programme_seeds_on_any_day(db, day):
    today = datetime.date.fromisoformat(day)
    noon = _seed(today)
    programme = Programme.objects.get()
    when = Timeline(today)
    assert programme.starts_on == datetime.date(today.year - 3, 1, 1)
    assert programme.ends_on == datetime.date(2030, 12, 31)
    records = [
        programme,
        *programme.areas.all(),
        *programme.goals.all(),
        *PrevalenceStudy.objects.filter(programme=programme),
        *SurveyResult.objects.filter(programme=programme),
        *Training.objects.filter(programme=programme),
    ]
    for record in records:
        record.full_clean()
    for goal in programme.goals.all():
        assert goal.milestones.count() == 2030 - when.baseline_on.year - 1
        assert all(goal.baseline_on < m.due_on < goal.target_on for m in goal.milestones.all())
    studies = PrevalenceStudy.objects.filter(programme=programme)
    assert studies.count() == 6
    assert all(s.period_end < today for s in studies)
    assert all(s.period_start > s.baseline.period_end for s in studies.filter(wave=Wave.ENDLINE))
    assert all(s.period_end < today for s in SurveyResult.objects.filter(programme=programme))
    trainings = Training.objects.filter(programme=programme)
    assert 10 <= trainings.count() <= 20
    assert all(programme.starts_on <= t.held_on <= today for t in trainings)
    assert AuditEvent.objects.filter(code=Code.PROGRAMME_SAVED).get().at <= noon
