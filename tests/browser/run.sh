#!/usr/bin/env bash
# Runs the dashboard's browser test (tests/browser/dashboard.test.mjs) in Debian's Chromium.
# Installs what is missing: the chromium package, the dashboard's front-end libraries (web/vendor) and
# playwright-core (tests/browser/node_modules). Needs a built build/eventcoder (scripts/setup), or
# EVENTCODER_BIN pointing at one.
#   tests/browser/run.sh
#   SCREENSHOT_DIR=/tmp/shots tests/browser/run.sh    # keep docs/screenshots/ as it is
set -euo pipefail
cd "$(dirname "$0")/../.."

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "browser test: installing chromium"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi
if [ ! -d web/vendor/node_modules ]; then
  echo "browser test: installing the dashboard's libraries into web/vendor"
  npm install --prefix web/vendor --no-audit --no-fund --silent d3@7 topojson-client@3 world-atlas@2 >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "browser test: installing playwright-core"
  npm ci --prefix tests/browser --no-audit --no-fund --silent >/dev/null
fi
bin="${EVENTCODER_BIN:-build/eventcoder}"
if [ ! -x "$bin" ]; then
  echo "browser test: $bin is missing; build it first (scripts/setup --no-run)" >&2
  exit 2
fi
exec node --test tests/browser/dashboard.test.mjs
