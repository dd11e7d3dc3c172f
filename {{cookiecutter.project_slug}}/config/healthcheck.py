"""The container's health check: exit 0 if /healthz, or the path given (/readyz), answers 200.

The Dockerfile's HEALTHCHECK asks /healthz; compose.yaml asks /readyz, whose 503 is the API's
error shape.

It asks the way a load balancer does, with a host name from DJANGO_ALLOWED_HOSTS (Django answers
400 to any other), on the port gunicorn listens on (GUNICORN_BIND). Standard library only: slim
images have no curl.
"""

import os
import sys
import urllib.error
import urllib.request

TIMEOUT = 4  # seconds; Docker's own timeout for the check is 5


def probe_url(path: str = "/healthz") -> str:
    host, _, port = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").rpartition(":")
    if host in ("", "0.0.0.0", "[::]"):
        host = "127.0.0.1"
    return f"http://{host}:{port}{path}"


def host_header() -> str:
    first = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    # ".example.com" allows example.com and its subdomains; "*" allows anything.
    return first.lstrip(".").replace("*", "") or "localhost"


def main() -> int:
    path = sys.argv[1] if len(sys.argv) > 1 else "/healthz"
    request = urllib.request.Request(probe_url(path), headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(f"{path} answered {error.code}: {error.read().decode()}", file=sys.stderr)
    except OSError as error:
        print(f"{path} did not answer: {error}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
