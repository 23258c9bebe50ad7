"""The restoration section of a case file, for the case-file page to include.

Usage in the case file view::

    context.update(restoration_context_for_case(user=user, case=case))

and in the template ``{% include "aftercare/_case_restoration.html" %}``.
"""

from django.utils import timezone

from amparo.accounts.models import User
from amparo.aftercare import charts, vocab
from amparo.aftercare.selectors import counselling_sessions_for_case, restoration_file
from amparo.cases.models import Case
from amparo.cases.vocab import OPEN_STATUSES


def restoration_context_for_case(*, user: User, case: Case) -> dict[str, object]:
    """Everything ``aftercare/_case_restoration.html`` needs, for a case the user has opened."""
    file = restoration_file(case=case)
    instrument = file.instrument
    domains = list(instrument.domains.all())
    names = {d.code: str(d) for d in domains}
    today = timezone.localdate()
    trajectories = [
        {
            "code": domain.code,
            "label": str(domain),
            "chart": charts.trajectory_chart(
                file.trajectory.get(domain.code, []),
                low=instrument.scale_min,
                high=instrument.scale_max,
            ),
            "rows": file.trajectory.get(domain.code, []),
        }
        for domain in domains
        if file.trajectory.get(domain.code)
    ]
    plan = next((p for p in file.care_plans if p.status != vocab.CarePlanStatus.SUPERSEDED), None)
    goals_by_domain: dict[str, list[object]] = {}
    for goal in plan.goals.all() if plan else []:
        goals_by_domain.setdefault(names.get(goal.domain, goal.domain), []).append(goal)
    current_placement = next((p for p in file.placements if p.ended_on is None), None)
    approved_family = [a for a in file.family_assessments if a.approved_at]
    open_reintegration = next(
        (
            r
            for r in file.reintegrations
            if r.status in (vocab.ReintegrationStatus.PROPOSED, vocab.ReintegrationStatus.APPROVED)
        ),
        None,
    )
    return {
        "restoration": {
            "file": file,
            "instrument": instrument,
            "domain_names": names,
            "trajectories": trajectories,
            "current_placement": current_placement,
            "past_placements": [p for p in file.placements if p.ended_on is not None],
            "plan": plan,
            "goals_by_domain": sorted(goals_by_domain.items()),
            "older_plans": [p for p in file.care_plans if p is not plan],
            "sessions": list(counselling_sessions_for_case(case=case)[:10]),
            "approved_family": approved_family,
            "open_reintegration": open_reintegration,
            "pending_follow_ups": [f for f in file.follow_ups if f.done_on is None],
            "done_follow_ups": [f for f in file.follow_ups if f.done_on is not None],
            "next_due_overdue": bool(file.next_assessment_due and file.next_assessment_due < today),
            "today": today,
            "is_open": case.status in OPEN_STATUSES,
        }
    }
