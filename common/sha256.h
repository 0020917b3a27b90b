/*
 * sha256.h - SHA-256 (FIPS 180-4) for the run manifest's input checksums
 * (common). Streaming: update with any number of chunks.
 */
#ifndef TS_COMMON_SHA256_H
#define TS_COMMON_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct ts_sha256 {
    uint32_t h[8];          /* chaining state */
    uint64_t total;         /* bytes hashed so far */
    unsigned char block[64];/* pending partial block */
    size_t fill;            /* bytes in block */
} ts_sha256;

void sha256_init(ts_sha256 *s);
void sha256_update(ts_sha256 *s, const void *data, size_t len);
/* 1 if the x86 SHA extensions are used (probed once, at first use). */
int sha256_accelerated(void);
/* Tests only: 1 forces the portable code, 0 probes the CPU again. */
void sha256_force_portable(int portable);

/* Writes 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_final_hex(ts_sha256 *s, char hex[65]);

#endif
