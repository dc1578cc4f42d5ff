#!/usr/bin/env bash
# cluster-namespace-test.sh: the active-active acceptance test (issue 16), in network namespaces.
#
#   ha/cluster-namespace-test.sh WORK_DIR
#
# Builds the kit topology of docs/ha.md ("N nodes behind a balancer"): a front bridge and a back bridge, each in a
# namespace of its own; the director (the balancer) with nftables DNAT of UDP and TCP 10.78.1.100:5060 to one node
# per new flow and a health check of each node's /health/ready every 200 ms (two failures: the node's slots and its
# conntrack entries are removed, as an NLB deregisters a target); three Sipfront nodes started with
# config/examples/cluster-node{1,2,3}.yaml; Redis master + Sentinel and a replica; SIPp as the platform (-t un,
# one socket per call, so flows spread) and as the carriers (answering to the top Via, the front address); a
# registrar for carrier-a's account (SIPp on 10.78.1.20:5062, granting 10 s, so the binding is refreshed every 5 s)
# whose REGISTERs tshark records with their source address, so the kit sees which node registers.
# Cases:
#   1. spread and crash at 100 calls/s with 5 s hold: calls spread over the three nodes within +-15 %; kill -9 of
#      one node, removed by the health check within 1 s; zero failed calls (ringing ones included), every BYE
#      answered (SIPp counts a call successful only after the 200 for its BYE). The killed node is the one that
#      registers (the holder of the registrar lease): another node takes the lease and refreshes the same binding,
#      same Call-ID and a higher CSeq, before it expires;
#   2. the Redis master killed under load: the nodes follow the Sentinel failover, calls go on, and the
#      registration is kept by one node only, with no gap longer than the refresh interval;
#   3. clean stop (SIGTERM) under load of the node that registers now: /health/ready turns 503 at once, the node
#      keeps serving until it is drained; zero failed calls; it releases the lease on its way out and the last node
#      goes on with the same binding within the refresh interval.
# Over the whole run the REGISTERs come from one node at a time: the killed node, one survivor, then the other.
# Every namespace name starts with sfc-PID-, so two runs never clash; a trap removes every namespace and process
# the test made, whatever happens. Nothing is created in the root namespace and no packet leaves the namespaces.
# Exit status: 0 all passed, 1 a check failed, 77 cannot run here (not root, a tool missing).
# Results (one "RESULT name value" line each) go to stdout and WORK_DIR/results.txt.
set -uo pipefail

HOME_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="${1:?usage: cluster-namespace-test.sh WORK_DIR}"
P="sfc-$$"
LB="$P-lb"; BRF="$P-brf"; BRB="$P-brb"; PLAT="$P-plat"; CA="$P-ca"; CB="$P-cb"; R1="$P-r1"; R2="$P-r2"
NODES=("$P-n1" "$P-n2" "$P-n3")
NS_ALL=("$BRF" "$BRB" "$LB" "$PLAT" "$CA" "$CB" "$R1" "$R2" "${NODES[@]}")
FRONT=10.78.1.100
RATE=100
HOLD_MS=5000
REG_PORT=5062     # carrier-a's registrar (config/examples/cluster-node*.yaml), apart from its call port
REFRESH_S=5       # the registrar grants 10 s; the registering node refreshes at half of that
GRANTED_S=10
export SIPFRONT_JAVA_OPTS="-Xms200m -Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
STARTED_PIDS=()
FAILED=0

log() { printf '%s %s\n' "$(date +%H:%M:%S.%3N)" "$*" >&2; }
result() { printf 'RESULT %s %s\n' "$1" "$2" | tee -a "$WORK/results.txt"; }
fail() { log "FAIL: $*"; printf 'FAIL %s\n' "$*" >> "$WORK/results.txt"; FAILED=1; }

