#!/usr/bin/env python3
"""Runs a command under the seccomp filter systemd installs for MemoryDenyWriteExecute=yes.

systemd (src/shared/seccomp-util.c, seccomp_memory_deny_write_execute) makes these fail with EPERM:
mmap (mmap2) asking for PROT_WRITE and PROT_EXEC at once, mprotect and pkey_mprotect adding PROT_EXEC, and
shmat with SHM_EXEC. The same filter here, through libseccomp (which systemd itself links), shows
whether a program runs under the unit's setting without a running systemd.
Usage: memory-deny-write-execute.py COMMAND [ARG...]
"""
import ctypes
import ctypes.util
import os
import sys

PROT_WRITE, PROT_EXEC, SHM_EXEC = 0x2, 0x4, 0o100000
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_ACT_ERRNO_EPERM = 0x00050000 | 1
SCMP_CMP_MASKED_EQ = 7


class ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int), ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1])
    name = ctypes.util.find_library("seccomp") or "libseccomp.so.2"
    seccomp = ctypes.CDLL(name)
    seccomp.seccomp_init.restype = ctypes.c_void_p
    filter_ = ctypes.c_void_p(seccomp.seccomp_init(SCMP_ACT_ALLOW))
    for syscall, arg, mask in (("mmap", 2, PROT_WRITE | PROT_EXEC), ("mmap2", 2, PROT_WRITE | PROT_EXEC), ("mprotect", 2, PROT_EXEC), ("pkey_mprotect", 2, PROT_EXEC), ("shmat", 2, SHM_EXEC)):
        number = seccomp.seccomp_syscall_resolve_name(syscall.encode())
        if number < 0:
            continue  # not on this architecture
        compare = (ArgCmp * 1)(ArgCmp(arg, SCMP_CMP_MASKED_EQ, mask, mask))
        if seccomp.seccomp_rule_add_array(filter_, SCMP_ACT_ERRNO_EPERM, number, 1, compare) != 0:
            sys.exit(f"cannot add the {syscall} rule")
    if seccomp.seccomp_load(filter_) != 0:
        sys.exit("cannot load the seccomp filter")
    os.execvp(sys.argv[1], sys.argv[1:])


main()
