#!/usr/bin/env bash
# Brings up one test world, idempotently (Debian 12, as root), and builds the fixture image in it from busybox-static
# (no registry pull, ever). Worlds:
#   modern  Docker Engine 26 (Debian 13's packages, unpacked beside the system) + compose v2 + buildx, also listening
#           on tcp://127.0.0.1:2376 with TLS and reachable over ssh://berth-world-ssh (sshd on 127.0.0.1:2222);
#           contexts berth-world-tls and berth-world-ssh name those endpoints. The default.
#   floor   Debian 12's Docker 20.10 + docker-compose v1: the oldest engine and compose Berth supports.
#   podman  Podman's Docker-compatible socket at /run/podman/podman.sock (beside whichever Docker runs).
#   current whatever engine already answers (DOCKER_HOST or the default socket): nothing installed or started.
# Daemons started here are ours by their pidfiles under /run/berth-world; switching worlds stops only those.
# Prints, as its last line on stdout, the environment a test run in that world needs (`export …`), for eval.
# Usage: bash scripts/engine-up.sh [modern|floor|podman|current]      stop all: bash scripts/engine-down.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=world/lib.sh
source "$here/world/lib.sh"

world=${1:-${BERTH_WORLD:-modern}}
case "$world" in
  modern) world_modern ;;
  floor) world_floor ;;
  podman) world_podman ;;
  current) world_current ;;
  *) die "unknown world '$world' (modern, floor, podman or current)" ;;
esac
