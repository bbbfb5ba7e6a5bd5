#!/usr/bin/env bash
# Writes throw-away TLS material for the HTTPS tests into DIR (default
# tests/c/out/tls), with openssl:
#   ca.crt            self-signed test CA
#   server.crt/.key   "localhost" + IP 127.0.0.1, signed by the CA
#   server-enc.key    the same key, PKCS#8 encrypted with password "hxpass"
#   client.crt/.key   client certificate (clientAuth) signed by the CA
#   other.key         an unrelated key (key/cert mismatch test)
#   other.crt         self-signed client certificate for other.key (not
#                     signed by the CA)
# Nothing here is committed; run.sh calls this once per run.
set -eu
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${1:-$HERE/out/tls}"
command -v openssl >/dev/null || { echo "gen-certs: openssl not installed" >&2; exit 1; }
mkdir -p "$DIR"
T="$(mktemp -d "$DIR/.gen.XXXXXX")"
trap 'rm -rf "$T"' EXIT
cd "$T"
key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>/dev/null; }
key ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3 -subj "/CN=microhttpd-rs test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt 2>/dev/null
sign() { # sign NAME CN EXTFILE
  key "$1.key"
  openssl req -new -key "$1.key" -subj "/CN=$2" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial \
    -sha256 -days 3 -extfile "$3" -out "$1.crt" 2>/dev/null
}
cat > server.ext <<'X'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
X
cat > client.ext <<'X'
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth
X
sign server localhost server.ext
sign client "hx test client" client.ext
openssl pkcs8 -topk8 -in server.key -v2 aes-256-cbc -passout pass:hxpass -out server-enc.key
key other.key
openssl req -x509 -new -key other.key -sha256 -days 3 -subj "/CN=hx untrusted client" \
  -addext "basicConstraints=CA:FALSE" -addext "extendedKeyUsage=clientAuth" -out other.crt 2>/dev/null
for f in ca.crt server.crt server.key server-enc.key client.crt client.key other.key other.crt; do
  mv -f "$f" "$DIR/$f"
done
