#include "AllocationCount.h"

#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)

// glibc's own entry points, which its malloc, calloc and realloc are: what
// glibc's manual calls replacing malloc, keeping glibc's allocator. free,
// memalign and the others stay glibc's.
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static int counting;
static __thread uint64_t allocations;
static __thread uint64_t allocated_bytes;

static inline void tally(size_t size) {
    if (__builtin_expect(counting, 0)) {
        allocations += 1;
        allocated_bytes += size;
    }
}

void *malloc(size_t size) {
    tally(size);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    tally(count * size);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    tally(size);
    return __libc_realloc(pointer, size);
}

void formwork_count_allocations(void) { counting = 1; }
int formwork_allocations_counted(void) { return 1; }
uint64_t formwork_thread_allocations(void) { return allocations; }
uint64_t formwork_thread_allocated_bytes(void) { return allocated_bytes; }

#else

void formwork_count_allocations(void) {}
int formwork_allocations_counted(void) { return 0; }
uint64_t formwork_thread_allocations(void) { return 0; }
uint64_t formwork_thread_allocated_bytes(void) { return 0; }

#endif
