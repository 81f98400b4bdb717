#!/usr/bin/env bash
# The voice-gateway walkthrough of docs/voice-gateway.md with ./herald and curl, against a running
# `./herald up` (default http://localhost:8080, data in ./herald-data). Needs curl, jq, openssl and
# python3 (for a throwaway callback receiver). Run from the repository root:
#   ./herald up --allow-private-targets &   # in another terminal; the receiver is on 127.0.0.1
#   docs/examples/voice-gateway.sh
set -euo pipefail

HERALD_URL="${HERALD_URL:-http://localhost:8080}"
WORK="$(mktemp -d)"
trap 'kill "$RECEIVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
step() { printf '\n== %s\n' "$*"; }
api() { # api METHOD PATH KEY [BODY]
  curl -sS -X "$1" "$HERALD_URL$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' \
    ${4:+--data "$4"}
}

step "a callback receiver on a local port (records every webhook it gets)"
CB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$CB_PORT" "$WORK/callbacks.jsonl" <<'PY' &
import http.server, json, sys
port, out = int(sys.argv[1]), sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers['Content-Length'])).decode()
        rec = {k: self.headers[k] for k in ('webhook-id', 'webhook-timestamp', 'webhook-signature')}
        rec['body'] = body
        open(out, 'a').write(json.dumps(rec) + '\n')
        self.send_response(204); self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(('127.0.0.1', port), H).serve_forever()
PY
RECEIVER_PID=$!

step "an admin key for a fresh workspace, and a project"
WS="example-$(date +%s)"
ADMIN=$(./herald keys create --workspace "$WS" --name example | tail -1)
api POST /v1/projects "$ADMIN" '{"name":"calls"}' | jq -c '{id, name}'

step "1. register the voice platform (secrets are shown once)"
REG=$(api POST /v1/platforms "$ADMIN" \
  "{\"surface\":\"voice\",\"name\":\"acme-voice\",\"callback_url\":\"http://127.0.0.1:$CB_PORT/herald\",\"project\":\"calls\"}")
PLATFORM_KEY=$(jq -r .api_key <<<"$REG")
WHSEC=$(jq -r .webhook_secret <<<"$REG")
PROJECT=$(jq -r .platform.project_id <<<"$REG")
jq -c '.platform | {id, surface, voice_policy}' <<<"$REG"

step "2. root, agent and a delegation of the voice scopes plus execute:tool (herald ratify)"
ROOT_ID=$(./herald ratify init -o "$WORK/root.json")
AGENT_ID=$(./herald ratify agent -o "$WORK/agent.json" --name Ava)
./herald ratify delegate --issuer "$WORK/root.json" --subject "$WORK/agent.json" \
  --scope meeting:attend,meeting:speak,execute:tool --expires 2h -o "$WORK/cert.json"
CERT_ID=$(jq -r .cert_id "$WORK/cert.json")
ROOT_PUB=$(./herald ratify pubkey "$WORK/root.json")
api POST /v1/ratify/principals "$ADMIN" "{\"public_key\":$ROOT_PUB}" | jq -c '{human_id}'
api POST /v1/ratify/delegations "$PLATFORM_KEY" "{\"cert\":$(cat "$WORK/cert.json")}" | jq -c '{cert_id, scope}'

step "3. a challenge bound to this start, a proof, and the session"
IDEM="call-$(date +%s)"
CH=$(api POST /v1/voice/challenges "$PLATFORM_KEY" \
  "{\"purpose\":\"session_start\",\"agent_id\":\"$AGENT_ID\",\"idempotency_key\":\"$IDEM\"}")
PROOF=$(./herald ratify present --agent "$WORK/agent.json" --cert "$WORK/cert.json" \
  --challenge "$(jq -r .challenge <<<"$CH")" --session-context "$(jq -r .session_context <<<"$CH")" --base64)
