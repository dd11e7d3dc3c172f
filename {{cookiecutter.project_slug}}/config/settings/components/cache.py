"""The cache, which holds the throttle counters."""

from . import PACKAGE, env

# https://docs.djangoproject.com/en/dev/topics/cache/
# Throttle counters live here, so every server must share it: set REDIS_URL
# (redis://host:6379/0) when more than one process serves the API.
CACHES = {"default": env.cache_url("REDIS_URL", default="locmemcache://")}
# Keeps this project's keys apart from other projects' in a shared Redis.
CACHES["default"]["KEY_PREFIX"] = env.str(
    "DJANGO_CACHE_KEY_PREFIX",
    default=PACKAGE,
)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # A Redis that is down or stalled costs a request at most a second instead of hanging it:
    # login then answers 503, the other token endpoints skip their rate limit (see
    # tokens/throttling.py). `?socket_timeout=` in REDIS_URL overrides these.
    CACHES["default"]["OPTIONS"] = {
        "socket_connect_timeout": 1,
        "socket_timeout": 1,
        **CACHES["default"].get("OPTIONS", {}),
    }
