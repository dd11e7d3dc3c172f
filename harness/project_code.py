"""Modules of the generated project, loaded from the template by path: the template's tests and
benchmarks run the project's own code instead of a copy of it.

Only modules without Jinja qualify, whose imports (cryptography, PyJWT, Django) the template's
test environment has; `keys` is the one used here.
"""

import importlib.util
import sys
from types import ModuleType

from harness.paths import TEMPLATE

SLUG = "{{cookiecutter.project_slug}}"
# The project's package: the same folder name again inside the project.
PACKAGE = TEMPLATE / SLUG / SLUG


def load(relative_path: str) -> ModuleType:
    """The module at `relative_path` in the template's project package, imported once."""
    name = "project_" + relative_path.removesuffix(".py").replace("/", "_")
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PACKAGE / relative_path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# generate_private_key(algorithm), private_key_pem(key), public_key_pem(key): signing keys as a
# baked project makes them.
keys = load("tokens/keys.py")


def signing_key_pem(algorithm: str) -> str:
    """A new PEM private key that `algorithm` signs with, made by the project's own key code."""
    return keys.private_key_pem(keys.generate_private_key(algorithm))
