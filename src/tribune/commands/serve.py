"""`tribune serve`: the web UI and JSON API on a local address."""

from __future__ import annotations

from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from tribune.store.db import DEFAULT_DB


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str = typer.Option(DEFAULT_DB, "--db", help="The knowledge base file (DuckDB); opened read-only."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback needs --token."),
        port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
        token: Optional[str] = typer.Option(None, "--token", envvar="TRIBUNE_TOKEN", help="Require this secret on every request (Authorization: Bearer T, or ?token=T once per browser)."),
    ) -> None:
        """Serve the web UI and the JSON API (/api, docs at /api/docs) for a knowledge base.

        Example: tribune serve --db kb.duckdb   (then open http://127.0.0.1:8000/)
        """
        errors = Console(stderr=True)
        try:
            import uvicorn

            from tribune.errors import TribuneError
            from tribune.web.app import check_bind, create_app, default_allowed_hosts
        except ImportError as exc:  # pragma: no cover
            errors.print(f"error: the web extra is not installed ({escape(str(exc))}): pip install 'tribune[web]'")
            raise typer.Exit(1)
        try:
            check_bind(host, token)
        except ValueError as exc:
            errors.print(f"error: {escape(str(exc))}")
            raise typer.Exit(2)
        try:
            web = create_app(db, token=token, allowed_hosts=default_allowed_hosts(host))
        except TribuneError as exc:
            errors.print(f"error: {escape(str(exc))}")
            raise typer.Exit(1)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/"
        print(f"tribune: serving {db} at {url}" + (" (token required: open " + url + "?token=...)" if token else ""), flush=True)
        uvicorn.run(web, host=host, port=port, log_level="warning")
