# shellcheck shell=bash
# The test worlds (see scripts/engine-up.sh). Sourced, not run. Every failure ends in one line: what, and why.
W=${BERTH_WORLD_HOME:-/opt/berth-world}        # what is installed or made once: Debian 13's tree, TLS files, ssh keys
RUN=/run/berth-world                            # pidfiles of the daemons these scripts started
SOCK=/var/run/docker.sock
TLS_PORT=2376
SSH_PORT=${BERTH_WORLD_SSH_PORT:-2222}
SSH_ALIAS=berth-world-ssh
here=${here:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}

log() { printf 'engine-up: %s\n' "$*" >&2; }
die() { printf 'engine-up: FAILED: %s\n' "$*" >&2; exit 1; }

pid_of() { [ -s "$RUN/$1.pid" ] && cat "$RUN/$1.pid"; }
ours_alive() { local p; p=$(pid_of "$1") && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }

# Stops a daemon these scripts started, by its pid, waiting for it to let go of its sockets.
stop_ours() {
  local name=$1 p
  p=$(pid_of "$name") || return 0
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
    log "stopping $name (pid $p)"
    kill "$p" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$p" 2>/dev/null; then kill -9 "$p" 2>/dev/null || true; sleep 1; fi
  fi
  rm -f "$RUN/$name.pid"
}

