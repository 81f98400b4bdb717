#!/bin/bash
# A throwaway PostgreSQL 15 cluster configured as bench/README.md ("Session 8: WAL per atom and per
# turn on PostgreSQL") says a deployment should be, for RealtimeBench and VoiceBench runs that must
# not touch the machine's own cluster on 5432 (CI uses it; its configuration stays the default).
#
# usage: pg-deployment-cluster.sh start <dir> <port> [database] [--wal-dir <dir>] [-c name=value ...]
#        pg-deployment-cluster.sh stop <dir>
#        pg-deployment-cluster.sh url <dir> [database]
#
# start: initdb in <dir> (must not exist yet, or be an earlier cluster of this script, which is
# then started again as it is), owned by the postgres user, listening on 127.0.0.1:<port> only,
# trust authentication; creates <database> (default herald) if missing and prints the JDBC URL to
# pass as --database-url. Extra "-c name=value" settings (e.g. -c log_min_duration_statement=0)
# go after the deployment ones and win over them. --wal-dir puts pg_wal in another directory (its
# own volume, as bench/README.md, Realtime, session 12 says a deployment needs; on tmpfs only as
# an experiment, since the WAL is then lost with the machine). The server log is <dir>/server.log.
# stop: a fast shutdown. The directory is left for inspection; delete it (and a --wal-dir) with rm -rf.
# Run as root (the cluster is run as postgres through runuser) or as postgres.
#
# Not applied, since they are host settings and the host is shared: the kernel's writeback
# (session 8 suggested vm.dirty_background_bytes = 64 MB, vm.dirty_bytes = 256 MB; session 12
# measured that they trade the writeback's bursts for a stream and do not bring turn p99 under
# 5 ms on a shared disk: a separate WAL volume does); start prints the current values.
set -euo pipefail

BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

usage() {
    sed -n '6,8p' "$0" | sed 's/^# //' >&2
    exit 2
}

# lz4 when this build has it (PostgreSQL 15 built --with-lz4), pglz otherwise.
wal_compression() {
    if "$BIN/pg_config" --configure 2>/dev/null | grep -q -- "--with-lz4"; then echo lz4; else echo pglz; fi
}

# An empty (or new) directory owned by postgres, mode 700; exits when it exists with files in it.
make_postgres_dir() {
    if [ -e "$1" ] && [ -n "$(ls -A "$1")" ]; then
        echo "$1 exists and is not an empty directory" >&2
        exit 1
    fi
    mkdir -p "$1"
    chown postgres:postgres "$1" 2>/dev/null || true
    chmod 700 "$1"
}

jdbc_url() {
    echo "jdbc:postgresql://127.0.0.1:$1/$2?user=postgres"
}

port_of() {
    sed -n 's/^port = \([0-9]*\).*/\1/p' "$1/postgresql.conf" | tail -1
}

