#!/bin/sh
# The image's entrypoint, installed as /usr/local/bin/tandem: Tandem's command line, as the
# launcher at the repository root runs it, minus the build (the jar is built into the image).
# `docker run IMAGE run|collect|publish|demo|...` passes its arguments straight through.
set -eu
# `run` restarts fast by default: C1 alone starts quicker and keeps up at status-page traffic
# (README, Operating Tandem). TANDEM_JAVA_OPTS, when set (even empty), replaces these.
if [ -z "${TANDEM_JAVA_OPTS+set}" ] && [ "${1:-}" = run ]; then
  TANDEM_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
fi
# exec: the JVM is PID 1 and gets docker stop's SIGTERM itself, so `run` shuts down cleanly.
# TANDEM_JAVA_OPTS is split into words on purpose (several options in one variable).
# shellcheck disable=SC2086
exec java ${TANDEM_JAVA_OPTS:-} -jar /opt/tandem/tandem.jar "$@"
