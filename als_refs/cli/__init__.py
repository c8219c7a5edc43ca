"""The ``als-refs`` command line."""
