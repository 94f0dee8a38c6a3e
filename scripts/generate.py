"""Write a synthetic partnergraph of a chosen size (valid against the project's SHACL shapes).

    python scripts/generate.py --triples 1M --seed 1 --out /tmp/synthetic-1m
    partnergraph build /tmp/synthetic-1m        # load and validate it with the project's graph
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from partnergraph.synthetic import generate, parse_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=parse_size, default="10k", help="size: 10000, 10k, 1M, ... (default 10k)")
    parser.add_argument("--seed", type=int, default=0, help="the same seed and size give the same files (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the Turtle files into")
    args = parser.parse_args()
    started = time.perf_counter()
    result = generate(args.out, args.triples, args.seed)
    elapsed = time.perf_counter() - started
    print(f"{result.triples} triples in {len(result.files)} files under {args.out} ({elapsed:.1f} s)")
    for kind, count in result.counts.items():
        print(f"  {kind:24} {count:>9}")


if __name__ == "__main__":
    main()
