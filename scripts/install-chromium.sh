#!/usr/bin/env bash
# Debian's chromium for the browser tests; Playwright's own browser download is not used.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core fonts-noto-ui-core >/dev/null
