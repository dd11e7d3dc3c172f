#!/bin/sh
# compose.yaml's PostgreSQL runs this once, when its data volume is new (the image's
# /docker-entrypoint-initdb.d): the API's own role, which owns the API's database and nothing
# else, so the API never connects as the superuser. The names and the password come from
# compose.yaml (DATABASE_USER, DATABASE_PASSWORD of .env).
psql --set ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    --set name="$DATABASE_USER" --set password="$DATABASE_PASSWORD" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
