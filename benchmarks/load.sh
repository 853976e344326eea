#!/usr/bin/env bash
# Serving throughput and memory under big transfers, against the sample site (Release) on a loopback port.
#
#   benchmarks/load.sh                 # throughput, then memory checks
#   benchmarks/load.sh throughput      # only the wrk comparison
#   benchmarks/load.sh memory          # only the memory checks
#
# Settings (environment): DURATION (seconds per wrk run, default 10), ROUNDS (gate/plain pairs, default 5),
# WARMUP (seconds per path, run twice, default 5),
# CONNECTIONS (default 32), THREADS (wrk threads, default 2), NO_BUILD=1 (use the existing Release build).
#
# Throughput: a 4 KB protected file through the gate with a valid link, and the same file through plain static
# files (the sample's TimeToken:Benchmark:PlainPath). Rounds alternate gate and plain; the ratio is per round and the
# median is reported. Target: gate >= 0.95x plain.
# Memory: a 1 GiB protected file downloaded whole and in 64 MiB Range pieces, and a 200 MiB upload through a slot.
# For each, the server's peak resident set (VmHWM, reset before the transfer through /proc/PID/clear_refs) against
# its resident set just before it. Target: growth < 64 MB each.
#
# Everything runs on 127.0.0.1, every run and loop is bounded, and the temporary folder (with its sparse big files)
# and the server are removed on exit. Never part of `dotnet test`; no result fails the script, only a broken setup.
set -euo pipefail

cd "$(dirname "$0")/.."
REPO=$(pwd)
MODE=${1:-all}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

case "$MODE" in all|throughput|memory) ;; *) echo "usage: $0 [all|throughput|memory]" >&2; exit 2 ;; esac
for tool in curl wrk; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$tool is missing; install it with: apt-get install -y $tool" >&2
    exit 2
  fi
done

if [ "${NO_BUILD:-}" != 1 ]; then
  dotnet build samples/TimeToken.Sample -c Release -warnaserror -v quiet -nologo >/dev/null
fi
DLL="$REPO/samples/TimeToken.Sample/bin/Release/net10.0/TimeToken.Sample.dll"
[ -f "$DLL" ] || { echo "missing $DLL" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/timetoken-load-XXXXXX")
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# The media folder: a deterministic 4 KB file, a sparse 1 GiB file (reads as zeros, takes no disk), and a sparse
# 200 MiB file to upload. A non-empty folder is not seeded by the sample.
MEDIA="$WORK/media"
mkdir -p "$MEDIA/bench" "$WORK/site" "$WORK/tmp"
awk 'BEGIN { s = ""; while (length(s) < 4096) s = s "TimeToken load test, 4 KB protected file.\n"; printf "%s", substr(s, 1, 4096) }' > "$MEDIA/bench/file-4k.txt"
truncate -s 1G "$MEDIA/bench/big-1g.bin"
truncate -s 200M "$WORK/upload-200m.bin"
BIG_SIZE=$((1024 * 1024 * 1024))
UPLOAD_SIZE=$((200 * 1024 * 1024))

# A free loopback port (bounded tries).
PORT=
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || { echo "no free port found" >&2; exit 2; }
BASE="http://127.0.0.1:$PORT"

# Content root in the temp folder, so the key ring and Data Protection keys (App_Data) go there too; upload temp
# files go to $WORK/tmp. Logging at Warning, as a production site would run.
(cd "$WORK/site" && TMPDIR="$WORK/tmp" ASPNETCORE_ENVIRONMENT=Production exec dotnet "$DLL" \
  --urls "$BASE" --contentRoot "$WORK/site" \
  --TimeToken:MediaRoot="$MEDIA" \
  --TimeToken:Benchmark:PlainPath=/plain \
  --TimeToken:Uploads:MaxBytes=$((UPLOAD_SIZE + 1024 * 1024)) \
  --TimeToken:Uploads:AllowedExtensions=.bin,.txt \
  --Logging:LogLevel:Default=Warning \
  --Logging:LogLevel:TimeToken.Core.Media.MediaGateMiddleware=Warning \
  --Logging:LogLevel:TimeToken.Core.Uploads.UploadSlotMiddleware=Warning \
  > "$WORK/server.log" 2>&1) &
SERVER_PID=$!

for _ in $(seq 1 120); do
  curl -sf -o /dev/null --max-time 2 "$BASE/" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; echo "the sample did not start" >&2; exit 2; }
  sleep 0.5
done
curl -sf -o /dev/null --max-time 5 "$BASE/" || { cat "$WORK/server.log" >&2; echo "the sample did not answer" >&2; exit 2; }

# The server process is the dotnet child of the subshell's exec: the same PID.
PID=$SERVER_PID

# A signed link, as the page renders it (the href after data-path="…"), HTML attribute entities decoded.
link_for() {
  curl -sf --max-time 10 "$BASE/" \
    | grep -o "data-path=\"$1\" href=\"[^\"]*\"" | head -n 1 | sed -e 's/.*href="//' -e 's/"$//' \
    | sed -e 's/&amp;/\&/g' -e 's/&#x3D;/=/g' -e 's/&#x2B;/+/g' -e 's/&#x2F;/\//g'
}
SMALL_LINK=$(link_for bench/file-4k.txt)
BIG_LINK=$(link_for bench/big-1g.bin)
case "$SMALL_LINK" in /media/bench/file-4k.txt\?tt=*) ;; *) echo "no signed link for the 4 KB file: '$SMALL_LINK'" >&2; exit 2 ;; esac
case "$BIG_LINK" in /media/bench/big-1g.bin\?tt=*) ;; *) echo "no signed link for the 1 GiB file: '$BIG_LINK'" >&2; exit 2 ;; esac

