"""The `samenspraak` command line: one module per command group."""
