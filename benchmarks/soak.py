"""The soak under faults: mixed traffic for minutes against a bake deployed as in production,
while a worker is killed mid-refresh and PostgreSQL and Redis restart; then what the clients
saw is checked against the database.

Run it from the template's root, in the environment its tests use (README.md, "Soak"):

    .venv/bin/python benchmarks/soak.py              # the long form: 10 minutes
    .venv/bin/python benchmarks/soak.py --duration 90 --users 8

It bakes the template with `database=postgresql` (rotation and the blacklist are on by
default), starts a PostgreSQL cluster and a redis-server of its own on free loopback ports in
26000-26999 (initdb and pg_ctl from Debian's postgresql package; the machine's servers are
untouched), serves the bake with gunicorn's sync workers under production settings behind the
bake's deploy/nginx.conf (Debian's nginx), and runs the soak of harness/soak.py: users log in,
refresh, list, create, update and delete subscribers, change passwords and log out over HTTPS,
while the faults come in turn (worker, postgres, redis, postgres-quiet, worker, ...) every
`--every` seconds; postgres-quiet restarts PostgreSQL while no request reaches the workers, so
that each holds a dead connection when traffic resumes. It prints the figures (requests per
second, errors and 5xx inside and outside the faults' windows, p50/p99, each fault's longest
unavailability and recovery) and each invariant's result, and exits 1 if one does not hold.
"""

import argparse
import sys
import tempfile
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
# The harness package, when this runs as a script.
sys.path.insert(0, str(TEMPLATE))
from harness.bakes import bake  # noqa: E402
from harness.soak import soak  # noqa: E402

ANSWERS = {"database": "postgresql"}
FAULTS = ("worker", "postgres", "redis", "postgres-quiet")


def schedule(duration: float, every: float, first: float) -> list[tuple[float, str]]:
    """The faults in turn, the first at `first` seconds, then one every `every` seconds, the
    last at least `every` seconds before the end (its recovery is measured too)."""
    times = []
    at = first
    while at + every <= duration or not times:
        times.append((at, FAULTS[len(times) % len(FAULTS)]))
        at += every
    return times


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=600, help="seconds of load (600)")
    parser.add_argument("--users", type=int, default=12, help="simulated users (12)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    parser.add_argument("--every", type=float, default=40, help="seconds between faults (40)")
    parser.add_argument("--first", type=float, default=15, help="first fault at (15 s)")
    parser.add_argument("--workdir", type=Path, help="keep the bake, logs and database here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as scratch:
        workdir = args.workdir or Path(scratch) / "run"
        project = bake(Path(scratch) / "bake", **ANSWERS)
        plan = schedule(args.duration, args.every, args.first)
        print(f"soak: {args.duration:.0f} s, {args.users} users, {args.workers} workers, "
              f"faults {plan}", flush=True)  # fmt: skip
        report = soak(project, ANSWERS, workdir, args.duration, args.users, args.workers, plan)
    print(report.table())
    return 0 if all(holds for _, holds, _ in report.invariants) else 1


if __name__ == "__main__":
    sys.exit(main())
