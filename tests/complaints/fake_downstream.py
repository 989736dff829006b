"""A fake municipal complaint system on 127.0.0.1 that can be down, slow, failing, refusing, or commit and drop."""

import http.server
import json
import threading
import uuid

from complaints.fake_system import JsonHandler


class Downstream:
    """Stores cases by idempotency key; `mode` decides how it answers the next POSTs."""

    def __init__(self):
        self.mode = "up"  # up, slow, error, refuse, drop (commit, then close without answering)
        self.stored = {}  # idempotency key -> (id, payload)
        self.posts = 0
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/cases"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        downstream = self

        class Handler(JsonHandler):
            def do_GET(self):
                key = self.path.rsplit("/", 1)[-1]
                with downstream.lock:
                    found = downstream.stored.get(key)
                if found:
                    self._json(200, {"id": found[0]})
                else:
                    self._json(404, {"error": "not found"})

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                mode = downstream.mode
                with downstream.lock:
                    downstream.posts += 1
                if mode == "slow":
                    threading.Event().wait(2)
                    self._json(503, {"error": "too slow"})
                    return
                if mode == "error":
                    self._json(500, {"error": "database unavailable"})
                    return
                if mode == "refuse":
                    self._json(422, {"error": "description: en az 20 karakter olmalı"})
                    return
                payload = json.loads(body)
                key = self.headers["Idempotency-Key"]
                with downstream.lock:
                    if key not in downstream.stored:
                        downstream.stored[key] = (f"BM-{uuid.uuid4().hex[:8].upper()}", payload, self.headers)
                    reference = downstream.stored[key][0]
                if mode == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                self._json(201, {"id": reference})

        return Handler


class Open311Downstream:
    """A fake GeoReport v2 server: stores posted requests, answers `GET requests.json?service_request_id=`."""

    def __init__(self):
        self.requests = {}  # id -> dict of posted fields + status
        self.mode = "up"  # up, drop
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/open311/v2"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        import urllib.parse

        downstream = self

        class Handler(JsonHandler):
            def do_POST(self):
                fields = dict(urllib.parse.parse_qsl(self.rfile.read(int(self.headers["Content-Length"])).decode()))
                if fields.get("api_key") != "ibb-anahtari":
                    self._json(403, [{"code": 403, "description": "Invalid api_key"}])
                    return
                reference = f"IBB-{len(downstream.requests) + 1:05d}"
                downstream.requests[reference] = {**fields, "status": "open", "status_notes": None, "updated": "1"}
                if downstream.mode == "drop":
                    self.connection.shutdown(2)
                    return
                self._json(201, [{"service_request_id": reference}])

            def do_GET(self):
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                wanted = query.get("service_request_id", "").split(",")
                self._json(
                    200,
                    [
                        {
                            "service_request_id": reference,
                            "status": item["status"],
                            "status_notes": item["status_notes"],
                            "service_code": item.get("service_code", ""),
                            "requested_datetime": "2026-11-25T10:00:00+03:00",
                            "updated_datetime": f"2026-11-25T1{item['updated']}:00:00+03:00",
                        }
                        for reference, item in downstream.requests.items()
                        if reference in wanted
                    ],
                )

        return Handler
