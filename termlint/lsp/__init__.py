"""``termlint lsp``: findings in an editor, as the text is typed, over the Language Server
Protocol. A use of termlint beside the command line, not part of the engine: it lints each
buffer with :class:`termlint.buffer.Checker`, exactly as ``check`` would lint the file.

``positions`` converts file offsets to the protocol's line and character positions,
``directives`` writes "disable for this line" comments in each format's own syntax,
``settings`` reads the client's settings and ``server`` ties them to pygls.
"""
