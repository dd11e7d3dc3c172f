"""The template's harness: what its tests (tests/) and benchmarks (benchmarks/) need to bake the
template, run and serve a bake, and talk to it. It imports neither of them.

One module a concern:

    paths         the template's root, and where tests leave files for people to look at
    answers       the template's signing algorithms, and what a set of answers decides
    project_code  the generated project's own plain modules (its key code), loaded by path
    bakes         baking the template outside pytest, and reading a bake's .env
    environments  the environment a bake runs in: a user's shell, a new user's, production's
    deployment    a bake deployed as its README says: gunicorn, the proxy's header, mail settings
    serving       a server command on a reserved loopback port, stopped with all it started
    nginx         nginx with a bake's deploy/nginx.conf in front of a served bake
    local_servers a PostgreSQL cluster and a Redis of one's own, to stop and start at will
    soak          simulated users against a deployed bake while faults come, then the invariants
    mail          an SMTP server in this process that keeps what it is sent
    client        one HTTP request to a served bake, its answer as data
    commands      running a command in a bake, and reading its test suite's result
    services      PostgreSQL, Redis and other needs of a test: skip without them, or fail in CI
    pythons       the Python interpreters this machine has
    readme        a README's code blocks and transcripts
    workflow      a bake's CI workflow and its dependency audit

The benchmarks run as scripts in the tests' environment but without pytest: paths, answers,
project_code, bakes, environments, deployment, serving, nginx, local_servers, soak, mail and
readme import no pytest. The
others fail or skip the running test, and are for tests only.
"""
