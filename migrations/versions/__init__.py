"""Migration scripts (a package, so that installs include them)."""
