#!/usr/bin/env bash
# ha-namespace-test.sh: the two-node HA acceptance test (issue 6), in network namespaces.
#
#   ha/ha-namespace-test.sh WORK_DIR
#
# Builds the topology of docs/ha.md (namespaces sf-node1, sf-node2, sf-platform, sf-carrier-a, sf-carrier-b,
# each with eth0 on a bridge that lives in its own namespace sf-br), runs both daemons with
# config/examples/ha-node*.yaml, drives calls from the platform to the VIP with SIPp (50 calls/s, 1 s ringing,
# 5 s hold) and checks, with times read from a capture on the bridge:
#   1. kill -9 of the master: takeover (last advert of the dead node -> first gratuitous ARP of the survivor)
#      <= 300 ms, zero failed calls (so every established call's BYE was answered through the survivor);
#   2. restart of the old master with preempt_delay_ms 2000: the VIP moves back once, after the delay,
#      zero failed calls;
#   3. clean stop (SIGTERM) of the master: takeover <= 50 ms, zero failed calls;
#   4. with nopreempt, a restarted node1 leaves the VIP on node2;
#   5. link cut between the nodes, then healed: one master, the VIP on one node, gratuitous ARP from the winner
#      after the heal;
#   6. a CANCEL for calls ringing through the node that died (kill -9) ends them: the caller gets 200 and 487.
# Never touches the root namespace: every link is created inside sf-br and moved into its namespace.
# Exit status: 0 all passed, 1 a check failed, 77 cannot run here (not root, a tool missing).
# Results (one "RESULT name value" line each) go to stdout and WORK_DIR/results.txt.
set -uo pipefail

HOME_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="${1:?usage: ha-namespace-test.sh WORK_DIR}"
NS_ALL=(sf-node1 sf-node2 sf-platform sf-carrier-a sf-carrier-b sf-br)
VIP=10.77.0.100
RATE=50
HOLD_MS=5000
# The daemons' per-node directories (pid files), as written in config/examples/ha-node*.yaml.
NODE_DIR=/tmp/sipfront-ha
export SIPFRONT_JAVA_OPTS="-Xms256m -Xmx256m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"

declare -A ADDR=([sf-node1]=10.77.0.11 [sf-node2]=10.77.0.12 [sf-platform]=10.77.0.10
                 [sf-carrier-a]=10.77.0.20 [sf-carrier-b]=10.77.0.21)
declare -A MAC=([sf-node1]=02:77:00:00:00:11 [sf-node2]=02:77:00:00:00:12 [sf-platform]=02:77:00:00:00:10
                [sf-carrier-a]=02:77:00:00:00:20 [sf-carrier-b]=02:77:00:00:00:21)
STARTED_PIDS=()
FAILED=0

log() { printf '%s %s\n' "$(date +%H:%M:%S.%3N)" "$*" >&2; }
result() { printf 'RESULT %s %s\n' "$1" "$2" | tee -a "$WORK/results.txt"; }
fail() { log "FAIL: $*"; printf 'FAIL %s\n' "$*" >> "$WORK/results.txt"; FAILED=1; }

for tool in ip sipp arping tcpdump awk timeout; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ha-namespace-test: $tool is missing" >&2; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "ha-namespace-test: must run as root (ip netns)" >&2; exit 77; }
[ -f "$HOME_DIR/daemon/target/sipfront-daemon.jar" ] || { echo "ha-namespace-test: package the daemon first" >&2; exit 77; }

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null
  done
  local ns
  for ns in "${NS_ALL[@]}"; do
    ip netns del "$ns" 2>/dev/null
  done
  rm -rf "$NODE_DIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- topology ---------------------------------------------------------------------------------------------
build_topology() {
  local ns
  for ns in "${NS_ALL[@]}"; do
    ip netns del "$ns" 2>/dev/null
    ip netns add "$ns" || return 1
  done
  ip -n sf-br link add br0 type bridge || return 1
  # No STP/forward delay: ports forward at once, so the test never waits on the bridge.
  ip -n sf-br link set br0 type bridge forward_delay 0 stp_state 0
  ip -n sf-br link set br0 up
  ip -n sf-br link set lo up
  for ns in sf-node1 sf-node2 sf-platform sf-carrier-a sf-carrier-b; do
    local port="v-${ns#sf-}"
    ip -n sf-br link add "$port" type veth peer name eth0 netns "$ns" || return 1
    ip -n sf-br link set "$port" master br0 up
    ip -n "$ns" link set eth0 address "${MAC[$ns]}"
    ip -n "$ns" addr add "${ADDR[$ns]}/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
  done
}

