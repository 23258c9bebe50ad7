"""``scripts/bench_scale.py`` runs its whole list against the standing cast, and its table prints."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

SCRIPTS = Path(__file__).resolve().parent.parent


@pytest.fixture
def bench():
    spec = importlib.util.spec_from_file_location("bench_scale", SCRIPTS / "bench_scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_scale"] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop("bench_scale", None)


# The dashboards read from the replica where CI runs one (``amparo.core.replica``).
@pytest.mark.django_db(
    databases=["default", "replica"] if "replica" in django_settings.DATABASES else ["default"]
)
def test_every_operation_answers_200_and_the_table_prints(bench, cast, settings):
    settings.AMPARO_REQUIRE_MFA = False
    printed: list[str] = []
    results = bench.run(repeat=1, markdown=True, warm_ups=0, out=printed.append)

    labels = {r.operation.label for r in results}
    assert {"caseload, page 1", "search by name", "case file", "API cases"} <= labels
    assert {"justice dashboard", "network indicators", "API legal indicators"} <= labels
    assert [(r.operation.label, r.status) for r in results if r.status != 200] == []
    assert all(r.queries > 0 for r in results)
    output = "\n".join(printed)
    assert "| page | p50 ms | p95 ms | runs | queries | target ms | result |" in output
    assert "load average at start" in output
    # The legal name searched for is never printed.
    assert cast.case.survivor.identity.given_names not in output


def test_the_name_search_finds_the_survivor(bench, cast, settings):
    settings.AMPARO_REQUIRE_MFA = False
    world = bench.find_world()
    clients = bench.Clients(world)
    try:
        search = next(op for op in bench.operations(world) if op.label == "search by name")
        response = clients.send(search)
    finally:
        clients.close()
    assert response.status_code == 200
    assert world.case.code in response.content.decode()


def test_percentiles_interpolate_between_ranks(bench):
    assert bench.percentile([5.0], 95) == 5.0
    assert bench.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert bench.percentile(list(map(float, range(1, 101))), 95) == pytest.approx(95.05)


@pytest.fixture
def load_test(bench):
    spec = importlib.util.spec_from_file_location("load_test", SCRIPTS / "load_test.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_load_test_holds_a_rate_only_with_every_answer_quick_and_200(load_test):
    def step(*outcomes):
        return load_test.Step(rate=10, seconds=1, outcomes=list(outcomes), load=(0.5, 0.5, 0.5))

    def answer(ms, status=200, retry_after=False):
        return load_test.Outcome(
            due=100.0, done=100 + ms / 1000, status=status, retry_after=retry_after
        )

    quick = step(*[answer(20)] * 19, answer(90))
    slow = step(*[answer(20)] * 18, answer(150), answer(150))
    refused = step(*[answer(20)] * 19, answer(1, status=503, retry_after=True))
    silent = step(*[answer(20)] * 19, answer(30_000, status=0))
    assert quick.held and not slow.held and not refused.held and not silent.held
    assert (refused.refused, refused.refused_with_retry_after, silent.failed) == (1, 1, 1)
    table = load_test.report([quick, refused], quick, refused)
    assert "| highest held |" in table and "| twice the highest held |" in table
