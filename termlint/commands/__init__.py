"""One module per CLI command; ``termlint.cli`` only registers them."""
