#!/usr/bin/env python3
"""An example receiver of ugov's webhooks, with nothing but Python's standard library.

It checks what every receiver must check before it trusts a delivery:
  1. the signature: ugov-webhook-signature is v1=<hex HMAC-SHA256 with the department's secret over
     "<ugov-webhook-id>.<ugov-webhook-timestamp>.<raw body>">, compared in constant time;
  2. the timestamp: no further than the replay window (300 s) from now, so an old captured request is refused;
  3. the delivery id: one it has already taken is not processed again (a replay inside the window, or ugov sending
     a delivery again after a crash); it answers 200 so that ugov stops sending it.

Usage: WEBHOOK_SECRET=... python3 receiver.py [port]   (default 8080; the path does not matter)
Each delivery is reported as one JSON line on stdout: {"outcome": "processed" | "duplicate" | "refused", ...}.
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Lock

REPLAY_WINDOW_SECONDS = 300
SECRET = os.environ["WEBHOOK_SECRET"].encode()
seen_ids = set()
seen_lock = Lock()


def report(**fields):
    print(json.dumps(fields, ensure_ascii=False), flush=True)


def check(headers, body):
    """The reason a delivery is refused, or None if it is genuine and fresh."""
    delivery_id = headers.get("ugov-webhook-id", "")
    timestamp = headers.get("ugov-webhook-timestamp", "")
    signature = headers.get("ugov-webhook-signature", "")
    if not delivery_id or not timestamp.isdigit() or not signature.startswith("v1="):
        return 400, "missing or malformed ugov-webhook-* headers"
    expected = hmac.new(SECRET, f"{delivery_id}.{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature[3:], expected):
        return 401, "signature does not match"
    if abs(time.time() - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return 400, "timestamp outside the replay window"
    return None


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        refusal = check(self.headers, body)
        delivery_id = self.headers.get("ugov-webhook-id", "")
        if refusal:
            status, reason = refusal
            report(outcome="refused", id=delivery_id, status=status, reason=reason)
            return self.answer(status, {"error": reason})
        with seen_lock:
            duplicate = delivery_id in seen_ids
            seen_ids.add(delivery_id)
        if duplicate:
            report(outcome="duplicate", id=delivery_id)
            return self.answer(200, {"duplicate": True})
        payload = json.loads(body)
        # A real receiver would put the assignment on the department's own work list here.
        report(
            outcome="processed",
            id=delivery_id,
            event=payload["event"],
            assignmentId=payload["assignment"]["id"],
            headers={name: self.headers[name] for name in ("ugov-webhook-id", "ugov-webhook-timestamp", "ugov-webhook-signature")},
            body=body.decode(),
        )
        return self.answer(200, {"received": delivery_id})

    def answer(self, status, document):
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    report(outcome="listening", port=port)
    server.serve_forever()
