#!/usr/bin/env bash
# install-test.sh DEB REPOSITORY OUTPUT_DIR
#
# Installs the sipfront .deb for real, without changing this machine: dpkg -i runs in a chroot into an
# overlay of / whose upper layer is a tmpfs, inside private mount, PID and network namespaces (loopback only).
# When this script ends, however it ends, the namespaces die and take the overlay, the daemon and SIPp with
# them. Then, as systemd would run the installed unit:
#   - the package's postinst made the sipfront user (sysusers.d) and its directories (tmpfiles.d);
#   - systemd-analyze verify passes on the installed unit;
#   - ExecStartPre and ExecStart run as the unit's User=/Group= with its capabilities (setpriv), its
#     Environment=, WorkingDirectory= and UMask=, in a mount namespace like ProtectSystem=strict, ProtectHome=
#     and PrivateTmp= make: / read-only but for the StateDirectory, LogsDirectory and RuntimeDirectory;
# and checks that the daemon answers an OPTIONS over UDP with 200, that `sipfront ctl status`, `drain` and
# `enable` work as root with no --config, that one call through it (SIPp as platform and carrier) leaves one
# line in /var/log/sipfront/calls.log and none on stdout, that SIGTERM stops it within 10 s, and that nothing
# was written outside /etc/sipfront, /var/lib/sipfront, /var/log/sipfront and /run/sipfront after the
# installation. Everything it keeps (daemon output, SIPp traces) goes to OUTPUT_DIR. Needs root.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 DEB REPOSITORY OUTPUT_DIR" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test: needs root (mount, chroot, dpkg)" >&2
  exit 2
fi

if [ "${SIPFRONT_INSTALL_TEST_INSIDE:-}" != 1 ]; then
  # PID 1 of the new PID namespace is this script: when it exits, the kernel kills everything left in it, and
  # the mount namespace (overlay, tmpfs) goes with the last process. --kill-child: if unshare is killed, so is
  # the script.
  exec env SIPFRONT_INSTALL_TEST_INSIDE=1 unshare --mount --net --pid --uts --ipc --fork --kill-child --mount-proc \
    --propagation private "$0" "$@"
fi

