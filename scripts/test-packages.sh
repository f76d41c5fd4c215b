#!/usr/bin/env bash
# The Debian packages the test suite needs, installed when any is missing: `npm test` runs this
# first (pretest), and so does .ci/run. Chromium drives the browser tests, xmllint checks the
# sitemaps, and the scaled deployment's tests start PostgreSQL, Redis and nginx themselves and
# load them with wrk. Installing needs root (or sudo without a password).
set -uo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v xmllint >/dev/null || need+=(libxml2-utils)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
[ ${#need[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
echo "installing the Debian packages the tests need: ${need[*]}"
if "${as_root[@]}" apt-get update -qq && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null; then
  exit 0
fi
echo "could not install ${need[*]}: run, as root, apt-get install -y ${need[*]}" >&2
exit 1
