#!/usr/bin/env bash
# Installs what the host and UI tests need and cannot come from package.json:
# Debian's chromium (plus the compilers and libkrb5-dev that code-server's native modules build
# with), Node 24 from npm (code-server 4.139 requires it) and code-server from npm. Idempotent:
# each step is skipped when its result is already present and complete. Logs go to stderr; the
# deps folder is printed on the last line of stdout.
#   DBX_SCIM_DEPS  deps folder (default ~/.cache/dbx-scim-deps)
#   CHROME_PATH    use this Chrome/Chromium instead of Debian's
#
# Prove the path a fresh machine takes (nothing cached) with:
#   DBX_SCIM_DEPS=$(mktemp -d) bash .ci/run
set -euo pipefail
DEPS="${DBX_SCIM_DEPS:-$HOME/.cache/dbx-scim-deps}"
CODE_SERVER_VERSION="4.139.1"
NODE24_VERSION="24.9.0"
mkdir -p "$DEPS"
log() { printf '[deps] %s\n' "$*" >&2; }
fail() {
  log "$1"
  log "Nothing half-installed was kept; fix the cause above and run the same command again."
  exit 1
}

# Two test runs starting at once must not install into the same folder together.
exec 9>"$DEPS/.lock"
flock 9

# Run a tool with a clean environment. Inside `npm test` / `npm run demo` the outer npm exports
# npm_config_* and npm_* variables (its user agent says node/v20); a nested npm reads them as its own
# config, and code-server's postinstall then refuses to run on "Node 20" although Node 24 runs it.
# Only what an install needs is passed on; npm's own config files (~/.npmrc) still apply.
clean() {
  local path_prefix="$1"
  shift
  local keep=(HOME="$HOME" PATH="$path_prefix:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
  local name
  for name in TMPDIR LANG LC_ALL HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy NODE_EXTRA_CA_CERTS; do
    [ -n "${!name:-}" ] && keep+=("$name=${!name}")
  done
  env -i "${keep[@]}" "$@"
}

NODE24_REL="node24/node_modules/node/bin/node"
CS_REL="code-server/node_modules/code-server"
node24_ok() { # $1: deps folder
  [ -x "$1/$NODE24_REL" ] && [ "$("$1/$NODE24_REL" --version 2>/dev/null)" = "v$NODE24_VERSION" ]
}
# postinstall.sh fills lib/vscode/node_modules; without it code-server starts but cannot serve.
code_server_ok() { # $1: deps folder
  local pkg="$1/$CS_REL"
  [ -f "$pkg/package.json" ] &&
    [ "$(node -p "require('$pkg/package.json').version" 2>/dev/null)" = "$CODE_SERVER_VERSION" ] &&
    [ -d "$pkg/lib/vscode/node_modules" ] && [ -f "$pkg/out/node/entry.js" ]
}

need_apt=()
if [ -n "${CHROME_PATH:-}" ]; then
  [ -x "$CHROME_PATH" ] || fail "CHROME_PATH=$CHROME_PATH is not an executable file: point it at a Chrome or Chromium binary, or unset it to use Debian's chromium"
elif ! command -v chromium >/dev/null 2>&1; then
  need_apt+=(chromium)
fi
if ! code_server_ok "$DEPS"; then
  for tool in make g++ python3; do command -v "$tool" >/dev/null 2>&1 || need_apt+=("$tool"); done
  dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
fi
# Say once, up front, what a first run installs and how long it takes.
todo=()
[ ${#need_apt[@]} -eq 0 ] || todo+=("${need_apt[*]} from Debian (~1 min)")
node24_ok "$DEPS" || todo+=("Node $NODE24_VERSION from npm (<1 min)")
code_server_ok "$DEPS" || todo+=("code-server $CODE_SERVER_VERSION from npm (2-5 min)")
if [ ${#todo[@]} -gt 0 ]; then
  log "First run on this machine: installing $(IFS=';'; echo "${todo[*]}" | sed 's/;/, /g') into $DEPS."
  log "About 5 minutes in all; later runs skip this. (Set DBX_SCIM_DEPS to use another folder.)"
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 ||
    fail "missing ${need_apt[*]} and there is no apt-get: install them by hand, or set CHROME_PATH to a local Chrome"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  log "first run: installing ${need_apt[*]} from Debian (about 1 minute)"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$DEPS/apt.log"
  "${sudo[@]}" apt-get update -qq >"$apt_log" 2>&1 ||
    { tail -n 20 "$apt_log" >&2; fail "apt-get update failed: check that Debian's package mirror is reachable"; }
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >>"$apt_log" 2>&1 ||
    { tail -n 20 "$apt_log" >&2; fail "apt-get install ${need_apt[*]} failed (full log: $apt_log)"; }
fi

# Each npm install goes to a staging folder that replaces the real one only when it is complete, so
# an interrupted or failed install never leaves a folder that the next run takes for finished.
stage_dir() { # $1: name under $DEPS → a fresh staging folder
  local dir="$DEPS/.staging-$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  echo "$dir"
}
promote() { # $1: name under $DEPS, $2: staging folder
  rm -rf "${DEPS:?}/$1"
  mv "$2" "$DEPS/$1"
}

if ! node24_ok "$DEPS"; then
  log "first run: installing Node $NODE24_VERSION from npm into $DEPS/node24 (under a minute)"
  staging=$(stage_dir node24)
  (cd "$staging" && clean "$(dirname "$(command -v npm)")" npm install --no-audit --no-fund --no-save "node@$NODE24_VERSION" >&2) ||
    fail "npm install node@$NODE24_VERSION failed (see above): is the npm registry reachable?"
  mkdir -p "$DEPS/.probe" && mv "$staging" "$DEPS/.probe/node24"
  node24_ok "$DEPS/.probe" || { rm -rf "$DEPS/.probe"; fail "node@$NODE24_VERSION installed, but $NODE24_REL does not run"; }
  promote node24 "$DEPS/.probe/node24"
  rm -rf "$DEPS/.probe"
fi
NODE24_BIN="$(dirname "$DEPS/$NODE24_REL")"

if ! code_server_ok "$DEPS"; then
  log "first run: installing code-server $CODE_SERVER_VERSION on Node 24 into $DEPS/code-server"
  log "  (it builds native modules: 2-5 minutes; later runs skip this)"
  staging=$(stage_dir code-server)
  # npm itself must run on Node 24: code-server's postinstall checks npm's user agent.
  (cd "$staging" && clean "$NODE24_BIN:$DEPS/node24/node_modules/.bin" \
    npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >&2) ||
    { rm -rf "$staging"; fail "npm install code-server@$CODE_SERVER_VERSION failed (see above)"; }
  mkdir -p "$DEPS/.probe" && mv "$staging" "$DEPS/.probe/code-server"
  if ! code_server_ok "$DEPS/.probe"; then
    rm -rf "$DEPS/.probe"
    log "code-server's postinstall did not run (lib/vscode/node_modules is missing)."
    fail "If npm now blocks install scripts, approve them: npm install-scripts approve code-server argon2"
  fi
  promote code-server "$DEPS/.probe/code-server"
  rm -rf "$DEPS/.probe"
fi
echo "$DEPS"
