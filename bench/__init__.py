"""The benchmark: `python bench/run.py [--quick]` or `plan-assistant bench [--quick]` from a checkout."""