DEB="$(readlink -f "$1")"
REPO="$(readlink -f "$2")"
OUT="$(readlink -f "$3")"
mkdir -p "$OUT"
rm -rf "${OUT:?}"/*
STEP="start"
PROXY=127.0.0.1:5060
PLATFORM=127.0.0.10
CARRIER=127.0.0.20
UNIT=/lib/systemd/system/sipfront.service
WRITABLE_RE='^(etc/sipfront|var/lib/sipfront|var/log/sipfront|run/sipfront)(/|$)'

log() { printf 'install-test: %s\n' "$*" >&2; }
fail() {
  log "FAILED at '$STEP': $*"
  exit 1
}
step() {
  STEP="$1"
  log "$1"
}

TMP="$OUT/fs"
mkdir -p "$TMP"
mount -t tmpfs -o size=4g,mode=0755 sipfront-install-test "$TMP"
mkdir "$TMP/upper" "$TMP/work" "$TMP/root" "$TMP/run" "$TMP/daemon-tmp"
ROOT="$TMP/root"
# The lower layer is the root file system itself: mounts below it (/proc, /run, ...) are not part of it.
mount -t overlay overlay -o "lowerdir=/,upperdir=$TMP/upper,workdir=$TMP/work" "$ROOT"
mount -t proc proc "$ROOT/proc"
mount -t sysfs sysfs "$ROOT/sys"
mount --rbind /dev "$ROOT/dev"
# A fresh /run as after a boot, without systemd running (so the postinst starts nothing).
mount --bind "$TMP/run" "$ROOT/run"
ip link set lo up

DAEMON_PID=""
SIPP_PIDS=()
cleanup() {
  local status=$?
  # The namespaces end with this script anyway; stopping by PID first lets SIPp and the JVM exit cleanly.
  for pid in "${SIPP_PIDS[@]}" $DAEMON_PID; do
    kill -KILL "$pid" 2>/dev/null || true
  done
  umount -R "$ROOT" 2>/dev/null || umount -lR "$ROOT" 2>/dev/null || true
  umount -l "$TMP" 2>/dev/null || true
  if [ $status -eq 0 ]; then
    log "PASSED"
  fi
  exit $status
}
trap cleanup EXIT
trap 'exit 143' TERM INT

in_root() { chroot "$ROOT" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

step "dpkg -i $(basename "$DEB")"
in_root dpkg -i "$DEB" > "$OUT/dpkg.log" 2>&1 || { cat "$OUT/dpkg.log" >&2; fail "dpkg -i failed"; }
in_root dpkg-query -W -f='${Status}\n' sipfront | grep -qx 'install ok installed' || fail "sipfront not installed"

step "the sipfront user and its directories (postinst: systemd-sysusers, systemd-tmpfiles)"
in_root getent passwd sipfront > "$OUT/passwd" || fail "no user sipfront"
IFS=: read -r _ _ SF_UID SF_GID _ SF_HOME SF_SHELL < "$OUT/passwd"
[ "$SF_UID" -lt 1000 ] || fail "sipfront is not a system user (uid $SF_UID)"
[ "$SF_SHELL" = /usr/sbin/nologin ] || fail "sipfront's shell is $SF_SHELL"
for d in /var/lib/sipfront /var/log/sipfront /run/sipfront; do
  [ "$(in_root stat -c '%U:%G %a' "$d")" = "sipfront:sipfront 750" ] || fail "$d: $(in_root stat -c '%U:%G %a' "$d")"
done
[ "$(in_root readlink -f /usr/bin/sipfront)" = /usr/share/sipfront/bin/sipfront ] || fail "/usr/bin/sipfront"
in_root test -e /etc/systemd/system/multi-user.target.wants/sipfront.service || fail "the unit was not enabled"

step "systemd-analyze verify $UNIT"
in_root systemd-analyze verify "$UNIT" > "$OUT/verify.log" 2>&1 || { cat "$OUT/verify.log" >&2; fail "verify"; }
[ ! -s "$OUT/verify.log" ] || { cat "$OUT/verify.log" >&2; fail "systemd-analyze verify warns"; }

# The unit's settings, as systemd reads them: the last assignment wins, Environment= lines add up.
unit_value() { sed -n "s/^$1=//p" "$ROOT$UNIT" | tail -n 1; }
USER_NAME="$(unit_value User)"
GROUP_NAME="$(unit_value Group)"
CAPS="$(unit_value AmbientCapabilities)"
BOUNDING="$(unit_value CapabilityBoundingSet)"
WORKDIR="$(unit_value WorkingDirectory)"
UMASK="$(unit_value UMask)"
EXEC_START_PRE="$(unit_value ExecStartPre)"
EXEC_START="$(unit_value ExecStart)"
[ "$USER_NAME" = sipfront ] && [ "$GROUP_NAME" = sipfront ] || fail "User=$USER_NAME Group=$GROUP_NAME"
[ "$(unit_value NoNewPrivileges)" = yes ] || fail "NoNewPrivileges is not yes"
[ "$(unit_value ProtectSystem)" = strict ] || fail "ProtectSystem is not strict"
setpriv_caps() { # "CAP_A CAP_B" -> -all,+a,+b
  local list="-all" c
  for c in $1; do list="$list,+$(printf '%s' "${c#CAP_}" | tr '[:upper:]' '[:lower:]')"; done
  printf '%s' "$list"
}
UNIT_ENV=()
while IFS= read -r assignment; do
  eval "UNIT_ENV+=( $assignment )"
done < <(sed -n 's/^Environment=//p' "$ROOT$UNIT")
RW_DIRS=("/var/lib/$(unit_value StateDirectory)" "/var/log/$(unit_value LogsDirectory)" \
  "/run/$(unit_value RuntimeDirectory)")

# The prefix that runs one of the unit's commands as systemd would: in a mount namespace with / read-only but
# for the unit's directories (ProtectSystem=strict), /home and /root hidden (ProtectHome=yes) and a private /tmp
# (PrivateTmp=yes); then with the unit's user, groups, capabilities, no-new-privileges, environment, working
# directory and umask. Every step execs the next, so the PID of a command started with it is the command's
# (the launcher execs the JVM too).
RW_QUOTED="$(printf '%q ' "${RW_DIRS[@]}")"
AS_UNIT=(unshare --mount --propagation private sh -c '
    set -e
    root=$1; shift
    mount --rbind "$root" "$root"
    for d in '"$RW_QUOTED"'; do mount --bind "$root$d" "$root$d"; done
    mount -o remount,bind,ro "$root"
    mount -o remount,bind,ro "$root/run"
    mount -t tmpfs -o mode=1777 private-tmp "$root/tmp"
    mount -t tmpfs -o ro,mode=000 no-home "$root/home"
    mount -t tmpfs -o ro,mode=000 no-root "$root/root"
    exec chroot "$root" "$@"' sh "$ROOT"
  setpriv --reuid="$USER_NAME" --regid="$GROUP_NAME" --init-groups
    --inh-caps="$(setpriv_caps "$CAPS")" --ambient-caps="$(setpriv_caps "$CAPS")"
    --bounding-set="$(setpriv_caps "$BOUNDING")" --no-new-privs
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$SF_HOME" USER="$USER_NAME"
    LOGNAME="$USER_NAME" LANG=C.UTF-8 "${UNIT_ENV[@]}"
  sh -c 'cd "$1" && umask "$2" && shift 2 && exec "$@"' sh "$WORKDIR" "$UMASK")

# Every file of the overlay's upper layer and of /run with its type, size and time: what the installation
# wrote. Anything new or changed after it must be in one of the service's own directories.
snapshot() {
  (cd "$TMP/upper" && find . -mindepth 1 -printf '%P %y %s %T@\n'
   cd "$TMP/run" && find . -mindepth 1 -printf 'run/%P %y %s %T@\n') | sort
}
snapshot > "$OUT/installed.files"

step "ExecStartPre: $EXEC_START_PRE"
# shellcheck disable=SC2086 # the unit's command line is split on spaces, as systemd does without quotes
"${AS_UNIT[@]}" $EXEC_START_PRE > "$OUT/check-config.out" 2>&1 || { cat "$OUT/check-config.out" >&2; fail "check-config"; }

step "ExecStart: $EXEC_START (as $USER_NAME with $CAPS)"
# shellcheck disable=SC2086
: > "$OUT/daemon.out"
"${AS_UNIT[@]}" $EXEC_START > "$OUT/daemon.out" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 1 120); do
  grep -q "Sipfront ready" "$OUT/daemon.out" && break
  kill -0 "$DAEMON_PID" 2>/dev/null || { cat "$OUT/daemon.out" >&2; fail "the daemon exited"; }
  sleep 0.5
done
grep -q "Sipfront ready" "$OUT/daemon.out" || { tail -50 "$OUT/daemon.out" >&2; fail "not ready within 60 s"; }
[ "$(cat "/proc/$DAEMON_PID/comm")" = java ] || fail "the started PID is $(cat "/proc/$DAEMON_PID/comm"), not the JVM"
grep -q '^CapAmb:[[:space:]]*0*3400$' "/proc/$DAEMON_PID/status" || fail "ambient caps: $(grep Cap "/proc/$DAEMON_PID/status")"
[ "$(stat -c '%u' "/proc/$DAEMON_PID")" = "$SF_UID" ] || fail "the JVM does not run as sipfront"

sipp_run() { # NAME SIPP-ARGS...: a bounded SIPp client run in OUT
  local name=$1
  shift
  (cd "$OUT" && timeout 60 sipp "$@" -nostdin -timeout 30 -recv_timeout 5000 \
    -trace_err -error_file "$name.errors.log" -trace_msg -message_file "$name.messages.log") > "$OUT/$name.out" 2>&1
}

step "OPTIONS over UDP from the platform to $PROXY gets 200"
sipp_run options -sf "$REPO/sipp-scenarios/uac-options.xml" "$PROXY" -i "$PLATFORM" -p 5070 -m 1 \
  || fail "no 200 to OPTIONS (see $OUT/options.*)"

ctl() { # as an operator does with sudo: root, no --config, a working directory of its own
  in_root sh -c 'cd /root && exec /usr/bin/sipfront ctl "$@"' sh "$@"
}
step "sipfront ctl status (no --config: /etc/sipfront/sipfront.yaml and its token)"
ctl status > "$OUT/ctl-status.out" 2>&1 || { cat "$OUT/ctl-status.out" >&2; fail "ctl status"; }
grep -Eq '^carriers +carrier-a +sip:127\.0\.0\.20:5060 +active ' "$OUT/ctl-status.out" \
  || { cat "$OUT/ctl-status.out" >&2; fail "ctl status does not list carrier-a active"; }
[ "$(in_root stat -c '%U %a' /var/lib/sipfront/admin.token)" = "sipfront 600" ] || fail "admin.token not sipfront 0600"

step "sipfront ctl drain carriers carrier-b, then enable"
ctl drain carriers carrier-b > "$OUT/ctl-drain.out" 2>&1 || { cat "$OUT/ctl-drain.out" >&2; fail "ctl drain (token?)"; }
ctl status > "$OUT/ctl-status-drained.out" 2>&1 || fail "ctl status after drain"
grep -Eq '^carriers +carrier-b .*(drained|draining)' "$OUT/ctl-status-drained.out" \
  || { cat "$OUT/ctl-status-drained.out" >&2; fail "carrier-b not drained"; }
ctl enable carriers carrier-b > "$OUT/ctl-enable.out" 2>&1 || { cat "$OUT/ctl-enable.out" >&2; fail "ctl enable"; }
ctl status > "$OUT/ctl-status-enabled.out" 2>&1 || fail "ctl status after enable"
grep -Eq '^carriers +carrier-b +sip:127\.0\.0\.21:5060 +active ' "$OUT/ctl-status-enabled.out" \
  || { cat "$OUT/ctl-status-enabled.out" >&2; fail "carrier-b not active again"; }

step "one call from the platform ($PLATFORM) to carrier-a ($CARRIER) leaves one call-log line and one call record"
(cd "$OUT" && exec timeout 90 sipp -sf "$REPO/sipp-scenarios/uas.xml" -i "$CARRIER" -p 5060 -nostdin \
  -trace_err -error_file carrier.errors.log) > "$OUT/carrier.out" 2>&1 &
SIPP_PIDS+=($!)
sleep 0.5
kill -0 "${SIPP_PIDS[0]}" 2>/dev/null || { cat "$OUT/carrier.out" >&2; fail "the carrier SIPp did not start"; }
sipp_run call -sf "$REPO/sipp-scenarios/uac.xml" "$PROXY" -s 15551234567 -i "$PLATFORM" -p 5060 -m 1 -d 200 \
  -cid_str "install-test-%u-%p@%s" || fail "the call failed (see $OUT/call.*)"
# await_log NAME: waits up to 5 s for /var/log/sipfront/NAME (written through asynchronous appenders), keeps a copy.
await_log() {
  for _ in $(seq 1 20); do
    [ -s "$ROOT/var/log/sipfront/$1" ] && break
    sleep 0.25
  done
  cp "$ROOT/var/log/sipfront/$1" "$OUT/$1" 2>/dev/null || fail "no /var/log/sipfront/$1"
}
CALLS_LOG="$ROOT/var/log/sipfront/calls.log"
await_log calls.log
[ "$(grep -c 'call_id=install-test-1-' "$CALLS_LOG")" = 1 ] || { cat "$CALLS_LOG" >&2; fail "not one call-log line"; }
grep -q 'call_id=install-test-1-.*final=200' "$CALLS_LOG" || fail "the call-log line is not a 200"
! grep -q ' sipfront\.calls ' "$OUT/daemon.out" || fail "the call log also went to stdout (the journal)"
grep -q '"call_id":"install-test-1-' "$ROOT/var/log/sipfront/audit.log" || fail "no audit line in /var/log/sipfront"
CDR="$ROOT/var/log/sipfront/cdr.json"
await_log cdr.json
[ "$(grep -c '"call_id":"install-test-1-' "$CDR")" = 1 ] || { cat "$CDR" >&2; fail "not one call record"; }
grep -q '"call_id":"install-test-1-.*"disposition":"answered","hangup":"caller"' "$CDR" \
  || { cat "$CDR" >&2; fail "the call record is not an answered call the caller hung up"; }
kill -TERM "${SIPP_PIDS[0]}" 2>/dev/null || true

step "SIGTERM stops the daemon within 10 s"
kill -TERM "$DAEMON_PID"
STOPPED=false
for _ in $(seq 1 100); do
  if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
    STOPPED=true
    break
  fi
  sleep 0.1
done
$STOPPED || fail "still running 10 s after SIGTERM"
set +e
wait "$DAEMON_PID"
STATUS=$?
set -e
DAEMON_PID=""
# The JVM exits 143 after its shutdown hooks on SIGTERM: the unit's SuccessExitStatus= must count it as clean.
case " 0 $(unit_value SuccessExitStatus) " in
  *" $STATUS "*) ;;
  *) fail "exit status $STATUS after SIGTERM is a failure for systemd" ;;
esac
grep -q "Sipfront stopped" "$OUT/daemon.out" || fail "no 'Sipfront stopped' in the log"

step "nothing written outside /etc/sipfront, /var/lib/sipfront, /var/log/sipfront, /run/sipfront"
snapshot > "$OUT/after.files"
comm -13 "$OUT/installed.files" "$OUT/after.files" | cut -d' ' -f1 | grep -Ev "$WRITABLE_RE" > "$OUT/stray.files" || true
[ ! -s "$OUT/stray.files" ] || { cat "$OUT/stray.files" >&2; fail "files written outside the service's directories"; }
