"""`flask openapi [--output FILE]`: the OpenAPI document, to a file or standard output."""

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .document import document


@click.command("openapi")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the document to this file instead of standard output.",
)
@with_appcontext
def openapi(output: Path | None) -> None:
    """Write the OpenAPI document of the API (JSON)."""
    text = json.dumps(document(current_app), indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"OpenAPI document written to {output}.", err=True)
