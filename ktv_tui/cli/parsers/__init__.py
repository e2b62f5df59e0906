"""The sub-parsers of `ktv`, one module per command family (the family's runner is the module
of the same name in ktv_tui/cli/). These modules import nothing of ktv but `values.py`, so
`ktv --help` loads no Rich, report, Textual or Typst, and ktv_tui/cli/__init__.py can import
them without an import cycle."""
