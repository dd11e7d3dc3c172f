from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from rest_framework_simplejwt.settings import api_settings

from ...key_source import key_files
from ...keys import rotate_key_files


class Command(BaseCommand):
    help = (
        "Replace the JWT signing key with a new one. The old key's public half joins the "
        "previous verifying keys, so tokens it signed keep verifying. Restart the server (or "
        "send gunicorn HUP) to start signing with the new key."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        signing_key_file, previous_keys_file = key_files()
        parser.add_argument(
            "--signing-key-file",
            type=Path,
            default=signing_key_file or None,
            help="PEM private key to replace (default: JWT_SIGNING_KEY_FILE)",
        )
        parser.add_argument(
            "--previous-keys-file",
            type=Path,
            default=previous_keys_file or None,
            help="PEM public keys to add the old key to (default: JWT_PREVIOUS_VERIFYING_KEYS_FILE)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        signing_key_file: Path | None = options["signing_key_file"]
        previous_keys_file: Path | None = options["previous_keys_file"]
        if signing_key_file is None or previous_keys_file is None:
            raise CommandError(
                "The keys are not in files: pass --signing-key-file and --previous-keys-file, "
                "or set JWT_SIGNING_KEY_FILE and JWT_PREVIOUS_VERIFYING_KEYS_FILE"
            )
        try:
            key_set = rotate_key_files(
                api_settings.ALGORITHM, signing_key_file, previous_keys_file
            )
        except (OSError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"New signing key {key_set.signing_kid} written to {signing_key_file}")
        for kid in list(key_set.verifying_keys)[1:]:
            self.stdout.write(f"Still verifying: {kid}")
