"""A stand-in for the municipality's complaint system, for demonstrations: it receives the portal's signed
hand-offs, gives each case its own number, and after a while answers it through the portal's signed webhook.

    manage.py fake_complaint_system --portal http://127.0.0.1:8000 --secret demo --answer-after 30

with the portal started as `HANDOFF_CONNECTOR=webhook HANDOFF_URL=http://127.0.0.1:8090/cases
HANDOFF_SECRET=demo make run`. It listens on 127.0.0.1 only.
"""

import collections
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
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the caller gave up waiting (a time-out): it is for the caller to find out what happened


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # a busy portal opens many connections at once


class FakeComplaintSystem:
    """`answer_after=None` leaves answering to the caller; `delay` holds each answer to a hand-off back (after the
    case is stored), as a slow system does. It can be stopped and started again on the same port."""

    def __init__(self, portal, secret, port=8090, answer_after=30.0, log=print):
        self.portal = portal.rstrip("/")
        self.secret = secret
        self.answer_after = answer_after
        self.delay = 0.0
        self.log = log
        self.cases = {}  # idempotency key -> our number
        self.numbers = set()  # every number given, never given twice (six hex digits meet again within ~5,000)
        self.posts = collections.Counter()  # idempotency key -> hand-offs received
        self.lock = threading.Lock()
        self.port = port
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/cases"

    def _listen(self):
        self.server = _Server(("127.0.0.1", self.port), self._handler())
        self.port = self.server.server_address[1]

    def serve(self):
        self._listen()
        self.server.serve_forever()

    def start(self):
        self._listen()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        """Stop listening: from now on the portal's connections are refused."""
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
                    system.posts[key] += 1
                    known = key in system.cases
                    if not known:
                        while (number := f"CM-{uuid.uuid4().hex[:6].upper()}") in system.numbers:
                            pass
                        system.numbers.add(number)
                        system.cases[key] = number
                    number = system.cases[key]
                if system.delay:
                    threading.Event().wait(system.delay)
                self._json(201, {"id": number})
                if not known:
                    system.log(f"received {json.loads(body).get('tracking_number')} as {number}")
                if not known and system.answer_after is not None:
                    threading.Timer(system.answer_after, system.answer, args=(key, number)).start()

        return Handler
