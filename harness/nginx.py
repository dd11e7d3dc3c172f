"""Debian's nginx in front of a served bake, with the bake's own deploy/nginx.conf, on loopback
ports: for the deployment test and the soak.

Plain Python, no pytest.
"""

import contextlib
import datetime
import ipaddress
import os
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness.serving import LOOPBACK, listening, reserved_port, stop


@dataclass(frozen=True)
class Nginx:
    """A running nginx: its HTTP and HTTPS URLs, a client context that trusts (and checks) its
    certificate, that certificate's file, and the directory holding its configuration and
    logs."""

    http: str
    https: str
    tls: ssl.SSLContext
    certificate: Path
    prefix: Path


def executable() -> str | None:
    """Where nginx is installed (Debian puts it in /usr/sbin), or None."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


def site(project: Path, http_port: int, https_port: int, upstream: str,
         certificate: Path, key: Path) -> str:  # fmt: skip
    """The bake's deploy/nginx.conf, on loopback ports, with this certificate, in front of
    `upstream` (`http://127.0.0.1:<port>`). Raises AssertionError if a line to replace is not
    there exactly once."""
    text = (project / "deploy" / "nginx.conf").read_text()
    for line, replacement in {
        "listen 80;": f"listen {LOOPBACK}:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl;": f"listen {LOOPBACK}:{https_port} ssl;",
        "listen [::]:443 ssl;": "",
        "/etc/letsencrypt/live/api.example.com/fullchain.pem;": f"{certificate};",
        "/etc/letsencrypt/live/api.example.com/privkey.pem;": f"{key};",
        "http://127.0.0.1:8000;": f"{upstream};",
    }.items():
        assert text.count(line) == 1, f"deploy/nginx.conf has no single {line!r}"
        text = text.replace(line, replacement)
    return text


@contextlib.contextmanager
def nginx(project: Path, upstream: str, prefix: Path) -> Iterator[Nginx]:
    """nginx with `project`'s deploy/nginx.conf in front of `upstream`, everything it writes
    (configuration, certificate, logs, access.log included) in `prefix`; stopped after."""
    command = executable()
    assert command is not None, "nginx is not installed"
    prefix.mkdir(parents=True, exist_ok=True)
    http_port, https_port = reserved_port(), reserved_port()
    certificate, key = self_signed_certificate(prefix)
    (prefix / "site.conf").write_text(
        site(project, http_port, https_port, upstream, certificate, key)
    )
    # Everything nginx writes stays in the prefix; as root, its workers need not change user.
    (prefix / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\n"
        + "events { worker_connections 256; }\n"
        + f"http {{\n  access_log {prefix}/access.log;\n"
        + "".join(
            f"  {kind}_temp_path {prefix}/{kind}_temp;\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"  include {prefix}/site.conf;\n}}\n"
    )
    log = prefix / "error.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [command, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(log)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        for port in (http_port, https_port):
            assert listening(port, process, log, timeout=10), log.read_text()
        yield Nginx(
            http=f"http://{LOOPBACK}:{http_port}",
            https=f"https://{LOOPBACK}:{https_port}",
            tls=ssl.create_default_context(cafile=certificate),
            certificate=certificate,
            prefix=prefix,
        )
    finally:
        stop(process)


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files in `directory`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, LOOPBACK)])
    address = x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(LOOPBACK))])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(address, critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = directory / "certificate.pem", directory / "key.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path
