#!/usr/bin/env bash
# The development mail server: maildev (npm, devDependency) catches every mail the platform sends
# and shows it in a web inbox. Nothing is relayed to real addresses. Runs in the foreground (exec):
# infra/start.sh starts it in the background like the other processes and stops it by pid.
#   MAIL_SMTP_PORT (default 1025): where services send (SMTP_HOST=127.0.0.1 SMTP_PORT=1025)
#   MAIL_WEB_PORT  (default 1080): the inbox, http://127.0.0.1:1080
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

SMTP_PORT=${MAIL_SMTP_PORT:-1025}
WEB_PORT=${MAIL_WEB_PORT:-1080}
port_open 127.0.0.1 "$SMTP_PORT" && die "port $SMTP_PORT is taken: is a mail server already running? (MAIL_SMTP_PORT to change)"
log "mail: SMTP on 127.0.0.1:$SMTP_PORT; read the mail at http://127.0.0.1:$WEB_PORT"
# Bound to loopback only, kept under .local (git-ignored): the inbox holds applicants' personal data.
exec node node_modules/maildev/dist/bin/maildev.js --ip 127.0.0.1 --smtp "$SMTP_PORT" --web-ip 127.0.0.1 --web "$WEB_PORT" \
  --mail-directory "$LOCAL/mail" --max-emails "${MAIL_MAX_EMAILS:-5000}"
