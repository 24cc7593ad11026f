#!/usr/bin/env bash
# Sets up and builds memreview, then runs the whole lit suite. The last line is
# `N passed, N failed`; the exit status is 0 only when nothing failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${MEMREVIEW_BUILD_DIR:-$root/build}
bash "$root/scripts/bootstrap.sh"
bash "$root/scripts/build.sh"
# Reconfigure so that lit.site.cfg.py is current.
cmake "$build" >/dev/null
results=$build/test/lit-results.json
rm -f "$results"
status=0
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv --output "$results" \
  "$build/test" "$@" || status=$?
python3 - "$results" <<'PY'
import json, sys
try:
    tests = json.load(open(sys.argv[1]))["tests"]
except Exception as e:
    print("0 passed, 1 failed (no lit results: %s)" % e)
    sys.exit(0)
ok = sum(1 for t in tests if t["code"] in ("PASS", "XFAIL"))
bad = sum(1 for t in tests if t["code"] in ("FAIL", "XPASS", "UNRESOLVED", "TIMEOUT"))
print("%d passed, %d failed" % (ok, bad))
PY
exit $status
