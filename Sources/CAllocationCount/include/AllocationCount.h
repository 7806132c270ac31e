// Counts heap allocations for `formwork --time-passes`. Linked into the
// executable only: it defines malloc, calloc and realloc (in the static
// release executable, the linker's --wrap targets for them), which forward
// to glibc's and, once counting is on, add one to this thread's count and
// the size asked for to its bytes.
#ifndef FORMWORK_ALLOCATION_COUNT_H
#define FORMWORK_ALLOCATION_COUNT_H

#include <stdint.h>

/// Starts counting, in every thread. Until then the wrappers cost a load and
/// a branch.
void formwork_count_allocations(void);

/// Whether this build counts (0 where malloc cannot be wrapped, as on Darwin).
int formwork_allocations_counted(void);

/// The calling thread's allocations since counting started.
uint64_t formwork_thread_allocations(void);
/// The bytes those allocations asked for.
uint64_t formwork_thread_allocated_bytes(void);

#endif
