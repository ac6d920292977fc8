#!/bin/sh
# Everything a fresh machine needs: Debian packages the tests use (bubblewrap for the code sandbox,
# redis-server for the server's shared-state tests, openssl for the HTTPS test's throwaway
# certificate, python3 with aiohttp for the clients shaped as
# OpenRLHF's and verl's, Flask and requests for the server benchmark's Python reference), then the
# npm packages from the lockfile. It fails, naming what is missing, when it cannot install them:
# CI then stops here instead of skipping the tests that need them.
set -eu
cd "$(dirname "$0")/.."

fail() {
  echo "setup: $*" >&2
  exit 1
}

# The modules the Python tests import (test/helpers/services.ts looks for the same python3) and the
# server benchmark's reference server imports.
python_modules="json, urllib.request, asyncio, aiohttp, flask, requests"
python_ready() {
  for candidate in python3 /usr/bin/python3; do
    "$candidate" -c "import $python_modules" >/dev/null 2>&1 && return 0
  done
  return 1
}

missing() {
  out=""
  command -v bwrap >/dev/null 2>&1 || out="$out bubblewrap"
  command -v redis-server >/dev/null 2>&1 || out="$out redis-server"
  command -v openssl >/dev/null 2>&1 || out="$out openssl"
  python_ready || out="$out python3 python3-aiohttp python3-flask python3-requests"
  echo "$out"
}

need=$(missing)
if [ -n "$need" ]; then
  command -v apt-get >/dev/null 2>&1 ||
    fail "cannot install:$need (no apt-get here); install them by hand, then run this again"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "cannot install:$need (not root and no sudo)"
    sudo_cmd="sudo"
  fi
  echo "setup: installing Debian packages:$need"
  $sudo_cmd apt-get update -qq || fail "apt-get update failed; cannot install:$need"
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $need >/dev/null ||
    fail "apt-get install failed for:$need"
  still=$(missing)
  [ -z "$still" ] || fail "still missing after apt-get install:$still (python3 must import: $python_modules)"
fi

# onnxruntime-node ships its CPU binaries in the npm package; its install script would download
# CUDA ones, which we never want. better-sqlite3 (the judges' SQLite cache) is built with node-gyp:
# .prebuild-installrc tells its prebuild-install step not to try a download first.
export ONNXRUNTIME_NODE_INSTALL=skip
export ONNXRUNTIME_NODE_INSTALL_CUDA=skip
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
