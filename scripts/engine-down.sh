#!/usr/bin/env bash
# Stops the daemons scripts/engine-up.sh started (by their pidfiles under /run/berth-world), and nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=world/lib.sh
source "$here/world/lib.sh"
for name in dockerd-modern dockerd-floor podman sshd; do stop_ours "$name"; done
