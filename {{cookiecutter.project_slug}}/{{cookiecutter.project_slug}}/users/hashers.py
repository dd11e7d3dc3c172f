"""A password-hashing profile for cheaper logins than Django's default, to choose knowingly.

A login verifies the password: one Argon2 hash of it, which is nearly all of a login's CPU. With
Django's parameters (100 MiB, 2 passes, 8 lanes) that is about 235 ms of CPU on one core of a
2-core machine, about 9 logins a second per two cores, and as much work for an attacker per guess
at a stolen hash. The profile below is one of the OWASP Password Storage Cheat Sheet's Argon2id
configurations: about 31 ms (8x less), and about a fifth of the attacker's work per guess
(memory times passes). The template's benchmarks/password_hashing.py measures both on your
machine.

To use it, put it in place of Django's Argon2PasswordHasher at the head of PASSWORD_HASHERS
(config/settings/components/passwords.py). Hashes made with other parameters still verify, and
each is made again with these at the user's next login, which changes the stored hash: the
tokens that user holds elsewhere then end, as after a password change (CHECK_REVOKE_TOKEN).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OWASPArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, 2 passes and 1 lane (OWASP's minimum)."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
