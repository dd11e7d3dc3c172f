"""Where the signing keys come from: the values or the files TOKENS names, read and parsed by
the tokens app, once, at start-up (never by the settings themselves)."""

import functools
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from rest_framework_simplejwt.settings import api_settings

from .conf import token_settings
from .keys import KeySet, create_key_files, generate_private_key, private_key_pem


def read_pem(value: str, path: str, name: str) -> str:
    """PEM text from the file at `path` if one is named (a mounted secret), else `value`, whose
    literal \\n count as line breaks (one-line env files). `name` is the variable it came from."""
    if path:
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {error}") from None
    return re.sub(r"(\\r)?\\n", "\n", value)


def key_files() -> tuple[str, str]:
    """The files of the signing key and of the previous verifying keys ("" for none): those
    TOKENS names, or in development, with no key given, those in CREATE_MISSING_KEYS_IN."""
    signing_file = token_settings.SIGNING_KEY_FILE
    previous_file = token_settings.PREVIOUS_VERIFYING_KEYS_FILE
    directory = token_settings.CREATE_MISSING_KEYS_IN
    if directory and not token_settings.SIGNING_KEY:
        signing_file = signing_file or str(Path(directory) / "signing.pem")
        previous_file = previous_file or str(Path(directory) / "previous.pem")
    return signing_file, previous_file


def read_key_set() -> KeySet:
    """The keys TOKENS names, read and parsed now; ImproperlyConfigured, naming the variable,
    if they are missing or do not fit the algorithm.

    With CREATE_MISSING_KEYS_IN (development) and no key given, the keys are files in that
    directory; key files that do not exist yet are made first. With GENERATE_SIGNING_KEY (tests)
    and no key given, a new key is made in memory.
    """
    algorithm = api_settings.ALGORITHM
    signing_file, previous_file = key_files()
    if token_settings.CREATE_MISSING_KEYS_IN and signing_file and previous_file:
        create_key_files(algorithm, Path(signing_file), Path(previous_file))
    if signing_file or token_settings.SIGNING_KEY:
        signing_pem = read_pem(token_settings.SIGNING_KEY, signing_file, "JWT_SIGNING_KEY")
    elif token_settings.GENERATE_SIGNING_KEY:
        signing_pem = private_key_pem(generate_private_key(algorithm))
    else:
        raise ImproperlyConfigured(
            "Set the JWT_SIGNING_KEY environment variable, or JWT_SIGNING_KEY_FILE"
        )
    previous_pems = read_pem(
        token_settings.PREVIOUS_VERIFYING_KEYS, previous_file, "JWT_PREVIOUS_VERIFYING_KEYS"
    )
    return KeySet.from_pems(algorithm, signing_pem, previous_pems)


@functools.cache
def load_key_set() -> KeySet:
    """The key set this process signs and verifies with: read once, at start-up (the token
    backend asks for it as the tokens app gets ready). A generated test key stays the same for
    the whole run."""
    return read_key_set()
