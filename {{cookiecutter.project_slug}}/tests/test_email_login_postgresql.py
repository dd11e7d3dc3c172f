"""Two sign-ups racing with one address in two letter cases: PostgreSQL's unique index on
LOWER(email) leaves one row."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction

from .helpers import PASSWORD

User = get_user_model()


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_in_two_letter_cases_leave_one_row():
    # Both transactions find no such email, then both insert: the database's unique index on
    # LOWER(email) makes the second wait for the first and fail.
    both_checked = threading.Barrier(2, timeout=10)
    failures: list[Exception] = []

    def sign_up(email: str) -> None:
        try:
            with transaction.atomic():
                assert not User.objects.filter(email__iexact=email).exists()
                both_checked.wait()
                User.objects.create_user(email, PASSWORD)
        except IntegrityError as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=sign_up, args=(email,))
        for email in ("Ada@example.org", "ada@example.org")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert User.objects.count() == 1
    assert len(failures) == 1
