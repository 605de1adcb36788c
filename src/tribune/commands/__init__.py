"""CLI commands beyond the core ones, one module each, each with ``register(app)``.

Adding a command means adding a module here; cli.py needs no edit:

    # src/tribune/commands/weapons.py
    def register(app):
        @app.command()
        def weapons(...): ...
"""

from __future__ import annotations

import importlib
import pkgutil

import typer
from rich.console import Console
from rich.markup import escape


def register_all(app) -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}").register(app)


def checked_dates(**dates):
    """The dates as given, or one line on stderr and exit status 2 for one that is not a date."""
    from tribune.filters import BadFilter, check_date

    try:
        return [check_date(value, f"--{name}") for name, value in dates.items()]
    except BadFilter as exc:
        Console(stderr=True).print(f"error: {escape(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
