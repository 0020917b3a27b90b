/*
 * zipspeed.c - libxlsxwriter's zip parts at zlib's fastest level (see
 * zipspeed.h).
 */
#define _GNU_SOURCE     /* RTLD_NEXT */
#include "report/zipspeed.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <string.h>
#include <xlsxwriter/third_party/zip.h>

typedef int (*open_fn)(zipFile, const char *, const zip_fileinfo *,
                       const void *, uInt, const void *, uInt, const char *,
                       int, int, int, int, int, int, const char *, uLong,
                       uLong, uLong, int);

static atomic_ulong parts;

unsigned long zipspeed_parts(void)
{
    return atomic_load(&parts);
}

int ZEXPORT zipOpenNewFileInZip4_64(
    zipFile file, const char *filename, const zip_fileinfo *zipfi,
    const void *extrafield_local, uInt size_extrafield_local,
    const void *extrafield_global, uInt size_extrafield_global,
    const char *comment, int method, int level, int raw, int windowBits,
    int memLevel, int strategy, const char *password, uLong crcForCrypting,
    uLong versionMadeBy, uLong flagBase, int zip64)
{
    static open_fn next;

    if (!next) {
        /* Converting a data pointer to a function pointer is what dlsym
         * requires (POSIX), though ISO C does not define it. */
        void *sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");

        memcpy(&next, &sym, sizeof(next));
        if (!next)
            return ZIP_INTERNALERROR;
    }
    if (method == Z_DEFLATED && level != 0) {
        level = Z_BEST_SPEED;
        atomic_fetch_add(&parts, 1);
    }
    return next(file, filename, zipfi, extrafield_local,
                size_extrafield_local, extrafield_global,
                size_extrafield_global, comment, method, level, raw,
                windowBits, memLevel, strategy, password, crcForCrypting,
                versionMadeBy, flagBase, zip64);
}
