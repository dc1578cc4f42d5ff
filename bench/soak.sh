#!/bin/bash
# Memory soak: 200 calls/s for 30 min (360,000 calls) through Sipfront with the default config,
# in a private network namespace so nothing else on the box shares its ports:
#   unshare -n bench/soak.sh            (root; results in $SOAK_DIR, default /tmp/sipfront-soak)
# Every 60 s: a full GC, then what stays live (heap.log: with ZGC, the default, the live set its mark found, from
# gc.log; with ParallelGC, the old generation) and RSS (the heap counted in, as ZGC maps it shared). After the load: the daemon's
# last stats lines (load.out), which must show transactions=0 once the 32 s linger has passed.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH:-$ROOT/../shared/bench}
OUT=${SOAK_DIR:-/tmp/sipfront-soak}
RATE=${RATE:-200}
MINUTES=${MINUTES:-30}
mkdir -p "$OUT" && cd "$OUT" || exit 1
ip link set lo up
# The daemon's own JVM options (bin/sipfront) plus a GC log; SIPFRONT_JAVA_OPTS, when set, replaces them.
. "$ROOT/bench/sipfront-daemon.sh"
JOPTS=${SIPFRONT_JAVA_OPTS:-$(sipfront_java_opts "$ROOT")} || exit 1
SIPFRONT_JAVA_OPTS="$JOPTS -Xlog:gc*:file=$OUT/gc.log" start_sipfront "$ROOT" "$ROOT/config/sipfront.yaml" daemon.log \
  || exit 1
( for m in $(seq 1 $((MINUTES + 2))); do
    sleep 60
    kill -0 $D 2>/dev/null || break
    jcmd $D GC.run > /dev/null 2>&1
    sleep 2
    old=$(jcmd $D GC.heap_info 2>/dev/null | grep -E 'ParOldGen|PSOldGen' | head -1 | sed 's/^ *//')
    live=$(grep -E 'gc,heap.*Live:' gc.log | tail -1 | sed 's/.*Live: *- *\([0-9]*M\).*/zgc_live=\1/')
    echo "$(date +%T) min=$m ${old:-$live} rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$D/status)"
  done ) > heap.log 2>&1 &
M=$!
"$BENCH/sipp-load" --rate "$RATE" --calls $((RATE * MINUTES * 60)) --pids "$D" --keep > load.out 2>&1
echo "load rc=$?" >> load.out
sleep 70
grep "stats:" daemon.log | tail -3 >> load.out
kill $M 2>/dev/null
kill $D
wait $D 2>/dev/null
cat load.out heap.log
