"""Commands: `python -m hooks …` (check, explain, new, build, report, linkcheck).

Takes the command line; runs the stages above without MkDocs (check, report, new, explain) or
around it (build: a safe, atomic `mkdocs build`). `main` parses arguments and dispatches.
"""
