#!/usr/bin/env bash
# Installs the Debian packages the CI test backends need (PostgreSQL, Ceph RGW). Idempotent:
# on a warm machine where everything is installed it does nothing and takes well under a second.
set -euo pipefail

packages=(postgresql radosgw ceph-mon ceph-osd ceph-common chromium)

missing=()
for p in "${packages[@]}"; do
  # Like dpkg -s, but also require "install ok installed" (a removed package still has "config-files").
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-ci-packages: all present (${packages[*]})" >&2
  exit 0
fi
echo "install-ci-packages: installing ${missing[*]}" >&2

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo -n)   # CI runs without a tty: sudo must not prompt

export DEBIAN_FRONTEND=noninteractive
# Only refresh the package index if it was never fetched (a fresh container has no lists).
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
  "${sudo[@]}" apt-get update -qq
fi
# If the index is stale (package not found), refresh once and retry.
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2; then
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2
fi
