#!/usr/bin/env python3
"""Summarises `jfr print --json` output from stdin: CPU samples by top frame and by innermost tunstack frame,
and sampled allocation weight by allocated class and allocating frame."""
import collections
import json
import sys

TOP = 15


def frame_name(frame):
    method = frame["method"]
    return f'{method["type"]["name"]}.{method["name"]}:{frame.get("lineNumber", "?")}'


def innermost(frames, prefix):
    return next((frame_name(f) for f in frames if frame_name(f).startswith(prefix)), "(none)")


def show(title, counter, total, unit):
    print(f"-- {title} (total {total:,} {unit})")
    for name, n in counter.most_common(TOP):
        print(f"{100 * n / total:6.1f}%  {name}")


def main():
    events = json.load(sys.stdin)["recording"]["events"]
    self_time, ours, alloc_class, alloc_site = (collections.Counter() for _ in range(4))
    samples = weight = 0
    for e in events:
        frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
        if not frames:
            continue
        if e["type"] == "jdk.ExecutionSample":
            samples += 1
            self_time[frame_name(frames[0])] += 1
            ours[innermost(frames, "io/tunstack/")] += 1
        else:
            w = e["values"]["weight"]
            weight += w
            alloc_class[e["values"]["objectClass"]["name"]] += w
            alloc_site[frame_name(frames[0]) + " <- " + innermost(frames[1:], "io/tunstack/")] += w
    if samples:
        show("CPU samples by top frame", self_time, samples, "samples")
        show("CPU samples by innermost io.tunstack frame", ours, samples, "samples")
    if weight:
        show("allocation by class", alloc_class, weight, "bytes sampled")
        show("allocation by site", alloc_site, weight, "bytes sampled")


if __name__ == "__main__":
    main()
