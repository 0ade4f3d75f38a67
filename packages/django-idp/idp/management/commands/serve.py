"""
Serves the project with runserver's WSGI server (django.core.servers.basehttp, threaded, no
autoreload) on BOTH loopback addresses, 127.0.0.1 and ::1, so http://localhost:<port> works
whichever address a client resolves localhost to (Node 22 keeps the resolver's order, curl and
browsers try both). `runserver` binds a single address, hence this command.

SIGTERM / SIGINT stop it cleanly (exit 0). With --exit-with-parent it also stops when the
launcher (bin/django-idp.js) that started it disappears, so no orphan keeps the port.
"""

import errno
import os
import signal
import sys
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application

# Errors that mean "this machine has no such address family/address", not "port taken".
_NO_ADDRESS = {errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT, errno.EPROTONOSUPPORT}


class Command(BaseCommand):
    help = "Serves the IdP on 127.0.0.1 and ::1 (runserver's server, threaded, no autoreload)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--exit-with-parent", action="store_true")

    def handle(self, *args, **options):
        port = options["port"]
        self.check(display_num_errors=False)
        handler = get_internal_wsgi_application()
        servers = self._bind(port, handler)
        stopping = threading.Event()

        def stop(signum=None, frame=None):
            stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, stop)

        threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
        for thread in threads:
            thread.start()
        if options["exit_with_parent"]:
            parent = os.getppid()
            threading.Thread(target=self._watch_parent, args=(parent, stop), daemon=True).start()

        addresses = ", ".join(f"{self._host(server)}:{port}" for server in servers)
        self.stdout.write(
            f"Django OAuth Toolkit listening on http://localhost:{port} ({addresses}); "
            f"issuer {settings.ISSUER}; test controls {'on' if settings.TEST_CONTROLS else 'off'}"
        )
        self.stdout.flush()
        # Event.wait without a timeout would not let the signal handler run promptly on every Python.
        while not stopping.wait(0.5):
            pass
        for server in servers:
            server.shutdown()
            server.server_close()
        self.stdout.write("Django OAuth Toolkit stopped")

    def _bind(self, port, handler):
        servers = []
        for host, ipv6 in (("127.0.0.1", False), ("::1", True)):
            try:
                server = ThreadedWSGIServer((host, port), WSGIRequestHandler, ipv6=ipv6)
            except OSError as error:
                if ipv6 and error.errno in _NO_ADDRESS:
                    self.stderr.write(f"::1 unavailable ({error.strerror}); serving on 127.0.0.1 only")
                    continue
                for bound in servers:
                    bound.server_close()
                if error.errno == errno.EADDRINUSE:
                    raise CommandError(
                        f"port {port} is already in use on {host}: stop whatever listens there "
                        f"or pick another port (--port / DJANGO_IDP_PORT)"
                    ) from error
                raise CommandError(f"cannot listen on {host}:{port}: {error}") from error
            server.daemon_threads = True
            server.set_app(handler)
            servers.append(server)
        return servers

    @staticmethod
    def _host(server):
        host = server.server_address[0]
        return f"[{host}]" if ":" in host else host

    @staticmethod
    def _watch_parent(parent, stop):
        event = threading.Event()
        while not event.wait(1):
            if os.getppid() != parent:
                print("launcher gone; stopping", file=sys.stderr, flush=True)
                stop()
                return
