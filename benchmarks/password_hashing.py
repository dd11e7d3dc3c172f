"""What a login costs with each password-hashing profile, and what it costs an attacker.

Run from the repository root with the template's test environment:

    .venv/bin/python benchmarks/password_hashing.py [--repeat 5]

A login verifies one password: one Argon2 hash of it with the parameters stored in the user's
hash, so a login costs one hash. For each profile the table shows its parameters, the CPU time
of one hash (all its threads: Argon2 runs its lanes in parallel) and its wall time on this
machine, the best of --repeat runs; the logins per second the machine's cores can verify at
most; and the work an attacker spends per guess, memory times passes (the memory-hard cost a
GPU or ASIC pays), relative to Django's default.
"""

import argparse
import os
import resource
import secrets
import sys
import time
from dataclasses import dataclass

from argon2.low_level import Type, hash_secret


@dataclass(frozen=True)
class Profile:
    name: str
    time_cost: int
    memory_kib: int
    parallelism: int

    @property
    def work(self) -> int:
        """KiB of memory filled per guess: memory times passes."""
        return self.time_cost * self.memory_kib


PROFILES = [
    # django.contrib.auth.hashers.Argon2PasswordHasher (Django 5.2 and 6): the bakes' default.
    Profile("Django default", 2, 102400, 8),
    # RFC 9106's second recommended option; argon2-cffi's default, which pwdlib (the FastAPI
    # template's hasher) uses.
    Profile("RFC 9106 low memory", 3, 65536, 4),
    # OWASP Password Storage Cheat Sheet, Argon2id: equally strong minimum configurations.
    Profile("OWASP m=46 MiB t=1", 1, 47104, 1),
    Profile("OWASP m=19 MiB t=2", 2, 19456, 1),
    Profile("OWASP m=12 MiB t=3", 3, 12288, 1),
]


def thread_cpu_seconds() -> float:
    """CPU seconds this process has used, every thread's."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(profile: Profile, repeat: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one hash with `profile`: the best of `repeat` runs each."""
    password, salt = secrets.token_bytes(16), secrets.token_bytes(16)
    cpu, wall = [], []
    for _ in range(repeat):
        cpu_start, wall_start = thread_cpu_seconds(), time.perf_counter()
        hash_secret(password, salt, profile.time_cost, profile.memory_kib,
                    profile.parallelism, 32, Type.ID)  # fmt: skip
        wall.append(time.perf_counter() - wall_start)
        cpu.append(thread_cpu_seconds() - cpu_start)
    return min(cpu), min(wall)


def table(rows: list[tuple[Profile, float, float]], cores: int) -> str:
    """A Markdown table of (profile, CPU seconds, wall seconds) rows, the first the reference."""
    reference = rows[0][0].work
    lines = [
        "| profile | t | m (MiB) | p | CPU ms | wall ms | logins/s at most "
        f"({cores} cores) | attacker work per guess |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for profile, cpu, wall in rows:
        lines.append(
            f"| {profile.name} | {profile.time_cost} | {profile.memory_kib / 1024:g} | "
            f"{profile.parallelism} | {cpu * 1000:.0f} | {wall * 1000:.0f} | "
            f"{cores / cpu:.0f} | {profile.work / reference:.2f}x |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per profile (default 5)")
    arguments = parser.parse_args(argv)
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    rows = [(profile, *measure(profile, arguments.repeat)) for profile in PROFILES]
    print(table(rows, os.cpu_count() or 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
