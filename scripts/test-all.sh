#!/usr/bin/env bash
# `npm test`: typecheck, lint and unit tests once, then integration and end-to-end tests in each test world against a
# real engine (scripts/engine-up.sh):
#   modern  Docker 26 + compose v2: everything
#   floor   Docker 20.10 + docker-compose v1: integration + the compose e2e specs
#   podman  Podman's Docker-compatible API: the engine smoke subset (list, start/stop, logs, exec, events)
#   then, with modern and podman both asked for: Podman beside the modern world's three Docker engines
# Which worlds: BERTH_WORLD="modern floor podman" (any subset, in order), or BERTH_WORLD=current for the engine that
# already answers (nothing installed or started). Unset: the three worlds when no engine answers or the one that
# answers is the test world's own; `current` when it is somebody else's engine (a developer's Docker is never replaced).
# Ends with one line per world (engine, API, compose, counts) and a closing 'N passed, N failed' line.
set -euo pipefail
cd "$(dirname "$0")/.."

ours() { local p; p=$(cat "/run/berth-world/$1.pid" 2>/dev/null) && kill -0 "$p" 2>/dev/null; }
if [ -z "${BERTH_WORLD:-}" ]; then
  if timeout 5 docker info >/dev/null 2>&1 && ! ours dockerd-modern && ! ours dockerd-floor; then
    BERTH_WORLD=current
  else
    BERTH_WORLD="modern floor podman"
  fi
fi
read -r -a worlds <<<"${BERTH_WORLD//,/ }"
# Daemons running before this run stay; the ones it starts are stopped at the end (they listen on 127.0.0.1 and unix
# sockets only, and nothing of them is left behind).
was_running=""
for d in dockerd-modern dockerd-floor podman sshd; do ours "$d" && was_running+=" $d"; done

export BERTH_TEST_RUN_ID="run-$(date +%s)-$$"
out=$(mktemp -d)
summary=()
total_passed=0
total_failed=0
status=0
failures=()

# Runs one step; its output is kept to read the runner's counts from.
step() {
  local label=$1; shift
  printf '\n== %s ==\n' "$label"
  local log="$out/step.log"
  if "$@" 2>&1 | tee "$log"; then step_ok=1; else step_ok=0; status=1; printf '== %s FAILED ==\n' "$label"; fi
  step_counts "$log"
}

