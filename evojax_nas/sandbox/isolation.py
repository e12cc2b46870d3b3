"""Operating-system isolation for the process that runs untrusted candidate code (Linux).

Applied in a freshly forked child, before any candidate code runs:
- new network namespace (no network at all: not even loopback is up);
- new PID namespace, whose first process is the candidate's: when it exits or is killed, the kernel kills every
  process it started, so nothing outlives the sandbox;
- new mount namespace with a minimal root (`filesystem="minimal"`, the default): a fresh tmpfs holding,
  read-only, only the Python installation (interpreter prefix and site-packages), the `evojax_nas` package
  directory, the system libraries, `/dev/{null,zero,random,urandom}` and a `/proc` of the sandbox's own PID
  namespace, plus a private, size-limited, writable tmpfs scratch at `/tmp`; the old root is detached
  (`pivot_root`), so no checkout, workdir, home directory, bucket mount or `/etc` is reachable. The older
  `filesystem="host_read_only"` view keeps the host's mounts, read-only, with `/root` and `/home` masked and
  `/tmp`, `/var/tmp`, `/dev/shm` as fresh tmpfs scratch;
- an unprivileged user (`nobody`) when started as root, `no_new_privs`, an empty environment;
- resource limits: CPU seconds, address space, file size, open files, processes, no core dumps.
As root all of it applies; as an ordinary user the namespaces come from a user namespace where the kernel allows
one. Whatever could not be applied is reported, never silently assumed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import os
import resource
import signal

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
NOBODY_ID = 65534
WRITABLE_SCRATCH_MOUNTS = ("/tmp", "/var/tmp", "/dev/shm")
HOME_DIRECTORIES = ("/root", "/home")
SCRATCH_DIR = "/tmp"
FILESYSTEM_VIEWS = ("minimal", "host_read_only")
# System library directories a Python extension may load a shared library from at run time.
SYSTEM_LIBRARY_DIRS = ("/lib", "/lib64", "/lib32", "/usr/lib", "/usr/lib64", "/usr/lib32", "/usr/local/lib")
DEVICE_FILES = ("/dev/null", "/dev/zero", "/dev/random", "/dev/urandom")
_PIVOT_ROOT_SYSCALL = {"x86_64": 155, "aarch64": 41, "arm64": 41, "ppc64le": 203, "s390x": 217, "riscv64": 41}


@dataclasses.dataclass(frozen=True)
class SandboxLimits:
    """Limits applied to one candidate's build process."""

    wall_seconds: float = 120.0
    cpu_seconds: int = 240
    address_space_bytes: int = 16 * 1024**3
    file_size_bytes: int = 64 * 1024**2
    scratch_bytes: int = 64 * 1024**2
    max_open_files: int = 256
    max_processes: int = 4096
    max_result_bytes: int = 256 * 1024**2
    filesystem: str = "minimal"  # one of FILESYSTEM_VIEWS


_libc = None


def _get_libc() -> ctypes.CDLL:
    global _libc
    if _libc is None:
        _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    return _libc


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _unshare(flags: int) -> None:
    _check(_get_libc().unshare(ctypes.c_int(flags)), "unshare")


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    encode = lambda text: None if text is None else text.encode()  # noqa: E731
    _check(
        _get_libc().mount(
            encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)
        ),
        f"mount {target}",
    )


