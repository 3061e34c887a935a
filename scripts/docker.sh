# The Docker engine and the images compose/ runs, sourced by ./hybridrag (docs/deployment.md, "Docker here").
#
# Bookworm's docker.io (20.10) and docker-compose (1.29) are too old for the Compose specification (top-level
# `name:`), so the engine and compose v2 come from Debian trixie, pinned low so nothing else is upgraded.

HR_DOCKER_LOG="$HR_VAR/log/dockerd.log"

# Installs dockerd and `docker compose` from trixie when they are missing; debootstrap too (the base image).
docker_ensure_installed() {
  if command -v dockerd >/dev/null && docker buildx version >/dev/null 2>&1 && docker compose version >/dev/null 2>&1 && command -v debootstrap >/dev/null; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || die "installing the Docker engine needs root"
  say "installing the Docker engine and docker compose from Debian trixie (a minute or two)"
  local sources=/etc/apt/sources.list.d/hybridrag-trixie.sources pin=/etc/apt/preferences.d/hybridrag-trixie
  if [ ! -f "$sources" ]; then
    cat >"$sources" <<SOURCES
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  fi
  # Priority 100: trixie packages are installed only when asked for (-t trixie), never as upgrades.
  [ -f "$pin" ] || printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' >"$pin"
  HR_APT_UPDATED=
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q -t trixie --no-install-recommends \
      docker.io docker-compose docker-cli docker-buildx iptables >"$HR_VAR/log/docker-install.log" 2>&1 \
    || { tail -20 "$HR_VAR/log/docker-install.log" >&2; die "could not install docker.io from trixie"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap \
      >>"$HR_VAR/log/docker-install.log" 2>&1 || die "could not install debootstrap"
}

# The Docker client to use: Debian's, since /usr/local/bin may hold a newer client than the engine speaks.
docker() { /usr/bin/docker "$@"; }

docker_answers() { timeout 10 /usr/bin/docker info >/dev/null 2>&1; }

# Starts dockerd when it is installed and not answering; returns non-zero (with the reason in HR_DOCKER_WHY).
docker_start() {
  HR_DOCKER_WHY=""
  [ -x /usr/bin/docker ] && docker_answers && return 0
  if ! command -v dockerd >/dev/null; then
    HR_DOCKER_WHY="no Docker engine installed"
    return 1
  fi
  mkdir -p "$HR_VAR/log"
  say "starting dockerd (log: $HR_DOCKER_LOG)"
  # setsid: the engine outlives this shell, like a system service would.
  setsid nohup dockerd >>"$HR_DOCKER_LOG" 2>&1 </dev/null &
  local i
  for ((i = 0; i < 60; i++)); do
    docker_answers && return 0
    sleep 1
  done
  HR_DOCKER_WHY="dockerd did not start ($(tail -1 "$HR_DOCKER_LOG" 2>/dev/null))"
  return 1
}

# For ./hybridrag test: installs and starts the engine and builds the images where it can; otherwise says in one
# line why the Docker part (Testcontainers ITs, compose-test) is skipped and returns non-zero.
docker_ci_ready() {
  if [ "${HYBRIDRAG_TEST_DOCKER:-}" = skip ]; then
    say "skipping the Docker tests (Testcontainers ITs, compose-test): HYBRIDRAG_TEST_DOCKER=skip"
    return 1
  fi
  if ! command -v dockerd >/dev/null && { [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; }; then
    say "skipping the Docker tests (Testcontainers ITs, compose-test): no Docker engine, and none can be installed here"
    return 1
  fi
  ( docker_ensure_installed ) || { say "skipping the Docker tests: installing the Docker engine failed (var/log/docker-install.log)"; return 1; }
  docker_start || { say "skipping the Docker tests (Testcontainers ITs, compose-test): $HR_DOCKER_WHY"; return 1; }
  images_build
}
