"""The bakes' Dockerfile and compose.yaml, built and run for real with podman.

No container registry is reachable from the machines that run these tests, so the Dockerfile is
built on a local base image made once per run from the Debian archive (mmdebstrap, then `podman
import`) through its BASE_IMAGE argument. The default bake's image and a PostgreSQL + ES256
bake's image run with host networking on loopback against the machine's PostgreSQL and Redis,
like any other server of these tests. compose.yaml runs as written but for the images that come
from a registry: its PostgreSQL and Redis give way to the machine's, and its nginx is Debian's,
built on the local base.

Run with `-s` for the transcript: the build times, with and without the dependency layer
cached, and the image sizes.
"""

import functools
import os
import re
import shutil
import ssl
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jwt
import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from prometheus_client.parser import text_string_to_metric_families

from bakery import OPTION_SETS
from harness import client
from harness.client import call
from harness.commands import run
from harness.deployment import PASSWORD
from harness.environments import project_environment
from harness.services import REDIS_HOST, REDIS_PORT, require, require_postgres, require_redis
from harness.serving import LOOPBACK, reserved_port

# Every test here shares the images: one worker builds them while the other runs other tests.
pytestmark = pytest.mark.xdist_group("containers")

INSTALL = "`apt-get install podman runc mmdebstrap`, and podman-compose from requirements.txt"
# What these machines' podman needs: its default runtime, crun, refuses their cgroup setup, and
# without explicit limits `podman run` fails to set them.
CONTAINERS_CONF = """\
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
"""
STORAGE_CONF = """\
[storage]
driver = "overlay"
graphroot = "{store}/root"
runroot = "{store}/run"
"""
# The Dockerfile's base, made from the Debian archive: Python 3.11 and venv, nothing more. The
# build installs from PyPI over HTTPS, so the host's extra certificate authorities (a proxy's)
# go in too, and uv and pip are told to trust the system's list.
BASE_PACKAGES = "python3,python3-venv,ca-certificates"
HOST_AUTHORITIES = Path("/usr/local/share/ca-certificates")
SYSTEM_AUTHORITIES = "/etc/ssl/certs/ca-certificates.crt"
# The secrets the post-gen hook writes into .env.
SECRET_NAMES = ("DJANGO_SECRET_KEY", "JWT_SIGNING_KEY", "POSTGRES_PASSWORD", "DATABASE_PASSWORD")
ES256_POSTGRESQL = {"jwt_algorithm": "ES256", "database": "postgresql"}
APP_USER_ID = 10001  # the Dockerfile's `app` user
# A request that takes longer than this to be answered healthy has failed to start.
START_LIMIT = 60


def transcript(line: str) -> None:
    """One line of the transcript that `pytest -s` shows."""
    print(f"[containers] {line}", flush=True)


@dataclass(frozen=True)
class Podman:
    environment: dict[str, str]
    compose: str | None

    def __call__(self, *args: str, timeout: float = 600, check: bool = True) -> str:
        """Run `podman args`; its output. Fails the test if it fails (with `check`)."""
        return self.run(["podman", *args], timeout, check).stdout

    def run(
        self, args: list[str], timeout: float = 600, check: bool = True
    ) -> subprocess.CompletedProcess:
        return run(args, Path.cwd(), self.environment, timeout, check)

    def size(self, image: str) -> str:
        return f"{int(self('image', 'inspect', '--format', '{{.Size}}', image)) / 1e6:.0f} MB"


@pytest.fixture(scope="module")
def podman(tmp_path_factory) -> Iterator[Podman]:
    """podman with a store of its own for this module's tests: in memory where /dev/shm is (a
    build there takes half the time, and deleting images no time), removed after them, with
    build caches that start empty, so the build times are cold ones."""
    missing = [tool for tool in ("podman", "runc", "mmdebstrap") if shutil.which(tool) is None]
    compose = shutil.which("podman-compose", path=f"{Path(sys.executable).parent}{os.pathsep}"
                           f"{os.environ['PATH']}")  # fmt: skip
    require(
        not missing and compose is not None,
        f"missing {', '.join(missing + ([] if compose else ['podman-compose']))}: {INSTALL}",
    )
    # Rootful podman, and files handed to the image's user (chown).
    require(os.geteuid() == 0, "the container test runs as root (podman without user namespaces)")
    config = tmp_path_factory.mktemp("podman")
    memory = Path("/dev/shm")
    store = Path(
        tempfile.mkdtemp(prefix="drf-jwt-podman-", dir=memory if memory.is_dir() else config)
    )
    (config / "containers.conf").write_text(CONTAINERS_CONF)
    (config / "storage.conf").write_text(STORAGE_CONF.format(store=store))
    (store / "tmp").mkdir()
    podman = Podman(
        {
            **os.environ,
            "CONTAINERS_CONF": str(config / "containers.conf"),
            "CONTAINERS_STORAGE_CONF": str(config / "storage.conf"),
            "TMPDIR": str(store / "tmp"),  # buildah's cache mounts (uv's downloads) live there
        },
        compose,
    )
    yield podman
    podman("rm", "--all", "--force", check=False)
    shutil.rmtree(store)


