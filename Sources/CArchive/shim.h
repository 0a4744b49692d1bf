#ifndef SITESNAP_CARCHIVE_SHIM_H
#define SITESNAP_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

// The AE_IF* macros are casts and do not import into Swift: re-declare them as typed constants.
static const unsigned int SS_AE_IFMT = 0170000;
static const unsigned int SS_AE_IFREG = 0100000;
static const unsigned int SS_AE_IFLNK = 0120000;
static const unsigned int SS_AE_IFDIR = 0040000;
#endif
