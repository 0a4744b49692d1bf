#!/usr/bin/env python3
"""Writes N small upload files into ROOT/wp-content/uploads, shaped like a WordPress media library.

   scripts/bench-uploads.py ROOT N

Each uploaded image appears as WordPress keeps it: the original and its generated sizes
(photo-12.jpg, photo-12-150x150.jpg, photo-12-300x200.jpg, ...), under year/month folders of about
2,000 entries. Every file holds 100-600 random bytes (incompressible, like media), so the run is
dominated by per-file cost, which is what this shape measures. Seeded: the same N gives the same
names and sizes (the bytes are from os.urandom)."""
import os
import random
import sys

root, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(14)
sizes = ["", "-150x150", "-300x200", "-768x512", "-1024x683"]
names = ["photo", "img", "dsc", "screenshot", "banner", "product", "header"]
up = os.path.join(root, "wp-content", "uploads")
per_folder = 2000
written = 0
year, month = 2012, 1
while written < n:
    folder = os.path.join(up, str(year), "%02d" % month)
    os.makedirs(folder, exist_ok=True)
    in_folder = 0
    while in_folder < per_folder and written < n:
        base = "%s-%d" % (rng.choice(names), written)
        for suffix in sizes:
            if written >= n:
                break
            with open(os.path.join(folder, base + suffix + ".jpg"), "wb") as f:
                f.write(os.urandom(rng.randint(100, 600)))
            written += 1
            in_folder += 1
    month += 1
    if month > 12:
        year, month = year + 1, 1