def _prctl(option: int, value: int) -> None:
    _check(_get_libc().prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def enter_namespaces(applied: list[str]) -> bool:
    """Unshares mount, network, IPC and PID namespaces (via a user namespace when not root).

    Must be followed by a fork: the PID namespace applies to children. Returns True when it succeeded.
    """
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC
    if os.geteuid() != 0:
        uid, gid = os.geteuid(), os.getegid()
        try:
            _unshare(flags | CLONE_NEWUSER)
        except OSError as error:
            applied.append(f"no namespaces ({error.strerror})")
            return False
        with open("/proc/self/setgroups", "w") as handle:
            handle.write("deny")
        with open("/proc/self/uid_map", "w") as handle:
            handle.write(f"0 {uid} 1")
        with open("/proc/self/gid_map", "w") as handle:
            handle.write(f"0 {gid} 1")
        applied.append("user namespace")
    else:
        try:
            _unshare(flags)
        except OSError as error:
            applied.append(f"no namespaces ({error.strerror})")
            return False
    applied.extend(["network namespace", "pid namespace", "ipc namespace", "mount namespace"])
    return True


def _minimal_paths(paths: list[str]) -> list[str]:
    """Existing directories among `paths`, without those nested inside another one of them."""
    real = sorted({os.path.realpath(path) for path in paths if path and os.path.isdir(path)})
    kept: list[str] = []
    for path in real:
        if not any(path == parent or path.startswith(parent.rstrip("/") + "/") for parent in kept):
            kept.append(path)
    return kept


def _read_only(mount_point: str) -> bool:
    """Remounts one mount point read-only (and nosuid where allowed); False when the kernel refuses."""
    for flags in (MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, MS_REMOUNT | MS_BIND | MS_RDONLY):
        try:
            _mount(None, mount_point, None, flags)
            return True
        except OSError:
            continue
    return False


def _tmpfs_keeping(target: str, options: str, needed_paths: list[str]) -> list[str]:
    """Mounts a fresh tmpfs over `target`, then bind-mounts back the `needed_paths` that lived inside it.

    Returns the re-exposed paths. The originals are reached through `O_PATH` handles opened before the tmpfs
    hides them.
    """
    prefix = target.rstrip("/") + "/"
    real_paths = [os.path.realpath(path) for path in needed_paths if path]
    inside = _minimal_paths([path for path in real_paths if path.startswith(prefix)])
    handles = [(path, os.open(path, os.O_PATH | os.O_DIRECTORY)) for path in inside]
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, options)
    for path, handle in handles:
        os.makedirs(path, exist_ok=True)
        _mount(f"/proc/self/fd/{handle}", path, None, MS_BIND | MS_REC)
        os.close(handle)
    return inside


def lock_filesystem(scratch_bytes: int, needed_paths: list[str], applied: list[str]) -> None:
    """Confines the filesystem view of this mount namespace.

    - `/root` and `/home` (where credentials live) are hidden behind empty tmpfs mounts;
    - every mount becomes read-only;
    - `/tmp`, `/var/tmp` and `/dev/shm` become fresh, size-limited, writable tmpfs scratch space.
    The directories needed to import Python code (`needed_paths`: the interpreter prefix, sys.path, the
    package) are bind-mounted back, read-only, wherever they lived under a masked or scratch directory (for
    example `/root/.pyenv`, or a checkout under `/tmp`).
    """
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    masked = [home for home in HOME_DIRECTORIES if os.path.isdir(home)]
    for home in masked:
        _tmpfs_keeping(home, "size=1m,mode=0755", needed_paths)
    applied.append(f"home directories masked ({', '.join(masked) or 'none'})")
    mount_points = []
    with open("/proc/self/mountinfo") as handle:
        for line in handle:
            mount_points.append(line.split()[4].replace("\\040", " "))
    mount_points = [point for point in mount_points if not point.startswith(("/proc", "/sys"))]
    read_only = sum(_read_only(point) for point in mount_points)
    applied.append(f"read-only filesystem ({read_only}/{len(mount_points)} mounts)")
    for target in WRITABLE_SCRATCH_MOUNTS:
        if os.path.isdir(target):
            for kept in _tmpfs_keeping(target, f"size={scratch_bytes},mode=1777", needed_paths):
                _read_only(kept)
    applied.append("tmpfs scratch")


def _pivot_root(new_root: str, put_old: str) -> None:
    number = _PIVOT_ROOT_SYSCALL.get(os.uname().machine)
    if number is None:
        raise OSError(0, f"pivot_root: unknown syscall number on {os.uname().machine}")
    _check(_get_libc().syscall(number, new_root.encode(), put_old.encode()), "pivot_root")


def _bind_read_only(handle: int, target: str, device: bool = False) -> None:
    """Bind-mounts the file or directory behind the O_PATH `handle` on `target`, then makes it read-only."""
    _mount(f"/proc/self/fd/{handle}", target, None, MS_BIND | MS_REC)
    flags = MS_REMOUNT | MS_BIND | MS_RDONLY | (0 if device else MS_NOSUID | MS_NODEV)
    try:
        _mount(None, target, None, flags)
    except OSError:
        _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY)