for tool in ip nft conntrack curl sipp redis-server redis-sentinel redis-cli awk timeout tshark; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cluster-namespace-test: $tool is missing" >&2; exit 77; }
done
[ "$(id -u)" -eq 0 ] || { echo "cluster-namespace-test: must run as root (ip netns)" >&2; exit 77; }
[ -f "$HOME_DIR/daemon/target/sipfront-daemon.jar" ] || { echo "cluster-namespace-test: package the daemon first" >&2; exit 77; }

cleanup() {
  local pid ns
  for pid in "${STARTED_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  # Deleting a namespace ends what still runs in it only once its last process is gone: kill any straggler.
  for ns in "${NS_ALL[@]}"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  done
  for ns in "${NS_ALL[@]}"; do ip netns del "$ns" 2>/dev/null; done
}
trap cleanup EXIT
trap 'exit 1' INT TERM

in_ns() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }

# ---- topology ---------------------------------------------------------------------------------------------
# attach BRIDGE-NS PORT NS IFACE ADDRESS/PREFIX: a veth from the bridge into NS.
attach() {
  ip -n "$1" link add "$2" type veth peer name "$4" netns "$3" || return 1
  ip -n "$1" link set "$2" master br0 up
  ip -n "$3" addr add "$5" dev "$4"
  ip -n "$3" link set "$4" up
  ip -n "$3" link set lo up
}

build_topology() {
  local ns i
  for ns in "${NS_ALL[@]}"; do ip netns add "$ns" || return 1; done
  for ns in "$BRF" "$BRB"; do
    ip -n "$ns" link add br0 type bridge || return 1
    ip -n "$ns" link set br0 type bridge forward_delay 0 stp_state 0
    ip -n "$ns" link set br0 up
  done
  attach "$BRF" v-lb "$LB" eth0 10.78.1.2/24 || return 1
  ip -n "$LB" addr add "$FRONT/24" dev eth0
  attach "$BRB" v-lb "$LB" eth1 10.78.2.1/24 || return 1
  in_ns "$LB" sysctl -qw net.ipv4.ip_forward=1
  attach "$BRF" v-plat "$PLAT" eth0 10.78.1.10/24 || return 1
  attach "$BRF" v-ca "$CA" eth0 10.78.1.20/24 || return 1
  attach "$BRF" v-cb "$CB" eth0 10.78.1.21/24 || return 1
  for ns in "$PLAT" "$CA" "$CB"; do ip -n "$ns" route add 10.78.2.0/24 via 10.78.1.2; done
  for i in 1 2 3; do
    attach "$BRB" "v-n$i" "${NODES[$((i - 1))]}" eth0 "10.78.2.1$i/24" || return 1
  done
  attach "$BRB" v-r1 "$R1" eth0 10.78.2.30/24 || return 1
  attach "$BRB" v-r2 "$R2" eth0 10.78.2.31/24 || return 1
  for ns in "${NODES[@]}" "$R1" "$R2"; do ip -n "$ns" route add default via 10.78.2.1; done
}

