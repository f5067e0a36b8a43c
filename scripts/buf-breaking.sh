#!/usr/bin/env bash
# Published event contracts never break: compares proto/ with the previous commit of this branch.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if git rev-parse --verify -q HEAD~1 >/dev/null && git cat-file -e HEAD~1:proto 2>/dev/null; then
  npx buf breaking --against '.git#ref=HEAD~1'
  echo "[buf] no breaking change against $(git rev-parse --short HEAD~1)"
else
  echo "[buf] no earlier commit with proto/ to compare against"
fi
