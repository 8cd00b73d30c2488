"""`referat info`: which spaCy pipeline the commands use, and how accurate it is."""

from __future__ import annotations

import json
from typing import Optional

import typer

from pipeline.errors import ReferatError

LABELS = {
    "pos_acc": "POS",
    "morph_acc": "morph",
    "dep_uas": "UAS",
    "dep_las": "LAS",
    "lemma_acc": "lemma",
    "ents_p": "NER P",
    "ents_r": "NER R",
    "ents_f": "NER F",
}


def register(app: typer.Typer) -> None:
    @app.command("info")
    def info_cmd(
        model: Optional[str] = typer.Option(
            None, "--model", help="spaCy pipeline to describe (default: the one `referat import` uses)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of lines."),
    ) -> None:
        """Print the spaCy pipeline in use: name, path, version, components and the
        held-out accuracy recorded in its meta.json.

        Example: referat info     (or: referat info --model blank)
        """
        from pipeline.cli.common import setup_logging
        from pipeline.nlp.build import build_nlp, describe

        setup_logging(False)  # the default's fallback to the rule pipeline is one line on stderr
        try:
            info = describe(build_nlp(model))
        except (ReferatError, OSError) as e:
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(2)
        if as_json:
            typer.echo(json.dumps(info, ensure_ascii=False, indent=2))
            return
        typer.echo(f"pipeline    {info['name']}")
        builtin = '(built in: spacy.blank("da") and rules)'
        typer.echo(f"path        {info['path'] or builtin}")
        if info["version"]:
            typer.echo(f"version     {info['version']} (spaCy {info['spacy_version']})")
        else:
            typer.echo(f"version     spaCy {info['spacy_version']}")
        typer.echo(f"components  {', '.join(info['components'])}")
        if info["accuracy"]:
            acc = "  ".join(f"{LABELS[k]} {v:.3f}" for k, v in info["accuracy"].items())
            typer.echo(f"accuracy    {acc}")
            if info["evaluated_on"]:
                typer.echo(f"            on {info['evaluated_on']}")
        else:
            typer.echo("accuracy    (none recorded: rule-based pipeline)")
        if info["license"]:
            typer.echo(f"license     {info['license']}")
