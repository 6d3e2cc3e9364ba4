#!/usr/bin/env bash
# Runs a command with DATABASE_URL pointing at a throw-away PostgreSQL server:
#
#   tests/with_postgres.sh .venv/bin/python -m pytest
#
# The server listens on loopback only, on a free port, with its socket and data in a
# temporary directory, and is stopped and deleted afterwards, also when the command fails.
# Durability is switched off: nothing in it outlives the run.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

tmp=$(mktemp -d /tmp/miado-postgres-XXXXXX)
# PostgreSQL refuses to run as root, so under root the server runs as Debian's postgres user.
as_server_user=()
if [ "$(id -u)" = 0 ]; then
    chown postgres: "$tmp"
    as_server_user=(runuser -u postgres --)
fi

stop_server() {
    "${as_server_user[@]}" "$bin/pg_ctl" stop -D "$tmp/data" -m immediate -s >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop_server EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_server_user[@]}" "$bin/initdb" -D "$tmp/data" -U miado --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$tmp/initdb.log" || { cat "$tmp/initdb.log"; exit 1; }
"${as_server_user[@]}" "$bin/pg_ctl" start -D "$tmp/data" -w -t 60 -l "$tmp/server.log" -o \
    "-h 127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null || { cat "$tmp/server.log"; exit 1; }
"${as_server_user[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U miado miado

export DATABASE_URL="postgres://miado@127.0.0.1:$port/miado"
echo "Throw-away PostgreSQL ($bin) on 127.0.0.1:$port"
"$@"
