"""Sign-up and password reset by email, and the mail server they go through."""

from typing import Any

import django

from . import PACKAGE, env
from .api import REST_FRAMEWORK
from .apps import INSTALLED_APPS

# Its system check refuses, on servers, a mail server that is not one (users/registration/).
INSTALLED_APPS.append(f"{PACKAGE}.users.registration")

# The mails link to the front end (FRONTEND_URL, components/frontend.py), which serves the two
# pages the README names: /activate/<token> and /reset-password/<token>.
# Activation and reset links stop working after this many seconds; each also dies once used,
# and a reset link once the account's password or address changes.
ACCOUNT_LINK_TIMEOUT = env.int("DJANGO_ACCOUNT_LINK_TIMEOUT", default=3 * 24 * 3600)

# Sign-up, activation mail and password reset mail: per client address, per recipient.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].update(
    {
        "mail": env.str("DJANGO_THROTTLE_MAIL", default="20/hour"),
        "mail_recipient": env.str("DJANGO_THROTTLE_MAIL_RECIPIENT", default="5/hour"),
    }
)

# The mails go out from a worker, `python manage.py db_worker`, never inside the request: each is
# a row of the registration app's Mail table, holding its link until sent, and a task in the
# database (django-tasks-db), so a process that stops loses none. Django 6 has the tasks framework
# (django.tasks); Django 5.2 its backport, django-tasks, which reads the same setting.
INSTALLED_APPS.append("django_tasks_db")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A mail the server refuses, or that finds no server, is tried again after this many seconds,
# then twice as many, ... up to this many attempts in all (the default: 30 s to 32 min, 8
# attempts over an hour); then it is kept, without its link, and logged (event mail.failed).
MAIL_RETRY_DELAY = env.int("DJANGO_MAIL_RETRY_DELAY", default=30)
MAIL_ATTEMPTS = env.int("DJANGO_MAIL_ATTEMPTS", default=8)
# A mail whose worker died mid-send (its task stays taken) is enqueued again by `manage.py
# requeue_mail` once this many seconds have passed since its attempt began: far more than a send
# may take (the mail server's timeout, below, for each of its up to 14 waits), so a live send is
# not doubled: a system check refuses less than 20 timeouts (users/registration/checks.py).
MAIL_REQUEUE_AFTER = env.int("DJANGO_MAIL_REQUEUE_AFTER", default=300)

# https://docs.djangoproject.com/en/dev/topics/email/
# The mail server as a URL (django-environ): smtp+tls://user:password@host:587 (STARTTLS),
# smtp+ssl://...:465 (TLS) or smtp://. Default: mails are printed on the console; the tests keep
# them in memory (Django's test set-up); on servers a system check requires an SMTP server.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# A mail server that does not answer fails the attempt (below) after this many seconds.
_MAIL_TIMEOUT = 10
if django.VERSION >= (6, 1):
    # Django 6.1 configures mail in MAILERS, and warns about the EMAIL_* settings (until 2028,
    # when they go): the same server, as one mailer. Drop the other branch with Django 5.2.
    _SMTP_OPTIONS = {
        "EMAIL_HOST": "host",
        "EMAIL_PORT": "port",
        "EMAIL_HOST_USER": "username",
        "EMAIL_HOST_PASSWORD": "password",
        "EMAIL_USE_TLS": "use_tls",
        "EMAIL_USE_SSL": "use_ssl",
    }
    _MAILER_OPTIONS: dict[str, Any] = {}
    if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
        _MAILER_OPTIONS = {
            option: EMAIL_CONFIG[name]
            for name, option in _SMTP_OPTIONS.items()
            if name in EMAIL_CONFIG
        }
        _MAILER_OPTIONS["timeout"] = _MAIL_TIMEOUT
    MAILERS = {"default": {"BACKEND": EMAIL_CONFIG["EMAIL_BACKEND"], "OPTIONS": _MAILER_OPTIONS}}
else:
    vars().update(EMAIL_CONFIG)
    EMAIL_TIMEOUT = _MAIL_TIMEOUT
