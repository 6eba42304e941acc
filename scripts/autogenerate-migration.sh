#!/usr/bin/env bash
# Write a new Alembic migration for the difference between the models and the migrations so
# far, by comparing against a scratch PostgreSQL database that is dropped afterwards.
# Usage: scripts/autogenerate-migration.sh "what changed"
# Needs PostgreSQL (BR_PG_ADMIN_URL, default postgresql://postgres@127.0.0.1:5432/test).
set -euo pipefail
cd "$(dirname "$0")/.."
message="${1:?usage: scripts/autogenerate-migration.sh \"what changed\"}"
admin="${BR_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/test}"
scratch="borger_autogen_$$"
psql -q "$admin" -c "CREATE DATABASE $scratch"
trap 'psql -q "$admin" -c "DROP DATABASE IF EXISTS $scratch"' EXIT
url="${admin%/*}/$scratch"
BR_DATABASE_URL="$url" .venv/bin/alembic upgrade head
BR_DATABASE_URL="$url" .venv/bin/alembic revision --autogenerate -m "$message"
