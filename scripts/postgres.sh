# shellcheck shell=bash
# PostgreSQL 15 + pgvector for the local stack, sourced by ./hybridrag.
# The server runs as the `postgres` OS user (PostgreSQL refuses root) with its data
# under $HR_VAR/postgres, listening on 127.0.0.1:$HR_PG_PORT only.

PG_BIN=/usr/lib/postgresql/15/bin
PGVECTOR_VERSION=0.8.0

pg_ensure_installed() {
  if [ ! -x "$PG_BIN/postgres" ]; then
    say "installing PostgreSQL 15 from Debian"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-contrib >/dev/null
  fi
  if [ ! -f /usr/share/postgresql/15/extension/vector.control ]; then
    pg_build_pgvector
  fi
}

# Debian bookworm has no pgvector package; build the one Debian trixie ships, from source.
pg_build_pgvector() {
  say "building pgvector $PGVECTOR_VERSION from Debian's source package (about a minute)"
  local src=/etc/apt/sources.list.d/hybridrag-trixie-src.sources
  if [ ! -f "$src" ]; then
    cat >"$src" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    HR_APT_UPDATED=""
  fi
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dpkg-dev make gcc postgresql-server-dev-15 >/dev/null
  local build
  build=$(mktemp -d)
  (cd "$build" && apt-get source -q --download-only "pgvector=$PGVECTOR_VERSION-*" >/dev/null 2>&1 \
      || apt-get source -q --download-only pgvector >/dev/null) || die "could not download Debian's pgvector source package"
  (cd "$build" && dpkg-source -q -x --skip-debianization ./*.dsc src >/dev/null) || die "could not unpack pgvector source"
  make -s -C "$build/src" PG_CONFIG=$PG_BIN/pg_config >"$build/make.log" 2>&1 \
    && make -s -C "$build/src" PG_CONFIG=$PG_BIN/pg_config install >>"$build/make.log" 2>&1 \
    || { tail -20 "$build/make.log" >&2; die "pgvector build failed (log: $build/make.log)"; }
  rm -rf "$build"
  say "pgvector installed"
}

pg_data_dir() { echo "$HR_VAR/postgres/data"; }

# Our own server, by its data directory: another PostgreSQL on the port does not count.
pg_is_running() {
  [ -f "$(pg_data_dir)/postmaster.pid" ] \
    && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$(pg_data_dir)" status >/dev/null 2>&1
}

pg_start() {
  local data
  data=$(pg_data_dir)
  mkdir -p "$HR_VAR/postgres" "$HR_VAR/log"
  chown postgres:postgres "$HR_VAR/postgres"
  runuser -u postgres -- test -x "$HR_VAR/postgres" \
    || die "the postgres user cannot reach $HR_VAR (a parent folder is private, e.g. /root is 700); check out hybridrag somewhere world-traversable, e.g. /opt or /srv"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "initialising PostgreSQL data in $data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed"
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $HR_PG_PORT
unix_socket_directories = '$HR_VAR/postgres'
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  if ! pg_is_running; then
    touch "$HR_VAR/log/postgres.log" && chown postgres:postgres "$HR_VAR/log/postgres.log"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$HR_VAR/log/postgres.log" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start; see $HR_VAR/log/postgres.log"
  fi
  mkdir -p "$HR_VAR/run"
  head -1 "$data/postmaster.pid" >"$HR_VAR/run/postgres.pid" 2>/dev/null || true
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$HR_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname='hybridrag') THEN CREATE ROLE hybridrag LOGIN SUPERUSER PASSWORD 'hybridrag'; END IF; END \$\$;" >/dev/null
  if ! "$PG_BIN/psql" -tA -h 127.0.0.1 -p "$HR_PG_PORT" -U postgres -d postgres -c "SELECT 1 FROM pg_database WHERE datname='hybridrag'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$HR_PG_PORT" -U postgres -O hybridrag hybridrag
  fi
  "$PG_BIN/psql" -q -h 127.0.0.1 -p "$HR_PG_PORT" -U postgres -d hybridrag -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null \
    || die "the vector extension could not be created"
}

pg_stop() {
  local data
  data=$(pg_data_dir)
  [ -f "$data/postmaster.pid" ] || return 0
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
}
