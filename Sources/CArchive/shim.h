#ifndef SITESNAP_CARCHIVE_SHIM_H
#define SITESNAP_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

// The AE_IF* macros are casts and do not import into Swift: re-declare them as typed constants.
static const unsigned int SS_AE_IFMT = 0170000;
static const unsigned int SS_AE_IFREG = 0100000;
static const unsigned int SS_AE_IFLNK = 0120000;
static const unsigned int SS_AE_IFDIR = 0040000;

// sync_file_range(2) is declared by glibc only under _GNU_SOURCE, which Swift's Glibc module is not
// built with: called through syscall(2) here (64-bit Linux: fd, offset, count, flags).
#include <sys/syscall.h>
#include <unistd.h>
static inline int ss_sync_file_range_write(int fd, long long offset, long long count) {
    return (int)syscall(SYS_sync_file_range, fd, offset, count, 2 /* SYNC_FILE_RANGE_WRITE */);
}
#endif
