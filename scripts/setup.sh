#!/usr/bin/env bash
# Installs every Debian 12 package autocomp needs to build, run and test.
# Idempotent and non-interactive; run as root (or with sudo available).
#
#   scripts/setup.sh            build + runtime + test packages
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git
  # libraries the system links against
  libopenmpi-dev openmpi-bin
  libhdf5-dev hdf5-tools
  libboost-serialization-dev
  libcurl4-openssl-dev
  nlohmann-json3-dev
  libcli11-dev libspdlog-dev libfmt-dev
  # system-call filters of the sandbox and the trusted runners (docs/evaluation.md)
  libseccomp-dev
  libgtest-dev libgmock-dev
  # tests read run files with h5py; the cpu backend counts instructions with callgrind
  python3 python3-h5py python3-numpy
  valgrind
  # gemmini backend: bare-metal RISC-V builds of candidates
  gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  # cuda backend: PyTorch runs the whole KernelBench flow on CPU tensors where no
  # GPU is present (docs/cuda.md); load_inline compiles with the toolchain above
  python3-torch libtorch-dev pybind11-dev python3-dev
  # Slurm templates and their tests (a private loopback cluster; no daemon is left running)
  slurmctld slurmd slurm-client
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

install_sdks() {
  # The official LLM SDKs, for the wire-format conformance test (tests/llm/conformance).
  if command -v npm > /dev/null && [ ! -d tests/llm/conformance/node_modules ]; then
    npm ci --prefix tests/llm/conformance --no-audit --no-fund > /dev/null ||
      echo "setup: SDK conformance test will be skipped (npm ci failed)"
  fi
}
cd "$(dirname "$0")/.."

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  install_sdks
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# Packages such as slurmd and munge start their daemons on install unless a
# policy forbids it; autocomp starts its own private Slurm in tests, so keep
# every service down during the install (and remove the policy afterwards).
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" > /dev/null
  $SUDO chmod +x "$policy"
  made_policy=1
fi
status=0
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
[ $made_policy -eq 1 ] && $SUDO rm -f "$policy"
[ $status -eq 0 ] || exit $status
install_sdks
echo "setup: done"
