# Shared by the launch scripts (sourced, not run): usage errors and commands that --dry_run only prints.
# The sourcing script sets HELP_HINT (where --help is) and DRY_RUN (1: print commands without running them).

# Prints "error: MESSAGE" and the help hint on stderr; exits with status 2 (a usage error).
fail() {
  echo "error: $*" >&2
  echo "${HELP_HINT}" >&2
  exit 2
}

# Prints a command (shell-quoted), then runs it unless --dry_run.
run_command() {
  printf '+'
  printf ' %q' "$@"
  printf '\n'
  if [[ "${DRY_RUN}" != 1 ]]; then
    "$@"
  fi
}