@pytest.fixture(scope="module")
def base_image(podman, tmp_path_factory) -> str:
    """The local base image, made once for this module's tests."""
    image = f"localhost/drf-jwt-test-base:{uuid.uuid4().hex[:8]}"
    rootfs = tmp_path_factory.mktemp("base") / "rootfs.tar"
    started = time.monotonic()
    subprocess.run(
        [
            "mmdebstrap", "--variant=minbase", f"--include={BASE_PACKAGES}",
            "--aptopt=Apt::Install-Recommends false",
            *(f"--dpkgopt=path-exclude=/usr/share/{name}/*" for name in ("doc", "man", "locale")),
            f'--customize-hook=cp {HOST_AUTHORITIES}/*.crt "$1{HOST_AUTHORITIES}/" || true',
            '--customize-hook=chroot "$1" update-ca-certificates',
            "bookworm", str(rootfs), "http://deb.debian.org/debian",
        ],
        stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=600,
    )  # fmt: skip
    podman(
        "import",
        "--change", f"ENV SSL_CERT_FILE={SYSTEM_AUTHORITIES}",
        "--change", f"ENV PIP_CERT={SYSTEM_AUTHORITIES}",
        str(rootfs), image,
    )  # fmt: skip
    rootfs.unlink()
    transcript(f"base image {image}: {time.monotonic() - started:.1f} s, {podman.size(image)}")
    return image


@dataclass(frozen=True)
class Image:
    name: str
    project: Path


def build(podman: Podman, base: str, project: Path, name: str) -> tuple[float, str]:
    """Build the project's Dockerfile on `base` as `name` (the Docker image format, which has
    HEALTHCHECK); the seconds it took and podman's output."""
    started = time.monotonic()
    output = podman(
        "build", "--format", "docker", "--network", "host", "--build-arg", f"BASE_IMAGE={base}",
        "--tag", name, str(project),
    )  # fmt: skip
    return time.monotonic() - started, output


@pytest.fixture(scope="module")
def images(podman, base_image, bake) -> Callable[[dict], Image]:
    """The image of the bake of some answers, built once."""
    built: dict[tuple, Image] = {}

    def image(answers: dict) -> Image:
        key = tuple(sorted(answers.items()))
        if key not in built:
            project = bake(**answers)
            # Secrets beside the code, as a developer's copy has them: .env (the hook wrote it),
            # for public-key bakes keys/ (the local settings make it on first start), and the
            # certificate and key of compose.yaml's nginx (docs/containers.md's command makes
            # them).
            run([sys.executable, "manage.py", "check"], project, project_environment())
            run(["bash", "-e", "-c", readme_certificate_command(project)], project)
            name = f"localhost/drf-jwt-test-{uuid.uuid4().hex[:8]}"
            seconds, _ = build(podman, base_image, project, name)
            transcript(
                f"{dict(answers) or 'default'}: built in {seconds:.1f} s, {podman.size(name)}"
            )
            built[key] = Image(name, project)
        return built[key]

    return image


@pytest.fixture
def postgres_url(postgres_database) -> str:
    return postgres_database()


def server_environment(database_url: str, port: int) -> dict[str, str]:
    """Production variables for a container on the host's network: loopback only, the machine's
    database and Redis, a cache key prefix of its own (the login limits count per prefix)."""
    return {
        "GUNICORN_BIND": f"{LOOPBACK}:{port}",
        "GUNICORN_WORKERS": "2",
        "DJANGO_ALLOWED_HOSTS": LOOPBACK,
        "DATABASE_URL": database_url,
        "REDIS_URL": f"redis://{REDIS_HOST}:{REDIS_PORT}/0",
        "DJANGO_CACHE_KEY_PREFIX": f"containers-{uuid.uuid4().hex[:8]}",
        # Plain HTTP on loopback: no proxy here terminates TLS.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
    }


