"""Uses of the engine that the commands and the tests share: explaining a term or rule, and
running the examples vocabularies carry.

They sit above the engine and the vocabularies, not inside ``termlint.vocab``: the vocabulary
layer describes concepts and terms and never runs the matcher.
"""