SESSION=$(api POST /v1/sessions "$PLATFORM_KEY" "{\"permit\":{\"project_id\":\"$PROJECT\",\"idempotency_key\":\"$IDEM\",
  \"subject\":{\"type\":\"user\",\"id\":\"caller-1\"},\"action\":{\"name\":\"realtime.session\"},
  \"resource\":{\"type\":\"call\",\"id\":\"$IDEM\",\"attributes\":{\"provider\":\"openai\",\"model\":\"gpt-4o-realtime-preview\"}}},
  \"proof\":\"$PROOF\"}")
SID=$(jq -r .session_id <<<"$SESSION")
jq -c '{session_id, status, ratify: (.ratify | {human_id, agent_id, granted_scope})}' <<<"$SESSION"

step "4. atoms (this sketch sends them unsigned under the 'record' setting; see docs/realtime.md for signing)"
api PUT /v1/project-settings "$PLATFORM_KEY" '{"atom_signatures":"record"}' | jq -c .
NS=$(( $(date +%s) * 1000000000 ))
api POST "/v1/voice/sessions/$SID/events" "$PLATFORM_KEY" "{\"batch_idempotency_key\":\"b1\",\"events\":[
  {\"atom_type\":\"transcript_span\",\"idempotency_key\":\"t1\",\"captured_at_ns\":$NS,\"direction\":\"outbound\",
   \"payload\":{\"text\":\"Hi, this is Ava, an AI assistant for Acme.\"},\"signatures\":[]}]}" | jq -c '{accepted_count, rejected_count}'

step "5. a turn, and a tool call that needs execute:tool; a CRM write that needs data:write"
api POST "/v1/sessions/$SID/turns" "$PLATFORM_KEY" '{"input_tokens":20,"output_tokens":40}' | jq -c '{decision, turn_index}'
api POST "/v1/sessions/$SID/action-permits" "$PLATFORM_KEY" \
  '{"tool_name":"lookup_order","call_id":"c1","arguments":{"order":"A-17"}}' | jq -c '{decision}'
api POST "/v1/sessions/$SID/action-permits" "$PLATFORM_KEY" \
  '{"tool_name":"crm_create_case","call_id":"c2","action_kind":"crm_write"}' | jq -c '{decision, user_facing_reason}'

step "6. revoke the delegation mid-call"
./herald ratify revoke --issuer "$WORK/root.json" --cert-id "$CERT_ID" -o "$WORK/revocations.json"
api PUT "/v1/ratify/revocations/$ROOT_ID" "$ADMIN" \
  "{\"revocation_list\":$(cat "$WORK/revocations.json"),\"issuer_public_key\":$ROOT_PUB}" | jq -c .
api POST "/v1/sessions/$SID/turns" "$PLATFORM_KEY" '{"input_tokens":1}' | jq -c '{decision, reason_code}'
api GET "/v1/sessions/$SID" "$PLATFORM_KEY" | jq -c '{status, failure_reason}'

step "7. the callbacks, each signature checked with openssl (Standard Webhooks)"
sleep 2
KEY_HEX=$(printf '%s' "${WHSEC#whsec_}" | base64 -d | od -An -tx1 | tr -d ' \n')
while read -r line; do
  id=$(jq -r '."webhook-id"' <<<"$line"); ts=$(jq -r '."webhook-timestamp"' <<<"$line")
  body=$(jq -r .body <<<"$line"); sigs=$(jq -r '."webhook-signature"' <<<"$line")
  expected="v1,$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary | base64)"
  ok=no; for s in $sigs; do [ "$s" = "$expected" ] && ok=yes; done
  printf '%-26s signature %s\n' "$(jq -r .type <<<"$body")" "$ok"
done < "$WORK/callbacks.jsonl"

step "8. the attestation artifact, verified offline"
api GET "/v1/sessions/$SID/attestation" "$PLATFORM_KEY" > "$WORK/artifact.json"
./herald verify "$WORK/artifact.json"
