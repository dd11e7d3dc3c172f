"""The second factor (factors/): its app, the login that asks for it, the limit on guesses."""

from . import PACKAGE, env
from .api import REST_FRAMEWORK
from .apps import INSTALLED_APPS
from .tokens import SIMPLE_JWT

INSTALLED_APPS.append(f"{PACKAGE}.factors")

# Login answers a challenge instead of tokens to a user with a second factor (factors/login.py).
SIMPLE_JWT["TOKEN_OBTAIN_SERIALIZER"] = f"{PACKAGE}.factors.login.Login"

# Codes and passwords tried against one account's factors, from any address. Three codes of six
# digits are valid at a time: at 10 an hour, a guesser who knows the password needs about four
# years on average to hit one.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["second_factor"] = env.str(
    "DJANGO_THROTTLE_SECOND_FACTOR", default="10/hour"
)