# ---- daemons ----------------------------------------------------------------------------------------------
# start_node N CONFIG LOG: starts node N in sf-nodeN; bin/sipfront execs the JVM, so $! is the daemon.
start_node() {
  local n="$1" config="$2" logfile="$3"
  rm -f "$NODE_DIR/node$n/sipfront.pid"
  ip netns exec "sf-node$n" "$HOME_DIR/bin/sipfront" run --config "$config" >"$logfile" 2>&1 &
  STARTED_PIDS+=("$!")
  eval "NODE${n}_PID=$!"
  local i
  for i in $(seq 1 300); do
    grep -q "started as backup" "$logfile" 2>/dev/null && return 0
    kill -0 "$!" 2>/dev/null || { log "node$n exited at start:"; tail -20 "$logfile" >&2; return 1; }
    sleep 0.1
  done
  log "node$n did not start within 30 s"
  return 1
}

node_pid() { eval "echo \${NODE$1_PID}"; }

stop_node() { # N SIGNAL
  local pid
  pid="$(node_pid "$1")"
  kill "-$2" "$pid" 2>/dev/null
  timeout 10 tail --pid="$pid" -f /dev/null
}

has_vip() { ip -n "sf-node$1" -4 addr show dev eth0 | grep -q " $VIP/"; }

wait_vip() { # N SECONDS: waits until node N holds the VIP
  local i
  for i in $(seq 1 $(($2 * 20))); do
    has_vip "$1" && return 0
    sleep 0.05
  done
  return 1
}

# ---- SIPp -------------------------------------------------------------------------------------------------
CARRIER_PIDS=()
start_carriers() { # SCENARIO
  local ns pid
  for pid in "${CARRIER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  CARRIER_PIDS=()
  for ns in sf-carrier-a sf-carrier-b; do
    ip netns exec "$ns" sipp -sf "$HOME_DIR/sipp-scenarios/$1" -i "${ADDR[$ns]}" -p 5060 \
      -d 2000 -nostdin >"$WORK/uas-$ns-$1.log" 2>&1 &
    STARTED_PIDS+=("$!")
    CARRIER_PIDS+=("$!")
  done
  sleep 0.5
}

# start_calls NAME CALLS [SCENARIO RATE]: starts the platform's SIPp placing CALLS calls at RATE/s to the VIP.
start_calls() {
  local name="$1" calls="$2" scenario="${3:-uac.xml}" rate="${4:-$RATE}"
  ip netns exec sf-platform timeout 120 sipp "$VIP:5060" -sf "$HOME_DIR/sipp-scenarios/$scenario" -s 15551234567 \
    -i 10.77.0.10 -p 5060 -r "$rate" -m "$calls" -d "$HOLD_MS" -nostdin -timeout 100s -recv_timeout 32000 \
    -trace_stat -stf "$WORK/$name.stat.csv" -trace_err -error_file "$WORK/$name.errors.log" \
    >"$WORK/$name.sipp.log" 2>&1 &
  CALLS_PID=$!
  STARTED_PIDS+=("$CALLS_PID")
}

# finish_calls NAME: waits for the calls and checks none failed.
finish_calls() {
  local name="$1" status
  wait "$CALLS_PID"
  status=$?
  local stats successful failed
  stats="$(tail -1 "$WORK/$name.stat.csv" 2>/dev/null)"
  # Columns of SIPp's stat file: SuccessfulCall(C) is the 16th field, FailedCall(C) the 18th.
  successful="$(printf '%s' "$stats" | awk -F';' '{print $16}')"
  failed="$(printf '%s' "$stats" | awk -F';' '{print $18}')"
  result "$name.calls_successful" "${successful:-?}"
  result "$name.calls_failed" "${failed:-?}"
  [ "$status" -eq 0 ] || fail "$name: SIPp exit status $status (failed calls: ${failed:-?}, see $WORK/$name.errors.log)"
}

