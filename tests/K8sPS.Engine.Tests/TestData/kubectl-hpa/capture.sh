#!/usr/bin/env bash
# How the files beside this one were made: kubectl 1.32 against a K8sPS local cluster (server 1.20),
# the objects of hpa.yaml applied plus `kubectl autoscale -n hpadata deployment busy --name=simple --min=2 --max=2 --cpu-percent=50`.
# $1 names the set: "unknown" was taken with the metrics APIService deleted, "measured" with it served.
# The HPAs (autoscaling/v2beta2 and v1) and `kubectl get hpa` are kept only when the HPAs did not change in between.
set -euo pipefail
cd "$(dirname "$0")"
set_name=$1
while true; do
  kubectl get --raw /apis/autoscaling/v2beta2/namespaces/hpadata/horizontalpodautoscalers > "$set_name-v2beta2.json"
  kubectl get hpa -n hpadata -o json > "$set_name-v1.json"
  kubectl get hpa -n hpadata > "$set_name-get-hpa.txt"
  kubectl get --raw /apis/autoscaling/v2beta2/namespaces/hpadata/horizontalpodautoscalers > "$set_name-v2beta2.again"
  if cmp -s "$set_name-v2beta2.json" "$set_name-v2beta2.again"; then rm "$set_name-v2beta2.again"; break; fi
done
