# syntax=docker/dockerfile:1
# One image for every hybridrag service; the command picks which runs (RunCommand):
#
#   docker build -t hybridrag .
#   docker run --rm hybridrag run watcher|extractor|indexer|query
#   docker run --rm hybridrag tenant list           # every other hybridrag command too
#
# compose/ runs it for both deployment patterns (docs/deployment.md).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The Maven repository is a build cache, not part of any layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl cli -am package

FROM eclipse-temurin:25-jre
# curl: the query-service healthcheck.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 hybridrag
COPY --from=build /src/cli/target/hybridrag.jar /opt/hybridrag/hybridrag.jar
USER hybridrag
WORKDIR /home/hybridrag
# Inside a container query-service must listen beyond loopback; publishing decides who reaches it (compose binds
# 127.0.0.1). The heap is set per service through JDK_JAVA_OPTIONS.
ENV HYBRIDRAG_QUERY_HOST=0.0.0.0
EXPOSE 8080
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/hybridrag/hybridrag.jar"]
CMD ["--help"]
