#!/usr/bin/env bash
# Installs what the host and UI tests need and cannot come from package.json:
# Debian's chromium (plus the compilers and libkrb5-dev that code-server's native modules build
# with), Node 24 from npm (code-server 4.139 requires it) and code-server from npm. Idempotent:
# each step is skipped when its result is already present and complete. Logs go to stderr; the
# deps folder is printed on the last line of stdout.
#   DBX_SCIM_DEPS  deps folder (default ~/.cache/dbx-scim-deps)
#   CHROME_PATH    use this Chrome/Chromium instead of Debian's
set -euo pipefail
DEPS="${DBX_SCIM_DEPS:-$HOME/.cache/dbx-scim-deps}"
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.9.0"
mkdir -p "$DEPS"
log() { printf '[deps] %s\n' "$*" >&2; }

# Two test runs starting at once must not install into the same folder together.
exec 9>"$DEPS/.lock"
flock 9

installed_version() { # package.json of an npm-installed package → its version, or nothing
  node -p "require('$1').version" 2>/dev/null || true
}
NODE24="$DEPS/node24/node_modules/node/bin/node"
CS_PKG="$DEPS/code-server/node_modules/code-server"
node24_ok() { [ -x "$NODE24" ] && [ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ]; }
# postinstall.sh fills lib/vscode/node_modules; without it code-server starts but cannot serve.
code_server_ok() {
  [ "$(installed_version "$CS_PKG/package.json")" = "$CODE_SERVER_VERSION" ] &&
    [ -d "$CS_PKG/lib/vscode/node_modules" ] && [ -x "$DEPS/code-server/node_modules/.bin/code-server" ]
}

need_apt=()
if [ -z "${CHROME_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then need_apt+=(chromium); fi
if ! code_server_ok; then
  for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${need_apt[*]} and no apt-get: install them (or set CHROME_PATH to a local Chrome)"
    exit 1
  fi
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

if ! node24_ok; then
  log "installing node@$NODE24_VERSION"
  mkdir -p "$DEPS/node24"
  [ -f "$DEPS/node24/package.json" ] || echo '{"private":true}' >"$DEPS/node24/package.json"
  npm install --prefix "$DEPS/node24" --no-audit --no-fund "node@$NODE24_VERSION" >&2
  node24_ok || { log "node@$NODE24_VERSION did not install to $NODE24"; exit 1; }
fi

if ! code_server_ok; then
  log "installing code-server@$CODE_SERVER_VERSION on Node 24 (2-5 minutes)"
  mkdir -p "$DEPS/code-server"
  rm -rf "$DEPS/code-server/node_modules" # a half-finished install would be kept as it is
  [ -f "$DEPS/code-server/package.json" ] || echo '{"private":true}' >"$DEPS/code-server/package.json"
  # npm itself must run on Node 24: code-server's postinstall checks npm's user agent.
  (cd "$DEPS/code-server" && PATH="$(dirname "$NODE24"):$PATH" npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2)
  if ! code_server_ok; then
    log "code-server's postinstall did not run (lib/vscode/node_modules is missing)."
    log "If npm now blocks install scripts, approve them: (cd $DEPS/code-server && npm install-scripts approve code-server argon2)"
    exit 1
  fi
fi
echo "$DEPS"
