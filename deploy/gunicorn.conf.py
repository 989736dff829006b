"""gunicorn settings for one app server: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Every value can be set from the environment (the systemd unit's EnvironmentFile, or
deploy/stack.py on one machine). nginx in front buffers slow clients, so plain
synchronous workers suffice: one per request being worked on.
"""

import multiprocessing
import os

# Keep the Prometheus files of the workers right (PROMETHEUS_MULTIPROC_DIR); nothing without it.
from operations.gunicorn_hooks import child_exit, on_starting  # noqa: F401

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# Recycle workers now and then, staggered, so a slow leak never takes a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 75  # longer than nginx's upstream keepalive_timeout (60 s)
# Trust X-Forwarded-* only from the proxy in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# The portal logs each request itself (operations.access, with the request id); gunicorn logs errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "kentkonseyi"
