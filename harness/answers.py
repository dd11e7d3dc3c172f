"""The template's signing algorithms, and what a set of answers to its questions decides."""

import json

from harness.paths import TEMPLATE
from local_extensions import asymmetric

# Every choice of jwt_algorithm, in cookiecutter.json's order; its default first.
ALGORITHMS = tuple(json.loads((TEMPLATE / "cookiecutter.json").read_text())["jwt_algorithm"])
# Algorithms with a public key: their bakes sign with a private key and publish a JWKS.
ASYMMETRIC_ALGORITHMS = tuple(filter(asymmetric, ALGORITHMS))


def is_asymmetric(answers: dict) -> bool:
    """Whether a bake of `answers` signs with a private key (and publishes a JWKS)."""
    return asymmetric(answers.get("jwt_algorithm", ALGORITHMS[0]))
