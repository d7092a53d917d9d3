#!/usr/bin/env bash
# Install the system packages Bulwark's end-to-end tests need on Debian 12:
#   postgresql (server + client, 15 on bookworm), redis-server, make, git,
#   and uv (via `python3 -m pip install uv`).
#
# Idempotent: installs only what is missing, runs `apt-get update` only when the
# package lists are absent or an install fails for want of them. Runs as root, or
# through sudo when not root. System services are NOT needed: the tests start
# their own throwaway PostgreSQL and Redis instances, so package installation is
# done with a temporary policy-rc.d that forbids autostart (unless one exists).
set -euo pipefail

log() { printf '[install-system-deps] %s\n' "$*"; }
die() { printf '[install-system-deps] ERROR: %s\n' "$*" >&2; exit 1; }

# Root, or sudo when not root; only demanded once something has to be installed.
SUDO=()
need_root() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    die "$1 needs root, and sudo is not available: re-run this script as root"
  fi
}

export DEBIAN_FRONTEND=noninteractive

# ---------------------------------------------------------------- what is missing
newest_pg_bin() {
  # Prints the newest /usr/lib/postgresql/<N>/bin holding initdb, or nothing.
  local d best="" bestv=0 v
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] || continue
    v=$(basename "$(dirname "$d")")
    v=${v%%.*}
    if [[ "$v" =~ ^[0-9]+$ ]] && [ "$v" -gt "$bestv" ]; then bestv=$v; best=$d; fi
  done
  printf '%s' "$best"
}

missing=()
if [ -z "$(newest_pg_bin)" ]; then missing+=(postgresql); fi
if ! command -v psql >/dev/null 2>&1; then missing+=(postgresql-client); fi
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then missing+=(redis-server); fi
if ! command -v redis-cli >/dev/null 2>&1 && [ ! -x /usr/bin/redis-cli ]; then missing+=(redis-tools); fi
if ! command -v make >/dev/null 2>&1; then missing+=(make); fi
if ! command -v git >/dev/null 2>&1; then missing+=(git); fi
if ! command -v runuser >/dev/null 2>&1 && [ ! -x /usr/sbin/runuser ] && [ ! -x /sbin/runuser ]; then missing+=(util-linux); fi
if ! command -v python3 >/dev/null 2>&1; then
  missing+=(python3 python3-pip python3-venv)
elif ! command -v uv >/dev/null 2>&1 && ! python3 -m pip --version >/dev/null 2>&1; then
  missing+=(python3-pip)
fi

# ---------------------------------------------------------------- apt install
apt_lists_present() {
  compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null
}

apt_update() {
  log "running apt-get update"
  "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
}

POLICY=/usr/sbin/policy-rc.d
POLICY_CREATED=0
cleanup_policy() {
  if [ "$POLICY_CREATED" -eq 1 ]; then
    "${SUDO[@]}" rm -f "$POLICY" || true
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  log "missing: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script supports Debian/Ubuntu only; install ${missing[*]} by hand"
  need_root "installing ${missing[*]}"
  if [ ! -e "$POLICY" ]; then
    # Forbid services from being started by package scripts while we install.
    trap cleanup_policy EXIT
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$POLICY" >/dev/null
    "${SUDO[@]}" chmod 755 "$POLICY"
    POLICY_CREATED=1
  fi
  if ! apt_lists_present; then apt_update; fi
  install_cmd=("${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}")
  log "running: ${install_cmd[*]}"
  if ! "${install_cmd[@]}"; then
    log "apt-get install failed; refreshing package lists and retrying"
    apt_update
    "${install_cmd[@]}" || die "apt-get install ${missing[*]} failed"
  fi
  cleanup_policy
  POLICY_CREATED=0
  trap - EXIT
else
  log "postgresql, redis-server, make, git already present; nothing to install via apt"
fi

# ---------------------------------------------------------------- verify apt side
pgbin=$(newest_pg_bin)
[ -n "$pgbin" ] || die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after install"
command -v psql >/dev/null 2>&1 || die "psql not found after install"
REDIS=$(command -v redis-server 2>/dev/null || echo /usr/bin/redis-server)
[ -x "$REDIS" ] || die "redis-server not found after install"
command -v make >/dev/null 2>&1 || die "make not found after install"
command -v git >/dev/null 2>&1 || die "git not found after install"
log "postgres: $pgbin ($("$pgbin/postgres" --version))"
log "redis:    $REDIS ($("$REDIS" --version | awk '{print $3}'))"
log "make:     $(command -v make); git: $(command -v git) ($(git --version))"

# ---------------------------------------------------------------- uv
if command -v uv >/dev/null 2>&1; then
  log "uv already present: $(command -v uv) ($(uv --version))"
else
  pip=(python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore)
  if [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; then
    need_root "installing uv"
    pip=("${SUDO[@]}" "${pip[@]}")
  else
    log "not root and no sudo: installing uv for this user only (pip --user)"
    pip+=(--user)
    export PATH="$HOME/.local/bin:$PATH"
  fi
  log "installing uv with: ${pip[*]} uv"
  pip_log=$(mktemp)
  if ! "${pip[@]}" uv >"$pip_log" 2>&1; then
    if grep -q externally-managed-environment "$pip_log"; then
      # Debian's system Python (PEP 668): a standalone tool like uv is safe to add.
      log "system Python is externally managed; retrying with --break-system-packages"
      "${pip[@]}" --break-system-packages uv >"$pip_log" 2>&1 || { cat "$pip_log" >&2; rm -f "$pip_log"; die "pip install uv failed"; }
    else
      cat "$pip_log" >&2; rm -f "$pip_log"; die "pip install uv failed"
    fi
  fi
  rm -f "$pip_log"
  # pyenv shims only appear after a rehash.
  if command -v pyenv >/dev/null 2>&1; then pyenv rehash >/dev/null 2>&1 || true; fi
  hash -r
  if command -v uv >/dev/null 2>&1; then
    log "uv installed: $(command -v uv) ($(uv --version))"
  else
    uvdir=$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')
    if [ -x "$uvdir/uv" ]; then
      die "uv was installed to $uvdir/uv but that folder is not on PATH; add it to PATH"
    fi
    die "uv is not on PATH after pip install"
  fi
fi

log "done"
