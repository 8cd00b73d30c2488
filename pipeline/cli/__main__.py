"""`python -m pipeline.cli ...` runs the `referat` command."""

from pipeline.cli import main

if __name__ == "__main__":
    main()
