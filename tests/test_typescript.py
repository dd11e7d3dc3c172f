"""The example front end's code type-checks against the API it calls: TypeScript types generated
from the bake's OpenAPI schema (openapi-typescript), then tsc over the front end's JavaScript
(JSDoc types), as the bake's docs/browser-clients.md says. A changed API breaks this test.

Needs Node.js and npm (`apt-get install nodejs npm`) and the npm registry (npm's cache in ~/.npm
makes later runs take seconds).
"""

import re
import shutil
import sys

import pytest

from bakery import option_sets
from harness.commands import run
from harness.environments import project_environment
from harness.services import require


# Every front-end module: the second factor alone (login_second_factor.js, factors.js) and with
# passkeys (login_passkeys.js, passkeys.js).
@pytest.mark.parametrize(
    "answers", option_sets(["cookie", "EdDSA-cookie-stateless-postgresql"]), indirect=True
)
def test_example_front_end_type_checks_against_the_api_schema(project, tmp_path):
    require(
        shutil.which("npm") is not None,
        "npm is not installed: `apt-get install nodejs npm` (Debian) to type-check the example "
        "front end",
    )
    # A copy: the bake is shared with other tests, which must not find the generated files.
    frontend = tmp_path / "frontend"
    shutil.copytree(project / "frontend", frontend)
    environment = project_environment()
    schema = frontend / "openapi.yaml"
    run([sys.executable, "manage.py", "spectacular", "--file", str(schema)], project, environment)
    run(["npm", "ci", "--no-audit", "--no-fund"], frontend, environment)
    run(["npm", "run", "check"], frontend, environment)

    # The same check fails once the API drops a field the page shows.
    text = schema.read_text()
    subscriber = re.search(r"^    Subscriber:\n(?:^      .*\n|^\n)+", text, re.MULTILINE)
    assert subscriber is not None, text
    without_email = (
        subscriber[0].replace("      - email\n", "").replace("        email:\n", "        mail:\n")
    )
    schema.write_text(text.replace(subscriber[0], without_email))
    drifted = run(["npm", "run", "check"], frontend, environment, check=False)
    assert drifted.returncode != 0
    error = r"app\.js\(\d+,\d+\): error TS\d+: Property 'email' does not exist"
    assert re.search(error, drifted.stdout), drifted.stdout
