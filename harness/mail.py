"""An SMTP server on a loopback port, in this process (aiosmtpd): for the template's real-mail
test and the enumeration timing benchmark.

Plain Python, no pytest.
"""

import asyncio
import contextlib
import email
import email.policy
import queue
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from harness.serving import LOOPBACK, reserved_port


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps every message it is sent; `port` is where it listens."""

    port: int = 0
    received: queue.Queue[EmailMessage] = field(default_factory=queue.Queue)
    # Seconds each message takes to be accepted: a distant mail server's round trips.
    delay: float = 0

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        await asyncio.sleep(self.delay)
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.put(message)
        return "250 Message accepted for delivery"

    def next(self, timeout: float) -> EmailMessage:
        """The next message received; raises queue.Empty if none comes within `timeout` s."""
        return self.received.get(timeout=timeout)


@contextlib.contextmanager
def smtp_server(port: int | None = None, delay: float = 0) -> Iterator[Mailbox]:
    """Serve SMTP on loopback `port` (a free one if None), accepting each message after `delay`
    seconds, until the block ends; yield what it receives."""
    mailbox = Mailbox(port=port or reserved_port(), delay=delay)
    controller = Controller(mailbox, hostname=LOOPBACK, port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
