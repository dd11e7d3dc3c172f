"""The two kinds of mailed link, one table each, so that neither can stand in for the other:
a pending sign-up (its activation link) and a password reset. Each is deleted once used, and is
refused once expired; expired rows are deleted as new ones are made.

And the mails on their way (Mail), which the worker sends (emails.py)."""

import secrets
from typing import TypeVar

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from ..models import User
from . import links

T = TypeVar("T", bound=models.Model)


class LinkQuerySet(models.QuerySet[T]):
    def valid(self, token: str) -> "LinkQuerySet[T]":
        """The link this token opens, while it has not expired (none or one)."""
        return self.filter(digest=links.digest(token), expires__gt=timezone.now())

    def expired(self) -> "LinkQuerySet[T]":
        return self.filter(expires__lte=timezone.now())


class Link(models.Model):
    """A mailed link: the digest of its token (links.py) and when it stops working."""

    digest = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField(db_index=True)

    class Meta:
        abstract = True


class SignUp(Link):
    """An address signed up and not yet activated: no account exists until the link's holder
    follows it and chooses the password. A later sign-up of the address replaces it (a new link,
    the earlier one dead), so nobody who signed up an address first can hold its account.

    One is made for every sign-up, also of an address that has an account: its link is then
    never mailed (and activation would refuse it). Each sign-up does the same work.
    """

    email = models.EmailField(_("email address"), unique=True)  # addresses.canonical_email's
    # The account's other fields the sign-up chose (a username), set on activation.
    fields = models.JSONField(default=dict)

    objects = LinkQuerySet["SignUp"].as_manager()

    def __str__(self) -> str:
        return f"sign-up of {self.email}"

    @classmethod
    def open(cls, email: str, fields: dict[str, str]) -> str:
        """Sign up `email` (canonical) again or for the first time; the new link's token."""
        cls.objects.expired().delete()
        token, digest = links.new_token()
        cls.objects.update_or_create(
            email=email, defaults={"digest": digest, "expires": links.expiry(), "fields": fields}
        )
        return token


class PasswordReset(Link):
    """A password reset link for the account of an address, good while that account stays as it
    was when the link was mailed: active, with the same password and address.

    A link is made for every reset asked for, also where no account can have one: `state` is
    then one no account has, and the link is never mailed. Each request does the same work.
    """

    email = models.EmailField(_("email address"))  # addresses.canonical_email's
    state = models.CharField(max_length=64)

    objects = LinkQuerySet["PasswordReset"].as_manager()

    def __str__(self) -> str:
        return f"password reset of {self.email}"

    @staticmethod
    def state_of(user: User | None) -> str:
        """A digest of what a reset link depends on, keyed by DJANGO_SECRET_KEY; for no user, a
        random one."""
        if user is None:
            return secrets.token_hex(32)
        value = f"{user.pk}\n{user.password}\n{user.email}\n{user.is_active}"
        return salted_hmac("password-reset", value, algorithm="sha256").hexdigest()

    @classmethod
    def open(cls, email: str, user: User | None) -> str:
        """A new reset link for the account `user` of `email` (canonical), or for none; its
        token."""
        cls.objects.expired().delete()
        token, digest = links.new_token()
        cls.objects.create(
            email=email, digest=digest, expires=links.expiry(), state=cls.state_of(user)
        )
        return token


class Mail(models.Model):
    """An account mail on its way: made in the request, sent by the worker (emails.deliver), and
    deleted once the mail server took it.

    It alone holds the mail's link, while it waits; the task that sends it names only its id.
    A mail the server never took stays, with `failed` set, the error, and no link.
    """

    template = models.CharField(max_length=50)  # users/email/<template>.txt
    to = models.EmailField()
    context = models.JSONField(default=dict)  # the template's values: the link
    created = models.DateTimeField(auto_now_add=True)
    # When its task was last due to run (enqueued, or its retry's time) or its last attempt
    # began: a mail still without `failed` long after is one whose task no worker will finish.
    due = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)  # the ones that failed
    failed = models.DateTimeField(null=True, blank=True)  # when the last attempt failed
    error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.template} mail to {self.to}"
