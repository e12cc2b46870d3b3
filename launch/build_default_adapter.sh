#!/usr/bin/env bash
# Rebuilds the default LM's adapter (docs/lm_adapter.md) from the committed corpora and searches, in its three
# stages, and ships it into the package. Each stage resumes from its checkpoints: run the same command again.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: launch/build_default_adapter.sh --workdir=DIR [options]

Trains the shipped adapter of the default code LM (SmolLM2-135M) in its three stages, then copies it over
evojax_nas/lm/adapters/smollm2_135m_evoprompting.safetensors:
  1. adapter v2: 2 epochs on the size-spanning corpora (configs/lm_adapt.py), into DIR/v2;
  2. adapter v4: v2 trained 2 more epochs on its own shrinking children harvested from the committed searches
     (configs/lm_adapt.py:refine), into DIR/refine, starting from DIR/v2's adapter;
  3. adapter v8: v4's factors, frozen, with a 16-token warm-start soft prompt trained in front of them on the
     same children (configs/lm_adapt.py:prompt), into DIR/prompt, starting from DIR/refine's adapter.
Running it again with the same --workdir resumes each stage from its last checkpoint.
On the 2-core CPU of docs/lm_adapter.md stage 1 took about 7 hours, stage 2 about 45 minutes, stage 3 about
15 minutes.

Options:
  --workdir=DIR    Directory of the three stages (created); required.
  --no_ship        Leave the package's adapter as it is (the result stays in DIR/refine/adapter.safetensors).
  --dry_run        Print the commands without running them.
  -h, --help       Show this help.

Example:
  launch/build_default_adapter.sh --workdir=runs/default_adapter
EOF
}

HELP_HINT="Run 'launch/build_default_adapter.sh --help' for the options."
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

WORKDIR=""
SHIP="package"
DRY_RUN=0

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --workdir=*) WORKDIR="${1#*=}" ;;
    --no_ship) SHIP="" ;;
    --dry_run) DRY_RUN=1 ;;
    *) fail "unknown argument '$1'" ;;
  esac
  shift
done

[[ -n "${WORKDIR}" ]] || fail "missing --workdir=DIR (the directory of the three stages)"
WORKDIR="$(realpath -m "${WORKDIR}")"  # absolute: the tool reads relative adapter paths from the repository
cd "$(dirname "$0")/.."

echo "Stage 1 of 3: adapter v2 in ${WORKDIR}/v2"
run_command python3 -m evojax_nas.tools.adapt --config=configs/lm_adapt.py --workdir="${WORKDIR}/v2"
echo "Stage 2 of 3: adapter v4 in ${WORKDIR}/refine"
run_command python3 -m evojax_nas.tools.adapt --config=configs/lm_adapt.py:refine \
  --workdir="${WORKDIR}/refine" --config.init_adapter="${WORKDIR}/v2/adapter.safetensors"
echo "Stage 3 of 3: adapter v8 in ${WORKDIR}/prompt (shipped: ${SHIP:-no})"
run_command python3 -m evojax_nas.tools.adapt --config=configs/lm_adapt.py:prompt \
  --workdir="${WORKDIR}/prompt" --config.init_adapter="${WORKDIR}/refine/adapter.safetensors" \
  --config.export_path="${SHIP}"
