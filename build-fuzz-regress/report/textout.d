build-fuzz-regress/report/textout.o: report/textout.c report/textout.h

report/textout.h:
