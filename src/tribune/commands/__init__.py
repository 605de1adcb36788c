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


def register_all(app) -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{module.name}").register(app)
