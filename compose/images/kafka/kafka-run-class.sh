#!/bin/bash
# kafka-run-class.sh CLASS [ARGS]: the distribution's launcher, reduced to what this image needs.
# KAFKA_HEAP_OPTS and KAFKA_OPTS as in the distribution; tools get a small heap unless told otherwise.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.yaml ${KAFKA_OPTS:-} -cp '/opt/kafka/libs/*' "$@"
