"""Load: read the files of the corpus.

Takes paths; gives `frontmatter.SourceFile` (YAML front-matter with the line of every key, and
the Markdown body) and `framework.Framework` (the 标准体系 tree of standards/framework.yml).
Both are read with `safe_yaml`, the YAML subset (no anchors, aliases or tags; plain keys; bounded
nesting) with file-size limits. Reading problems (encoding, size, YAML, front-matter fences) are
collected as Problems, never raised.
"""
