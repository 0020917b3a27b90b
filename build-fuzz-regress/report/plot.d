build-fuzz-regress/report/plot.o: report/plot.c report/plot.h \
  common/error.h common/strbuf.h common/xalloc.h

report/plot.h:

common/error.h:

common/strbuf.h:

common/xalloc.h:
