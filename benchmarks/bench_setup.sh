#!/usr/bin/env bash
# Fresh clone to rendered reports (`make reports`), today's set-up against the locked one:
#   before: the Makefile of commit cc35786 (pip install -e '.[test]' into a venv made by python3 -m venv);
#   after:  the Makefile of HEAD (uv, installed by pip into .tools/, then uv sync --locked, runtime only).
# Each run starts from a fresh `git clone` into a temporary folder; a first untimed round warms the package
# caches of both (pip's and uv's), then ROUNDS timed rounds alternate the two. Prints the seconds of each
# run, split into install (the Makefile's install stamp) and render (the rest of `make reports`).
# Usage: bash benchmarks/bench_setup.sh   (BEFORE=commit AFTER=commit ROUNDS=n to change; ~5 min)
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
before=$(git -C "$repo" rev-parse "${BEFORE:-cc35786}")
after=$(git -C "$repo" rev-parse "${AFTER:-HEAD}")
rounds=${ROUNDS:-1}
work=$(mktemp -d /tmp/bench-setup.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Some tests read ../shared; rendering does not, but keep the layout of a real clone.
if [ -d "$repo/../shared" ]; then ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"; fi

now() { date +%s.%N; }

# run COMMIT STAMP → prints "install render total" in seconds
run() {
  local dir="$work/clone" log="$work/make.log" start installed end
  rm -rf "$dir"
  start=$(now)
  git clone --quiet --no-checkout "$repo" "$dir"
  git -C "$dir" checkout --quiet "$1"
  make -C "$dir" --no-print-directory "$2" >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  installed=$(now)
  make -C "$dir" --no-print-directory reports >>"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
  end=$(now)
  ls "$dir"/reports/*.html >/dev/null || { echo "no report rendered" >&2; exit 1; }
  echo "$start $installed $end" | awk '{printf "%.1f %.1f %.1f\n", $2 - $1, $3 - $2, $3 - $1}'
}

before_stamp=.venv/.installed
after_stamp=.venv/.installed-runtime
echo "fresh clone to rendered reports (make reports), $(nproc) cores; warming the package caches..."
run "$before" "$before_stamp" >/dev/null
run "$after" "$after_stamp" >/dev/null

printf '%-8s %-44s %8s %8s %8s\n' round set-up install render total
for round in $(seq "$rounds"); do
  result=$(run "$before" "$before_stamp")
  read -r bi br bt <<<"$result"
  printf '%-8s %-44s %8s %8s %8s\n' "$round" "before: pip, Makefile of ${before:0:7}" "$bi" "$br" "$bt"
  result=$(run "$after" "$after_stamp")
  read -r ai ar at <<<"$result"
  printf '%-8s %-44s %8s %8s %8s\n' "$round" "after: uv.lock, Makefile of ${after:0:7}" "$ai" "$ar" "$at"
  echo "$at $bt" | awk '{printf "         after/before: %.2f\n", $1 / $2}'
done