# ---- the director -----------------------------------------------------------------------------------------
# Six slots so that three, two or one live node each get an equal share; numgen inc: a new flow takes the next slot
# (per-flow round robin). Replies of UDP flows the nodes start are not tracked: a carrier's answer to the front
# address must open a flow of its own (DNATed to any node) instead of colliding with the node's outgoing tuple.
write_rules() { # LIVE-ADDRESSES...
  local live=("$@") map="" s
  if [ ${#live[@]} -gt 0 ]; then
    for s in 0 1 2 3 4 5; do map="$map${map:+, }$s : ${live[$((s % ${#live[@]}))]}"; done
  fi
  {
    echo "flush chain ip sfc dnat_front"
    [ -n "$map" ] && echo "add rule ip sfc dnat_front ip daddr $FRONT meta l4proto { udp, tcp } th dport 5060 dnat to numgen inc mod 6 map { $map }"
  } | in_ns "$LB" nft -f -
}

start_director() {
  in_ns "$LB" nft -f - <<EOF || return 1
table ip sfc {
  chain raw {
    type filter hook prerouting priority raw; policy accept;
    iifname "eth1" ip saddr 10.78.2.0/24 ip daddr 10.78.1.0/24 meta l4proto udp notrack
  }
  chain dnat_front {
  }
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    jump dnat_front
  }
  # With no live node the front address has no DNAT: drop, as an NLB without targets does. Accepted locally, the
  # packet's conntrack entry (not NATed) would pin the flow to the director after a node came in (the registrar
  # answers every REGISTER from one address and port, so its flow never goes idle).
  chain input {
    type filter hook input priority filter; policy accept;
    ip daddr $FRONT meta l4proto { udp, tcp } th dport 5060 drop
  }
  chain forward {
    type filter hook forward priority filter; policy accept;
    ct state new ip saddr 10.78.1.10 ip daddr 10.78.2.11 counter comment "flows-node1"
    ct state new ip saddr 10.78.1.10 ip daddr 10.78.2.12 counter comment "flows-node2"
    ct state new ip saddr 10.78.1.10 ip daddr 10.78.2.13 counter comment "flows-node3"
  }
}
EOF
  write_rules 10.78.2.11 10.78.2.12 10.78.2.13
}

# The balancer's health check, run inside the director: every 200 ms GET /health/ready of each node without
# credentials; two failures in a row take the node out (slots rewritten, its conntrack entries deleted), two
# successes bring it back. Each change is logged as "EPOCH out|in ADDRESS".
health_loop() { # LOGFILE
  local -A fails=() oks=() live=([10.78.2.11]=1 [10.78.2.12]=1 [10.78.2.13]=1)
  local a code changed addrs
  while true; do
    changed=0
    for a in 10.78.2.11 10.78.2.12 10.78.2.13; do
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 0.3 "http://$a:9060/health/ready")"
      if [ "${code:0:1}" = 2 ]; then
        fails[$a]=0; oks[$a]=$((${oks[$a]:-0} + 1))
        if [ "${live[$a]}" = 0 ] && [ "${oks[$a]}" -ge 2 ]; then live[$a]=1; changed=1; echo "$(date +%s.%N) in $a" >>"$1"; fi
      else
        oks[$a]=0; fails[$a]=$((${fails[$a]:-0} + 1))
        if [ "${live[$a]}" = 1 ] && [ "${fails[$a]}" -ge 2 ]; then
          live[$a]=0; changed=1
          addrs=(); for n in 10.78.2.11 10.78.2.12 10.78.2.13; do [ "${live[$n]}" = 1 ] && addrs+=("$n"); done
          write_rules "${addrs[@]}"
          conntrack -D --reply-src "$a" >/dev/null 2>&1
          echo "$(date +%s.%N) out $a" >>"$1"
          changed=0
        fi
      fi
    done
    if [ "$changed" = 1 ]; then
      addrs=(); for n in 10.78.2.11 10.78.2.12 10.78.2.13; do [ "${live[$n]}" = 1 ] && addrs+=("$n"); done
      write_rules "${addrs[@]}"
    fi
    sleep 0.2
  done
}

start_health_checks() {
  : >"$WORK/health.log"
  ip netns exec "$LB" bash -c "FRONT=$FRONT; LB=''; $(declare -f write_rules health_loop); in_ns() { shift; \"\$@\"; }; health_loop '$WORK/health.log'" &
  STARTED_PIDS+=("$!")
}

