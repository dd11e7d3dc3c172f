"""Import a settings module in a process of its own, under an environment of its own: the test
process keeps its settings, and no process imports a settings module twice.

The processes fork from one server that has imported Django and django-environ already
(multiprocessing's forkserver), so each costs the settings' own import, not a new interpreter.
"""

import importlib
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["django", "django.conf", "environ", "django_stubs_ext"])


def _settings_of(module: str, environment: dict[str, str]) -> str:
    """Run in the forked process: every setting of `module` imported under `environment`, as
    JSON (other types as str)."""
    os.environ.clear()
    os.environ.update(environment)
    sys.path.insert(0, str(PROJECT))
    settings = importlib.import_module(module)
    names = [name for name in dir(settings) if name.isupper()]
    return json.dumps({name: getattr(settings, name) for name in names}, default=str)


def import_settings(module: str, environment: dict[str, str]) -> dict[str, Any]:
    """Every setting of `module` imported under exactly `environment`, as JSON has them; the
    import's exception if it fails."""
    with ProcessPoolExecutor(1, mp_context=_CONTEXT) as executor:
        result: str = executor.submit(_settings_of, module, environment).result()
    return dict(json.loads(result))
