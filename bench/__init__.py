"""The performance benchmark of ktv: `python -m bench` (options: --sizes, --repeat, --quick)."""
