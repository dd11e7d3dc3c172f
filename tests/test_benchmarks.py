"""The benchmark scripts run and print their tables; their figures are for reading only."""

import sys

from bakery import TEMPLATE, run


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