# vitest: "Tests  12 passed | 1 failed (13)"; playwright: "  40 passed (2.1m)", "  1 failed".
step_counts() {
  local clean p f
  clean=$(sed 's/\x1b\[[0-9;]*m//g' "$1")
  if grep -qE '^ *Tests +' <<<"$clean"; then
    p=$(grep -E '^ *Tests +' <<<"$clean" | tail -1 | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || true)
    f=$(grep -E '^ *Tests +' <<<"$clean" | tail -1 | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+' || true)
  else
    p=$(grep -E '^ +[0-9]+ passed' <<<"$clean" | tail -1 | grep -oE '[0-9]+' | head -1 || true)
    f=$(grep -E '^ +[0-9]+ failed' <<<"$clean" | tail -1 | grep -oE '[0-9]+' | head -1 || true)
  fi
  p=${p:-0}; f=${f:-0}
  # A step that failed without a failing test (a crash, no engine) still counts as one failure.
  [ "$step_ok" = 0 ] && [ "$f" = 0 ] && f=1
  world_counts+="$label: $p passed, $f failed; "
  # Name what failed, so the summary (often all that is kept of a CI run) says which tests to look at: vitest's
  # "FAIL  project  file > test" lines and playwright's "[chromium] › file:line › title" lines under "N failed".
  if [ "$f" != 0 ]; then
    local names
    names=$( { grep -E '^ *FAIL ' <<<"$clean" || true; sed -n '/^ *[0-9]\+ failed/,/^ *[0-9]\+ \(passed\|flaky\|skipped\|did not run\)/p' <<<"$clean" | grep -E '›' || true; } | sed -e 's/^ *//' -e 's/ *─*$//' | sort -u | head -20)
    if [ -n "$names" ]; then
      while IFS= read -r n; do failures+=("${world:-static} $label: $n"); done <<<"$names"
    fi
  fi
  total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
}

PODMAN_SMOKE=(
  'connects, reports engine info and follows /events'
  'pause, unpause, kill with a signal, rename'
  'stops three and reports each'
  'creates and starts a container with a published port'
  'follows live lines, tells stdout from stderr'
  'honours tail and completes when not following'
  'reads a TTY container'
  'starts the best shell, echoes input'
  'runs a given command as a given user'
  'cancelling the stream kills the exec process'
  'reports the exit when the container stops under the session'
  'replays what happened before the subscription'
)

world_counts=""
step typecheck npm run -s typecheck
step lint npm run -s lint
step unit npx vitest run --project unit
summary+=("static: $world_counts")
built=0

for world in "${worlds[@]}"; do
  world_counts=""
  printf '\n==== world %s ====\n' "$world"
  if ! env_line=$(bash scripts/engine-up.sh "$world"); then
    summary+=("world $world: could not be set up (see the engine-up line above)")
    total_failed=$((total_failed + 1)); status=1
    continue
  fi
  eval "$env_line"
  engine=$(timeout 10 docker version --format 'Docker Engine {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null || echo 'engine ?')
  compose=$(docker compose version --short 2>/dev/null || docker-compose version --short 2>/dev/null || echo none)
  if [ $built = 0 ]; then step build npm run -s build; built=1; fi
  case "$world" in
    modern)
      step integration npx vitest run --project integration
      step world-endpoints npx vitest run --project world-endpoints
      step e2e npx playwright test
      ;;
    current)
      step integration npx vitest run --project integration
      step e2e npx playwright test
      ;;
    floor)
      step integration npx vitest run --project integration
      step e2e-compose npx playwright test e2e/stacks.spec.ts e2e/editor-typing.spec.ts
      ;;
    podman)
      # The smoke subset: list, start/stop, logs, exec, events. What Podman 4.3 does differently elsewhere is in
      # docs/engines.md.
      step integration-smoke npx vitest run --project integration \
        main/engine/connection.int.test.ts main/services/containers-actions.int.test.ts main/services/logs.int.test.ts \
        main/services/terminal.int.test.ts main/services/events.int.test.ts \
        -t "$(IFS='|'; echo "${PODMAN_SMOKE[*]}")"
      ;;
  esac
  summary+=("world $world: $engine, compose $compose: $world_counts")
done

# Podman beside Docker (issue 14's many engines): needs the podman world's Podman and fixture image and the modern
# world's local, TCP+TLS and ssh engines at once, so it runs last, with the modern world up again.
case " ${worlds[*]} " in
  *" modern "*" podman "* | *" podman "*" modern "*)
    world_counts=""
    printf '\n==== world modern + podman ====\n'
    if env_line=$(bash scripts/engine-up.sh modern); then
      eval "$env_line"
      step podman-beside-docker npx vitest run --project world-podman
      summary+=("world modern + podman: $world_counts")
    else
      summary+=("world modern + podman: could not be set up (see the engine-up line above)")
      total_failed=$((total_failed + 1)); status=1
    fi
    ;;
esac

# Stop what this run started; bring back the world that was running before, if a switch stopped it.
for d in podman sshd dockerd-floor dockerd-modern; do
  case "$was_running" in *" $d"*) ;; *) ours "$d" && bash -c "source scripts/world/lib.sh; stop_ours $d" ;; esac
done
case "$was_running" in
  *dockerd-modern*) ours dockerd-modern || bash scripts/engine-up.sh modern >/dev/null || true ;;
  *dockerd-floor*) ours dockerd-floor || bash scripts/engine-up.sh floor >/dev/null || true ;;
esac
rm -rf "$out"

printf '\n==== summary ====\n'
printf '%s\n' "${summary[@]}"
if [ ${#failures[@]} -gt 0 ]; then printf 'failed:\n'; printf '  %s\n' "${failures[@]}"; fi
printf '%s passed, %s failed\n' "$total_passed" "$total_failed"
exit $status
