"""The soak's short form (the long one is benchmarks/soak.py): the postgresql bake under
production settings, gunicorn's sync workers behind the bake's deploy/nginx.conf, a PostgreSQL
cluster and a Redis of the test's own, six simulated users for 50 s while a worker is killed
mid-refresh, PostgreSQL restarts under traffic and again while no request reaches the workers,
and Redis restarts. Then each invariant is a test of its own, and so is each fault's having
happened as planned (a soak whose faults missed proves nothing).

`pytest -rP -k soak` prints the figures.
"""

import pytest

import harness.nginx
from bakery import OPTION_SETS
from harness import local_servers
from harness.services import require
from harness.soak import Report, soak

DURATION, USERS, WORKERS = 50, 6, 3
SCHEDULE = [(5, "worker"), (14, "postgres"), (26, "redis"), (36, "postgres-quiet")]
INVARIANTS = [
    "created once",
    "deleted gone",
    "one live token a family",
    "users log in",
    "recovers in time",
    "no 500",
    "answers are JSON",
]

# The bake is the postgresql option set's: its worker has baked it already.
pytestmark = pytest.mark.xdist_group("postgresql")


@pytest.fixture(scope="module")
def report(bake, tmp_path_factory) -> Report:
    missing = local_servers.missing()
    require(missing is None, f"the soak runs servers of its own: install {missing}")
    require(
        harness.nginx.executable() is not None,
        "nginx is not installed: `apt-get install nginx` (Debian) to serve a bake behind it",
    )
    answers = OPTION_SETS["postgresql"]
    report = soak(
        bake(**answers),
        answers,
        tmp_path_factory.mktemp("soak") / "run",
        DURATION,
        USERS,
        WORKERS,
        SCHEDULE,
    )
    print(report.table())
    return report


@pytest.mark.parametrize("index", range(len(INVARIANTS)), ids=INVARIANTS)
def test_invariant_holds_after_the_soak(report, index):
    name, holds, evidence = report.invariants[index]

    assert holds, f"{name}: {evidence}"


def test_every_fault_happened_at_its_time(report):
    assert [(fault.kind, round(fault.started)) for fault in report.faults] == [
        (kind, at) for at, kind in SCHEDULE
    ]
    assert all(fault.ended > fault.started for fault in report.faults)


def test_the_killed_worker_was_serving_a_refresh_and_its_retry_was_answered(report):
    worker = report.faults[0]
    # The burst's refresh that the SIGKILL cut off got nginx's 502 or, when the worker died while
    # writing its answer, a connection nginx closed mid-answer (status 0); the client retried it.
    cut = [r for r in report.records if r.who == "burst" and r.status in (0, 502)]
    assert cut, worker.detail
    assert all(worker.started <= r.started <= worker.ended for r in cut)
    retries = [r for r in report.records if r.who == "burst" and r.started > cut[-1].ended]
    assert retries, worker.detail
    assert retries[0].status in (200, 401), worker.detail


def test_while_a_dependency_is_down_requests_are_answered_not_hung(report):
    postgres, redis = report.faults[1], report.faults[2]
    # Database down: everything that needs it answers 503 (a hung request would show 0).
    assert postgres.detail.startswith("while down: login 503"), postgres.detail
    assert "refresh 503" in postgres.detail, postgres.detail
    assert "list 503" in postgres.detail, postgres.detail
    # Redis down: login fails closed (503); refresh and the API go on without their limits.
    assert redis.detail.startswith("while down: login 503"), redis.detail
    assert "refresh 200" in redis.detail, redis.detail
    assert "list 200" in redis.detail, redis.detail
