"""termlint's version, in a module of its own: the caches, the CLI and the reports need it, and
importing it from the package (whose ``lint_text`` reaches the whole engine) would tie those low
layers to the top one."""

__version__ = "0.1.0"
