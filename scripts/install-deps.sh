#!/usr/bin/env bash
# Installs pyjudge's build and test dependencies from Debian 12's archive (nothing else is
# downloaded). Skips apt entirely when everything is already there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang-format
  python3.11 python3.11-dev libpython3.11-dev
  pybind11-dev libboost-dev libboost-filesystem-dev libyaml-cpp-dev libspdlog-dev libfmt-dev
  libcli11-dev nlohmann-json3-dev libseccomp-dev libssl-dev libsqlite3-dev libarchive-dev doctest-dev
  python3-jsonschema python3-yaml libxml2-utils chromium
  hyperfine python3-pytest linux-perf  # bench/ only
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
  as_root=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
