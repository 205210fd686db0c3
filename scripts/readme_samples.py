#!/usr/bin/env python3
"""Checks, or regenerates, the README's output samples that drift (scores, counts, summaries).

A sample is the fenced block right after a marker line `<!-- sample: ARGS -->` (the arguments of
`rampart`). Every line of the sample except `...` and `$ command` lines must occur in the output
of `rampart ARGS`, in order: a sample may be an excerpt. With --write, each sample line is replaced
by the output line that reads the same once numbers are ignored, so scores and counts follow the
demo while the excerpt stays; a line with no such output line is reported and left alone.

    python3 scripts/readme_samples.py --write      # regenerate after changing checks or the demo
    python3 scripts/readme_samples.py              # check (exit 1 naming each stale line)

`--rampart PATH` names the executable (default .build/debug/rampart; build it first).
Tests/RampartCLITests/ReadmeSampleTests.swift runs the check.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

MARKER = re.compile(r"^<!-- sample: (.+) -->$")


def samples(lines):
    """(marker index, args, first sample line index, end index) for each marked fenced block."""
    for i, line in enumerate(lines):
        m = MARKER.match(line.rstrip("\n"))
        if not m:
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            raise SystemExit(f"README.md:{i + 1}: a sample marker must be followed by a fenced block")
        end = next((j for j in range(i + 2, len(lines)) if lines[j].startswith("```")), None)
        if end is None:
            raise SystemExit(f"README.md:{i + 2}: the sample's fenced block is not closed")
        yield i, shlex.split(m.group(1)), i + 2, end


def compared(line):
    text = line.rstrip("\n").rstrip()
    return not (text.strip() == "..." or text.startswith("$ ") or text == "")


def shape(text):
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text)).strip()


def run(rampart, args, store):
    env = dict(os.environ, RAMPART_STORE=store, NO_COLOR="1")
    result = subprocess.run([rampart] + args, capture_output=True, text=True, env=env)
    return [l.rstrip() for l in result.stdout.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rampart", default=".build/debug/rampart")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("readme", nargs="?", default="README.md")
    options = parser.parse_args()
    if not os.access(options.rampart, os.X_OK):
        raise SystemExit(f"{options.rampart}: no rampart executable (run `swift build` first, or pass --rampart PATH)")
    with open(options.readme, encoding="utf-8") as f:
        lines = f.readlines()
    stale = []
    with tempfile.TemporaryDirectory() as scratch:
        store = os.path.join(scratch, "rampart.sqlite")
        for marker, args, start, end in list(samples(lines)):
            output = run(options.rampart, args, store)
            position = 0
            for j in range(start, end):
                if not compared(lines[j]):
                    continue
                want = lines[j].rstrip("\n").rstrip()
                if options.write and want not in output[position:]:
                    same = [k for k in range(position, len(output)) if shape(output[k]) == shape(want)]
                    if same:
                        lines[j] = output[same[0]] + "\n"
                        want = output[same[0]]
                if want in output[position:]:
                    position = output.index(want, position) + 1
                else:
                    stale.append(f"{options.readme}:{j + 1}: not in the output of `rampart {' '.join(args)}` (in order): {want.strip()}")
    if options.write:
        with open(options.readme, "w", encoding="utf-8") as f:
            f.writelines(lines)
    for line in stale:
        print(line, file=sys.stderr)
    if stale:
        print("regenerate with: python3 scripts/readme_samples.py --write (after `swift build`)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
