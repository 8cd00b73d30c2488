"""`python -m pipeline` is the `referat` command."""

from pipeline.cli import main

main()
