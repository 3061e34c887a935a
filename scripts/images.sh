# ./hybridrag images: the images compose/ runs, built on a Debian base made here, for machines that reach no
# image registry (docs/deployment.md, "Images"). Sourced by ./hybridrag after scripts/docker.sh.
#
#   hybridrag-local/debian:trixie   debootstrap of Debian trixie, docker import-ed (its tarball cached in var/images)
#   hybridrag-local/jre:25          + Debian's OpenJDK 25 (compose/images/jre)
#   hybridrag-local/pgvector:pg18   + PostgreSQL 18 and pgvector 0.8.7 (sid), the official image's interface (compose/images/postgres)
#   hybridrag-local/kafka:4.3.1     + Kafka from Maven Central jars, apache/kafka's interface (compose/images/kafka)
#   hybridrag-local/prometheus:2.53 + Debian's prometheus package, prom/prometheus' interface (compose/images/prometheus)
#   hybridrag:latest                the project's Dockerfile on hybridrag-local/jre:25, with the jar built here

HR_BASE_IMAGE=hybridrag-local/debian:trixie
HR_JRE_IMAGE=hybridrag-local/jre:25
HR_LOCAL_POSTGRES_IMAGE=hybridrag-local/pgvector:pg18
HR_LOCAL_KAFKA_IMAGE=hybridrag-local/kafka:4.3.1
HR_LOCAL_PROMETHEUS_IMAGE=hybridrag-local/prometheus:2.53
HR_LOCAL_HYBRIDRAG_IMAGE=hybridrag:latest

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Builds run apt-get inside containers: they must find the mirror the host uses, also when only /etc/hosts knows it.
image_build() {
  local mirror
  mirror=$(getent hosts deb.debian.org | awk '{print $1; exit}')
  docker build -q ${mirror:+--add-host "deb.debian.org:$mirror"} "$@" >>"$HR_VAR/log/images.log" 2>&1 \
    || { tail -30 "$HR_VAR/log/images.log" >&2; die "image build failed: docker build $* (log: var/log/images.log)"; }
}

images_base() {
  image_exists "$HR_BASE_IMAGE" && return 0
  local tarball="$HR_VAR/images/debian-trixie.tar" root="$HR_VAR/images/rootfs"
  if [ ! -s "$tarball" ]; then
    say "debootstrap of Debian trixie for the base image (about a minute)"
    rm -rf "$root"
    debootstrap --variant=minbase trixie "$root" http://deb.debian.org/debian >"$HR_VAR/log/debootstrap.log" 2>&1 \
      || die "debootstrap failed (log: var/log/debootstrap.log)"
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$root"
  fi
  docker import "$tarball" "$HR_BASE_IMAGE" >/dev/null || die "docker import of $tarball failed"
}

images_kafka() {
  local context="$HR_VAR/images/kafka" pom="$HR_ROOT/compose/images/kafka/pom.xml"
  # The jars are fetched again when the pom changed (a patch release), not only on a new machine.
  if [ ! -d "$context/libs" ] || ! cmp -s "$pom" "$context/libs.pom"; then
    say "Kafka jars from Maven Central for the Kafka image"
    mkdir -p "$context"
    rm -rf "$context/libs" "$context/libs.tmp"
    mvnw -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$context/libs.tmp" \
      >>"$HR_VAR/log/images.log" 2>&1 || die "could not resolve the Kafka jars (log: var/log/images.log)"
    mv "$context/libs.tmp" "$context/libs"
    cp "$pom" "$context/libs.pom"
  fi
  cp "$HR_ROOT"/compose/images/kafka/{log4j2.yaml,kafka-run-class.sh,run} "$context/"
  image_build -t "$HR_LOCAL_KAFKA_IMAGE" -f "$HR_ROOT/compose/images/kafka/Dockerfile" "$context"
}

images_hybridrag() {
  # Rebuilt whenever the jar is newer than the image, so the image runs the code under test.
  local built jar_time
  build_if_stale
  jar_time="$(stat -c %Y "$HR_JAR")-$(sha256sum "$HR_ROOT/Dockerfile" | cut -c1-12)"
  built=$(docker image inspect -f '{{index .Config.Labels "hybridrag.build"}}' "$HR_LOCAL_HYBRIDRAG_IMAGE" 2>/dev/null || true)
  [ "$built" = "$jar_time" ] && return 0
  image_build --build-arg RUNTIME_IMAGE="$HR_JRE_IMAGE" --build-arg JAR_FROM=host \
    --label "hybridrag.build=$jar_time" -t "$HR_LOCAL_HYBRIDRAG_IMAGE" "$HR_ROOT"
}

# Builds what is missing or changed (images and their layers stay in the engine between runs; the base tarball and
# the Kafka jars in var/images).
images_build() {
  mkdir -p "$HR_VAR/images" "$HR_VAR/log"
  local start=$SECONDS
  images_base
  # Built every time: Docker's layer cache makes an unchanged image a few seconds' work, and an edited
  # Dockerfile or script is never left out.
  image_build -t "$HR_JRE_IMAGE" "$HR_ROOT/compose/images/jre"
  image_build -t "$HR_LOCAL_POSTGRES_IMAGE" "$HR_ROOT/compose/images/postgres"
  image_build -t "$HR_LOCAL_PROMETHEUS_IMAGE" "$HR_ROOT/compose/images/prometheus"
  images_kafka
  images_hybridrag
  HR_IMAGES_SECONDS=$((SECONDS - start))
  export HYBRIDRAG_IMAGE=$HR_LOCAL_HYBRIDRAG_IMAGE POSTGRES_IMAGE=$HR_LOCAL_POSTGRES_IMAGE KAFKA_IMAGE=$HR_LOCAL_KAFKA_IMAGE \
    PROMETHEUS_IMAGE=$HR_LOCAL_PROMETHEUS_IMAGE
}

cmd_images() {
  [ $# -eq 0 ] || die "usage: ./hybridrag images"
  find_jdk
  docker_ensure_installed
  docker_start || die "$HR_DOCKER_WHY"
  images_build
  say "images ready in ${HR_IMAGES_SECONDS}s; use them with compose/ by exporting (or putting in .env):"
  printf 'HYBRIDRAG_IMAGE=%s\nPOSTGRES_IMAGE=%s\nKAFKA_IMAGE=%s\nPROMETHEUS_IMAGE=%s\n' "$HYBRIDRAG_IMAGE" "$POSTGRES_IMAGE" \
    "$KAFKA_IMAGE" "$PROMETHEUS_IMAGE"
}
