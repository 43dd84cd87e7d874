#!/usr/bin/env bash
# How the files beside this one were made: kubectl 1.32 against a K8sPS local cluster (its simulated
# metrics API), pods in namespaces topdata and topdata2 with fixed usage annotations (see pods.yaml).
# The raw metrics and kubectl's output are taken together and kept only when the metrics did not change
# in between (node usage has a jitter that moves every 10 s), so kubectl's output is a function of the raw files.
set -euo pipefail
cd "$(dirname "$0")"
raw() {
  kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/topdata/pods > pods-topdata.json
  kubectl get --raw /apis/metrics.k8s.io/v1beta1/pods > pods-all.json
  kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes > nodes-metrics.json
}
strip() { sed -E 's/"(creationTimestamp|timestamp)":"[^"]*"//g' "$@"; }
while true; do
  raw
  before=$(strip pods-topdata.json pods-all.json nodes-metrics.json)
  kubectl get nodes -o json > nodes.json
  kubectl top pods -n topdata > top-pods.txt
  kubectl top pods -n topdata --sort-by=cpu > top-pods-sort-cpu.txt
  kubectl top pods -n topdata --sort-by=memory > top-pods-sort-memory.txt
  kubectl top pods -n topdata --containers > top-pods-containers.txt
  kubectl top pods -n topdata --containers --sort-by=cpu > top-pods-containers-sort-cpu.txt
  kubectl top pods -n topdata --no-headers > top-pods-no-headers.txt
  kubectl top pods -n topdata --sum > top-pods-sum.txt
  kubectl top pods -A > top-pods-all.txt
  kubectl top pods -A --sort-by=memory > top-pods-all-sort-memory.txt
  kubectl top pods -A --containers --sum > top-pods-all-containers-sum.txt
  kubectl top nodes > top-nodes.txt
  kubectl top nodes --sort-by=cpu > top-nodes-sort-cpu.txt
  kubectl top nodes --sort-by=memory > top-nodes-sort-memory.txt
  kubectl top nodes --no-headers > top-nodes-no-headers.txt
  raw
  after=$(strip pods-topdata.json pods-all.json nodes-metrics.json)
  [ "$before" = "$after" ] && break
done
