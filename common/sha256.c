/*
 * sha256.c - SHA-256 as specified in FIPS 180-4, section 6.2 (common).
 */
#include "common/sha256.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define TS_SHA_NI 1
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress(uint32_t h[8], const unsigned char *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, k, t1, t2;
    int i;

    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^
                      (w[i - 15] >> 3);
        uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^
                      (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3];
    e = h[4]; f = h[5]; g = h[6]; k = h[7];
    for (i = 0; i < 64; i++) {
        t1 = k + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) +
             ((e & f) ^ (~e & g)) + K[i] + w[i];
        t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) +
             ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

#ifdef TS_SHA_NI
/* The same rounds with the x86 SHA extensions (SHA-NI), four rounds per
 * pair of sha256rnds2; about 20 times the portable speed, which matters
 * when every input byte of a registry-sized export is hashed. The state is
 * kept as ABEF/CDGH, the order the instructions use. */
__attribute__((target("sha,sse4.1,ssse3"))) static void
compress_ni(uint32_t h[8], const unsigned char *p, size_t blocks)
{
    const __m128i mask =
        _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&h[0]);
    __m128i st1 = _mm_loadu_si128((const __m128i *)&h[4]);
    __m128i st0;

    tmp = _mm_shuffle_epi32(tmp, 0xB1);             /* CDAB */
    st1 = _mm_shuffle_epi32(st1, 0x1B);             /* EFGH */
    st0 = _mm_alignr_epi8(tmp, st1, 8);             /* ABEF */
    st1 = _mm_blend_epi16(st1, tmp, 0xF0);          /* CDGH */
    while (blocks--) {
        __m128i save0 = st0, save1 = st1, w[4];
        int g;

        for (g = 0; g < 4; g++)
            w[g] = _mm_shuffle_epi8(
                _mm_loadu_si128((const __m128i *)(p + 16 * g)), mask);
        for (g = 0; g < 16; g++) {
            __m128i msg = _mm_add_epi32(
                w[g & 3], _mm_loadu_si128((const __m128i *)&K[4 * g]));

            st1 = _mm_sha256rnds2_epu32(st1, st0, msg);
            msg = _mm_shuffle_epi32(msg, 0x0E);
            st0 = _mm_sha256rnds2_epu32(st0, st1, msg);
            if (g < 12) {
                /* W[t] from W[t-16..t-13], W[t-15..], W[t-7..], W[t-2..] */
                __m128i t = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);

                t = _mm_add_epi32(
                    t, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
                w[g & 3] = _mm_sha256msg2_epu32(t, w[(g + 3) & 3]);
            }
        }
        st0 = _mm_add_epi32(st0, save0);
        st1 = _mm_add_epi32(st1, save1);
        p += 64;
    }
    tmp = _mm_shuffle_epi32(st0, 0x1B);             /* FEBA */
    st1 = _mm_shuffle_epi32(st1, 0xB1);             /* DCHG */
    st0 = _mm_blend_epi16(tmp, st1, 0xF0);          /* DCBA */
    st1 = _mm_alignr_epi8(st1, tmp, 8);             /* HGFE */
    _mm_storeu_si128((__m128i *)&h[0], st0);
    _mm_storeu_si128((__m128i *)&h[4], st1);
}

static int have_sha_ni(void)
{
    unsigned a, b, c, d;

    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) ||
        !(c & bit_SSSE3))
        return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b >> 29) & 1;   /* CPUID.7.0:EBX.SHA */
}
#endif

static int use_ni = -1;     /* -1: not yet probed */

void sha256_force_portable(int portable)
{
#ifdef TS_SHA_NI
    use_ni = portable ? 0 : have_sha_ni();
#else
    (void)portable;
    use_ni = 0;
#endif
}

int sha256_accelerated(void)
{
    if (use_ni < 0)
        sha256_force_portable(0);
    return use_ni;
}

/* Runs the compression over whole blocks, with SHA-NI when present. */
static void compress_blocks(uint32_t h[8], const unsigned char *p,
                            size_t blocks)
{
#ifdef TS_SHA_NI
    if (sha256_accelerated()) {
        compress_ni(h, p, blocks);
        return;
    }
#endif
    while (blocks--) {
        compress(h, p);
        p += 64;
    }
}

void sha256_init(ts_sha256 *s)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                   0xa54ff53a, 0x510e527f, 0x9b05688c,
                                   0x1f83d9ab, 0x5be0cd19};

    memcpy(s->h, iv, sizeof(iv));
    s->total = 0;
    s->fill = 0;
}

void sha256_update(ts_sha256 *s, const void *data, size_t len)
{
    const unsigned char *p = data;

    s->total += len;
    if (s->fill) {
        size_t n = 64 - s->fill < len ? 64 - s->fill : len;

        memcpy(s->block + s->fill, p, n);
        s->fill += n;
        p += n;
        len -= n;
        if (s->fill < 64)
            return;
        compress_blocks(s->h, s->block, 1);
        s->fill = 0;
    }
    if (len >= 64) {
        compress_blocks(s->h, p, len / 64);
        p += len / 64 * 64;
        len %= 64;
    }
    memcpy(s->block, p, len);
    s->fill = len;
}

void sha256_final_hex(ts_sha256 *s, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    uint64_t bits = s->total * 8;
    unsigned char pad[72];
    size_t npad = (s->fill < 56 ? 56 : 120) - s->fill;
    int i;

    memset(pad, 0, sizeof(pad));
    pad[0] = 0x80;
    for (i = 0; i < 8; i++)
        pad[npad + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
    {
        uint64_t keep = s->total;

        sha256_update(s, pad, npad + 8);
        s->total = keep;
    }
    for (i = 0; i < 32; i++) {
        unsigned char byte = (unsigned char)(s->h[i / 4] >> (24 - 8 * (i % 4)));

        hex[2 * i] = digits[byte >> 4];
        hex[2 * i + 1] = digits[byte & 15];
    }
    hex[64] = '\0';
}
