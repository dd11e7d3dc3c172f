"""Where each authentication mode spends its server CPU, sampled under load.

Run it from the template's root, in the environment its tests use, with py-spy installed there
(`.venv/bin/python -m pip install py-spy`):

    .venv/bin/python benchmarks/auth_profile.py [--duration 10] [--rate 250] [--out DIR]

It bakes and serves the template as benchmarks/auth_cost.py does, the same modes on the same
servers. For each mode in turn, wrk loads its server while `py-spy record --subprocesses
--nonblocking` samples the gunicorn workers; the collapsed stacks go to DIR/<mode>.txt (open
them in https://www.speedscope.app or feed them to flamegraph.pl). It prints, for every mode,
the frames with the most time of their own, then for each mode the frames that cost it more than
the baseline, in microseconds of server CPU per request: a frame's share of the samples times
the CPU per request read from /proc. Sampling slows the workers a little; the shares hold.
"""

import argparse
import collections
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TEMPLATE))
from benchmarks import auth_cost  # noqa: E402

PY_SPY_MISSING = (
    "py-spy is not installed: this profile samples the servers with it. Install it into the "
    "environment running this script (`python -m pip install py-spy`), then run again."
)
# "function (path/to/file.py:123)": the line number is dropped, so a function is one frame.
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^():]*)(?::\d+)?\)$")
# Only samples of a worker process: their stacks pass through gunicorn's worker start-up.
WORKER_FRAME = "init_process"


@dataclass
class Profile:
    """Samples of one mode's workers: per frame, those where it ran itself (self) and those
    where it was anywhere on the stack (total)."""

    samples: int
    own: collections.Counter[str]
    total: collections.Counter[str]
    stacks: collections.Counter[tuple[str, ...]]
    cpu_us: float = 0.0  # server CPU per request, microseconds

    def us(self, count: int) -> float:
        """Microseconds per request of `count` samples."""
        return count / self.samples * self.cpu_us if self.samples else 0.0


def frame_name(frame: str) -> str:
    found = FRAME.match(frame)
    return f"{found['function']} ({found['file']})" if found else frame


def parse_collapsed(text: str) -> Profile:
    """A profile from py-spy's raw output: one `frame;frame;...;frame count` line per stack."""
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    stacks: collections.Counter[tuple[str, ...]] = collections.Counter()
    samples = 0
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        frames = [
            frame_name(frame)
            for frame in stack.split(";")
            if not frame.startswith(("process ", "thread "))
        ]
        if not frames or not any(WORKER_FRAME in frame for frame in frames):
            continue
        count = int(count_text)
        samples += count
        stacks[tuple(frames)] += count
        own[frames[-1]] += count
        for frame in set(frames):
            total[frame] += count
    return Profile(samples, own, total, stacks)


def top_frames(profile: Profile, count: int) -> list[str]:
    lines = [f"  {'self us':>8}  {'total us':>8}  frame"]
    for frame, samples in profile.own.most_common(count):
        lines.append(
            f"  {profile.us(samples):8.1f}  {profile.us(profile.total[frame]):8.1f}  {frame}"
        )
    return lines


