# shellcheck shell=bash
# PostgreSQL 15 + pgvector for the local stack, sourced by ./hybridrag.
# The server runs as the `postgres` OS user (PostgreSQL refuses root) with its data
# under $HR_VAR/postgres, listening on 127.0.0.1:$HR_PG_PORT only.
#
# Who may log in (docs/security.md): on the socket in $HR_VAR/postgres only the OS user of the same name (peer), so
# these scripts reach the superuser `postgres` as the `postgres` OS user; over TCP only with a password
# (scram-sha-256). `postgres` has no password, so it cannot log in over TCP at all. The administrator `hybridrag`
# has a random password kept in $HR_VAR/secrets/admin-password (0600), made on the first start.

PG_BIN=/usr/lib/postgresql/15/bin
# 0.8.0 (Debian trixie) has CVE-2026-3172 and an HNSW vacuum corruption; sid carries 0.8.7.
PGVECTOR_VERSION=0.8.7
PGVECTOR_FALLBACK_VERSION=0.8.0

pg_ensure_installed() {
  if [ ! -x "$PG_BIN/postgres" ]; then
    say "installing PostgreSQL 15 from Debian"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 postgresql-contrib >/dev/null
  fi
  local installed
  installed=$(pgvector_installed_version)
  if [ -z "$installed" ]; then
    pg_build_pgvector "$PGVECTOR_VERSION" sid \
      || pg_build_pgvector "$PGVECTOR_FALLBACK_VERSION" trixie \
      || die "could not build pgvector from Debian's source packages"
  elif version_below "$installed" "$PGVECTOR_VERSION" && pgvector_upgrade_due; then
    say "pgvector $installed is installed; upgrading to $PGVECTOR_VERSION"
    pg_build_pgvector "$PGVECTOR_VERSION" sid || true
  fi
  installed=$(pgvector_installed_version)
  if version_below "$installed" "$PGVECTOR_VERSION"; then
    say "warning: pgvector $installed is older than $PGVECTOR_VERSION (CVE-2026-3172; docs/security.md); the next up tries again" >&2
  fi
}

# The version CREATE EXTENSION installs: the control file's default_version; empty when pgvector is missing.
pgvector_installed_version() {
  sed -n "s/^default_version = '\(.*\)'/\1/p" /usr/share/postgresql/15/extension/vector.control 2>/dev/null || true
}

# True when $1 is an older dotted version than $2.
version_below() {
  [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]
}

# An upgrade is tried at most once a day, so an unreachable source package costs one apt round a day, not one an up.
pgvector_upgrade_due() {
  local stamp=/var/tmp/hybridrag-pgvector-upgrade-tried
  [ -n "$(find "$stamp" -mmin -1440 2>/dev/null)" ] && return 1
  touch "$stamp" 2>/dev/null || true
}

