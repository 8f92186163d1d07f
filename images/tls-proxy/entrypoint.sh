#!/bin/sh
# Make a self-signed key and certificate for this task, render the nginx configuration and run
# nginx in the foreground. Everything written goes to RUN_DIR (an ephemeral task volume); the root
# filesystem stays read-only. The key never leaves the task and dies with it.
set -eu

: "${APP_PORT:?APP_PORT (the application's HTTP port) is required}"
: "${TLS_PORT:?TLS_PORT (the port to serve TLS on) is required}"
RUN_DIR="${RUN_DIR:-/run/tls-proxy}"

case "$APP_PORT$TLS_PORT" in *[!0-9]*) echo "tls-proxy: APP_PORT and TLS_PORT must be numbers" >&2; exit 1 ;; esac
if [ "$APP_PORT" = "$TLS_PORT" ]; then echo "tls-proxy: APP_PORT and TLS_PORT are both $APP_PORT" >&2; exit 1; fi

mkdir -p "$RUN_DIR/tmp"
umask 077
# ALBs do not validate target certificates: a fresh self-signed P-256 certificate per task is enough.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
  -subj "/CN=tls-proxy" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
  -keyout "$RUN_DIR/key.pem" -out "$RUN_DIR/cert.pem" 2>/dev/null

export APP_PORT TLS_PORT RUN_DIR
# Only these three placeholders are replaced; nginx's own $variables stay as they are.
envsubst '${APP_PORT} ${TLS_PORT} ${RUN_DIR}' < /etc/tls-proxy/nginx.conf.template > "$RUN_DIR/nginx.conf"

exec nginx -e stderr -c "$RUN_DIR/nginx.conf" -g 'daemon off;'
