/*
 * fuzz_decode.c - libFuzzer harness for the decoding layer
 * (ingest/decode.c): the input is decoded whole and in pieces whose sizes
 * come from the input; converted text must be valid UTF-8, UTF-16 must
 * decode the same however it is cut, and text needing no conversion must
 * come back unchanged. The first byte picks the piece size.
 */
#include "tests/fuzz/fuzz.h"

#include "ingest/decode.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Decodes data[0..size) in pieces of `piece` bytes into all. */
static ts_encoding decode_all(const uint8_t *data, size_t size, size_t piece,
                              ts_strbuf *all)
{
    ts_decoder d;
    ts_strbuf out = {0};
    char *copy = malloc(size + 1);
    size_t at = 0;

    if (!copy)
        fuzz_fail("out of memory", NULL);
    memcpy(copy, data, size);
    decode_init(&d);
    sb_reset(all);
    for (;;) {
        /* The source's first piece is its 64 KB head: detection needs the
         * first 4 bytes in the first call. */
        size_t want = at == 0 && piece < 4 ? 4 : piece;
        size_t n = size - at < want ? size - at : want, len;
        int last = at + n == size;
        char *text = decode_chunk(&d, copy + at, n, last, &out, &len);

        if (!decode_converts(d.enc) && text != copy + at)
            fuzz_fail("unconverted text is not the input", NULL);
        sb_append(all, text, len);
        at += n;
        if (last)
            break;
    }
    sb_free(&out);
    free(copy);
    return d.enc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ts_strbuf whole = {0}, cut = {0};
    ts_encoding e1, e2;
    size_t piece;

    if (size == 0)
        return 0;
    piece = (size_t)data[0] % 17 + 1;
    e1 = decode_all(data, size, size, &whole);
    e2 = decode_all(data, size, piece, &cut);
    if (decode_converts(e1) && !fuzz_utf8_ok(sb_str(&whole), whole.len))
        fuzz_fail("converted text is not valid UTF-8", decode_name(e1));
    if (decode_converts(e2) && !fuzz_utf8_ok(sb_str(&cut), cut.len))
        fuzz_fail("converted pieces are not valid UTF-8", decode_name(e2));
    if ((e1 == TS_ENC_UTF16LE || e1 == TS_ENC_UTF16BE) &&
        (e1 != e2 || whole.len != cut.len ||
         memcmp(sb_str(&whole), sb_str(&cut), whole.len) != 0))
        fuzz_fail("UTF-16 decodes differently in pieces", NULL);
    if (!decode_converts(e1) &&
        (whole.len != size || memcmp(sb_str(&whole), data, size) != 0))
        fuzz_fail("UTF-8 text changed", NULL);
    sb_free(&whole);
    sb_free(&cut);
    return 0;
}