def extra_frames(profile: Profile, baseline: Profile, count: int) -> list[str]:
    """What `profile` runs that `baseline` never does, per request: each outermost such frame
    (the subtrees the mode adds, e.g. authentication), the frames within them that cost most,
    and what is left: the difference in the code both run."""
    new = {frame for frame in profile.total if not baseline.total[frame]}
    roots: collections.Counter[str] = collections.Counter()
    inside: collections.Counter[str] = collections.Counter()
    for stack, samples in profile.stacks.items():
        first = next((index for index, frame in enumerate(stack) if frame in new), None)
        if first is None:
            continue
        roots[stack[first]] += samples
        for frame in set(stack[first:]):
            inside[frame] += samples
    added = profile.us(sum(roots.values()))
    lines = [f"  {'extra us':>8}  frames the baseline never runs (outermost)"]
    shown = roots.most_common(count)
    lines += [f"  {profile.us(samples):+8.1f}  {frame}" for frame, samples in shown]
    if len(roots) > len(shown):
        rest = sum(roots.values()) - sum(samples for _, samples in shown)
        lines.append(f"  {profile.us(rest):+8.1f}  {len(roots) - len(shown)} other frames")
    lines.append(f"  {'total us':>8}  within them, by time on the stack")
    lines += [
        f"  {profile.us(samples):8.1f}  {frame}" for frame, samples in inside.most_common(count)
    ]
    shared = profile.cpu_us - added - baseline.cpu_us
    lines.append(f"  {shared:+8.1f}  the code the baseline runs too (load, noise, headers)")
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Sample each authentication mode's gunicorn workers with py-spy under wrk."
    )
    parser.add_argument(
        "--duration", type=auth_cost.positive, default=10, help="seconds per mode (default 10)"
    )
    parser.add_argument(
        "--rate", type=auth_cost.positive, default=250, help="samples a second (default 250)"
    )
    parser.add_argument("--top", type=auth_cost.positive, default=20, help="frames per list")
    parser.add_argument("--algorithm", default="HS256", help="jwt_algorithm (default HS256)")
    parser.add_argument("--out", type=Path, help="keep the stacks here (default: not kept)")
    arguments = parser.parse_args(argv)
    # What auth_cost.run_wrk and auth_cost.started read: its defaults.
    defaults = auth_cost.parse_args([])
    arguments.workers, arguments.threads = defaults.workers, defaults.threads
    arguments.connections = defaults.connections
    return arguments


def py_spy() -> str | None:
    """py-spy of the environment running this script, or the one on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def record(spy: str, mode: auth_cost.Mode, arguments: argparse.Namespace, out: Path) -> Profile:
    """Load `mode` with wrk for the duration while py-spy samples its workers."""
    stacks = out / f"{mode.name}.txt"
    command = [spy, "record", "--pid", str(mode.server_pid), "--subprocesses", "--nonblocking",
               "--rate", str(arguments.rate), "--duration", str(arguments.duration),
               "--format", "raw", "--output", str(stacks)]  # fmt: skip
    sampler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        auth_cost.run_wrk(mode, arguments, arguments.duration)
    finally:
        _, errors = sampler.communicate(timeout=arguments.duration + 60)
    if sampler.returncode != 0 or not stacks.exists():
        raise RuntimeError(f"py-spy failed on {mode.name}:\n{errors.decode()}")
    profile = parse_collapsed(stacks.read_text())
    profile.cpu_us = statistics.median(mode.cpu) * 1000 if mode.cpu else 0.0
    return profile


def main(argv: list[str] | None = None) -> int:
    arguments = parse_args(argv)
    spy = py_spy()
    if spy is None or shutil.which("wrk") is None:
        print(PY_SPY_MISSING if spy is None else auth_cost.WRK_MISSING, file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="auth-profile-"))
    out = arguments.out or workdir
    out.mkdir(parents=True, exist_ok=True)
    try:
        bakes, modes = auth_cost.plan([arguments.algorithm], workdir)
        api_modes = [mode for mode in modes if mode.path == auth_cost.ENDPOINT]
        profiles = {}
        with auth_cost.started(api_modes, bakes, arguments, workdir):
            for mode in api_modes:
                profiles[mode.name] = record(spy, mode, arguments, out)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    for mode in api_modes:
        profile = profiles[mode.name]
        print(f"== {mode.label}: {profile.cpu_us:.0f} us server CPU per request, "
              f"{profile.samples} samples, {mode.rates[-1]:.0f} req/s")  # fmt: skip
        print("\n".join(top_frames(profile, arguments.top)))
    baseline = profiles["baseline"]
    for mode in api_modes[1:]:
        profile = profiles[mode.name]
        print(f"== {mode.label} over the baseline: {profile.cpu_us - baseline.cpu_us:+.0f} us")
        print("\n".join(extra_frames(profile, baseline, arguments.top)))
    if arguments.out:
        print(f"collapsed stacks in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
