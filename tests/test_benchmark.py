"""The benchmark's pieces that run without a server: arguments, wrk's report, the table.

The benchmark itself takes minutes and is run by hand (README.md, "Benchmark").
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import auth_cost, auth_profile
from harness.paths import TEMPLATE
from local_extensions import asymmetric

WRK_REPORT = """\
Running 10s test @ http://127.0.0.1:8000/api/subscribers/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    20.01ms    3.02ms  40.11ms   90.00%
    Req/Sec   400.00     20.00   450.00     70.00%
  8000 requests in 10.00s, 5.10MB read
Requests/sec:    799.87
Transfer/sec:    522.01KB
"""


def mode(name: str, rates: list[float], queries: int, path: str = auth_cost.ENDPOINT):
    return auth_cost.Mode(
        name,
        f"label of {name}",
        "bake",
        "project",
        path=path,
        queries=queries,
        rates=rates,
        cpu=[1000 / rate for rate in rates],
    )


def test_requests_per_second_are_read_from_wrks_report():
    assert auth_cost.parse_wrk(WRK_REPORT) == 799.87


def test_request_count_is_read_from_wrks_report():
    assert auth_cost.parse_requests(WRK_REPORT) == 8000


def test_a_run_with_error_answers_is_refused():
    report = WRK_REPORT.replace("Requests/sec", "  Non-2xx or 3xx responses: 12\nRequests/sec")

    with pytest.raises(RuntimeError, match="12 responses were errors"):
        auth_cost.parse_wrk(report)


def test_a_report_without_a_rate_is_refused():
    with pytest.raises(RuntimeError, match="no Requests/sec"):
        auth_cost.parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused")


def test_table_shows_medians_ratios_and_queries_and_ends_with_the_ratio_line():
    # The machine got twice as slow in round 2: every mode alike.
    modes = [
        mode("baseline", [1000.0, 500.0, 800.0], 2),
        mode("drf_token", [650.0, 325.0, 520.0], 3),
        mode("default", [750.0, 375.0, 600.0], 3),
        mode("stateless", [950.0, 475.0, 760.0], 2),
        mode("default_fresh", [700.0, 350.0, 560.0], 3),
        mode("stateless_fresh", [900.0, 450.0, 720.0], 2),
        mode("login", [7.0, 8.0, 9.0], 2, path=auth_cost.LOGIN),
    ]
    ratio = auth_cost.ratios({each.name: each for each in modes})

    table = auth_cost.format_table(modes, ratio).splitlines()

    assert table[0].split("  ")[0].strip() == "mode"
    assert table[2].split() == ["label", "of", "baseline", "800.0", "1.00x", "1.25", "2"]
    assert table[3].split()[-4:] == ["520.0", "0.65x", "1.92", "3"]
    assert table[5].split()[-4:] == ["760.0", "0.95x", "1.32", "2"]
    assert table[8].split()[-4:] == ["8.0", "-", "125.00", "2"]
    assert auth_cost.ratio_line(ratio) == (
        "ratio stateless=0.95 stateless_fresh=0.90 default=0.75 default_fresh=0.70 drf_token=0.65"
    )
    assert auth_cost.goal_lines(ratio) == [
        "goal stateless >= 0.95x baseline (req/s): 0.950x, met",
        "goal stateless_fresh >= 0.9x baseline (req/s): 0.900x, met",
        "goal stateless >= 1.3x drf_token (req/s): 1.462x, met",
        "goal stateless_fresh >= 1.3x drf_token (req/s): 1.385x, met",
        "goal default >= 1.1x drf_token (req/s): 1.154x, met",
        "goal default_fresh >= 1.1x drf_token (req/s): 1.077x, MISSED",
    ]
    # The test's CPU figures are 1000 / rate: the same ratios, measured the other way.
    cpu_ratio = auth_cost.cpu_ratios({each.name: each for each in modes})
    assert cpu_ratio == pytest.approx(ratio)
    assert auth_cost.goal_lines(cpu_ratio, "server CPU")[0] == (
        "goal stateless >= 0.95x baseline (server CPU): 0.950x, met"
    )


def test_ratios_pair_the_runs_of_a_round_so_one_slow_round_does_not_skew_them():
    baseline = mode("baseline", [1000.0, 500.0, 600.0], 2)
    # Slowed down in round 3 only, by something else on the machine.
    stateless = mode("stateless", [950.0, 475.0, 300.0], 2)

    ratio = auth_cost.ratios({"baseline": baseline, "stateless": stateless})

    assert ratio["stateless"] == pytest.approx(0.95)


def test_a_missed_goal_says_so():
    ratio = {"baseline": 1.0, "stateless": 0.9, "default": 0.6, "drf_token": 0.7}

    assert auth_cost.goal_lines(ratio) == [
        "goal stateless >= 0.95x baseline (req/s): 0.900x, MISSED",
        "goal stateless >= 1.3x drf_token (req/s): 1.286x, MISSED",
        "goal default >= 1.1x drf_token (req/s): 0.857x, MISSED",
    ]


def test_arguments_have_defaults_that_match_the_documented_setup():
    arguments = auth_cost.parse_args([])

    assert (arguments.rounds, arguments.duration) == (5, 6)
    assert (arguments.workers, arguments.threads, arguments.connections) == (2, 2, 16)
    assert arguments.algorithms is None


@pytest.mark.parametrize(
    "argv", [["--rounds", "0"], ["--duration", "ten"], ["--threads", "4", "--connections", "2"]]
)
def test_bad_arguments_are_refused(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        auth_cost.parse_args(argv)

    assert exit_info.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_without_wrk_it_says_how_to_install_it_and_bakes_nothing(monkeypatch, capsys):
    monkeypatch.setattr(auth_cost.shutil, "which", lambda name: None)
    monkeypatch.setattr(auth_cost, "bake", lambda *args, **kwargs: pytest.fail("baked"))

    assert auth_cost.main([]) == 2
    assert "apt-get install wrk" in capsys.readouterr().err


def test_default_algorithms_are_hs256_and_at_most_one_asymmetric_choice():
    choices = json.loads((TEMPLATE / "cookiecutter.json").read_text())["jwt_algorithm"]

    algorithms = auth_cost.default_algorithms()

    assert algorithms[0] == "HS256"
    assert set(algorithms) <= set(choices)
    assert sum(map(asymmetric, algorithms)) <= 1


@pytest.mark.parametrize("source", [auth_cost.SETTINGS_MODULE, auth_cost.PREPARE_SCRIPT])
def test_files_written_into_the_baked_copy_are_valid_python(source):
    compile(source, "<benchmark>", "exec")


def test_fresh_token_runs_send_each_header_of_the_file_in_turn(tmp_path):
    script = auth_cost.FRESH_TOKENS_LUA % (tmp_path / "tokens.txt")

    assert f'io.lines("{tmp_path / "tokens.txt"}")' in script
    assert "position = position % #headers + 1" in script
    assert '["Authorization"] = headers[position]' in script


def test_cpu_of_a_servers_workers_is_read_from_proc():
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc on this system: the benchmark prints '?' for CPU there")
    # A child of this process that burns 0.3 s of CPU, says so, then waits to be ended.
    burn = (
        "import sys, time\n"
        "start = time.process_time()\n"
        "while time.process_time() - start < 0.3: pass\n"
        "print('done', flush=True)\n"
        "sys.stdin.read()\n"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", burn], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdout.readline() == "done\n"
        used = auth_cost.workers_cpu_seconds(os.getpid())
    finally:
        worker.kill()
        worker.wait()

    assert used is not None
    assert used >= 0.25


def test_servers_listen_on_loopback_only():
    command = auth_cost.gunicorn_command(8000, workers=2)

    assert command[command.index("--bind") + 1] == "127.0.0.1:8000"
    assert command[command.index("--workers") + 1] == "2"


# py-spy's raw output: the master (idle, never sampled here) and a worker's stacks.
COLLAPSED = """\
process 10:"gunicorn";process 11:"gunicorn";Worker.init_process (gunicorn/workers/base.py:146);\
WSGIHandler.__call__ (django/wsgi.py:124);APIView.dispatch (rest_framework/views.py:5);\
Request._authenticate (rest_framework/request.py:7);PyJWS._load (jwt/api_jws.py:356) 30
process 10:"gunicorn";process 11:"gunicorn";Worker.init_process (gunicorn/workers/base.py:146);\
WSGIHandler.__call__ (django/wsgi.py:124);APIView.dispatch (rest_framework/views.py:9) 50
process 11:"gunicorn";Worker.init_process (gunicorn/workers/base.py:146);\
WSGIHandler.__call__ (django/wsgi.py:124);write (gunicorn/util.py:3) 20
process 10:"gunicorn";Arbiter.run (gunicorn/arbiter.py:247) 999
"""
BASELINE_COLLAPSED = """\
process 11:"gunicorn";Worker.init_process (gunicorn/workers/base.py:146);\
WSGIHandler.__call__ (django/wsgi.py:124);APIView.dispatch (rest_framework/views.py:9) 80
process 11:"gunicorn";Worker.init_process (gunicorn/workers/base.py:146);\
WSGIHandler.__call__ (django/wsgi.py:124);write (gunicorn/util.py:3) 20
"""


def test_profile_counts_worker_samples_per_function_whatever_the_line():
    profile = auth_profile.parse_collapsed(COLLAPSED)

    assert profile.samples == 100  # the master's stack is not a worker's
    assert profile.own["APIView.dispatch (rest_framework/views.py)"] == 50
    assert profile.total["APIView.dispatch (rest_framework/views.py)"] == 80
    assert profile.total["WSGIHandler.__call__ (django/wsgi.py)"] == 100


def test_profile_shows_in_microseconds_per_request_what_the_baseline_never_runs():
    profile = auth_profile.parse_collapsed(COLLAPSED)
    profile.cpu_us = 1300.0
    baseline = auth_profile.parse_collapsed(BASELINE_COLLAPSED)
    baseline.cpu_us = 1000.0

    lines = auth_profile.extra_frames(profile, baseline, 10)

    # 30 of 100 samples of 1300 us; the other 910 us are 90 us less than the baseline spends.
    assert "    +390.0  Request._authenticate (rest_framework/request.py)" in lines
    assert "     390.0  PyJWS._load (jwt/api_jws.py)" in lines
    assert lines[-1].split()[0] == "-90.0"
    assert auth_profile.top_frames(profile, 1)[1].split() == [
        "650.0", "1040.0", "APIView.dispatch", "(rest_framework/views.py)",
    ]  # fmt: skip


def test_profile_without_py_spy_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setattr(auth_profile, "py_spy", lambda: None)
    monkeypatch.setattr(auth_cost, "plan", lambda *args: pytest.fail("baked"))

    assert auth_profile.main([]) == 2
    assert "pip install py-spy" in capsys.readouterr().err
