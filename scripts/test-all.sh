#!/usr/bin/env bash
# `npm test`: everything — unit, integration and end-to-end — against a real engine.
# When no engine answers, it brings up the test world first (scripts/engine-up.sh: Debian, as root);
# when one answers, it installs nothing and uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! timeout 5 docker info >/dev/null 2>&1 || ! docker image inspect berth-fixture/busybox:latest >/dev/null 2>&1 || [ ! -x "${BERTH_CHROMIUM:-/usr/bin/chromium}" ]; then
  bash scripts/engine-up.sh
fi

export BERTH_TEST_RUN_ID="run-$(date +%s)-$$"
status=0
step() {
  local name=$1; shift
  printf '\n== %s ==\n' "$name"
  if ! "$@"; then
    printf '== %s FAILED ==\n' "$name"
    status=1
  fi
}
step typecheck npm run -s typecheck
step lint npm run -s lint
step unit npx vitest run --project unit
step integration npx vitest run --project integration
step build npm run -s build
step e2e npx playwright test
exit $status
