#!/bin/bash
# Installs pgvector $1 into /out, built from Debian sid's source package; when the mirror cannot serve that source,
# trixie's binary package instead, saying so. Writes the version it installed to /build/pgvector-version.
set -euo pipefail
want=$1
if apt-get source -q --download-only "pgvector=$want-1" >/dev/null 2>&1; then
  apt-get download postgresql-server-dev-17 >/dev/null 2>&1
  dpkg -x postgresql-server-dev-17_*.deb /
  dpkg-source -x --skip-debianization ./pgvector_*.dsc src >/dev/null
  make -s -C src with_llvm=no PG_CONFIG=/usr/lib/postgresql/17/bin/pg_config
  make -s -C src with_llvm=no PG_CONFIG=/usr/lib/postgresql/17/bin/pg_config DESTDIR=/out install
  echo "$want" >/build/pgvector-version
else
  apt-get download postgresql-17-pgvector >/dev/null 2>&1
  dpkg -x postgresql-17-pgvector_*.deb /out
  got=$(dpkg-deb -f postgresql-17-pgvector_*.deb Version)
  echo "${got%%-*}" >/build/pgvector-version
  echo "WARNING: pgvector $want's source is not on this mirror; installed trixie's pgvector $got instead" >&2
fi
rm -rf /out/usr/share/doc
