build-fuzz-regress/analyze/normalize.o: analyze/normalize.c \
  analyze/normalize.h

analyze/normalize.h:
