#!/usr/bin/env bash
# Instructions, data reads/writes, simulated L1 misses and mispredicted branches per fast-book command: a variant build
# against a base build, under valgrind's cachegrind (apt-get install valgrind). Deterministic, so a few-percent change
# that this VM's timing noise hides still shows. Tiering is off (no dynamic PGO): the code is not exactly what runs in
# production, which is why a timing A/B is still needed.
# Usage: perf/cachegrind-delta.sh <base Benchmarks bin dir> <variant Benchmarks bin dir> [commands]
# Each run replays the exchange-core workload through the fast book twice (verification pass + one timed pass); the
# reference book's pass and everything else are the same in both builds, so (variant - base) / (2 x commands) is the
# fast book's change. Base against itself gives |delta| < 0.1 per command.
set -eu
N=${3:-300000}
one() {
  DOTNET_TieredCompilation=0 DOTNET_TieredPGO=0 valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes \
    --D1=49152,12,64 --LL=2097152,16,64 --cachegrind-out-file="$3" \
    dotnet "$1/DarkPool.Benchmarks.dll" harness --commands "$N" --iterations 1 --latency-runs 0 --books fast --no-breakdown > "$3.out" 2>&1
  grep "^summary:" "$3" | cut -d' ' -f2-
}
tmp=$(mktemp -d)
a=$(one "$1" a "$tmp/a"); b=$(one "$2" b "$tmp/b")
python3 - "$a" "$b" "$N" <<'PY'
import sys
a = list(map(int, sys.argv[1].split())); b = list(map(int, sys.argv[2].split())); n = int(sys.argv[3])
names = "Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw Bc Bcm Bi Bim".split()
print("per fast-book command, variant - base:",
      " ".join(f"{k}={(y - x) / (2 * n):+.2f}" for k, x, y in zip(names, a, b) if k in ("Ir", "Dr", "Dw", "D1mr", "D1mw", "Bc", "Bcm", "Bim")))
PY
rm -rf "$tmp"
