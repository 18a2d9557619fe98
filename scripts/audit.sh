#!/usr/bin/env bash
# Checks every package pinned in requirements.lock for known vulnerabilities with pip-audit.
#
# pip-audit lives in its own environment, .venv-tools (pinned in requirements-tools.txt): its
# dependencies conflict with Rasa 3.6's pins, so it never goes into .venv. The vulnerabilities
# that Rasa 3.6's pins force us to keep are listed in config/audit-ignore.txt and explained in
# SECURITY.md; any other known vulnerability, and any package that could not be checked, fails.
#
# Exit status: 0 nothing outside the list; 1 a vulnerability outside the list, or a package that
# could not be checked; 2 no vulnerability service answered, or the list is not documented.
#
# AUDIT_UNREACHABLE_OK=1 (used by `make test`) turns "no service answered" into a warning.
# AUDIT_SERVICE=pypi or AUDIT_SERVICE=osv picks pip-audit's vulnerability service; by default
# the first of the two that answers. PIP_AUDIT_OSV_URL (read by pip-audit) points -s osv at
# an OSV mirror.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS=.venv-tools
LOCK=requirements.lock
TOOL_PINS=requirements-tools.txt
IGNORE_LIST=config/audit-ignore.txt
start=$SECONDS

say() { printf 'audit: %s\n' "$*"; }
fail() {  # the first argument is the message, each further one an indented line
  printf 'audit: %s\n' "$1" >&2
  shift
  if [ "$#" -gt 0 ]; then printf '       %s\n' "$@" >&2; fi
}

# --- the tools environment ---------------------------------------------------------------
if ! cmp -s "$TOOL_PINS" "$TOOLS/.installed" 2>/dev/null; then
  if [ ! -x "$TOOLS/bin/python" ]; then
    # The same Python 3.10 as .venv; pip-audit needs 3.10 or newer, so python3 also does.
    python=$(bash scripts/find-python310.sh 2>/dev/null) || python=$(command -v python3 || true)
    if [ -z "$python" ] || ! "$python" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null; then
      fail "pip-audit needs Python 3.10 or newer; none was found (see scripts/find-python310.sh)."
      exit 2
    fi
    say "creating $TOOLS with $python"
    "$python" -m venv "$TOOLS"
  fi
  say "installing $TOOL_PINS into $TOOLS"
  "$TOOLS/bin/python" -m pip install --quiet --disable-pip-version-check -r "$TOOL_PINS"
  cp "$TOOL_PINS" "$TOOLS/.installed"
fi
PIP_AUDIT="$TOOLS/bin/pip-audit"
pinned=$(sed -n -E 's/^pip[-_]audit==([^ ]+).*/\1/p' "$TOOL_PINS")

# --- the list of vulnerabilities we keep ---------------------------------------------------
mapfile -t accepted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$IGNORE_LIST" | grep -v '^$')
undocumented=()
for id in "${accepted[@]}"; do
  grep -qF -- "$id" SECURITY.md || undocumented+=("$id")
done
if [ "${#undocumented[@]}" -gt 0 ]; then
  fail "FAILED: these ids in $IGNORE_LIST have no row in SECURITY.md: ${undocumented[*]}" \
    "Document why each one is kept (package, pin, exposure, mitigation), or remove it."
  exit 2
fi

# --- a vulnerability service that answers --------------------------------------------------
# A service is usable when pip-audit gets a real answer for one pinned release (pip-audit's
# own). Without this check a service that answers "not found" for every release would make
# an audit without --strict pass without checking anything.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'pip-audit==%s\n' "$pinned" >"$scratch/probe.txt"

probe() {  # $1: service. Prints why it is not usable, or nothing when it is.
  "$PIP_AUDIT" -r "$scratch/probe.txt" --no-deps --disable-pip -s "$1" -f json \
    --progress-spinner off >"$scratch/probe.json" 2>"$scratch/probe.err" || true
  "$TOOLS/bin/python" - "$scratch/probe.json" "$scratch/probe.err" <<'PY'
import json, sys
try:
    with open(sys.argv[1]) as answer:
        dependencies = json.load(answer)["dependencies"]
except (OSError, ValueError, KeyError):
    with open(sys.argv[2]) as errors:
        lines = [line.strip() for line in errors if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR") or "Error" in line]
    print((errors or lines or ["no answer"])[-1][:300])
    sys.exit()
reasons = [d["skip_reason"] for d in dependencies if d.get("skip_reason")]
if not dependencies or reasons:
    print(reasons[0] if reasons else "no answer")
PY
}

services=(pypi osv)
if [ -n "${AUDIT_SERVICE:-}" ]; then services=("$AUDIT_SERVICE"); fi
service=""
reasons=()
for candidate in "${services[@]}"; do
  why=$(probe "$candidate")
  if [ -z "$why" ]; then service=$candidate; break; fi
  if [ "$candidate" = pypi ] && [[ $why == *"not found"* ]]; then
    why="$why (that release exists, so PyPI's JSON API for single releases gave no real answer)"
  fi
  reasons+=("-s $candidate: $why")
done
if [ -z "$service" ]; then
  fail "FAILED after $((SECONDS - start)) s: no vulnerability service answered, so $LOCK was NOT checked." \
    "${reasons[@]}" \
    "pip-audit needs PyPI's JSON API for single releases (-s pypi) or the OSV API (-s osv)." \
    "Run \`make audit\` where one of them is reachable; AUDIT_SERVICE=pypi|osv picks one," \
    "PIP_AUDIT_OSV_URL points -s osv at an OSV mirror."
  if [ "${AUDIT_UNREACHABLE_OK:-}" = 1 ]; then
    # `make test` must not fail because the network cannot reach the advisory services; it
    # says so loudly instead. `make audit` (without this variable) fails.
    fail "WARNING: continuing without the dependency audit (AUDIT_UNREACHABLE_OK=1)."
    exit 0
  fi
  exit 2
fi

# --- the audit -----------------------------------------------------------------------------
args=(-r "$LOCK" --no-deps --disable-pip --strict -s "$service" --progress-spinner off)
for id in "${accepted[@]}"; do args+=(--ignore-vuln "$id"); done
say "$(grep -c '==' "$LOCK") pinned packages in $LOCK; service $service;" \
  "${#accepted[@]} known vulnerabilities accepted ($IGNORE_LIST)"
status=0
# --no-deps: the lock pins every package, so pip-audit need not resolve (or install) anything.
"$PIP_AUDIT" "${args[@]}" || status=$?
say "finished in $((SECONDS - start)) s"
if [ "$status" -ne 0 ]; then
  fail "FAILED: a known vulnerability that is not in $IGNORE_LIST, or a package that could" \
    "not be checked (see above). Upgrade the package in $LOCK; only when Rasa 3.6's pins" \
    "rule the fix out, add the id to $IGNORE_LIST and a row to SECURITY.md."
fi
exit "$status"
