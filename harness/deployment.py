"""A baked project deployed as its README says, on loopback: the command that serves it, the
environment production settings need, and what the proxy in front of it adds.

Plain Python, no pytest.
"""

import secrets
import sys
from pathlib import Path

from harness.answers import is_asymmetric
from harness.environments import project_environment
from harness.serving import LOOPBACK

# The password of the user that tests against a running server create and log in as.
PASSWORD = "a-long-password-for-the-e2e-user"
# What the TLS-terminating proxy in front of production servers adds to every request.
FROM_PROXY = {"X-Forwarded-Proto": "https"}
# What production settings also require of a bake with registration: the SMTP server (nothing
# listens on this one; the real-mail test starts its own), the front end and the mails' sender.
# Other bakes never read them.
MAIL_VARIABLES = {
    "EMAIL_URL": "smtp://127.0.0.1:25",
    "DJANGO_FRONTEND_URL": "https://app.example.com",
    "DJANGO_DEFAULT_FROM_EMAIL": "api@example.com",
}
# The command the bake's README serves it with in production; `--bind` (a flag wins over
# config/gunicorn.py) puts it on a free loopback port (harness.serving.serving fills in {port}).
GUNICORN = [str(Path(sys.executable).parent / "gunicorn"), "-c", "config/gunicorn.py",
            "config.wsgi", "--bind", f"{LOOPBACK}:{{port}}"]  # fmt: skip
# The mail worker (registration bakes) as the README starts it, polling every 0.2 s.
MAIL_WORKER = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
               "--interval", "0.2"]  # fmt: skip


def production_environment(answers: dict, **variables: str) -> dict[str, str]:
    """The environment of a bake of `answers` deployed as its README says, on loopback: the
    production settings, fresh secrets (the signing key too for HMAC bakes; public-key bakes name
    theirs in `variables`), the mail settings of bakes with registration, and `variables`."""
    deployed = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": LOOPBACK,
    }
    if not is_asymmetric(answers):
        deployed["JWT_SIGNING_KEY"] = secrets.token_urlsafe(64)
    if answers.get("registration"):
        deployed |= MAIL_VARIABLES
    return project_environment(**(deployed | variables))