def bake_secrets(project: Path) -> dict[str, str]:
    """Every secret of the bake, by where it is: .env's, the files of deploy/secrets/, each line
    of its private keys (nginx's; a public-key bake's signing key)."""
    found = {f".env {name}": value for name, value in dotenv_secrets(project).items()}
    secrets = project / "deploy" / "secrets"
    if secrets.is_dir():
        found |= {f"deploy/secrets/{path.name}": path.read_text() for path in secrets.iterdir()}
    for key in (project / "deploy" / "certs" / "privkey.pem", project / "keys" / "signing.pem"):
        if key.exists():
            lines = [line for line in key.read_text().splitlines() if "-----" not in line]
            found |= {f"{key.relative_to(project)} line {n}": line for n, line in enumerate(lines)}
    return found


def dotenv_secrets(project: Path) -> dict[str, str]:
    """The secrets the hook wrote into the bake's .env."""
    pairs = (line.partition("=") for line in (project / ".env").read_text().splitlines())
    return {name: value for name, equals, value in pairs if equals and name in SECRET_NAMES}


def wait_healthy(podman: Podman, container: str) -> None:
    """Run the image's HEALTHCHECK until it passes (podman here has no systemd to schedule it)."""
    deadline = time.monotonic() + START_LIMIT
    while podman.run(["podman", "healthcheck", "run", container], 30, check=False).returncode:
        if time.monotonic() > deadline:
            logs = podman("logs", container, check=False)
            pytest.fail(f"{container} not healthy within {START_LIMIT} s\n{logs[-4000:]}")
        time.sleep(1)


def assert_token_flow(base: str, tls: ssl.SSLContext | None = None) -> str:
    """Log in as admin, use and refresh the tokens, read the docs page's own script; the access
    token. An https `base` with `tls`, which trusts its certificate."""
    api = f"{base}/api"
    call = functools.partial(client.call, tls=tls)
    login = call("POST", f"{api}/token/", {"username": "admin", "password": PASSWORD})
    assert login.status == 200, login
    access, refresh = login.body["access"], login.body["refresh"]
    assert call("GET", f"{api}/subscribers/").status == 401
    subscriber = {"name": "Ada", "age": 29, "email": "ada@example.com"}
    created = call("POST", f"{api}/subscribers/", subscriber, access)
    assert created.status == 201, created
    assert call("GET", f"{api}/subscribers/", token=access).body["results"] == [created.body]
    refreshed = call("POST", f"{api}/token/refresh/", {"refresh": refresh})
    assert refreshed.status == 200, refreshed
    assert call("POST", f"{api}/token/verify/", {"token": refreshed.body["access"]}).status == 200
    # collectstatic ran at build time: the production storage's hashed names are served.
    staff_docs = call("GET", f"{api}/docs/", token=access)
    assert staff_docs.status == 200, staff_docs
    script = staff_docs.body.split('src="', 1)[1].split('"', 1)[0]
    assert script.startswith("/static/drf_spectacular_sidecar/"), script
    assert re.search(r"\.[0-9a-f]{12}\.js$", script), script  # ManifestStaticFilesStorage's
    assert call("GET", f"{base}{script}").status == 200
    return access


@pytest.fixture
def container(podman) -> Iterator[Callable[..., str]]:
    """Start containers (`podman run -d` arguments); each removed after the test."""
    names: list[str] = []

    def start(*args: str) -> str:
        name = f"drf-jwt-test-{uuid.uuid4().hex[:8]}"
        names.append(name)
        podman("run", "--detach", "--name", name, "--network", "host", *args)
        return name

    yield start
    for name in names:
        podman("rm", "--force", name, check=False)


def env_args(environment: dict[str, str]) -> list[str]:
    return [arg for name, value in environment.items() for arg in ("--env", f"{name}={value}")]


def serve(podman, container, image: Image, database_url: str, *args: str) -> tuple[str, str]:
    """Migrate and serve `image` as a production server would; (container, base URL)."""
    port = reserved_port()
    environment = server_environment(database_url, port)
    secrets = dotenv_secrets(image.project)
    environment["DJANGO_SECRET_KEY"] = secrets["DJANGO_SECRET_KEY"]
    if "JWT_SIGNING_KEY" in secrets:
        environment["JWT_SIGNING_KEY"] = secrets["JWT_SIGNING_KEY"]
    once = ["run", "--rm", "--network", "host", *env_args(environment), *args]
    podman(*once, image.name, "python", "manage.py", "migrate", "--no-input")
    podman(*once, "--env", f"DJANGO_SUPERUSER_PASSWORD={PASSWORD}", image.name,
           "python", "manage.py", "createsuperuser", "--no-input", "--username", "admin",
           "--email", "admin@example.com")  # fmt: skip
    name = container(*env_args(environment), *args, image.name)
    wait_healthy(podman, name)
    return name, f"http://{LOOPBACK}:{port}"