# pg_build_pgvector VERSION SUITE: builds and installs Debian's pgvector source package of that version (about a
# minute). Returns non-zero, having installed nothing, when the source cannot be had or does not build.
pg_build_pgvector() {
  local version=$1 suite=$2
  say "building pgvector $version from Debian's source package ($suite; about a minute)"
  local src=/etc/apt/sources.list.d/hybridrag-$suite-src.sources
  if [ ! -f "$src" ]; then
    cat >"$src" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    HR_APT_UPDATED=""
  fi
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dpkg-dev make gcc postgresql-server-dev-15 >/dev/null
  local build exact
  build=$(mktemp -d)
  # apt-get source takes an exact version: the Debian revision of $version the suite's index lists.
  exact=$(apt-cache showsrc pgvector 2>/dev/null | sed -n "s/^Version: \($version-.*\)/\1/p" | head -1)
  if ! (cd "$build" && apt-get source -q --download-only "pgvector=${exact:-$version}" >"$build/source.log" 2>&1); then
    say "Debian's pgvector $version source package could not be downloaded: $(grep -m1 '^E:' "$build/source.log")" >&2
    rm -rf "$build"
    return 1
  fi
  if ! (cd "$build" && dpkg-source -q -x --skip-debianization ./*.dsc src >/dev/null 2>&1) \
      || ! make -s -C "$build/src" PG_CONFIG=$PG_BIN/pg_config >"$build/make.log" 2>&1; then
    tail -20 "$build/make.log" >&2
    say "pgvector $version did not build (log: $build/make.log)" >&2
    return 1
  fi
  # Only a build that succeeded replaces the installed files; databases keep their version until ALTER EXTENSION.
  make -s -C "$build/src" PG_CONFIG=$PG_BIN/pg_config install >>"$build/make.log" 2>&1 \
    || { tail -20 "$build/make.log" >&2; die "pgvector $version built but did not install (log: $build/make.log)"; }
  rm -rf "$build"
  say "pgvector $version installed"
}

pg_data_dir() { echo "$HR_VAR/postgres/data"; }
pg_socket_dir() { echo "$HR_VAR/postgres"; }
pg_admin_password_file() { echo "$HR_VAR/secrets/admin-password"; }

# The administrator's password, made once (random, 0600) and read by ./hybridrag for the services and the tests.
pg_admin_password() {
  local file
  file=$(pg_admin_password_file)
  if [ ! -s "$file" ]; then
    (umask 077 && mkdir -p "$(dirname "$file")")
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  fi
  chmod 700 "$(dirname "$file")" && chmod 600 "$file"
  cat "$file"
}

# psql as the superuser `postgres`, on the socket (peer: as the postgres OS user). Statements come on stdin or as
# arguments; a password only ever on stdin, so it is never on a command line.
pg_superuser_psql() {
  local database=$1
  shift
  PGOPTIONS="-c client_min_messages=warning" runuser -u postgres -- "$PG_BIN/psql" -X -q -h "$(pg_socket_dir)" -p "$HR_PG_PORT" -U postgres -d "$database" \
    -v ON_ERROR_STOP=1 "$@"
}

# Our own server, by its data directory: another PostgreSQL on the port does not count.
pg_is_running() {
  [ -f "$(pg_data_dir)/postmaster.pid" ] \
    && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$(pg_data_dir)" status >/dev/null 2>&1
}

# Written on every start: a data directory from an older version (trust for every local login) is converted here.
pg_write_hba() {
  local hba="$1/pg_hba.conf" wanted
  wanted=$(
    cat <<'HBA'
# Written by scripts/postgres.sh on every start; edits here are lost (docs/security.md).
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  peer
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
HBA
  )
  [ "$(cat "$hba" 2>/dev/null)" = "$wanted" ] && return 1
  printf '%s\n' "$wanted" >"$hba"
  chown postgres:postgres "$hba"
  chmod 600 "$hba"
}

# pg_write_conf DATA NAME CONTENT: settings written on every start into DATA/NAME, a file postgresql.conf includes
# (after its own lines, so these win); returns 0 when the file changed (server settings take effect on a restart).
pg_write_conf() {
  local conf="$1/$2" wanted="$3"
  grep -qx "include_if_exists = '$2'" "$1/postgresql.conf" \
    || echo "include_if_exists = '$2'" >>"$1/postgresql.conf"
  [ "$(cat "$conf" 2>/dev/null)" = "$wanted" ] && return 1
  printf '%s\n' "$wanted" >"$conf"
  chown postgres:postgres "$conf"
}

# Settings the walls need. While pgvector is older than 0.8.2 (CVE-2026-3172: a parallel HNSW build overflows a
# buffer and can read other relations' data), the server has no background workers at all: any login that may create
# an index can raise max_parallel_maintenance_workers for its session, but not max_worker_processes.
pg_write_walls_conf() {
  local wanted
  if version_below "$(pgvector_installed_version)" 0.8.2; then
    wanted=$(printf '%s\n' "# Written by scripts/postgres.sh on every start (docs/security.md): pgvector $(pgvector_installed_version) has CVE-2026-3172." \
      "max_worker_processes = 0" "max_logical_replication_workers = 0" "max_parallel_maintenance_workers = 0")
  else
    wanted="# Written by scripts/postgres.sh on every start (docs/security.md)."
  fi
  pg_write_conf "$1" hybridrag-walls.conf "$wanted"
}

# The shared buffer cache: a quarter of this machine's memory, at least 128 MB and at most 2 GB. A search reads
# thousands of HNSW index pages; when a tenant's indexes do not fit (the query benchmark's 100k tenant has 490 MB of
# them), a third of those pages came from the kernel's page cache at 256 MB and mix retrieval took 46 ms at the
# median instead of 35 (docs/benchmarks/query.md). PostgreSQL's own default is 128 MB. On huge pages
# (pg_reserve_huge_pages) the memory is reserved at start; otherwise it is taken as pages are read.
pg_shared_buffers_mb() {
  local total_kb quarter
  total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
  quarter=$(( ${total_kb:-0} / 4096 ))
  (( quarter < 128 )) && quarter=128
  (( quarter > 2048 )) && quarter=2048
  echo "$quarter"
}

pg_write_memory_conf() {
  pg_write_conf "$1" hybridrag-memory.conf "$(printf '%s\n' \
    "# Written by scripts/postgres.sh on every start: a quarter of the machine's memory, 128 MB to 2 GB." \
    "shared_buffers = $(pg_shared_buffers_mb)MB")"
}

# PostgreSQL's shared memory on huge pages (2 MB) rather than 4 kB ones. An HNSW search visits thousands of buffers
# at random, and with 4 kB pages nearly every visit misses the CPU's address cache (TLB): PostgreSQL's CPU per mix
# query on the query benchmark's tenant was 53 ms on 4 kB pages and 34 on huge pages, the median 42.5 ms against
# 34.9 (docs/benchmarks/query-cpu.md). The kernel keeps no huge pages unless asked (vm.nr_hugepages), so, as root,
# this reserves the ones the server needs (PostgreSQL computes the number) before starting it, and pg_stop gives
# back what was reserved here. PostgreSQL's default huge_pages=try runs on 4 kB pages when too few are free (another
# server took them, or memory too fragmented to find 2 MB runs). HR_PG_HUGE_PAGES=off leaves the kernel alone.
pg_huge_pages_file() { echo "$HR_VAR/run/postgres-huge-pages"; }

pg_reserve_huge_pages() {
  local data=$1 need free total reserved
  [ "${HR_PG_HUGE_PAGES:-on}" != off ] && [ -w /proc/sys/vm/nr_hugepages ] || return 0
  need=$(runuser -u postgres -- "$PG_BIN/postgres" -D "$data" -C shared_memory_size_in_huge_pages 2>/dev/null) || return 0
  [[ $need =~ ^[0-9]+$ ]] && (( need > 0 )) || return 0
  # Free pages a running server has mapped but not yet touched are promised to it (HugePages_Rsvd).
  free=$(awk '/^HugePages_Free:/ { f = $2 } /^HugePages_Rsvd:/ { r = $2 } END { print f - r }' /proc/meminfo)
  (( free < need )) || return 0
  total=$(cat /proc/sys/vm/nr_hugepages)
  echo $(( total + need - free )) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
  reserved=$(( $(cat /proc/sys/vm/nr_hugepages) - total ))
  if (( reserved < need - free )); then
    echo "$total" >/proc/sys/vm/nr_hugepages 2>/dev/null || true
    say "PostgreSQL runs on 4 kB pages: the kernel found $reserved of the $(( need - free )) huge pages it needs (memory too fragmented; docs/deployment.md)"
    return 0
  fi
  mkdir -p "$HR_VAR/run"
  echo $(( $(cat "$(pg_huge_pages_file)" 2>/dev/null || echo 0) + reserved )) >"$(pg_huge_pages_file)"
  say "reserved $reserved huge pages of 2 MB for PostgreSQL's shared memory (vm.nr_hugepages; down gives them back)"
}

pg_release_huge_pages() {
  local file reserved total
  file=$(pg_huge_pages_file)
  [ -f "$file" ] || return 0
  reserved=$(cat "$file")
  total=$(cat /proc/sys/vm/nr_hugepages)
  echo $(( total > reserved ? total - reserved : 0 )) >/proc/sys/vm/nr_hugepages 2>/dev/null || true
  rm -f "$file"
}

pg_start() {
  local data existed="" converted=""
  data=$(pg_data_dir)
  mkdir -p "$HR_VAR/postgres" "$HR_VAR/log"
  chown postgres:postgres "$HR_VAR/postgres"
  chmod 700 "$HR_VAR/postgres"
  runuser -u postgres -- test -x "$HR_VAR/postgres" \
    || die "the postgres user cannot reach $HR_VAR (a parent folder is private, e.g. /root is 700); check out hybridrag somewhere world-traversable, e.g. /opt or /srv"
  [ -f "$data/PG_VERSION" ] && existed=yes
  if [ -z "$existed" ]; then
    say "initialising PostgreSQL data in $data"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $HR_PG_PORT
unix_socket_directories = '$HR_VAR/postgres'
max_connections = 200
password_encryption = scram-sha-256
CONF
  fi
  if pg_write_hba "$data" && [ -n "$existed" ]; then
    converted=yes
  fi
  local walls_changed="" memory_changed=""
  pg_write_walls_conf "$data" && walls_changed=yes
  pg_write_memory_conf "$data" && memory_changed=yes
  if [ -n "$walls_changed$memory_changed" ] && pg_is_running; then
    if [ -n "$walls_changed" ]; then
      say "restarting PostgreSQL: its parallel workers change with pgvector's version (docs/security.md)"
    else
      say "restarting PostgreSQL: its shared buffers change with this machine's memory"
    fi
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null || die "PostgreSQL did not stop"
  fi
  if ! pg_is_running; then
    pg_reserve_huge_pages "$data"
    touch "$HR_VAR/log/postgres.log" && chown postgres:postgres "$HR_VAR/log/postgres.log"
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -l "$HR_VAR/log/postgres.log" -w -t 60 start >/dev/null \
      || die "PostgreSQL did not start; see $HR_VAR/log/postgres.log"
  else
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" reload >/dev/null
  fi
  mkdir -p "$HR_VAR/run"
  head -1 "$data/postmaster.pid" >"$HR_VAR/run/postgres.pid" 2>/dev/null || true
  pg_admin_role
  [ -z "$converted" ] || say "converted $data: peer on the socket, passwords over TCP, the administrator's password in $(pg_admin_password_file)"
  if ! pg_superuser_psql postgres -tA -c "SELECT 1 FROM pg_database WHERE datname='hybridrag'" | grep -q 1; then
    pg_superuser_psql postgres -c "CREATE DATABASE hybridrag OWNER hybridrag" >/dev/null
  fi
  pg_superuser_psql hybridrag -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null \
    || die "the vector extension could not be created"
  pg_update_vector_everywhere
}

# The administrator `hybridrag`: a superuser (CREATE EXTENSION vector needs one) whose password is the random one in
# var/secrets, set on every start, so the literal `hybridrag` of older versions stops working at once.
pg_admin_role() {
  local password
  password=$(pg_admin_password)
  pg_superuser_psql postgres >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hybridrag') THEN CREATE ROLE hybridrag LOGIN SUPERUSER; END IF;
END \$\$;
ALTER ROLE hybridrag PASSWORD '$password';
SQL
}

# After pgvector's files were upgraded, each database keeps its old version until ALTER EXTENSION vector UPDATE.
pg_update_vector_everywhere() {
  local database updated
  for database in $(pg_superuser_psql postgres -tA -c "SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1"); do
    updated=$(pg_superuser_psql "$database" -tA <<'SQL'
SELECT e.extversion FROM pg_extension e JOIN pg_available_extensions a ON a.name = e.extname
 WHERE e.extname = 'vector' AND e.extversion <> a.default_version;
SQL
    )
    if [ -n "$updated" ]; then
      pg_superuser_psql "$database" -c "ALTER EXTENSION vector UPDATE" >/dev/null \
        && say "database $database: vector $updated updated to $(pgvector_installed_version)"
    fi
  done
}

pg_stop() {
  local data
  data=$(pg_data_dir)
  if [ -f "$data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  pg_release_huge_pages
}
