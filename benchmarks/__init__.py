"""Benchmarks (issue 7): import throughput, query latency (raw and through the API), NetworkX side by side.

Run everything with `python -m benchmarks.run`; see docs/benchmarks.md for the figures.
"""