def step_cached(output: str, instruction: str) -> bool:
    """Whether `podman build` reused its cache for the step of `instruction`."""
    step = next(step for step in output.split("STEP ")[1:] if instruction in step.split("\n")[0])
    return "--> Using cache" in step


def readable_by_the_image(path: Path) -> Path:
    """Let the image's user read `path` through its group, as docs/containers.md tells users
    to."""
    os.chown(path, -1, APP_USER_ID)
    path.chmod(0o640)
    return path


def signing_key_mount(project: Path) -> list[str]:
    """`podman run` arguments mounting the bake's signing key as a secret file."""
    key = readable_by_the_image(project / "keys" / "signing.pem")
    return ["--volume", f"{key}:/run/secrets/jwt-signing-key:ro",
            "--env", "JWT_SIGNING_KEY_FILE=/run/secrets/jwt-signing-key"]  # fmt: skip


def test_default_image_serves_the_token_flow_as_a_non_root_user(
    podman, images, container, tmp_path
):
    require_redis()
    image = images(OPTION_SETS["default"])
    data = tmp_path / "data"  # the SQLite database's volume
    data.mkdir()
    os.chown(data, APP_USER_ID, APP_USER_ID)

    name, base = serve(podman, container, image, "sqlite:////data/db.sqlite3",
                       "--volume", f"{data}:/data")  # fmt: skip

    assert podman("exec", name, "id", "-u").strip() == str(APP_USER_ID)
    assert podman("image", "inspect", "--format", "{{.Config.User}}", image.name).strip() == "app"
    health = call("GET", f"{base}/healthz")
    assert (health.status, health.body) == (200, {"database": "ok", "cache": "ok"})
    assert_token_flow(base)
    transcript(f"default image: token flow over HTTP passed at {base}, as uid {APP_USER_ID}")


def test_es256_postgresql_image_signs_with_the_mounted_key(
    podman, images, container, postgres_url
):
    require_postgres()
    require_redis()
    image = images(ES256_POSTGRESQL)

    name, base = serve(podman, container, image, postgres_url, *signing_key_mount(image.project))

    assert podman("exec", name, "id", "-u").strip() == str(APP_USER_ID)
    access = assert_token_flow(base)
    # The mounted key signs: the JWKS publishes its public half under the token's kid.
    kid = jwt.get_unverified_header(access)["kid"]
    published = {
        key["kid"]: key for key in call("GET", f"{base}/.well-known/jwks.json").body["keys"]
    }
    mounted = serialization.load_pem_private_key(
        (image.project / "keys" / "signing.pem").read_bytes(), password=None
    )
    assert jwt.PyJWK(published[kid]).key.public_numbers() == mounted.public_key().public_numbers()
    transcript(f"ES256 + PostgreSQL image: token flow passed, signed by the mounted key {kid}")


def layer_files(archive: Path) -> Iterator[tuple[str, bytes]]:
    """(path, content) of every regular file in every layer of a `podman save` archive."""
    with tarfile.open(archive) as image:
        for member in image:
            if not member.name.endswith(".tar"):
                continue
            with tarfile.open(fileobj=image.extractfile(member)) as layer:
                for entry in layer:
                    if entry.isfile():
                        yield entry.name, layer.extractfile(entry).read()


@pytest.mark.parametrize(
    "answers", [OPTION_SETS["default"], ES256_POSTGRESQL], ids=["default", "ES256-postgresql"]
)
def test_no_layer_holds_the_bake_s_secrets(podman, images, tmp_path, answers):
    image = images(answers)
    secrets = [value.encode() for value in bake_secrets(image.project).values()]
    assert secrets
    archive = tmp_path / "image.tar"
    podman("save", "--format", "docker-archive", "--output", str(archive), image.name)

    files = 0
    for path, content in layer_files(archive):
        files += 1
        assert path != "app/.env", path
        assert not path.startswith(("app/keys/", "app/deploy/certs/", "app/deploy/secrets/")), path
        assert not any(secret in content for secret in secrets), path
    history = podman("history", "--no-trunc", "--format", "{{.CreatedBy}}", image.name)
    assert not any(secret.decode() in history for secret in secrets)
    transcript(f"{answers or 'default'}: {files} files in the image's layers, no secret in any")


