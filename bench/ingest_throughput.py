#!/usr/bin/env python3
"""Ingest throughput on the sample listings: MB of listings per second, median of runs.

Usage: bench/ingest_throughput.py [path/to/digest]   (default .build/release/digest)
Measures a fresh ingest (no records yet) and a re-ingest (every record already there).
"""
import os, shutil, statistics, subprocess, sys, tempfile, time

digest = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/digest")
listings = "content/listings"
size = sum(os.path.getsize(os.path.join(listings, f)) for f in os.listdir(listings))
site = tempfile.mkdtemp(prefix="digest-bench-")
shutil.copytree(listings, os.path.join(site, listings))
shutil.copy("digest.yml", site)
papers = os.path.join(site, "content/papers")

def ingest():
    start = time.perf_counter()
    subprocess.run([digest, "ingest", "-C", site, "--today", "2026-11-22"], capture_output=True, check=True)
    return time.perf_counter() - start

fresh = []
for _ in range(7):
    shutil.rmtree(papers, ignore_errors=True)
    fresh.append(ingest())
again = [ingest() for _ in range(7)]
shutil.rmtree(site)
for name, runs in (("fresh ingest", fresh), ("re-ingest", again)):
    median = statistics.median(runs)
    print(f"{name}: {size / 1e6:.3f} MB in {median * 1000:.0f} ms (median of {len(runs)}) = {size / 1e6 / median:.1f} MB/s")
