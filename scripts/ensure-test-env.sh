#!/usr/bin/env bash
# Prepares what the test suite needs beyond npm packages: Debian's Chromium for the browser journeys
# and, when DATABASE_URL points at a local PostgreSQL that is installed but stopped, starts it.
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installation de Chromium (paquet Debian) pour les parcours de bout en bout…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium est requis pour les tests de bout en bout : sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

if [ -n "${DATABASE_URL:-}" ] && command -v pg_isready >/dev/null; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && [ -d /etc/postgresql ]; then
    echo "Démarrage de PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
fi
