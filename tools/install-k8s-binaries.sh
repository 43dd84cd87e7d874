#!/usr/bin/env bash
# Installs what the local cluster needs on a Debian 12 machine, once:
#   etcd          from Debian's etcd-server package
#   kube-apiserver, kube-controller-manager, kube-scheduler
#                 built from Debian's `kubernetes` source package (1.20.2) with Debian's Go.
# The build takes minutes on 2 cores, so its output is cached outside the repo
# (K8SPS_CACHE, default ~/.cache/k8sps) and reused by every later run.
# Usage: tools/install-k8s-binaries.sh            prints the binaries folder on its last line
set -euo pipefail

cache="${K8SPS_CACHE:-$HOME/.cache/k8sps}"
version="1.20.2"
bin="$cache/kubernetes-$version/bin"
need=(kube-apiserver kube-controller-manager kube-scheduler etcd)

have_all() { for b in "${need[@]}"; do [ -x "$bin/$b" ] || return 1; done; }
if have_all; then echo "$bin"; exit 0; fi

say() { echo "[k8s-binaries] $*" >&2; }
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get source needs a deb-src line; it reuses the Signed-By of the existing deb entry.
ensure_deb_src() {
  if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
  say "adding a deb-src entry for Debian bookworm"
  sudo_ tee /etc/apt/sources.list.d/k8sps-deb-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
}

missing_pkgs=()
for p in golang-go rsync jq etcd-server dpkg-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || missing_pkgs+=("$p")
done
ensure_deb_src
say "apt-get update"
sudo_ apt-get update -qq >&2
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  say "installing ${missing_pkgs[*]}"
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_pkgs[@]}" >&2
fi
# Debian's etcd-server may start a system etcd on 2379 where systemd runs; the local clusters run
# their own etcd on ports of their own, so that service is not needed.
if [ -d /run/systemd/system ]; then sudo_ systemctl disable --now etcd >/dev/null 2>&1 || true; fi

mkdir -p "$bin"
cp /usr/bin/etcd "$bin/etcd"

src="$cache/src"
tree=$(ls -d "$src"/kubernetes-1.20* 2>/dev/null | head -n1 || true)
if [ -z "$tree" ]; then
  say "fetching the kubernetes source package"
  mkdir -p "$src"
  (cd "$src" && apt-get source -qq "kubernetes=$version*" >&2 || apt-get source -qq kubernetes >&2)
  tree=$(ls -d "$src"/kubernetes-1.20* | head -n1)
fi

gopath="$cache/gopath"
mkdir -p "$gopath/src/k8s.io"
ln -sfn "$tree" "$gopath/src/k8s.io/kubernetes"

say "building kube-apiserver, kube-controller-manager, kube-scheduler (several minutes on 2 cores)"
(
  cd "$gopath/src/k8s.io/kubernetes"
  export GOPATH="$gopath" GO111MODULE=off CGO_ENABLED=0 GOFLAGS=-mod=vendor
  export KUBE_GIT_VERSION="v$version" KUBE_GIT_TREE_STATE=clean
  unset GOFLAGS
  make WHAT="cmd/kube-apiserver cmd/kube-controller-manager cmd/kube-scheduler" >&2
  for b in kube-apiserver kube-controller-manager kube-scheduler; do
    cp "_output/local/bin/linux/amd64/$b" "$bin/$b" 2>/dev/null || cp "_output/bin/$b" "$bin/$b"
  done
)
have_all || { say "build finished but a binary is missing in $bin"; exit 1; }
say "done: $bin"
echo "$bin"
