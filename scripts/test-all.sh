#!/usr/bin/env bash
# `npm test`: every check in order — deps, lint, typecheck/compile, build, unit, host, e2e.
# Each stage prints a header; a failing stage does not stop the later ones (one run shows every
# problem), but makes the script exit non-zero. The last line is the sum over the test stages,
# `total: N passed, M failed`, which CI reads together with the exit code.
#   bash scripts/test-all.sh [stage ...]     e.g. `bash scripts/test-all.sh unit host`
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
RESULTS=test-results
ALL_STAGES=(deps lint compile build unit host e2e)
if [ $# -gt 0 ]; then STAGES=("$@"); else STAGES=("${ALL_STAGES[@]}"); fi
mkdir -p "$RESULTS"

stage_deps() {
  local dir
  dir=$(bash scripts/deps.sh | tail -n 1) || return 1
  export DBX_SCIM_DEPS="$dir"
}
# ESLint (rules and max-len), Prettier, and the folder rules of src/ (.dependency-cruiser.cjs).
stage_lint() { npx eslint . && npx prettier --check . && npx depcruise src --config .dependency-cruiser.cjs; }
stage_compile() { npx tsc -p .; }
stage_build() { node esbuild.mjs; }
stage_unit() {
  # --exit: a test that leaks a socket or server must not hang CI after the results are in.
  npx mocha --exit --reporter ./out/test/support/countsReporter.js --reporter-option "output=$RESULTS/unit.json"
}
stage_host() { DBX_SCIM_RESULTS="$RESULTS/host.json" node out/test/host/runHostTests.js; }
stage_e2e() { DBX_SCIM_RESULTS="$RESULTS/e2e.json" node out/test/e2e/run.js; }

failed_stages=()
timings=()
for stage in "${STAGES[@]}"; do
  if ! declare -F "stage_$stage" >/dev/null; then
    echo "unknown stage '$stage' (known: ${ALL_STAGES[*]})" >&2
    exit 2
  fi
  case "$stage" in unit | host | e2e) rm -f "$RESULTS/$stage.json" ;; esac
  printf '\n==================== %s ====================\n' "$stage"
  start=$SECONDS
  if "stage_$stage"; then status=ok; else status="FAILED ($?)"; failed_stages+=("$stage"); fi
  timings+=("$(printf '%-8s %-12s %4ss' "$stage" "$status" $((SECONDS - start)))")
done

# Sum the results files. A test stage that failed without reporting a failure (crash, timeout,
# no tests found) counts as one failed test, so the total can never look clean when it is not.
total=$(node -e '
  const fs = require("fs");
  const [dir, failedStages, stages] = process.argv.slice(1).map((s, i) => (i === 0 ? s : s.split(" ")));
  let passed = 0, failed = 0;
  for (const stage of ["unit", "host", "e2e"].filter((s) => stages.includes(s))) {
    const file = `${dir}/${stage}.json`;
    const r = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { passed: 0, failed: 0 };
    passed += r.passed;
    failed += r.failed || (failedStages.includes(stage) ? 1 : 0);
  }
  console.log(`${passed} passed, ${failed} failed`);
' "$RESULTS" "${failed_stages[*]:-}" "${STAGES[*]}")

printf '\n==================== summary ====================\n'
printf '%s\n' "${timings[@]}"
[ ${#failed_stages[@]} -eq 0 ] || echo "failed stages: ${failed_stages[*]}"
echo "total: $total"
[ ${#failed_stages[@]} -eq 0 ]
