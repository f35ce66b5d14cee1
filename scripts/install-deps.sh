#!/usr/bin/env bash
# Installs what the build and the tests need and the machine lacks, and nothing else.
# Debian packages by name; `apt-get update` only when something is missing.
set -euo pipefail

packages=(libcmark-dev pkg-config)
for extra in "$@"; do packages+=("$extra"); done
# The HTML validator (vnu) runs on Java; the machine image usually has one already.
if [[ " $* " == *" chromium "* ]] && ! command -v java >/dev/null; then packages+=(default-jre-headless); fi

missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