check_status() { # url expected-status expected-size
  local got
  got=$(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{size_download}' "$1")
  [ "$got" = "$2 $3" ] || { echo "GET $1 answered '$got', expected '$2 $3'" >&2; exit 2; }
}
check_status "$BASE$SMALL_LINK" 200 4096
check_status "$BASE/plain/bench/file-4k.txt" 200 4096
check_status "$BASE/media/bench/file-4k.txt" 404 0

echo "TimeToken load test — $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: $DLL (Release) on $BASE, pid $PID"

rps() { # url -> requests per second from wrk
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s "$1" | awk '/^Requests\/sec:/ {print $2}'
}

if [ "$MODE" = all ] || [ "$MODE" = throughput ]; then
  echo
  echo "== Throughput: 4 KB file, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $ROUNDS rounds =="
  # Warm both paths first: tiered JIT needs several seconds under load before the code is final (a 2 s warm-up
  # left the gate at a third of its speed). Bounded: WARMUP seconds per path, twice.
  for _ in 1 2; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$BASE$SMALL_LINK" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$BASE/plain/bench/file-4k.txt" >/dev/null
  done
  ratios=()
  for round in $(seq 1 "$ROUNDS"); do
    gate=$(rps "$BASE$SMALL_LINK")
    plain=$(rps "$BASE/plain/bench/file-4k.txt")
    ratio=$(awk -v g="$gate" -v p="$plain" 'BEGIN { printf "%.3f", g / p }')
    ratios+=("$ratio")
    printf 'round %d: gate %10.1f req/s   plain %10.1f req/s   gate/plain %s\n' "$round" "$gate" "$plain" "$ratio"
  done
  median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  verdict=$(awk -v r="$median" 'BEGIN { print (r >= 0.95 ? "met" : "MISSED") }')
  echo "median gate/plain: $median (target >= 0.95: $verdict)"
fi

kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }
mb() { awk -v v="$1" 'BEGIN { printf "%.1f", v / 1024 }'; }

# Runs one transfer (a shell function) and prints the resident set before it and its peak during it.
measure() { # name function
  local name=$1 before peak growth verdict
  sleep 1
  before=$(kb VmRSS)
  if ! echo 5 > "/proc/$PID/clear_refs" 2>/dev/null; then
    echo "cannot reset the peak (clear_refs); run as root or as the server's user" >&2
    exit 2
  fi
  "$2"
  peak=$(kb VmHWM)
  growth=$((peak - before))
  verdict=$(awk -v g="$growth" 'BEGIN { print (g < 64 * 1024 ? "met" : "MISSED") }')
  printf '%-38s before %7s MB   peak %7s MB   growth %6s MB   (target < 64 MB: %s)\n' "$name" "$(mb "$before")" "$(mb "$peak")" "$(mb "$growth")" "$verdict"
}

download_whole() {
  local got
  got=$(curl -s -o /dev/null --max-time 300 -w '%{http_code} %{size_download}' "$BASE$BIG_LINK")
  [ "$got" = "200 $BIG_SIZE" ] || { echo "whole download answered '$got'" >&2; exit 2; }
}

download_ranges() {
  local piece=$((64 * 1024 * 1024)) start end got
  for start in $(seq 0 "$piece" $((BIG_SIZE - 1))); do
    end=$((start + piece - 1))
    got=$(curl -s -o /dev/null --max-time 60 -r "$start-$end" -w '%{http_code} %{size_download}' "$BASE$BIG_LINK")
    [ "$got" = "206 $piece" ] || { echo "range $start-$end answered '$got'" >&2; exit 2; }
  done
}

upload_200m() {
  local slot url got
  slot=$(curl -sf --max-time 10 -X POST "$BASE/api/upload-slots")
  url=$(printf '%s' "$slot" | grep -o '"url":"[^"]*"' | sed -e 's/"url":"//' -e 's/"$//')
  [ -n "$url" ] || { echo "no slot in '$slot'" >&2; exit 2; }
  # -T streams the file (--data-binary would read it into curl's memory first).
  got=$(curl -s -o "$WORK/upload-answer.json" --max-time 300 -w '%{http_code}' -X POST \
    -H 'Content-Type: application/octet-stream' -H 'X-File-Name: upload-200m.bin' -H 'Expect:' \
    -T "$WORK/upload-200m.bin" "$BASE$url")
  [ "$got" = 201 ] || { echo "upload answered $got: $(cat "$WORK/upload-answer.json")" >&2; exit 2; }
  [ "$(stat -c %s "$MEDIA/uploads/upload-200m.bin")" = "$UPLOAD_SIZE" ] || { echo "the uploaded file has the wrong size" >&2; exit 2; }
  rm -f "$MEDIA/uploads/upload-200m.bin"
}

if [ "$MODE" = all ] || [ "$MODE" = memory ]; then
  echo
  echo "== Memory: server resident set (VmRSS before, VmHWM peak during) =="
  measure "1 GiB download, whole" download_whole
  measure "1 GiB download, 16 Range pieces" download_ranges
  measure "200 MiB upload through a slot" upload_200m
fi
