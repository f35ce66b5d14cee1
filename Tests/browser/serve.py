"""A static file server for the tests: Python's own, plus the `LinkChecker` response header
that lets LinkChecker go past 10 requests a second (its politeness limit for servers that
have not opted in), and no log lines."""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "unlimited")
        super().end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
    server.serve_forever()