def test_code_change_rebuilds_on_the_cached_dependency_layer(podman, images, base_image, tmp_path):
    image = images(OPTION_SETS["default"])
    changed = tmp_path / "project"
    shutil.copytree(image.project, changed)
    with (changed / "config" / "urls.py").open("a") as urls:
        urls.write("# changed\n")
    name = f"{image.name}-changed"

    try:
        seconds, output = build(podman, base_image, changed, name)
    finally:
        podman("rmi", "--force", name, check=False)

    assert step_cached(output, "uv sync --locked"), output
    assert not step_cached(output, "COPY . ."), output
    transcript(f"default: rebuilt after a code change in {seconds:.1f} s, dependencies cached")


# compose.yaml's services whose images come from a registry, which cannot be reached here.
# PostgreSQL and Redis give way to the machine's; nginx runs Debian's nginx, on the local base.
MACHINE_SERVICES = ("redis", "db")
NGINX_CONTAINERFILE = """\
FROM {base}
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nginx-light \\
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \\
    && ln -sf /dev/stderr /var/log/nginx/error.log
CMD ["nginx", "-g", "daemon off;"]
"""
# A container on slirp4netns reaches the host's loopback at this address.
HOST_LOOPBACK = "10.0.2.2"
API_NETWORK = "slirp4netns:allow_host_loopback=true"


@pytest.fixture(scope="module")
def nginx_image(podman, base_image, tmp_path_factory) -> str:
    """nginx as the official image runs it (conf.d/*.conf, in the foreground), from Debian."""
    context = tmp_path_factory.mktemp("nginx")
    (context / "Containerfile").write_text(NGINX_CONTAINERFILE.format(base=base_image))
    name = f"localhost/drf-jwt-test-nginx:{uuid.uuid4().hex[:8]}"
    podman("build", "--network", "host", "--tag", name, str(context))
    return name


def compose_on_the_machine(
    project: Path, image: str, nginx: str, environment: dict[str, str], ports: dict[int, int]
) -> dict:
    """compose.yaml as written, but for what cannot run here: its PostgreSQL and Redis give way
    to the machine's, reached on the host's loopback from the API's own network; nginx is
    Debian's; the API runs the image already built; its ports are free loopback `ports`
    (container port: host port)."""
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    services = compose["services"]
    for name in MACHINE_SERVICES:
        services.pop(name, None)
    services["nginx"]["image"] = nginx
    for name in ("migrate", "app"):
        service = services[name]
        del service["build"]
        service.update(image=image, network_mode=API_NETWORK)
        service["environment"] |= environment
        depends_on = service.pop("depends_on", {})
        if kept := {name: depends_on[name] for name in depends_on if name in services}:
            service["depends_on"] = kept
    services["app"]["ports"] = [f"{LOOPBACK}:{host}:{inside}" for inside, host in ports.items()]
    used = {volume.split(":")[0] for service in services.values()
            for volume in service.get("volumes", [])}  # fmt: skip
    compose["volumes"] = {name: spec for name, spec in compose.get("volumes", {}).items()
                          if name in used}  # fmt: skip
    return compose


def readme_certificate_command(project: Path) -> str:
    """The command of the bake's docs/containers.md (the README links it) that makes a
    certificate for compose.yaml's nginx."""
    page = (project / "docs" / "containers.md").read_text()
    start = page.index("mkdir -p deploy/certs")
    return page[start : page.index("\n", page.index("fullchain.pem", start))]


SCRAPED_REQUESTS = 30


def healthz_requests(base: str, tls: ssl.SSLContext, token: str) -> float:
    """The /healthz requests one scrape of /metrics counts."""
    scrape = call("GET", f"{base}/metrics", token=token, tls=tls)
    assert scrape.status == 200, scrape
    healthz = {"view": "healthz", "method": "GET", "status": "200"}
    return sum(
        sample.value
        for family in text_string_to_metric_families(scrape.body)
        for sample in family.samples
        if sample.name == "http_requests_total" and sample.labels == healthz
    )


