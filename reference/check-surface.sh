#!/usr/bin/env bash
# Builds every surface project under reference/ in Release, then checks it against the real Orchard Core 3.0.1 API
# with surface-check (see its README). Exits non-zero when anything is reported bad.
#
# The shared folder (tools/surface-check and orchard-3.0.1-api) is found beside the project root (../shared),
# one level further up (when the root is a git worktree under a folder of its own), or at $TIMETOKEN_SHARED.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

shared="${TIMETOKEN_SHARED:-}"
if [[ -z "$shared" ]]; then
  for candidate in ../shared ../../shared; do
    if [[ -d "$candidate/tools/surface-check" ]]; then shared="$candidate"; break; fi
  done
fi
if [[ -z "$shared" || ! -d "$shared/tools/surface-check" ]]; then
  echo "check-surface: shared folder with tools/surface-check not found; set TIMETOKEN_SHARED" >&2
  exit 2
fi

surfaces=()
for project in reference/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  log="$(mktemp)"
  if ! dotnet build "$project" -c Release --nologo -v quiet -warnaserror >"$log" 2>&1; then
    cat "$log"; rm -f "$log"; exit 1
  fi
  rm -f "$log"
  surfaces+=(--surface "reference/$name/bin/Release/net10.0/$name.dll")
done

report="$(mktemp)"
trap 'rm -f "$report"' EXIT
status=0
dotnet run --project "$shared/tools/surface-check" -- "${surfaces[@]}" --api "$shared/orchard-3.0.1-api" >"$report" || status=$?
# Only the problems, their hints and the summary line.
grep -v '^OK' "$report" || true
exit "$status"
