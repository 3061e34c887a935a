# No "# syntax=" line: it would make BuildKit pull a frontend image, and no registry may be reachable.
# One image for every hybridrag service; the command picks which runs (RunCommand):
#
#   docker build -t hybridrag .
#   docker run --rm hybridrag run watcher|extractor|indexer|query
#   docker run --rm hybridrag tenant list           # every other hybridrag command too
#
# Build arguments (docs/deployment.md, "Images"):
#   RUNTIME_IMAGE  the Java runtime the services run on (default eclipse-temurin:25-jre; ./hybridrag images uses
#                  its own Debian-based hybridrag-local/jre:25 where no registry is reachable)
#   BUILD_IMAGE    the JDK the jar is built with inside the build (default eclipse-temurin:25-jdk)
#   JAR_FROM       build (default): Maven builds the jar in the build; host: take cli/target/hybridrag.jar from
#                  the build context, built beforehand on the host (./hybridrag images does so)
#
# compose/ runs it for both deployment patterns (docs/deployment.md).
ARG RUNTIME_IMAGE=eclipse-temurin:25-jre
ARG BUILD_IMAGE=eclipse-temurin:25-jdk
ARG JAR_FROM=build

FROM ${BUILD_IMAGE} AS jar-build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, not part of any layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl cli -am package \
 && mkdir -p /out && cp cli/target/hybridrag.jar /out/

FROM scratch AS jar-host
COPY cli/target/hybridrag.jar /out/

FROM jar-${JAR_FROM} AS jar

FROM ${RUNTIME_IMAGE}
# curl: the query-service healthcheck (the local runtime image has it already).
RUN (command -v curl >/dev/null || (apt-get update \
      && apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*)) \
 && useradd --create-home --uid 10001 hybridrag
COPY --from=jar /out/hybridrag.jar /opt/hybridrag/hybridrag.jar
# `docker compose exec app hybridrag ...`, as in the seeds' user stories.
RUN printf '#!/bin/sh\nexec java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar /opt/hybridrag/hybridrag.jar "$@"\n' \
      >/usr/local/bin/hybridrag \
 && chmod 755 /usr/local/bin/hybridrag
USER hybridrag
WORKDIR /home/hybridrag
# Inside a container query-service must listen beyond loopback; publishing decides who reaches it (compose binds
# 127.0.0.1). The heap is set per service through JDK_JAVA_OPTIONS.
ENV HYBRIDRAG_QUERY_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/hybridrag/hybridrag.jar"]
CMD ["--help"]
