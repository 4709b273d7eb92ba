#!/usr/bin/env bash
# Runs a command with the real services the test suites need: PostgreSQL (the machine's own,
# started if it is down) and a local Kafka broker (deploy/kafka/kafka.sh). A Kafka broker this
# script started is stopped again afterwards. Where testcontainers finds a container runtime, the
# command gets PostgreSQL, Kafka and KurrentDB from containers instead (scripts/test-services).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(node scripts/test-services/decide.mjs)" = containers ]; then
  exec node scripts/test-services/with-containers.mjs "$@"
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "with-services: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
pg_isready -h 127.0.0.1 -p 5432 || echo "with-services: PostgreSQL is not reachable on 127.0.0.1:5432 (set DATABASE_URL)"

started_kafka=false
if [ -z "${KAFKA_BROKERS:-}" ] && ! bash deploy/kafka/kafka.sh status >/dev/null 2>&1; then
  bash deploy/kafka/kafka.sh start
  started_kafka=true
fi
stop_kafka() { if $started_kafka; then bash deploy/kafka/kafka.sh stop || true; fi; }
trap stop_kafka EXIT

"$@"
