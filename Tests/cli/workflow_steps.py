#!/usr/bin/env python3
"""Checks the CI workflow `digest init` writes and prints one step's shell script.

    workflow_steps.py WORKFLOW check        exit 0 when the workflow has the shape it must
    workflow_steps.py WORKFLOW run STEP_ID  the step's `run:` script, to run it locally
"""
import sys

import yaml

workflow = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
steps = {s["id"]: s for s in workflow["jobs"]["build"]["steps"] if "id" in s}
if sys.argv[2] == "check":
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    problems = []
    if "content/listings/**" not in on["push"]["paths"]:
        problems.append("not run when a listing is pushed")
    if "schedule" not in on or "workflow_dispatch" not in on:
        problems.append("not run by schedule and by hand")
    for step in ("install", "ingest", "commit", "pages", "build"):
        if step not in steps:
            problems.append(f"no step {step}")
    if not any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "public"
               for s in workflow["jobs"]["build"]["steps"]):
        problems.append("public/ is not published")
    if not any(s.get("uses", "").startswith("actions/cache") and {".digest-cache", "public"} <= set(s["with"]["path"].split())
               for s in workflow["jobs"]["build"]["steps"]):
        problems.append("the build's caches and site are not kept from run to run")
    if workflow["jobs"]["deploy"]["needs"] != "build":
        problems.append("no deploy job after the build")
    if problems:
        print("\n".join(problems))
    sys.exit(1 if problems else 0)
print(steps[sys.argv[3]]["run"])
