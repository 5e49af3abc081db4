#ifndef FUZZ_NUMBER_MUTATOR_H
#define FUZZ_NUMBER_MUTATOR_H

#include <stddef.h>

/* libFuzzer's custom mutator hook, defined in number_mutator.c. A target gets it by depending on
   this module: libFuzzer finds the symbol at start-up. */
size_t LLVMFuzzerCustomMutator(unsigned char *data, size_t size, size_t max_size, unsigned int seed);

#endif