# ---- capture ----------------------------------------------------------------------------------------------
start_capture() {
  ip netns exec sf-br tcpdump -i br0 -n -U -w "$WORK/bridge.pcap" 'arp or udp port 5099' >"$WORK/tcpdump.log" 2>&1 &
  CAPTURE_PID=$!
  STARTED_PIDS+=("$CAPTURE_PID")
  local i
  for i in $(seq 1 50); do
    grep -q "listening on" "$WORK/tcpdump.log" && return 0
    sleep 0.1
  done
  return 1
}

# The capture as text: epoch-time src-mac kind, one line per frame; kind is "garp" for a gratuitous ARP for
# the VIP, or "advert:SRC-IP" for a heartbeat advert.
capture_events() {
  tcpdump -r "$WORK/bridge.pcap" -n -e -tt 2>/dev/null | awk -v vip="$VIP" '
    /Request who-has / && index($0, "who-has " vip " ") && index($0, "tell " vip ",") { print $1, $2, "garp"; next }
    /\.5099 > / { for (i = 1; i <= NF; i++) if ($i ~ /\.5099$/ && $(i+1) == ">") { split($i, a, "."); print $1, $2, "advert:" a[1] "." a[2] "." a[3] "." a[4]; break } }'
}

# takeover_ms DEAD-IP SURVIVOR-MAC SINCE-EPOCH: milliseconds from the dead node's last advert to the survivor's
# first gratuitous ARP after SINCE.
takeover_ms() {
  capture_events | awk -v dead="advert:$1" -v mac="$2" -v since="$3" '
    $1 >= since - 1 && $3 == dead && !done { last = $1 }
    $1 >= since && $3 == "garp" && $2 == mac && !done { garp = $1; done = 1 }
    END { if (!done || last == "") print "none"; else printf "%.1f\n", (garp - last) * 1000 }'
}

garps_after() { # MAC SINCE: gratuitous ARPs sent by MAC after SINCE
  capture_events | awk -v mac="$1" -v since="$2" '$1 >= since && $3 == "garp" && $2 == mac { n++ } END { print n + 0 }'
}

now() { date +%s.%N; }

check_le() { # NAME VALUE LIMIT
  if [ "$2" = "none" ]; then
    fail "$1: no takeover found in the capture"
  elif awk -v v="$2" 'BEGIN { exit !(v < 0) }'; then
    fail "$1 = $2 ms: the survivor announced the VIP before the old master's last advert"
  elif awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
    log "$1 = $2 ms (limit $3)"
  else
    fail "$1 = $2 ms, over the limit of $3 ms"
  fi
}

# ---- the test ---------------------------------------------------------------------------------------------
mkdir -p "$WORK"
: >"$WORK/results.txt"
EX="$HOME_DIR/config/examples"
build_topology || { fail "cannot build the namespace topology"; exit 1; }
start_capture || { fail "tcpdump did not start"; exit 1; }
start_carriers uas-ring-1s.xml

log "start node1 and node2 (preempt)"
start_node 1 "$EX/ha-node1.yaml" "$WORK/node1-a.log" || exit 1
start_node 2 "$EX/ha-node2.yaml" "$WORK/node2-a.log" || exit 1
wait_vip 1 10 || { fail "node1 never took the VIP"; exit 1; }
sleep 1
has_vip 2 && fail "both nodes hold the VIP at start"

log "1. kill -9 of the master under load"
start_calls kill9 300
sleep 2.5
T_KILL="$(now)"
stop_node 1 9
wait_vip 2 5 || fail "node2 did not take the VIP after kill -9 of node1"
finish_calls kill9
KILL_MS="$(takeover_ms 10.77.0.11 "${MAC[sf-node2]}" "$T_KILL")"
result takeover_kill9_ms "$KILL_MS"
check_le takeover_kill9_ms "$KILL_MS" 300

log "2. restart of node1 with preempt_delay_ms 2000 under load"
start_calls preempt 400
sleep 1
start_node 1 "$EX/ha-node1.yaml" "$WORK/node1-b.log" || exit 1
T_RESTART="$(now)"
sleep 1
has_vip 1 && fail "node1 took the VIP back before preempt_delay_ms"
wait_vip 1 6 || fail "node1 did not take the VIP back after preempt_delay_ms"
sleep 1
has_vip 2 && fail "the VIP is still on node2 after node1 preempted"
BACK="$(grep -c 'HA master -> backup' "$WORK/node2-a.log")"
result preempt_moves_back "$BACK"
[ "$BACK" = 1 ] || fail "node2 left master $BACK times, expected once"
PREEMPT_AT="$(awk -v since="$T_RESTART" '$1 >= since && $3 == "garp" && $2 == "'"${MAC[sf-node1]}"'" { print $1; exit }' <(capture_events))"
result preempt_after_restart_ms "$(awk -v a="$PREEMPT_AT" -v b="$T_RESTART" 'BEGIN { if (a == "") print "none"; else printf "%.0f\n", (a - b) * 1000 }')"
finish_calls preempt

