#!/usr/bin/env bash
# Installs what the host and UI tests need and cannot come from package.json:
# Debian's chromium (+ libkrb5-dev for code-server's kerberos build), Node 24 from npm
# (code-server 4.139 requires it) and code-server from npm. Idempotent: each step is skipped
# when its result is already present. Prints the deps folder on the last line.
set -euo pipefail
DEPS="${DBX_SCIM_DEPS:-$HOME/.cache/dbx-scim-deps}"
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.9.0"
mkdir -p "$DEPS"
log() { printf '[deps] %s\n' "$*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    log "apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
  else
    log "no apt-get: set CHROME_PATH to a local Chrome/Chromium"
  fi
fi

if [ ! -x "$DEPS/node24/node_modules/node/bin/node" ]; then
  log "installing node@$NODE24_VERSION"
  mkdir -p "$DEPS/node24"
  (cd "$DEPS/node24" && [ -f package.json ] || echo '{"private":true}' > package.json)
  npm install --prefix "$DEPS/node24" --no-audit --no-fund "node@$NODE24_VERSION" >&2
fi
NODE24_BIN="$DEPS/node24/node_modules/node/bin"
[ -x "$NODE24_BIN/node" ] || NODE24_BIN="$DEPS/node24/node_modules/.bin"

if [ ! -x "$DEPS/code-server/node_modules/.bin/code-server" ]; then
  log "installing code-server@$CODE_SERVER_VERSION on Node 24 (takes a few minutes)"
  mkdir -p "$DEPS/code-server"
  (cd "$DEPS/code-server" && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd "$DEPS/code-server" && PATH="$DEPS/node24/node_modules/.bin:$PATH" npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2)
fi
echo "$DEPS"
