"""The template repository's own code (hooks, extensions, these tests) is as clean as a bake's."""

import pytest

from bakery import TEMPLATE, run


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_template_code_is_ruff_clean(command):
    run(["ruff", *command, "--no-cache", "."], TEMPLATE)
