/*
 * json_parsers.c - measures the two JSON parsers Debian packages, libyajl
 * (event callbacks) and json-c (tokener building objects), on the same
 * file: parse time, throughput and whether memory grows with the input.
 * It chose the reader's parser (README, "ClinicalTrials.gov JSON").
 *
 * Usage: json_parsers yajl|json-c|json-c-lines FILE
 * (prints wall seconds, MB/s, CPU seconds, MB per CPU second, events). json-c-lines is json-c's best case: one
 * study a line, each parsed and freed on its own (it cannot stream the
 * elements of one big array, so json-c builds the whole file).
 */
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yajl/yajl_parse.h>

static unsigned long events;

static int on_any(void *c)
{
    (void)c;
    events++;
    return 1;
}

static int on_bool(void *c, int b)
{
    (void)b;
    return on_any(c);
}

static int on_num(void *c, const char *s, size_t n)
{
    (void)s;
    (void)n;
    return on_any(c);
}

static int on_str(void *c, const unsigned char *s, size_t n)
{
    (void)s;
    (void)n;
    return on_any(c);
}

static const yajl_callbacks cbs = {
    on_any, on_bool, NULL, NULL, on_num, on_str,
    on_any, on_str, on_any, on_any, on_any,
};

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    static unsigned char buf[1 << 20];
    FILE *f;
    size_t n, total = 0;
    double t0;
    clock_t c0 = clock();
    int ok = 1;

    if (argc != 3 || !(f = fopen(argv[2], "rb"))) {
        fprintf(stderr, "usage: json_parsers yajl|json-c FILE\n");
        return 2;
    }
    t0 = now();
    if (strcmp(argv[1], "yajl") == 0) {
        yajl_handle h = yajl_alloc(&cbs, NULL, NULL);

        yajl_config(h, yajl_allow_multiple_values, 1);
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
            total += n;
            if (yajl_parse(h, buf, n) != yajl_status_ok) {
                ok = 0;
                break;
            }
        }
        if (ok && yajl_complete_parse(h) != yajl_status_ok)
            ok = 0;
        yajl_free(h);
    } else if (strcmp(argv[1], "json-c-lines") == 0) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;

        while ((len = getline(&line, &cap, f)) > 0) {
            json_object *obj;
            ssize_t k = len;

            total += (size_t)len;
            /* A download's line: "{...}," between "[" and "]". */
            while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == ',' ||
                             line[k - 1] == '\r'))
                line[--k] = '\0';
            if (k <= 1)
                continue;
            obj = json_tokener_parse(line);
            if (obj)
                events++;
            else
                ok = 0;
            json_object_put(obj);
        }
        free(line);
    } else {
        json_tokener *tok = json_tokener_new_ex(JSON_TOKENER_DEFAULT_DEPTH);
        json_object *obj = NULL;

        while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
            total += n;
            obj = json_tokener_parse_ex(tok, (const char *)buf, (int)n);
            if (json_tokener_get_error(tok) != json_tokener_continue)
                break;
        }
        if (!obj)
            ok = 0;
        else
            events = (unsigned long)json_object_array_length(obj);
        json_object_put(obj);
        json_tokener_free(tok);
    }
    fclose(f);
    {
        double s = now() - t0;
        double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC;

        /* CPU time too: wall time on a shared machine says little. */
        printf("%s\t%.3f s\t%.1f MB/s\t%.3f CPU s\t%.1f MB/CPU s\t%lu\t%s\n",
               argv[1], s, (double)total / 1e6 / s, cpu,
               (double)total / 1e6 / cpu, events,
               ok ? "ok" : "parse error");
    }
    return ok ? 0 : 1;
}
