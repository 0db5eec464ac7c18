#!/usr/bin/env bash
# Installs what the real-VS-Code tests need into .tools/ (git-ignored), once:
#   - Node 24 from the npm registry (code-server requires it; the project stays on Node 20)
#   - code-server 4.139.1 (= VS Code 1.139.1) with its native modules built
# Debian packages (chromium and the build headers) are installed by .ci/run,
# or by hand:  apt-get install -y chromium build-essential pkg-config python3 \
#                libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${INCIDENT_LENS_TOOLS:-$PWD/.tools}"
CODE_SERVER_VERSION=4.139.1
NODE24_VERSION=24.21.0

if [ -x "$TOOLS/code-server/bin/code-server" ] && [ -x "$TOOLS/node24/node_modules/.bin/node" ] \
   && [ "$(cat "$TOOLS/code-server/.version" 2>/dev/null)" = "$CODE_SERVER_VERSION" ]; then
  exit 0
fi

missing=()
for cmd in make g++ pkg-config python3; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-code-server: missing ${missing[*]}; install the Debian packages listed at the top of $0" >&2
  exit 1
fi

echo "== installing Node $NODE24_VERSION (for code-server only) into $TOOLS/node24"
mkdir -p "$TOOLS/node24"
( cd "$TOOLS/node24" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --save-exact "node@$NODE24_VERSION" >/dev/null )

echo "== installing code-server $CODE_SERVER_VERSION into $TOOLS/code-server (builds native modules, a few minutes)"
export PATH="$TOOLS/node24/node_modules/.bin:$PATH"
# code-server's postinstall stops with "Could not determine which package manager" without this.
export npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64"
rm -rf "$TOOLS/code-server"
npm install -g --no-audit --no-fund --prefix "$TOOLS/code-server" --allow-scripts=code-server,argon2 "code-server@$CODE_SERVER_VERSION"
echo "$CODE_SERVER_VERSION" > "$TOOLS/code-server/.version"
echo "== code-server ready: $("$TOOLS/code-server/bin/code-server" --version | head -1)"