start() {
    local dir=$1 port=$2 db=herald
    shift 2
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
        db=$1
        shift
    fi
    local extra=() waldir=
    while [ $# -gt 0 ]; do
        [ $# -ge 2 ] || usage
        case $1 in
            -c) extra+=("$2") ;;
            --wal-dir) waldir=$2 ;;
            *) usage ;;
        esac
        shift 2
    done
    case $port in '' | *[!0-9]*) usage ;; esac
    case $db in '' | *[!a-z0-9_]*) echo "database name: lower case letters, digits and _ only" >&2; exit 2 ;; esac
    if [ "$port" = 5432 ]; then
        echo "port 5432 is the machine's own cluster; choose another" >&2
        exit 2
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
        make_postgres_dir "$dir"
        local waldir_args=()
        if [ -n "$waldir" ]; then
            make_postgres_dir "$waldir"
            waldir_args=(-X "$(cd "$waldir" && pwd)")
            if [ "$(stat -f -c %T "$waldir")" = tmpfs ]; then
                echo "  $waldir is on tmpfs: the WAL is lost with the machine (an experiment, not a deployment)" >&2
            fi
        fi
        as_postgres "$BIN/initdb" -D "$dir" "${waldir_args[@]}" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 \
            || { cat "$dir.initdb.log" >&2; exit 1; }
        rm -f "$dir.initdb.log"
        # Appended last, so these win over initdb's own lines; the extra settings win over them.
        {
            echo
            echo "# pg-deployment-cluster.sh: throwaway bench cluster"
            echo "listen_addresses = '127.0.0.1'"
            echo "port = $port"
            echo "unix_socket_directories = '$dir'"
            echo "# bench/README.md, Session 8: checkpoints time-driven at the sustained WAL rate"
            echo "checkpoint_timeout = 15min"
            echo "checkpoint_completion_target = 0.9"
            echo "max_wal_size = 8GB"
            echo "# bench/README.md, Session 11: the write path never creates a WAL segment (each creation"
            echo "# writes 16 MB and syncs it while every commit waits); the segments are made once, below"
            echo "min_wal_size = 4GB"
            echo "# bench/README.md, Session 11: backends hand the pages they evict to the disk at once, not"
            echo "# as one burst of the kernel's 30 s later, which a WAL flush would queue behind"
            echo "backend_flush_after = 256kB"
            echo "wal_compression = $(wal_compression)"
            echo "log_checkpoints = on"
            echo "log_line_prefix = '%m [%p] '"
            for setting in "${extra[@]}"; do
                echo "${setting%%=*} = '${setting#*=}'"
            done
        } >>"$dir/postgresql.conf"
    elif [ "$(port_of "$dir")" != "$port" ]; then
        echo "$dir is a cluster on port $(port_of "$dir"), not $port" >&2
        exit 1
    elif [ ${#extra[@]} -gt 0 ] || [ -n "$waldir" ]; then
        echo "$dir exists: extra settings and --wal-dir apply only to a new cluster" >&2
        exit 1
    fi
    if ! as_postgres "$BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
        as_postgres "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    local psql=("$BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -XAtq)
    if [ "$(as_postgres "${psql[@]}" -c "SELECT count(*) < 200 FROM pg_ls_waldir()")" = t ]; then
        # Made here, once, so that later WAL always goes into recycled segments: 256 segment
        # switches (4 GB of files), then a checkpoint, which keeps them (up to min_wal_size) as
        # segments to reuse.
        echo "  making 256 WAL segments for reuse (4 GB, once per cluster)..." >&2
        as_postgres "${psql[@]}" -c "DO \$\$ BEGIN FOR i IN 1..256 LOOP
            PERFORM pg_logical_emit_message(false, 'herald-bench', 'segment'); PERFORM pg_switch_wal();
            END LOOP; END \$\$" -c "CHECKPOINT"
    fi
    if [ -z "$(as_postgres "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        as_postgres "${psql[@]}" -c "CREATE DATABASE $db"
    fi
    as_postgres "${psql[@]}" -c "SELECT name || ' = ' || current_setting(name) FROM pg_settings
        WHERE name IN ('checkpoint_timeout', 'checkpoint_completion_target', 'max_wal_size', 'min_wal_size',
                       'backend_flush_after', 'wal_compression',
                       'log_checkpoints', 'shared_buffers', 'synchronous_commit', 'fsync') ORDER BY name" \
        | sed 's/^/  /' >&2
    local disk wbt
    disk=$(basename "$(findmnt -n -o SOURCE --target "$dir" 2>/dev/null || echo unknown)")
    wbt=$(cat "/sys/class/block/$disk/queue/wbt_lat_usec" 2>/dev/null \
        || cat "/sys/class/block/$disk/../queue/wbt_lat_usec" 2>/dev/null || echo unknown)
    echo "  host (not changed here): vm.dirty_background_bytes = $(cat /proc/sys/vm/dirty_background_bytes)," \
        "vm.dirty_bytes = $(cat /proc/sys/vm/dirty_bytes), $disk wbt_lat_usec = $wbt" >&2
    jdbc_url "$port" "$db"
}

stop() {
    local dir=$1
    [ -f "$dir/PG_VERSION" ] || { echo "$dir is not a cluster directory" >&2; exit 1; }
    as_postgres "$BIN/pg_ctl" -D "$dir" -m fast -w stop
}

case ${1:-} in
    start) [ $# -ge 3 ] || usage; shift; start "$@" ;;
    stop) [ $# -eq 2 ] || usage; stop "$2" ;;
    url) [ $# -ge 2 ] || usage; jdbc_url "$(port_of "$2")" "${3:-herald}" ;;
    *) usage ;;
esac
