build-fuzz-regress/analyze/classify.o: analyze/classify.c \
  analyze/classify.h analyze/dict.h common/error.h common/strbuf.h

analyze/classify.h:

analyze/dict.h:

common/error.h:

common/strbuf.h:
