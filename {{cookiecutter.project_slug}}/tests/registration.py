"""What the sign-up and password reset tests share: the links the mails carry, and a reset."""

import re

from django.conf import settings
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

MAIL_SENT = {"detail": "A mail is on its way to that address."}
LINK = re.compile(r"(?P<page>activate|reset-password)/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)")


def link_in(message: mail.EmailMessage, page: str) -> dict[str, str]:
    """The uid and token of the front-end link to `page` in `message`."""
    body = str(message.body)
    assert f"{settings.FRONTEND_URL}/{page}/" in body
    found = LINK.search(body)
    assert found is not None, body
    assert found["page"] == page, body
    return {"uid": found["uid"], "token": found["token"]}


def reset_password(client: APIClient, outbox: list[mail.EmailMessage], new_password: str) -> None:
    """Alice resets her password to `new_password` through the link mailed to her."""
    client.post(reverse("user_password_reset"), {"email": "alice@example.com"})
    link = link_in(outbox[-1], "reset-password")
    confirmed = client.post(
        reverse("user_password_reset_confirm"), link | {"new_password": new_password}
    )
    assert confirmed.status_code == 204, confirmed.content
