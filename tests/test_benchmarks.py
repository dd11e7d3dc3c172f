"""The benchmark scripts run and print their tables; their figures are for reading only."""

import sys

import pytest

from bakery import option_sets
from benchmarks import first_green, soak
from harness.commands import run
from harness.paths import TEMPLATE


def test_token_algorithm_benchmark_prints_a_row_per_algorithm():
    result = run(
        [sys.executable, "benchmarks/token_algorithms.py", "--number", "3", "--repeat", "1"],
        TEMPLATE,
    )

    rows = [line.split("|")[1:-1] for line in result.stdout.splitlines()[4:]]
    sizes = {algorithm.strip(): int(size) for algorithm, size, _ in rows}
    assert list(sizes) == [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA",
    ]  # fmt: skip
    # A 2048-bit RSA signature alone is 342 base64url characters; Ed25519's is 86.
    assert sizes["RS256"] > sizes["ES256"] > sizes["HS256"]
    assert sizes["EdDSA"] == sizes["ES256"]


@pytest.mark.parametrize("answers", option_sets(["default"]), indirect=True)
def test_first_green_runs_the_readme_pip_commands_in_the_environment_they_make(project):
    steps = first_green.pip_steps(project)

    assert steps[0][0].startswith("python3 -m venv .venv")
    assert [step for step, _ in steps[1:]] == [
        "python -m pip install --upgrade pip",
        "python -m pip install -e . --group dev",
        "python -m pytest -q",
    ]
    assert all(command == f". .venv/bin/activate && {step}" for step, command in steps[1:])


def test_first_green_table_ends_with_the_sum_of_the_steps():
    table = first_green.table("uv", [("uv sync", 2.0, 1.0), ("uv run pytest", 8.5, 7.25)])

    assert table.splitlines()[-1] == "| first green | 10.5 | 8.2 |"


def test_soak_faults_come_in_turn_and_the_last_leaves_time_to_recover():
    plan = soak.schedule(duration=600, every=40, first=15)

    assert [kind for _, kind in plan[:5]] == [
        "worker",
        "postgres",
        "redis",
        "postgres-quiet",
        "worker",
    ]
    assert plan[1][0] == 55
    assert plan[-1][0] + 40 <= 600
    assert soak.schedule(duration=30, every=40, first=10) == [(10, "worker")]
