"""What the logging settings (config/settings/components/logging.py) name by their dotted paths,
besides the request id's filter (request_id.py)."""

import logging


class RefusedHostFilter(logging.Filter):
    """A request for a host not in ALLOWED_HOSTS as one warning line, without a traceback.

    Django logs each one as an error with its traceback (django.security.DisallowedHost), some
    fifteen lines; scanners that try addresses instead of names send them all day. The host
    stays in the line, quoted by Django.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        return True