def minimal_paths(prefixes: list[str], python_path: list[str], package_dir: str) -> list[str]:
    """The host directories a sandboxed child may read: the Python installation (`prefixes`), the site-packages
    directories on `python_path`, the package directory and the system libraries. Other entries of the path
    (the current directory, a checkout on PYTHONPATH) are left out: the package directory stands for the
    checkout."""
    site_packages = [
        path
        for path in python_path
        if path
        and os.path.isabs(path)
        and os.path.basename(path.rstrip("/")) in ("site-packages", "dist-packages")
    ]
    return _minimal_paths([*prefixes, *site_packages, package_dir, *SYSTEM_LIBRARY_DIRS])


def build_minimal_root(scratch_bytes: int, readable_paths: list[str], applied: list[str]) -> None:
    """Replaces this mount namespace's root by a fresh tmpfs holding only `readable_paths` (read-only, at their
    own paths), the device files of `DEVICE_FILES`, an empty `/proc` for `mount_proc`, and a writable scratch
    tmpfs at `/tmp` of `scratch_bytes`. The old root is detached; nothing else of the host stays reachable."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    directories = [path for path in readable_paths if os.path.isdir(path)]
    handles = [(path, os.open(path, os.O_PATH | os.O_DIRECTORY)) for path in directories]
    devices = [(path, os.open(path, os.O_PATH)) for path in DEVICE_FILES if os.path.exists(path)]
    new_root = SCRATCH_DIR  # any existing directory serves as the mount point of the new root
    _mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755")
    for directory in ("/proc", "/dev", SCRATCH_DIR, "/.old_root"):
        os.makedirs(new_root + directory, exist_ok=True)
    # The scratch first: a readable path that lives under /tmp (a checkout there) is bound on top of it.
    _mount("tmpfs", new_root + SCRATCH_DIR, "tmpfs", MS_NOSUID | MS_NODEV, f"size={scratch_bytes},mode=1777")
    for path, handle in handles:
        target = new_root + path
        os.makedirs(target, exist_ok=True)
        _bind_read_only(handle, target)
        os.close(handle)
    for path, handle in devices:
        with open(new_root + path, "w"):
            pass
        _bind_read_only(handle, new_root + path, device=True)
        os.close(handle)
    os.chdir(new_root)
    _pivot_root(".", ".old_root")
    os.chdir("/")
    _check(_get_libc().umount2(b"/.old_root", ctypes.c_int(MNT_DETACH)), "umount old root")
    os.rmdir("/.old_root")
    _mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    applied.append(f"minimal root ({len(directories)} read-only directories, tmpfs scratch)")


def mount_proc(applied: list[str]) -> None:
    """Mounts a `/proc` that shows only this PID namespace (call as its first process, before dropping root)."""
    try:
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | 8)  # 8: MS_NOEXEC
        applied.append("private /proc")
    except OSError as error:
        applied.append(f"no /proc ({error.strerror})")


def set_resource_limits(limits: SandboxLimits, applied: list[str]) -> None:
    """Caps CPU time, memory, file sizes, open files and process count; disables core dumps."""
    settings = [
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_AS, limits.address_space_bytes),
        (resource.RLIMIT_FSIZE, limits.file_size_bytes),
        (resource.RLIMIT_NOFILE, limits.max_open_files),
        (resource.RLIMIT_CORE, 0),
    ]
    if os.geteuid() == 0 or os.getuid() == NOBODY_ID:
        settings.append((resource.RLIMIT_NPROC, limits.max_processes))
    for kind, value in settings:
        soft, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))
    applied.append("resource limits")


def drop_privileges(applied: list[str]) -> None:
    """Becomes `nobody` when running as root (in the initial user namespace) and sets no_new_privs."""
    if os.geteuid() == 0 and "user namespace" not in applied:
        os.setgroups([])
        os.setgid(NOBODY_ID)
        os.setuid(NOBODY_ID)
        applied.append("user nobody")
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    applied.append("no_new_privs")


def die_with_parent() -> None:
    """Asks the kernel to kill this process when its parent dies (a change of user clears the request, so call
    it after `drop_privileges`); exits at once if the parent is already gone."""
    parent = os.getppid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(137)
