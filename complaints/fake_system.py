"""A stand-in for the municipality's complaint system, for demonstrations: it receives the portal's signed
hand-offs, gives each case its own number, and after a while answers it through the portal's signed webhook.

    manage.py fake_complaint_system --portal http://127.0.0.1:8000 --secret demo --answer-after 30

with the portal started as `HANDOFF_CONNECTOR=webhook HANDOFF_URL=http://127.0.0.1:8090/cases
HANDOFF_SECRET=demo make run`. It listens on 127.0.0.1 only.
"""

import hashlib
import hmac
import http.server
import json
import threading
import urllib.request
import uuid

ANSWER = "Başvurunuz ekiplerimizce yerinde incelendi ve gereği yapıldı. İlginiz için teşekkür ederiz."


def _signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class JsonHandler(http.server.BaseHTTPRequestHandler):
    """A quiet request handler that answers JSON."""

    def log_message(self, *args):
        pass

    def _json(self, status, data):
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FakeComplaintSystem:
    def __init__(self, portal, secret, port=8090, answer_after=30.0, log=print):
        self.portal = portal.rstrip("/")
        self.secret = secret
        self.answer_after = answer_after
        self.log = log
        self.cases = {}  # idempotency key -> our number
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), self._handler())

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/cases"

    def serve(self):
        self.server.serve_forever()

    def start(self):
        threading.Thread(target=self.serve, daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, key, number):
        body = json.dumps({"update_id": f"{number}-answer", "idempotency_key": key, "answer": ANSWER}).encode()
        request = urllib.request.Request(f"{self.portal}/handoff/updates/", data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("X-Portal-Signature", _signature(self.secret, body))
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - the portal on loopback
                self.log(f"answered {number}: HTTP {response.status}")
        except OSError as error:
            self.log(f"could not answer {number}: {error}")

    def _handler(self):
        system = self

        class Handler(JsonHandler):
            def do_GET(self):
                number = system.cases.get(self.path.rsplit("/", 1)[-1])
                if number:
                    self._json(200, {"id": number})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if not hmac.compare_digest(self.headers.get("X-Portal-Signature", ""), _signature(system.secret, body)):
                    self._json(401, {"error": "bad signature"})
                    return
                key = self.headers.get("Idempotency-Key", "")
                with system.lock:
                    known = key in system.cases
                    if not known:
                        system.cases[key] = f"CM-{uuid.uuid4().hex[:6].upper()}"
                    number = system.cases[key]
                self._json(201, {"id": number})
                if not known:
                    system.log(f"received {json.loads(body).get('tracking_number')} as {number}")
                    threading.Timer(system.answer_after, system.answer, args=(key, number)).start()

        return Handler
