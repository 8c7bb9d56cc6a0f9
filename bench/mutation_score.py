"""Print the score of the last mutmut run (./dev.sh mutate): killed / (killed + survived + timeouts + suspicious),
per module and overall, and the survivors by name; mutants not run (a subset was asked for) are left out."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED, SURVIVED = "killed", "survived"
COUNTED = {KILLED, SURVIVED, "timeout", "suspicious", "no tests", "segfault"}


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    done = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=False)
    by_module: dict[str, Counter] = defaultdict(Counter)
    survivors = []
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name or status not in COUNTED:
            continue
        module = re.split(r"\.x[_\u01c1]", name)[0]  # coachdesk.domain.kpi_math.x_aggregate__mutmut_2
        by_module[module][status] += 1
        if status != KILLED:
            survivors.append(f"{name}: {status}")
    total = Counter()
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        run = sum(counts.values())
        print(f"{module:<40} {counts[KILLED]:>5} of {run:>5} killed = {counts[KILLED] / run:6.1%}")
    run = sum(total.values())
    if not run:
        print("no mutant was run")
        return 1
    print(f"{'all':<40} {total[KILLED]:>5} of {run:>5} killed = {total[KILLED] / run:6.1%} (target >= 90 %)")
    print("\nsurvivors (see one with: mutmut show NAME):")
    for line in survivors:
        print(f"  {line}")
    return 0 if total[KILLED] / run >= 0.9 else 1


if __name__ == "__main__":
    raise SystemExit(main())
