"""Build code of the site, as a pipeline of stages (one package each):

    load → check → derive → pages → search → export      (cli: the same stages as commands)

hooks/events.py maps MkDocs events onto hooks/pipeline.py, whose ordered step lists call into the
stage packages; hooks/state.py holds what one build has learnt; hooks/corpus.py runs
load → check → derive for the whole corpus. hooks/model/ is the document model they all share.
"""
