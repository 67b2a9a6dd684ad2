#!/bin/sh
# Installs Debian's `chromium` (for the report's headless-browser test,
# tests/report_browser.rs) when it is missing, with a font so the
# screenshots have text. Called from .ci/run; does nothing if installed.
set -eu
if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium fonts-dejavu-core
