#!/bin/bash
# WAL per relation of one short RealtimeBench run on PostgreSQL (bench/README.md, "Session 8").
# usage: wal-by-relation.sh <benchmarks.jar> <tag>   (as root or the postgres user: it reads pg_wal)
# Ingests 20,000 atoms and 4 s of turns into database wal_probe_<tag> (kept for inspection; drop it
# afterwards), keeping the WAL with a temporary replication slot, then attributes every record of
# that database to its relation and splits atom batches from turns by transaction.
OUT=${OUT:-/tmp}
JAR=$1; TAG=$2; DB=wal_probe_$TAG
export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
P="psql -h 127.0.0.1 -U postgres -At"
$P -qc "DROP DATABASE IF EXISTS $DB" 2>/dev/null; $P -qc "CREATE DATABASE $DB"
$P -qc "select pg_drop_replication_slot('wal_probe_slot')" 2>/dev/null; L0=$($P -c "select lsn from pg_create_physical_replication_slot('wal_probe_slot', true)")
timeout 600 $JAVA_HOME/bin/java -cp $JAR dev.herald.bench.realtime.RealtimeBench --store postgres --database-url "jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" --runs 1 --warmups 0 --atoms 20000 --turn-seconds 4 > $OUT/wal-probe-$TAG.log 2>&1
L1=$($P -c "select pg_current_wal_lsn()")
OID=$($P -c "select oid from pg_database where datname='$DB'")
/usr/lib/postgresql/15/bin/pg_waldump -p /var/lib/postgresql/15/main/pg_wal -s $L0 -e $L1 2>$OUT/wal-probe-$TAG.err > $OUT/wal-probe-$TAG.dump
$P -qc "select pg_drop_replication_slot('wal_probe_slot')" >/dev/null
$P -d $DB -c "select relfilenode, relname from pg_class" > $OUT/wal-probe-$TAG.rels
$P -d $DB -c "select event_type, count(*), avg(pg_column_size(e.*))::int, avg(length(attributes))::int from session_events e group by 1" > $OUT/wal-probe-$TAG.rows
python3 - $TAG $OID $OUT <<'PY'
import re,sys,collections
tag,oid,out=sys.argv[1],sys.argv[2],sys.argv[3]
names=dict(l.split('|',1) for l in open(f'{out}/wal-probe-{tag}.rels').read().split('\n') if '|' in l)
tot=collections.Counter(); cnt=collections.Counter(); fpi=collections.Counter(); other=0
for line in open(f'{out}/wal-probe-{tag}.dump'):
    m=re.search(r'len \(rec/tot\):\s*(\d+)/\s*(\d+)',line)
    if not m: continue
    t=int(m.group(2))
    r=re.search(r'blkref #0: rel (\d+)/(\d+)/(\d+)',line)
    if r and r.group(2)==oid: key=names.get(r.group(3),r.group(3))
    elif r: key='other databases'
    else: key='no relation ('+(re.search(r'rmgr: (\S+)',line).group(1))+')'
    tot[key]+=t; cnt[key]+=1
    if 'FPW' in line or 'FPI' in line: fpi[key]+=1
print(open(f'{out}/wal-probe-{tag}.rows').read())
allb=sum(tot.values())
print(f"total WAL {allb} bytes")
for k,v in tot.most_common(14): print(f"{v:>11} {cnt[k]:>7} recs {v/cnt[k]:7.0f} B/rec  {k}")
PY
grep -E "ingest:|turns: +offered" $OUT/wal-probe-$TAG.log | cut -c1-200
python3 "$(dirname "$0")/wal-by-transaction.py" $TAG $OUT