answers() { timeout 5 docker -H "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

require_root_debian() {
  [ "$(id -u)" = 0 ] || die "setting up the $1 world needs root (it installs packages and starts daemons)"
  command -v apt-get >/dev/null 2>&1 || die "setting up the $1 world needs Debian's apt-get"
}

apt_updated=0
# apt_need "command:package" …: installs the packages whose command is missing.
apt_need() {
  local want=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*}; pkg=${pair#*:}
    if [ "${cmd:0:1}" = / ]; then [ -e "$cmd" ] && continue; else command -v "$cmd" >/dev/null 2>&1 && continue; fi
    want+=("$pkg")
  done
  [ ${#want[@]} -gt 0 ] || return 0
  apt_install "${want[@]}"
}

apt_install() {
  local want=("$@")
  log "installing ${want[*]}"
  if [ $apt_updated = 0 ]; then apt-get update -qq || die "apt-get update failed"; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/tmp/berth-world-apt.log 2>&1 \
    || die "apt-get install ${want[*]} failed (see /tmp/berth-world-apt.log: $(tail -1 /tmp/berth-world-apt.log))"
}

static_busybox() { [ -x /bin/busybox ] && [[ $(ldd /bin/busybox 2>&1 || true) == *'not a dynamic'* ]]; }

common_packages() {
  require_root_debian "$1"
  # docker.io brings Debian 12's engine (the floor), runc 1.1.5 and tini (docker-init), which every world uses.
  # Debian 12's docker-compose is v1 (/usr/bin/docker-compose): the floor world's compose, and in the others the v1
  # that the compose-watch tests choose in Settings beside v2. Podman in every world: the modern world's e2e specs
  # that show Podman beside Docker start a Podman service of their own (main/test-support/podman-service.ts).
  apt_need docker:docker.io /usr/sbin/dockerd:docker.io /usr/sbin/runc:runc /usr/bin/docker-init:tini \
    docker-registry:docker-registry /usr/bin/chromium:chromium openssl:openssl ip:iproute2 /usr/bin/docker-compose:docker-compose \
    podman:podman /usr/libexec/podman/catatonit:catatonit
  static_busybox || apt_install busybox-static
  static_busybox || die "/bin/busybox is not the static build (apt-get install busybox-static)"
}

# Debian 13's Docker 26, containerd 1.7, compose v2 and buildx, unpacked under $W/t13/root: nothing on the host is
# upgraded (a separate sources list and apt state). Trixie's runc needs glibc 2.38, so Debian 12's runc stays in use.
trixie_tree() {
  local root=$W/t13/root
  [ -x "$root/usr/sbin/dockerd" ] && [ -x "$root/usr/libexec/docker/cli-plugins/docker-compose" ] && return 0
  local uri src
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  mkdir -p "$W/t13/lists/partial" "$W/t13/cache/archives/partial" "$W/t13/debs"
  src=$W/t13/sources.list
  echo "deb $uri trixie main" >"$src"
  local A=(-o "Dir::State::Lists=$W/t13/lists" -o "Dir::Etc::SourceList=$src" -o Dir::Etc::SourceParts=/dev/null -o "Dir::Cache=$W/t13/cache")
  log "fetching Docker 26, containerd, compose v2 and buildx from Debian 13 (trixie) into $W/t13"
  apt-get "${A[@]}" update -qq >/tmp/berth-world-t13.log 2>&1 || die "apt-get update for trixie failed (see /tmp/berth-world-t13.log)"
  (cd "$W/t13/debs" && apt-get "${A[@]}" download docker.io containerd docker-compose docker-buildx >>/tmp/berth-world-t13.log 2>&1) \
    || die "apt-get download of trixie's docker.io containerd docker-compose docker-buildx failed (see /tmp/berth-world-t13.log)"
  rm -rf "$root.new" && mkdir -p "$root.new"
  for d in "$W/t13/debs"/*.deb; do dpkg -x "$d" "$root.new"; done
  rm -rf "$root" && mv "$root.new" "$root"
}

# A daemon that holds $SOCK and that these scripts did not start is somebody's engine: never replace it.
refuse_foreign_engine() {
  if [ -S "$SOCK" ] && answers "unix://$SOCK" && ! ours_alive dockerd-modern && ! ours_alive dockerd-floor; then
    die "an engine not started by these scripts answers on $SOCK ($(docker -H "unix://$SOCK" version --format '{{.Server.Version}}' 2>/dev/null)); run the tests against it with BERTH_WORLD=current, or stop it first"
  fi
}

# A leftover of an earlier daemon can remove docker0 while the daemon's own network store still names it
# ("could not find bridge docker0"); make it again the way dockerd does.
ensure_docker0() {
  ip link show docker0 >/dev/null 2>&1 && return 0
  log "docker0 is missing: recreating it (172.17.0.1/16)"
  ip link add docker0 type bridge && ip addr add 172.17.0.1/16 dev docker0 && ip link set docker0 up \
    || die "docker0 is missing and could not be recreated"
}

start_dockerd() {
  local name=$1 bin=$2 path=$3 data=$4; shift 4
  mkdir -p "$RUN"
  [ -d "$data/network" ] && ensure_docker0
  set -- --data-root "$data" "$@"
  [ -e "$SOCK" ] && ! answers "unix://$SOCK" && rm -f "$SOCK"
  log "starting $name ($bin; log /tmp/berth-$name.log)"
  PATH="$path" setsid nohup "$bin" --host "unix://$SOCK" --pidfile "$RUN/$name.pid" "$@" >"/tmp/berth-$name.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do answers "unix://$SOCK" && return 0; sleep 0.5; done
  die "$name did not answer on $SOCK within 30 s: $(grep -iE 'error|fatal|failed' "/tmp/berth-$name.log" | tail -1)"
}

tls_files() {
  local d=$W/tls
  [ -s "$d/client/key.pem" ] && [ -s "$d/server-cert.pem" ] && return 0
  log "making a CA, server and client certificates for tcp://127.0.0.1:$TLS_PORT (openssl, in $d)"
  rm -rf "$d" && mkdir -p "$d/client" && chmod 700 "$d"
  (
    cd "$d"
    local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
    openssl req -x509 "${ec[@]}" -keyout ca-key.pem -out ca.pem -days 3650 -subj '/CN=Berth test world CA'
    openssl req "${ec[@]}" -keyout server-key.pem -out server.csr -subj '/CN=127.0.0.1'
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile server.ext -out server-cert.pem
    openssl req "${ec[@]}" -keyout client/key.pem -out client.csr -subj '/CN=berth-test-client'
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 3650 -extfile client.ext -out client/cert.pem
    cp ca.pem client/ca.pem
    rm -f ./*.csr ./*.ext
  ) >/tmp/berth-world-tls.log 2>&1 || die "openssl could not make the TLS files (see /tmp/berth-world-tls.log)"
}

# sshd on 127.0.0.1:$SSH_PORT, key-only, with keys made here; `ssh berth-world-ssh` reaches it (a Host block in
# ~/.ssh/config between berth-test-world markers), so `docker -H ssh://berth-world-ssh` runs `docker system dial-stdio`.
ssh_endpoint() {
  apt_need /usr/sbin/sshd:openssh-server ssh:openssh-client
  local d=$W/ssh
  mkdir -p "$d" /run/sshd && chmod 700 "$d"
  [ -s "$d/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$d/ssh_host_ed25519_key" -C berth-world-host
  [ -s "$d/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -f "$d/id_ed25519" -C berth-world-client
  cp "$d/id_ed25519.pub" "$d/authorized_keys"
  echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$d/ssh_host_ed25519_key.pub")" >"$d/known_hosts"
  cat >"$d/sshd_config" <<EOF
Port $SSH_PORT
ListenAddress 127.0.0.1
HostKey $d/ssh_host_ed25519_key
PidFile $RUN/sshd.pid
AuthorizedKeysFile $d/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
X11Forwarding no
AllowStreamLocalForwarding yes
ClientAliveInterval 30
EOF
  local cfg=$HOME/.ssh/config block
  mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh" && touch "$cfg"
  block="# berth-test-world begin (scripts/world/lib.sh)
Host $SSH_ALIAS
  HostName 127.0.0.1
  Port $SSH_PORT
  User root
  IdentityFile $d/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $d/known_hosts
  StrictHostKeyChecking yes
# berth-test-world end"
  # First match wins in ssh_config: the block goes first, replacing an earlier copy of itself.
  { printf '%s\n' "$block"; sed '/^# berth-test-world begin/,/^# berth-test-world end/d' "$cfg"; } >"$cfg.new" && mv "$cfg.new" "$cfg"
  chmod 600 "$cfg"
  if ! ours_alive sshd; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null; then die "port 127.0.0.1:$SSH_PORT is taken by another program (set BERTH_WORLD_SSH_PORT)"; fi
    /usr/sbin/sshd -f "$d/sshd_config" -E /tmp/berth-world-sshd.log || die "sshd did not start (see /tmp/berth-world-sshd.log)"
  fi
  timeout 20 ssh -o BatchMode=yes "$SSH_ALIAS" true 2>/tmp/berth-world-ssh.err || die "ssh $SSH_ALIAS does not log in: $(tail -1 /tmp/berth-world-ssh.err)"
}

context_set() {
  local name=$1 spec=$2
  docker context rm -f "$name" >/dev/null 2>&1 || true
  docker context create "$name" --description "Berth test world" --docker "$spec" >/dev/null 2>&1 || die "docker context create $name failed"
}

fixture_context() {
  local ctx
  ctx=$(mktemp -d)
  cp /bin/busybox "$ctx/busybox"
  cp "$here/fixtures/busybox/Dockerfile" "$ctx/Dockerfile"
  echo "$ctx"
}

build_fixture() {
  local ctx
  ctx=$(fixture_context)
  docker build -q --label berth.fixture=1 -t berth-fixture/busybox:latest "$ctx" >/tmp/berth-world-fixture.log 2>&1 \
    || { rm -rf "$ctx"; die "the fixture image did not build (see /tmp/berth-world-fixture.log)"; }
  rm -rf "$ctx"
  log "fixture image berth-fixture/busybox:latest ready"
}

compose_version() {
  docker compose version --short 2>/dev/null && return 0
  docker-compose version --short 2>/dev/null && return 0
  echo none
}

say_world() {
  log "world $1: $(docker version --format 'Docker Engine {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null), compose $(compose_version)"
}

world_modern() {
  common_packages modern
  trixie_tree
  tls_files
  local root=$W/t13/root
  # compose v2 and buildx where the docker CLI finds a user's plugins; a newer compose the user has stays.
  mkdir -p "$HOME/.docker/cli-plugins"
  for p in docker-compose docker-buildx; do
    if [ ! -e "$HOME/.docker/cli-plugins/$p" ] || [ -L "$HOME/.docker/cli-plugins/$p" ]; then
      ln -sfn "$root/usr/libexec/docker/cli-plugins/$p" "$HOME/.docker/cli-plugins/$p"
    fi
  done
  unset DOCKER_HOST DOCKER_CONFIG DOCKER_CONTEXT
  stop_ours dockerd-floor
  refuse_foreign_engine
  if ! ours_alive dockerd-modern; then
    start_dockerd dockerd-modern "$root/usr/sbin/dockerd" "$root/usr/bin:$root/usr/sbin:$PATH" /var/lib/berth-world/docker26 \
      --host "tcp://127.0.0.1:$TLS_PORT" --tlsverify --tlscacert "$W/tls/ca.pem" --tlscert "$W/tls/server-cert.pem" --tlskey "$W/tls/server-key.pem" \
      --exec-root /run/berth-world/docker26
  fi
  case $(docker version --format '{{.Server.Version}}') in 26.*) ;; *) die "the engine on $SOCK is not Docker 26 after starting it";; esac
  case $(docker compose version --short 2>/dev/null) in 2.*) ;; *) die "docker compose v2 does not answer (plugin in ~/.docker/cli-plugins)";; esac
  DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$W/tls/client timeout 10 docker -H "tcp://127.0.0.1:$TLS_PORT" version >/dev/null 2>&1 \
    || die "the engine does not answer over TLS on tcp://127.0.0.1:$TLS_PORT"
  ssh_endpoint
  timeout 30 docker -H "ssh://$SSH_ALIAS" version >/dev/null 2>/tmp/berth-world-ssh.err \
    || die "the engine does not answer over ssh://$SSH_ALIAS: $(tail -1 /tmp/berth-world-ssh.err)"
  context_set berth-world-tls "host=tcp://127.0.0.1:$TLS_PORT,ca=$W/tls/client/ca.pem,cert=$W/tls/client/cert.pem,key=$W/tls/client/key.pem"
  context_set berth-world-ssh "host=ssh://$SSH_ALIAS"
  build_fixture
  say_world modern
  log "also: tcp://127.0.0.1:$TLS_PORT (DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$W/tls/client), ssh://$SSH_ALIAS; contexts berth-world-tls, berth-world-ssh"
  echo "export BERTH_WORLD=modern DOCKER_HOST=unix://$SOCK BERTH_WORLD_TLS_HOST=tcp://127.0.0.1:$TLS_PORT BERTH_WORLD_TLS_CERTS=$W/tls/client BERTH_WORLD_SSH_HOST=ssh://$SSH_ALIAS; unset DOCKER_CONFIG DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH"
}

world_floor() {
  common_packages floor
  apt_need docker-compose:docker-compose
  # An empty docker config hides the compose v2 plugin in ~/.docker/cli-plugins: this world's compose is v1.
  mkdir -p "$W/floor-docker-config"
  export DOCKER_CONFIG=$W/floor-docker-config
  unset DOCKER_HOST DOCKER_CONTEXT
  stop_ours dockerd-modern
  refuse_foreign_engine
  ours_alive dockerd-floor || start_dockerd dockerd-floor /usr/sbin/dockerd "$PATH" /var/lib/docker
  case $(docker version --format '{{.Server.Version}}') in 20.10.*) ;; *) die "the engine on $SOCK is not Docker 20.10 after starting it";; esac
  docker compose version >/dev/null 2>&1 && die "docker compose v2 still answers with DOCKER_CONFIG=$DOCKER_CONFIG; the floor world must use docker-compose v1"
  case $(docker-compose version --short 2>/dev/null) in 1.*) ;; *) die "docker-compose v1 does not answer";; esac
  build_fixture
  say_world floor
  echo "export BERTH_WORLD=floor DOCKER_HOST=unix://$SOCK DOCKER_CONFIG=$W/floor-docker-config; unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH BERTH_WORLD_TLS_HOST BERTH_WORLD_TLS_CERTS BERTH_WORLD_SSH_HOST"
}

world_podman() {
  common_packages podman
  local psock=/run/podman/podman.sock
  mkdir -p /run/podman "$RUN" "$W/podman"
  # Podman gives containers nofile and nproc limits above these VMs' hard limits (20000), and runc then fails with
  # "error setting rlimit type 7 (or 6): operation not permitted". The world's own config caps them at the host's.
  local nofile nproc
  # podman itself runs with nproc capped at 32768, whatever the shell's limit: containers can have no more.
  nofile=$(ulimit -Hn); nproc=$(ulimit -Hu)
  [ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
  [ "$nofile" = unlimited ] || [ "$nofile" -gt 1048576 ] && nofile=1048576
  printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' "$nofile" "$nofile" "$nproc" "$nproc" >"$W/podman/containers.conf"
  export CONTAINERS_CONF=$W/podman/containers.conf
  if ! ours_alive podman; then
    [ -S "$psock" ] && answers "unix://$psock" && die "a Podman service not started by these scripts answers on $psock; use BERTH_WORLD=current with DOCKER_HOST=unix://$psock"
    rm -f "$psock"
    log "starting podman system service (log /tmp/berth-podman.log)"
    setsid nohup podman system service --time=0 "unix://$psock" >/tmp/berth-podman.log 2>&1 </dev/null &
    echo $! >"$RUN/podman.pid"
    for _ in $(seq 1 60); do answers "unix://$psock" && break; sleep 0.5; done
    answers "unix://$psock" || die "podman's Docker-compatible socket did not answer within 30 s: $(tail -1 /tmp/berth-podman.log)"
  fi
  local ctx
  ctx=$(fixture_context)
  podman build -q --label berth.fixture=1 -t berth-fixture/busybox:latest "$ctx" >/tmp/berth-world-fixture.log 2>&1 \
    || { rm -rf "$ctx"; die "podman could not build the fixture image (see /tmp/berth-world-fixture.log)"; }
  rm -rf "$ctx"
  log "world podman: $(docker -H "unix://$psock" version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null) on $psock"
  echo "export BERTH_WORLD=podman DOCKER_HOST=unix://$psock; unset DOCKER_CONFIG DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH BERTH_WORLD_TLS_HOST BERTH_WORLD_TLS_CERTS BERTH_WORLD_SSH_HOST"
}

world_current() {
  timeout 5 docker version >/dev/null 2>&1 || die "no engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}); start one, or run this script as root on Debian with a world name (modern, floor, podman)"
  build_fixture
  say_world current
  echo "export BERTH_WORLD=current"
}
