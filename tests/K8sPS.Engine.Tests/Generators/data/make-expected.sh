#!/usr/bin/env bash
# Makes the expected outputs in kubectl/ by running kubectl 1.32 offline (client-side dry run) on the files in
# inputs/. Run from this folder: ./make-expected.sh. The keys and certificates in inputs/ are throw-away test
# material made with openssl and ssh-keygen for these tests only.
set -u
cd "$(dirname "$0")"
export KUBECONFIG=/dev/null
mkdir -p kubectl
k() { kubectl "$@" --dry-run=client -o json; }
run() { # run NAME ARGS...: writes kubectl/NAME.json and kubectl/NAME.cmd (the command)
  local name=$1; shift
  echo "${ENV_NOTE:-}kubectl ${*@Q} --dry-run=client -o json" > "kubectl/$name.cmd"
  k "$@" > "kubectl/$name.json"
}
fail() { # fail NAME ARGS...: kubectl's error text in kubectl/NAME.err
  local name=$1; shift
  echo "kubectl ${*@Q} --dry-run=client -o json" > "kubectl/$name.cmd"
  k "$@" > /dev/null 2> "kubectl/$name.err" || true
}

run secret-generic-files create secret generic app-files -n team-a --from-file=inputs/app.properties --from-file=settings=inputs/settings.yaml --from-file=inputs/config
run secret-generic-literals create secret generic app-login --from-literal=username=admin '--from-literal=password=s3cr=t! é' --from-literal=empty=
FROM_ENV='from the environment' ENV_NOTE="FROM_ENV='from the environment' " run secret-generic-envfile create secret generic app-env --from-env-file=inputs/app.env
(unset FROM_ENV; ENV_NOTE='(FROM_ENV unset) ' run secret-generic-two-envfiles create secret generic app-env2 --from-env-file=inputs/app.env --from-env-file=inputs/extra.env)
run secret-generic-typed create secret generic typed --type=example.com/custom --from-literal=a=1
run secret-tls-rsa create secret tls web-tls --cert=inputs/tls/rsa.crt --key=inputs/tls/rsa.key
run secret-tls-rsa-pkcs1 create secret tls web-tls --cert=inputs/tls/rsa.crt --key=inputs/tls/rsa-pkcs1.key
run secret-tls-ec create secret tls ec-tls --cert=inputs/tls/ec.crt --key=inputs/tls/ec.key
run secret-tls-ec-sec1 create secret tls ec-tls --cert=inputs/tls/ec.crt --key=inputs/tls/ec-sec1.key
run secret-tls-ed25519 create secret tls ed-tls --cert=inputs/tls/ed25519.crt --key=inputs/tls/ed25519.key
run secret-tls-chain create secret tls chain-tls --cert=inputs/tls/chain.crt --key=inputs/tls/rsa.key
run secret-docker create secret docker-registry regcred -n ci --docker-server=registry.example.test:5000 --docker-username=robot '--docker-password=p@ss:w"rd<>&é\' --docker-email=robot@example.test
run secret-docker-hub create secret docker-registry hubcred --docker-username=bob --docker-password=pw
run secret-basic-auth create secret generic login --type=kubernetes.io/basic-auth --from-literal=username=admin --from-literal=password=t0p-Secret
run secret-ssh-auth create secret generic git-ssh --type=kubernetes.io/ssh-auth --from-file=ssh-privatekey=inputs/id_ed25519
run secret-empty create secret generic empty
run configmap-files create configmap app-config -n team-a --from-file=inputs/app.properties --from-file=inputs/logo.bin --from-file=inputs/config --from-file=app.yaml=inputs/settings.yaml
run configmap-literals create configmap app-literals --from-literal=mode=production '--from-literal=greeting=héllo wörld' --from-literal=empty=
FROM_ENV='from the environment' ENV_NOTE="FROM_ENV='from the environment' " run configmap-envfile create configmap app-env --from-env-file=inputs/app.env

fail err-secret-duplicate create secret generic x --from-file=inputs/app.properties --from-literal=app.properties=1
fail err-configmap-duplicate create configmap x --from-file=inputs/app.properties --from-literal=app.properties=1
fail err-configmap-duplicate-binary create configmap x --from-file=inputs/logo.bin --from-file=logo.bin=inputs/app.properties
fail err-secret-bad-key create secret generic x --from-literal=a/b=1
fail err-configmap-bad-key create configmap x --from-literal=..=1
fail err-key-for-folder create secret generic x --from-file=k=inputs/config
fail err-envfile-mixed create secret generic x --from-env-file=inputs/app.env --from-literal=a=1
fail err-tls-mismatch create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/tls/other-rsa.key
fail err-tls-ed25519-mismatch create secret tls x --cert=inputs/tls/ed25519.crt --key=inputs/tls/other-ed25519.key
fail err-tls-ec-mismatch create secret tls x --cert=inputs/tls/ec.crt --key=inputs/tls/other-ec.key
fail err-tls-type-mismatch create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/tls/ec.key
fail err-tls-ec-curve-mismatch create secret tls x --cert=inputs/tls/ec.crt --key=inputs/tls/ec384.key
fail err-tls-switched create secret tls x --cert=inputs/tls/rsa.key --key=inputs/tls/rsa.crt
fail err-tls-not-pem create secret tls x --cert=inputs/app.properties --key=inputs/tls/rsa.key
fail err-tls-key-not-pem create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/app.properties
fail err-tls-cert-as-key create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/tls/ec.crt
fail err-tls-encrypted create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/tls/rsa-encrypted.key
fail err-tls-legacy-encrypted create secret tls x --cert=inputs/tls/rsa.crt --key=inputs/tls/rsa-legacy-encrypted.key
fail err-docker-no-password create secret docker-registry x --docker-username=u --docker-server=s
# kubectl keeps only the regular files directly in a folder: sub/ and the link z-link are dropped without a word.
run secret-folder-with-subfolder create secret generic nested --from-file=inputs/nested
run configmap-folder-with-subfolder create configmap nested --from-file=inputs/nested
