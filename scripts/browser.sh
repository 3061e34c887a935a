# Debian's Chromium and its driver, for the web UI's browser tests (WebUiIT), sourced by ./hybridrag.

browser_ensure_installed() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing chromium and chromium-driver from Debian (browser tests of the web UI)"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q chromium chromium-driver >/dev/null \
      || die "could not install chromium and chromium-driver"
  fi
}
