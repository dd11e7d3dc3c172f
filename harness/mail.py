"""An SMTP server on a loopback port, in this process (aiosmtpd): for the template's real-mail
test and the enumeration timing benchmark.

Plain Python, no pytest.
"""

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

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.content, bytes)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.received.put(message)
        return "250 Message accepted for delivery"

    def next(self, timeout: float) -> EmailMessage:
        """The next message received; raises queue.Empty if none comes within `timeout` s."""
        return self.received.get(timeout=timeout)


@contextlib.contextmanager
def smtp_server(port: int | None = None) -> Iterator[Mailbox]:
    """Serve SMTP on loopback `port` (a free one if None) until the block ends; yield what it
    receives."""
    mailbox = Mailbox(port=port or reserved_port())
    controller = Controller(mailbox, hostname=LOOPBACK, port=mailbox.port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
