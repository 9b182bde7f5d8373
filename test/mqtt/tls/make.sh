#!/bin/sh
# Makes the TLS test fixtures beside this script: a CA, a broker certificate for 127.0.0.1 and a
# client certificate, each valid for 100 years, so the tests need no openssl of their own.
set -eu
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -days $days -subj '/CN=gsmkeeper test CA' -keyout ca.key -out ca.crt
openssl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout broker.key -out broker.csr
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > broker.ext
openssl x509 -req -in broker.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days $days -extfile broker.ext -out broker.crt
openssl req -newkey rsa:2048 -nodes -subj '/CN=tls-box' -keyout box.key -out box.csr
printf 'extendedKeyUsage=clientAuth\n' > box.ext
openssl x509 -req -in box.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days $days -extfile box.ext -out box.crt
rm -f broker.csr box.csr broker.ext box.ext ca.srl ca.key
