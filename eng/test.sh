#!/usr/bin/env bash
# Installs and starts what the tests need, then builds and runs every test, as on a machine that never ran them.
#
#   sudo bash eng/test.sh        (as root on Debian: apt-get installs what is missing)
#
# - Debian packages, when missing: redis-server, chromium (+ fonts), nodejs/npm (for Azurite), postgresql (its
#   binaries only: the web farm tests make and start their own throw-away cluster, as the postgres user).
# - A throw-away Redis on 127.0.0.1:6390 (TIMETOKEN_TEST_REDIS), left running for the next run.
# - Azurite 3.35, a real Azure Blob store, installed with npm into a folder under the fresh temporary folder
#   (TIMETOKEN_TEST_AZURITE); each test starts its own blob service from it.
# - The tests run with a fresh HOME and a fresh temporary folder (TMPDIR), so nothing a previous run left in
#   ~/.aspnet, ~/.cache or /tmp can make them pass; the NuGet package cache is kept (NUGET_PACKAGES), so nothing is
#   downloaded twice.
# Plain `dotnet test TimeToken.sln -c Release` runs the same tests where these services are already set up.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

packages=()
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
[ -x /usr/bin/chromium ] || packages+=(chromium fonts-liberation)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || packages+=(postgresql)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${packages[*]}. Run as root (sudo bash eng/test.sh) to install them." >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi

# The package cache outlives the fresh HOME below.
export NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
run_root=$(mktemp -d "${TMPDIR:-/tmp}/timetoken-test.XXXXXX")
export HOME="$run_root/home" TMPDIR="$run_root/tmp"
mkdir -p "$HOME" "$TMPDIR"
cleanup() { rm -rf "$run_root"; }
trap cleanup EXIT

# A throw-away Redis on a loopback port, found by the tests through TIMETOKEN_TEST_REDIS.
redis-cli -p 6390 ping >/dev/null 2>&1 \
  || redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes
export TIMETOKEN_TEST_REDIS=127.0.0.1:6390

# Azurite 3.35 (later versions need Node.js 21 or newer; this one runs on Debian's Node.js), found by the tests through
# TIMETOKEN_TEST_AZURITE.
azurite_dir="$run_root/azurite"
npm install --prefix "$azurite_dir" --no-audit --no-fund --loglevel=error azurite@3.35.0
export TIMETOKEN_TEST_AZURITE="$azurite_dir/node_modules/.bin/azurite-blob"

# PostgreSQL's binaries (initdb, pg_ctl), found by the web farm tests through TIMETOKEN_TEST_POSTGRES_BIN. The
# package's own cluster is not needed; each farm makes one in a temporary folder on a free loopback port.
TIMETOKEN_TEST_POSTGRES_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
export TIMETOKEN_TEST_POSTGRES_BIN

# Playwright must never fetch a browser; the browser tests fail (not skip) without /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
unset TIMETOKEN_SKIP_BROWSER

dotnet build TimeToken.sln -c Release -warnaserror

# The test command. Its summary is repeated as one plain "N passed, N failed, N skipped" line.
log="$run_root/test.log"
set +e
dotnet test TimeToken.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -E "^[[:space:]]+$1: [0-9]+$" "$log" | tail -1 | grep -oE '[0-9]+' || echo 0; }
echo "$(count succeeded) passed, $(count failed) failed, $(count skipped) skipped"
exit "$status"
