/*
 * textout.c - TSV and JSON escaping (report stage).
 */
#include "report/textout.h"

#include <string.h>

void tsv_put(FILE *fp, const char *s, size_t len)
{
    size_t i, run = 0;

    for (i = 0; i < len; i++) {
        const char *esc = NULL;

        switch (s[i]) {
        case '\\':
            esc = "\\\\";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            continue;
        }
        fwrite(s + run, 1, i - run, fp);
        fputs(esc, fp);
        run = i + 1;
    }
    fwrite(s + run, 1, len - run, fp);
}

size_t tsv_unescape(char *s, size_t len)
{
    size_t i, o = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == '\\' && i + 1 < len) {
            char c = s[++i];

            s[o++] = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
        } else {
            s[o++] = s[i];
        }
    }
    return o;
}

void json_put(FILE *fp, const char *s, size_t len)
{
    size_t i;

    fputc('"', fp);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '"' || c == '\\') {
            fputc('\\', fp);
            fputc(c, fp);
        } else if (c == '\n') {
            fputs("\\n", fp);
        } else if (c == '\t') {
            fputs("\\t", fp);
        } else if (c == '\r') {
            fputs("\\r", fp);
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(fp, "\\u%04x", c);
        } else {
            fputc(c, fp);
        }
    }
    fputc('"', fp);
}

void json_puts(FILE *fp, const char *s)
{
    json_put(fp, s, strlen(s));
}
