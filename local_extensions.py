"""Jinja filters that render answers as string literals, so free text never becomes code.

Cookiecutter imports this module through `_extensions` in cookiecutter.json. Standard library only:
it runs under the user's cookiecutter.
"""

import json

from cookiecutter.utils import simple_filter

_PYTHON_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@simple_filter
def python_string(value: str) -> str:
    """Render `value` as a Python string literal, quoted the way ruff format would quote it."""
    quote = "'" if value.count('"') > value.count("'") else '"'
    escaped = "".join(
        "\\" + char if char == quote else _PYTHON_ESCAPES.get(char, char) for char in value
    )
    return f"{quote}{escaped}{quote}"


@simple_filter
def toml_string(value: str) -> str:
    """Render `value` as a TOML basic string (JSON's string escapes are a subset of TOML's)."""
    return json.dumps(value, ensure_ascii=False)
