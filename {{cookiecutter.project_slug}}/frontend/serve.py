"""Serve the example front end for development: `python frontend/serve.py`, then open
http://127.0.0.1:5173 (the API's development server on http://127.0.0.1:8000 beside it).

Any static file server will do. This one also answers a path without a file of its own with the
page its first segment names, where there is one, as the links of sign-up and reset mails need:
/activate/<token> is activate.html.
"""

import argparse
import functools
import http.server
import io
from pathlib import Path
from typing import BinaryIO

HERE = Path(__file__).resolve().parent


class FrontEnd(http.server.SimpleHTTPRequestHandler):
    def send_head(self) -> io.BytesIO | BinaryIO | None:
        if not Path(self.translate_path(self.path)).exists():
            page = self.path.partition("?")[0].strip("/").partition("/")[0]
            if (HERE / f"{page}.html").is_file():
                self.path = f"/{page}.html"
        return super().send_head()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("port", type=int, nargs="?", default=5173)
    parser.add_argument("--bind", default="127.0.0.1", help="address (default 127.0.0.1)")
    arguments = parser.parse_args()
    handler = functools.partial(FrontEnd, directory=str(HERE))
    with http.server.ThreadingHTTPServer((arguments.bind, arguments.port), handler) as server:
        print(f"Serving the front end on http://{arguments.bind}:{arguments.port}/", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
