"""The Qt user interface and the `samenspraak` command line."""