# ---- Redis ------------------------------------------------------------------------------------------------
start_redis() {
  mkdir -p "$WORK/redis"
  ip netns exec "$R1" redis-server --bind 10.78.2.30 --port 6379 --save '' --appendonly no --protected-mode no \
    --dir "$WORK/redis" >"$WORK/redis-master.log" 2>&1 &
  REDIS_MASTER_PID=$!
  STARTED_PIDS+=("$!")
  ip netns exec "$R2" redis-server --bind 10.78.2.31 --port 6379 --save '' --appendonly no --protected-mode no \
    --replicaof 10.78.2.30 6379 --dir "$WORK/redis" >"$WORK/redis-replica.log" 2>&1 &
  STARTED_PIDS+=("$!")
  cat >"$WORK/sentinel.conf" <<EOF
bind 10.78.2.30
port 26379
protected-mode no
dir $WORK/redis
sentinel monitor sipfront 10.78.2.30 6379 1
sentinel down-after-milliseconds sipfront 1000
sentinel failover-timeout sipfront 10000
EOF
  ip netns exec "$R1" redis-sentinel "$WORK/sentinel.conf" >"$WORK/sentinel.log" 2>&1 &
  STARTED_PIDS+=("$!")
  local i
  for i in $(seq 1 50); do
    in_ns "$R1" redis-cli -h 10.78.2.30 -p 26379 sentinel get-master-addr-by-name sipfront 2>/dev/null | grep -q 10.78.2.30 \
      && in_ns "$R2" redis-cli -h 10.78.2.31 info replication 2>/dev/null | grep -q "master_link_status:up" && return 0
    sleep 0.2
  done
  return 1
}

sentinel_master() { in_ns "$R1" redis-cli -h 10.78.2.30 -p 26379 sentinel get-master-addr-by-name sipfront 2>/dev/null | head -1; }

# ---- Sipfront nodes ---------------------------------------------------------------------------------------
start_node() { # N LOG
  local n="$1"
  (cd "$HOME_DIR" && exec ip netns exec "${NODES[$((n - 1))]}" bin/sipfront run --config "config/examples/cluster-node$n.yaml") \
    >"$2" 2>&1 &
  STARTED_PIDS+=("$!")
  eval "NODE${n}_PID=$!"
}

