"""Gunicorn's settings for Amparo, from the environment: ``gunicorn -c config/gunicorn.conf.py config.wsgi``.

Sized for pages that wait on the database, on phones with slow connections
(docs/deployment.md, "Sizing"): a few processes per CPU, each with threads
(``gthread``), so a slow client holds a thread, not a process. The timeouts
nest: a request that waited longer than ``AMPARO_MAX_QUEUE_SECONDS`` (10 s)
is refused with 503 before any work (``amparo.core.overload``); a worker
silent for ``GUNICORN_TIMEOUT`` (30 s) is restarted; the load balancer's own
timeout should be longer still (60 s), so it never cuts an answer short.
"""

import multiprocessing

from config.env import env_int, env_str

# Processes: WEB_CONCURRENCY, Gunicorn's own name, or two per CPU.
workers = env_int("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count())
worker_class = "gthread"
threads = env_int("GUNICORN_THREADS", 4)
bind = env_str("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# Connections waiting for a worker: few, so that beyond capacity the load
# balancer is refused at once and tries another server, instead of queueing.
backlog = env_int("GUNICORN_BACKLOG", 64)
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Each process is replaced after this many requests (give or take the jitter),
# so a slow leak never grows without bound; 0 keeps processes for ever.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The access log has the method, path and status; URLs carry no survivor data
# (a search by name is posted, never in a URL). "-" is standard output.
accesslog = env_str("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "warning")
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
# Addresses of the proxies allowed to set X-Forwarded-* (the load balancer's).
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the application before forking: start-up errors stop the master at once,
# and the processes share the loaded code's memory.
preload_app = True
