#!/usr/bin/env bash
# Brings up the test world Berth's tests need, idempotently: a Docker engine, compose, a registry server,
# busybox-static, Chromium, and the fixture images built from busybox-static (no registry pull, ever).
# On a machine whose engine already answers, it installs nothing and only (re)builds the fixture images.
# Usage: bash scripts/engine-up.sh        (Debian, as root, when something has to be installed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

log() { printf 'engine-up: %s\n' "$*" >&2; }

engine_answers() { timeout 5 docker info >/dev/null 2>&1; }

need_pkgs=()
command -v docker >/dev/null 2>&1 || need_pkgs+=(docker.io)
if ! engine_answers; then
  command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
fi
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || need_pkgs+=(docker-compose)
command -v docker-registry >/dev/null 2>&1 || need_pkgs+=(docker-registry)
[ -x /bin/busybox ] && file_is_static=$(ldd /bin/busybox 2>&1 | grep -c 'not a dynamic' || true) || file_is_static=0
[ "${file_is_static:-0}" -ge 1 ] || need_pkgs+=(busybox-static)
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing: ${need_pkgs[*]}. Install them (Debian: apt-get install ${need_pkgs[*]}) or run this script as root on Debian."
    exit 1
  fi
  log "installing ${need_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if ! engine_answers; then
  if [ -n "${DOCKER_HOST:-}" ]; then
    log "DOCKER_HOST=$DOCKER_HOST does not answer; not starting a local engine behind its back."
    exit 1
  fi
  [ "$(id -u)" = 0 ] || { log "no engine answers and starting dockerd needs root"; exit 1; }
  log "starting dockerd (log: /tmp/berth-dockerd.log)"
  nohup dockerd >/tmp/berth-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do engine_answers && break; sleep 0.5; done
  engine_answers || { log "dockerd did not answer within 30 s; see /tmp/berth-dockerd.log"; tail -20 /tmp/berth-dockerd.log >&2; exit 1; }
fi
log "engine answers: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"

# Fixture images, from the host's static busybox. Rebuilt only when the build context changed (docker's cache).
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp /bin/busybox "$ctx/busybox"
cp "$here/fixtures/busybox/Dockerfile" "$ctx/Dockerfile"
docker build -q --label berth.fixture=1 -t berth-fixture/busybox:latest "$ctx" >/dev/null
log "fixture image berth-fixture/busybox:latest ready"