log "3. clean stop of the master under load"
start_calls cleanstop 300
sleep 2.5
T_STOP="$(now)"
stop_node 1 TERM
wait_vip 2 5 || fail "node2 did not take the VIP after node1 stopped"
has_vip 1 && fail "node1 kept the VIP after a clean stop"
finish_calls cleanstop
STOP_MS="$(takeover_ms 10.77.0.11 "${MAC[sf-node2]}" "$T_STOP")"
result takeover_clean_stop_ms "$STOP_MS"
check_le takeover_clean_stop_ms "$STOP_MS" 50

log "4. nopreempt: a restarted node1 leaves the VIP on node2"
stop_node 2 TERM
start_node 1 "$EX/ha-node1-nopreempt.yaml" "$WORK/node1-c.log" || exit 1
wait_vip 1 5 || fail "node1 (nopreempt) did not take the VIP alone"
start_node 2 "$EX/ha-node2-nopreempt.yaml" "$WORK/node2-c.log" || exit 1
sleep 1
stop_node 1 9
wait_vip 2 5 || fail "node2 (nopreempt) did not take over from node1"
start_node 1 "$EX/ha-node1-nopreempt.yaml" "$WORK/node1-d.log" || exit 1
sleep 3
if has_vip 1 || ! has_vip 2; then
  fail "with nopreempt the VIP moved back to the restarted node1"
else
  result nopreempt_vip_stays_on node2
fi

log "5. link cut between the nodes, then healed"
ip -n sf-node1 route add blackhole 10.77.0.12/32
ip -n sf-node2 route add blackhole 10.77.0.11/32
wait_vip 1 3 || fail "node1 did not become master while cut off from node2"
has_vip 2 || fail "node2 gave up the VIP while cut off"
result split_brain_both_master "$(has_vip 1 && has_vip 2 && echo yes || echo no)"
T_HEAL="$(now)"
ip -n sf-node1 route del blackhole 10.77.0.12/32
ip -n sf-node2 route del blackhole 10.77.0.11/32
sleep 1
HOLDERS=0
has_vip 1 && HOLDERS=$((HOLDERS + 1))
has_vip 2 && HOLDERS=$((HOLDERS + 1))
result split_brain_vip_holders_after_heal "$HOLDERS"
[ "$HOLDERS" = 1 ] || fail "$HOLDERS nodes hold the VIP after the heal"
has_vip 1 || fail "node1 (higher priority) did not keep the VIP after the heal"
HEAL_GARPS="$(garps_after "${MAC[sf-node1]}" "$T_HEAL")"
HEAL_MS="$(capture_events | awk -v mac="${MAC[sf-node1]}" -v since="$T_HEAL" \
  '$1 >= since && $3 == "garp" && $2 == mac { printf "%.0f\n", ($1 - since) * 1000; exit }')"
result split_brain_heal_to_winner_garp_ms "${HEAL_MS:-none}"
result split_brain_winner_garps_after_heal "$HEAL_GARPS"
[ "$HEAL_GARPS" -ge 1 ] || fail "the winner sent no gratuitous ARP after the heal"
LOSER_AT="$(grep -h 'HA master -> backup' "$WORK/node2-c.log" | tail -1)"
log "loser: $LOSER_AT"

log "6. CANCEL for calls ringing through the node that died"
start_carriers uas-cancel.xml
start_calls cancel 5 uac-cancel-after-2s.xml 5
sleep 1
stop_node 1 9
wait_vip 2 5 || fail "node2 did not take over for the CANCEL check"
finish_calls cancel

kill -INT "$CAPTURE_PID" 2>/dev/null
if [ "$FAILED" -ne 0 ]; then
  log "some checks failed; logs in $WORK"
  exit 1
fi
log "all HA checks passed"
exit 0
