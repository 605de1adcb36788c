"""python -m tribune: the same CLI as the `tribune` command."""

from tribune.cli import app

app()