def test_compose_stack_comes_up_and_down_cleanly(podman, images, nginx_image, postgres_url):
    require_postgres()
    require_redis()
    image = images(ES256_POSTGRESQL)
    project = image.project
    for key in ("signing.pem", "previous.pem"):
        readable_by_the_image(project / "keys" / key)
    # nginx's certificate, made with docs/containers.md's command when the image was built.
    certs = project / "deploy" / "certs"
    ports = {80: reserved_port(), 443: reserved_port()}
    environment = {
        "DATABASE_URL": postgres_url.replace(f"@{LOOPBACK}:", f"@{HOST_LOOPBACK}:"),
        "REDIS_URL": f"redis://{HOST_LOOPBACK}:{REDIS_PORT}/0",
        "DJANGO_CACHE_KEY_PREFIX": f"containers-{uuid.uuid4().hex[:8]}",
    }
    # Beside compose.yaml: its relative paths (.env, keys/, deploy/) are the project's.
    machine = project / "compose.machine.yaml"
    machine.write_text(
        yaml.safe_dump(
            compose_on_the_machine(project, image.name, nginx_image, environment, ports)
        )
    )
    name = f"drfjwt{uuid.uuid4().hex[:8]}"
    compose = [podman.compose, "--project-name", name, "--file", str(machine)]
    started = time.monotonic()

    def containers() -> list[str]:
        return podman("ps", "--all", "--filter", f"label=io.podman.compose.project={name}",
                      "--format", "{{.Names}} {{.Status}}").splitlines()  # fmt: skip

    def container(service: str) -> str:
        return next(line.split()[0] for line in containers() if f"_{service}_" in line)

    try:
        podman.run([*compose, "up", "--detach"], timeout=300)
        wait_healthy(podman, container("app"))
        up = time.monotonic() - started
        migrate = container("migrate")
        assert podman("inspect", "--format", "{{.State.ExitCode}}", migrate).strip() == "0"
        podman("exec", "--env", f"DJANGO_SUPERUSER_PASSWORD={PASSWORD}", container("app"),
               "python", "manage.py", "createsuperuser", "--no-input", "--username", "admin",
               "--email", "admin@example.com")  # fmt: skip
        base = f"https://localhost:{ports[443]}"
        tls = ssl.create_default_context(cafile=str(certs / "fullchain.pem"))
        health = call("GET", f"{base}/healthz", tls=tls)
        assert (health.status, health.body) == (200, {"database": "ok", "cache": "ok"})
        # Through nginx: HTTPS as it terminates it, HSTS from Django behind it.
        assert "Strict-Transport-Security" in call("GET", f"{base}/api/", tls=tls).headers
        assert_token_flow(base, tls)
        # Plain HTTP is forwarded too, and Django sends it to HTTPS (an answer, not followed).
        plain = f"http://{LOOPBACK}:{ports[80]}/api/"
        redirect = call("GET", plain, headers={"Host": "localhost"})
        assert (redirect.status, redirect.headers["Location"]) == (301, "https://localhost/api/")
        # What `docker inspect` shows of every container (its environment, command, labels,
        # mounts) holds no secret: the secrets are files under /run/secrets.
        names = [line.split()[0] for line in containers()]
        inspected = podman("inspect", *names)
        assert len(names) == 3, names  # migrate (exited), app, nginx
        leaked = [name for name, value in bake_secrets(project).items() if value in inspected]
        assert leaked == [], leaked
        # /metrics through nginx, with the scraper's token the hook wrote: one scrape adds up
        # the requests of every gunicorn worker, each of which keeps its samples in the API's
        # directory in memory.
        token = (project / "deploy" / "secrets" / "metrics-token").read_text()
        before = healthz_requests(base, tls, token)
        for _ in range(SCRAPED_REQUESTS):
            assert call("GET", f"{base}/healthz", tls=tls).status == 200
        assert healthz_requests(base, tls, token) == before + SCRAPED_REQUESTS
        samples = podman("exec", container("app"), "ls", "/run/metrics").split()
        workers = len([name for name in samples if name.startswith("counter_")])
        assert workers > 1, samples
    finally:
        down = podman.run([*compose, "down", "--volumes"], timeout=120, check=False)
        machine.unlink()
    assert down.returncode == 0, down.stderr
    assert containers() == []
    transcript(
        f"compose: migrate ran once, the API healthy {up:.1f} s after `up`, the token flow "
        f"passed through nginx over HTTPS, no secret in `podman inspect` of {len(names)} "
        f"containers, one scrape counted {SCRAPED_REQUESTS} requests served by {workers} "
        "workers; `down` left nothing"
    )
