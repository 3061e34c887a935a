# shellcheck shell=bash
# Prometheus from Debian: promtool checks every metrics endpoint in the tests (MetricsIT), prometheus scrapes a stack.
prometheus_ensure_installed() {
  if [ ! -x /usr/bin/promtool ] || [ ! -x /usr/bin/prometheus ]; then
    say "installing prometheus from Debian (promtool checks the metrics endpoints)"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends prometheus \
      >/dev/null || die "could not install prometheus"
  fi
}
