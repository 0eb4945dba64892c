"""Benchmarks: synthetic corpora (bench.synth) and build timings (bench.build_bench)."""
