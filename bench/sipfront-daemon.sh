# Sourced by the bench scripts: start_sipfront HOME CONFIG LOG starts HOME's daemon (bin/sipfront run, JVM options
# from SIPFRONT_JAVA_OPTS if set) in the background with its output in LOG, sets D to its PID and waits up to 60 s
# for "Sipfront ready". If it never gets ready it says so, stops it and returns 1.
start_sipfront() {
  "$1/bin/sipfront" run --config "$2" > "$3" 2>&1 &
  D=$!
  for _ in $(seq 1 300); do grep -q "Sipfront ready" "$3" && return 0; sleep 0.2; done
  echo "daemon of $1 not ready, see $3" >&2; kill "$D" 2>/dev/null; return 1
}

# sipfront_java_opts HOME prints the JVM options HOME's bin/sipfront starts the daemon with (its DEFAULT_JAVA_OPTS),
# for scripts that add to them (a GC log, frame pointers) instead of keeping a copy that drifts.
sipfront_java_opts() {
  local opts
  opts=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$1/bin/sipfront")
  [ -n "$opts" ] || { echo "no DEFAULT_JAVA_OPTS in $1/bin/sipfront" >&2; return 1; }
  echo "$opts"
}
