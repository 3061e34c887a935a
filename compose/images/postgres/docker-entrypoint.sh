#!/bin/bash
# The official postgres image's entrypoint contract, in short: on an empty PGDATA, initdb with POSTGRES_USER and
# POSTGRES_PASSWORD, create POSTGRES_DB, run /docker-entrypoint-initdb.d; then exec the command as user postgres.
set -euo pipefail

as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

if [ "${1:0:1}" = - ]; then set -- postgres "$@"; fi

if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    if [ -z "${POSTGRES_PASSWORD:-}" ]; then
      echo "error: database is uninitialized and POSTGRES_PASSWORD is not set; set it (compose: in .env)" >&2
      exit 1
    fi
    user=${POSTGRES_USER:-postgres} db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}}
    pwfile=$(mktemp) && printf '%s' "$POSTGRES_PASSWORD" >"$pwfile" && chown postgres "$pwfile"
    as_postgres initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    printf "listen_addresses = '*'\n" >>"$PGDATA/postgresql.conf"
    printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
    # A server on the socket only while the database and init scripts are made, as the official image does; its
    # log shows, so "ready to accept connections" appears twice, which clients such as Testcontainers wait for.
    as_postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
    if [ "$db" != postgres ]; then
      as_postgres psql -v ON_ERROR_STOP=1 -q --username="$user" --dbname=postgres \
        -c "CREATE DATABASE \"$db\"" >/dev/null
    fi
    for script in /docker-entrypoint-initdb.d/*; do
      case $script in
        *.sh)
          # shellcheck disable=SC1090  # the init scripts of whoever runs the image
          . "$script"
          ;;
        *.sql) as_postgres psql -v ON_ERROR_STOP=1 -q --username="$user" --dbname="$db" -f "$script" ;;
      esac
    done
    as_postgres pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
    echo "PostgreSQL init process complete; ready for start up."
  fi
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$@"
fi
exec "$@"
