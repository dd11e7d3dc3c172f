#!/bin/sh
# compose.yaml's PostgreSQL runs this once, when its data volume is new (the image's
# /docker-entrypoint-initdb.d): the API's own role, which owns the API's database and nothing
# else, so the API never connects as the superuser. The role's name and the file that holds its
# password come from compose.yaml (DATABASE_USER, DATABASE_PASSWORD_FILE: deploy/secrets/).
# psql reads the password from the file itself: it is on no command line.
if [ ! -r "$DATABASE_PASSWORD_FILE" ]; then
    echo "postgres-init.sh: cannot read DATABASE_PASSWORD_FILE ($DATABASE_PASSWORD_FILE)" >&2
    exit 1
fi
psql --set ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set name="$DATABASE_USER" <<'SQL'
\set password `cat "$DATABASE_PASSWORD_FILE"`
CREATE ROLE :"name" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