wait_ready() { # N SECONDS
  local i
  for i in $(seq 1 $(($2 * 10))); do
    [ "$(in_ns "$LB" curl -s -o /dev/null -w '%{http_code}' --max-time 0.5 "http://10.78.2.1$1:9060/health/ready")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

node_pid() { eval "echo \${NODE$1_PID}"; }

calls_of_node() { # N: call setups the node has finished (sum of sipfront_calls_total)
  in_ns "$LB" curl -s --max-time 1 "http://10.78.2.1$1:9060/metrics" \
    | awk '/^sipfront_calls_total/ { s += $NF } END { printf "%d\n", s }'
}

# ---- SIPp -------------------------------------------------------------------------------------------------
start_carriers() {
  local ns addr
  for ns in "$CA" "$CB"; do
    addr=10.78.1.20; [ "$ns" = "$CB" ] && addr=10.78.1.21
    # -rsa: every message goes to the front address, which is what the top Via of every request names.
    ip netns exec "$ns" sipp -sf "$HOME_DIR/sipp-scenarios/uas-ring-1s.xml" -i "$addr" -p 5060 -rsa "$FRONT:5060" \
      -d 4000 -nostdin -max_socket 2000 >"$WORK/uas-$ns.log" 2>&1 &
    STARTED_PIDS+=("$!")
  done
  sleep 0.5
}

# carrier-a's registrar, and its message trace: "EPOCH SOURCE CALL-ID CSEQ" per REGISTER received, in
# $WORK/registers.txt (tshark, so the source is the packet's, not what the REGISTER says about itself).
start_registrar() {
  ip netns exec "$CA" sipp -sf "$HOME_DIR/sipp-scenarios/uas-registrar.xml" -i 10.78.1.20 -p "$REG_PORT" \
    -rsa "$FRONT:5060" -nostdin -trace_msg -message_file "$WORK/registrar.messages.log" -trace_err \
    -error_file "$WORK/registrar.errors.log" >"$WORK/registrar.log" 2>&1 &
  STARTED_PIDS+=("$!")
  ip netns exec "$CA" tshark -i eth0 -l -n -f "udp dst port $REG_PORT" -d "udp.port==$REG_PORT,sip" -T fields \
    -E separator=' ' -e frame.time_epoch -e ip.src -e sip.Call-ID -e sip.CSeq.seq \
    >"$WORK/registers.txt" 2>"$WORK/tshark.log" &
  STARTED_PIDS+=("$!")
  local i
  for i in $(seq 1 100); do grep -q "Capturing on" "$WORK/tshark.log" && return 0; sleep 0.1; done
  return 1
}

# The REGISTERs received from FROM (epoch) on, optionally until TO: "EPOCH SOURCE CALL-ID CSEQ" lines.
registers() { awk -v f="$1" -v t="${2:-1e12}" '$1 >= f && $1 < t && NF == 4' "$WORK/registers.txt"; }

# A hand-over of the registration at SINCE: the first REGISTER from another node after SINCE, and the old
# registrant's last one before it. Prints "NEW-SOURCE GAP-MS AFTER-SINCE-MS OLD-CSEQ NEW-CSEQ SAME-CALL-ID(1|0)" or "none".
handover() { # OLD-ADDRESS SINCE
  awk -v old="$1" -v s="$2" '
    $2 == old && !found { t0 = $1; c0 = $3; q0 = $4 }
    $1 >= s && $2 != old && !found { found = 1; printf "%s %.0f %.0f %d %d %d\n", $2, ($1 - t0) * 1000,
      ($1 - s) * 1000, q0, $4, ($3 == c0); }
    END { if (!found) print "none" }' "$WORK/registers.txt"
}

# The senders of the REGISTERs in order, a repeated sender written once: "10.78.2.12>10.78.2.11>...".
register_sources() { registers "${1:-0}" "${2:-}" | awk '$2 != last { printf "%s%s", (n++ ? ">" : ""), $2; last = $2 } END { print "" }'; }

# The longest time between two REGISTERs from FROM to TO, counting the last one before FROM (ms).
register_max_gap_ms() { # FROM TO
  awk -v f="$1" -v t="$2" '$1 < f { last = $1 } $1 >= f && $1 < t { if (last && ($1 - last) * 1000 > m) m = ($1 - last) * 1000; last = $1 }
    END { if (last && (t - last) * 1000 > m) m = (t - last) * 1000; printf "%.0f\n", m }' "$WORK/registers.txt"
}

check_handover() { # NAME OLD-ADDRESS SINCE MAX-GAP-MS
  local h src gap after q0 q1 same
  h="$(handover "$2" "$3")"
  result "$1.registration_handover" "$h"
  if [ "$h" = none ]; then fail "$1: no node took the registration over from $2"; return; fi
  read -r src gap after q0 q1 same <<<"$h"
  [ "$same" = 1 ] || fail "$1: $src registered with another Call-ID than $2 had"
  [ "$q1" -gt "$q0" ] || fail "$1: $src sent CSeq $q1, not above $2's last $q0"
  [ "$gap" -le "$4" ] || fail "$1: $gap ms between $2's last REGISTER and $src's first, more than $4 ms"
}

start_calls() { # NAME CALLS
  ip netns exec "$PLAT" timeout 120 sipp "$FRONT:5060" -sf "$HOME_DIR/sipp-scenarios/uac.xml" -s 15551234567 \
    -i 10.78.1.10 -t un -p 5070 -r "$RATE" -m "$2" -d "$HOLD_MS" -nostdin -max_socket 2000 \
    -timeout 100s -recv_timeout 32000 -trace_stat -stf "$WORK/$1.stat.csv" -trace_err -error_file "$WORK/$1.errors.log" \
    >"$WORK/$1.sipp.log" 2>&1 &
  CALLS_PID=$!
  STARTED_PIDS+=("$CALLS_PID")
}

finish_calls() { # NAME
  local status stats successful failed
  wait "$CALLS_PID"; status=$?
  stats="$(tail -1 "$WORK/$1.stat.csv" 2>/dev/null)"
  # Columns of SIPp's stat file: SuccessfulCall(C) is the 16th field, FailedCall(C) the 18th.
  successful="$(printf '%s' "$stats" | awk -F';' '{print $16}')"
  failed="$(printf '%s' "$stats" | awk -F';' '{print $18}')"
  result "$1.calls_successful" "${successful:-?}"
  result "$1.calls_failed" "${failed:-?}"
  [ "$status" -eq 0 ] && [ "${failed:-1}" = 0 ] \
    || fail "$1: SIPp exit status $status, failed calls ${failed:-?} (see $WORK/$1.errors.log)"
}

now() { date +%s.%N; }
removed_after_ms() { # ADDRESS SINCE: ms from SINCE to the health check taking ADDRESS out, or none
  awk -v a="$1" -v s="$2" '$2 == "out" && $3 == a && $1 >= s { printf "%.0f\n", ($1 - s) * 1000; found = 1; exit }
    END { if (!found) print "none" }' "$WORK/health.log"
}

# ---- the test ---------------------------------------------------------------------------------------------
mkdir -p "$WORK"
: >"$WORK/results.txt"
build_topology || { fail "cannot build the namespace topology"; exit 1; }
start_director || { fail "cannot load the director's nftables rules"; exit 1; }
start_redis || { fail "Redis with Sentinel did not come up"; exit 1; }
start_carriers
start_registrar || { fail "tshark did not start capturing at the registrar"; exit 1; }
for n in 1 2 3; do start_node "$n" "$WORK/node$n.log"; done
for n in 1 2 3; do wait_ready "$n" 60 || { fail "node$n not ready within 60 s"; tail -20 "$WORK/node$n.log" >&2; exit 1; }; done
start_health_checks
log "three nodes ready"

start_calls crash 1500
sleep 6
# The node that registers is the one killed: K, and the survivors SURV.
REG_ADDR="$(registers 0 | tail -1 | awk '{ print $2 }')"
[ -n "$REG_ADDR" ] || { fail "no node has sent a REGISTER"; exit 1; }
K=$(( ${REG_ADDR##*.} - 10 ))
SURV=(); for n in 1 2 3; do [ "$n" != "$K" ] && SURV+=("$n"); done
log "1. spread, then kill -9 of node$K (it registers) at $RATE calls/s, ${HOLD_MS} ms hold"
C1="$(calls_of_node 1)"; C2="$(calls_of_node 2)"; C3="$(calls_of_node 3)"
T_KILL="$(now)"
kill -9 "$(node_pid "$K")"
result spread_calls_per_node "$C1/$C2/$C3"
awk -v a="$C1" -v b="$C2" -v c="$C3" 'BEGIN { m = (a + b + c) / 3; if (m < 30) exit 1;
  for (i = 0; i < 3; i++) { v = (i == 0 ? a : i == 1 ? b : c); if (v < 0.85 * m || v > 1.15 * m) exit 1 } }' \
  || fail "calls per node $C1/$C2/$C3 are not within +-15 % of their mean"
sleep 1.5
REMOVED="$(removed_after_ms "10.78.2.1$K" "$T_KILL")"
result crash_removed_after_ms "$REMOVED"
[ "$REMOVED" != none ] && [ "$REMOVED" -le 1000 ] || fail "node$K was not taken out within 1 s (${REMOVED})"
finish_calls crash
# Within the binding's lifetime: the last refresh of the killed node, the lease running out, the next node's check.
check_handover crash "10.78.2.1$K" "$T_KILL" $((GRANTED_S * 1000 - 500))
# What the survivors did for calls of the killed node: responses relayed to a live peer, and responses for the
# dead node's transactions (calls that were ringing on it) forwarded statelessly by Via.
for n in "${SURV[@]}"; do
  M="$(in_ns "$LB" curl -s "http://10.78.2.1$n:9060/metrics")"
  result "crash_survivor_node${n}_relayed_to_peer" "$(printf '%s\n' "$M" | awk '/action="relayed_to_peer"/ { printf "%d", $NF }')"
  result "crash_survivor_node${n}_forwarded_by_via" "$(printf '%s\n' "$M" | awk '/stray_responses_total.*action="forwarded"/ { printf "%d", $NF }')"
done

log "2. the Redis master killed under load"
start_calls redis 800
sleep 2
T_REDIS="$(now)"
kill -9 "$REDIS_MASTER_PID"
for i in $(seq 1 100); do [ "$(sentinel_master)" = 10.78.2.31 ] && break; sleep 0.1; done
result redis_new_master "$(sentinel_master)"
[ "$(sentinel_master)" = 10.78.2.31 ] || fail "Sentinel did not promote the replica"
sleep 3
for n in "${SURV[@]}"; do
  CONNECTED="$(in_ns "$LB" curl -s "http://10.78.2.1$n:9060/metrics" | awk '/^sipfront_shared_state_connected/ { print $NF }')"
  result "redis_node${n}_connected_after_failover" "${CONNECTED:-?}"
  [ "${CONNECTED%.*}" = 1 ] || fail "node$n did not reconnect to the new Redis master"
done
finish_calls redis
T_REDIS_END="$(now)"
HOLDER="$(registers 0 "$T_REDIS" | tail -1 | awk '{ print $2 }')"
DURING="$(register_sources "$T_REDIS" "$T_REDIS_END")"
result redis.registration_sources "$HOLDER before, $DURING during"
[ -n "$HOLDER" ] && [ "$DURING" = "$HOLDER" ] \
  || fail "redis: the registration did not stay on $HOLDER alone during the failover: $DURING"
GAP="$(register_max_gap_ms "$T_REDIS" "$T_REDIS_END")"
result redis.registration_max_gap_ms "$GAP"
[ "$GAP" -le $((REFRESH_S * 1000 + 1000)) ] || fail "redis: $GAP ms without a REGISTER, more than the refresh interval"

# The node that registers now is stopped, so its lease is released and the last node takes over at once.
REG_ADDR="$(registers 0 | tail -1 | awk '{ print $2 }')"
S=$(( ${REG_ADDR##*.} - 10 ))
[ "$S" = "${SURV[0]}" ] || [ "$S" = "${SURV[1]}" ] || { fail "the registration is on '$REG_ADDR', not on a survivor of case 1"; S="${SURV[1]}"; }
log "3. clean stop (SIGTERM) of node$S, which registers, under load"
start_calls cleanstop 800
sleep 3
T_STOP="$(now)"
kill -TERM "$(node_pid "$S")"
sleep 0.1
READY="$(in_ns "$LB" curl -s -o /dev/null -w '%{http_code}' --max-time 0.5 "http://10.78.2.1$S:9060/health/ready")"
result cleanstop_ready_status_after_sigterm "$READY"
[ "$READY" = 503 ] || fail "node$S answered $READY on /health/ready right after SIGTERM, expected 503"
timeout 40 tail --pid="$(node_pid "$S")" -f /dev/null
result cleanstop_removed_after_ms "$(removed_after_ms "10.78.2.1$S" "$T_STOP")"
result cleanstop_drain "$(grep -o 'drained in [0-9]* ms.*' "$WORK/node$S.log" | head -1)"
finish_calls cleanstop
# Released on the way out: no waiting for the lease to run out.
check_handover cleanstop "10.78.2.1$S" "$T_STOP" $((REFRESH_S * 1000 + 1500))
SOURCES="$(register_sources)"
result registration_sources "$SOURCES"
# Runs of one sender are written once, so two survivors in a row are two different nodes.
[[ "$SOURCES" =~ ^10\.78\.2\.1$K\>10\.78\.2\.1[${SURV[0]}${SURV[1]}]\>10\.78\.2\.1[${SURV[0]}${SURV[1]}]$ ]] \
  || fail "REGISTERs did not come from one node at a time (node$K, a survivor, the last node): $SOURCES"

if [ "$FAILED" -ne 0 ]; then
  log "some checks failed; logs in $WORK"
  exit 1
fi
log "all cluster checks passed"
exit 0
