#include "AllocationCount.h"

#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)

#if defined(FORMWORK_WRAP_MALLOC)
// A static executable (release builds) links glibc's malloc.o, which
// defines malloc itself: the linker's --wrap=malloc (and calloc, realloc)
// sends every call to the __wrap_ functions below and __real_ to glibc's.
#define ENTRY(name) __wrap_##name
extern void *__real_malloc(size_t size);
extern void *__real_calloc(size_t count, size_t size);
extern void *__real_realloc(void *pointer, size_t size);
#else
// glibc's own entry points, which its malloc, calloc and realloc are: what
// glibc's manual calls replacing malloc, keeping glibc's allocator. free,
// memalign and the others stay glibc's.
#define ENTRY(name) name
#define __real_malloc __libc_malloc
#define __real_calloc __libc_calloc
#define __real_realloc __libc_realloc
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
#endif

static int counting;
static __thread uint64_t allocations;
static __thread uint64_t allocated_bytes;

static inline void tally(size_t size) {
    if (__builtin_expect(counting, 0)) {
        allocations += 1;
        allocated_bytes += size;
    }
}

void *ENTRY(malloc)(size_t size) {
    tally(size);
    return __real_malloc(size);
}

void *ENTRY(calloc)(size_t count, size_t size) {
    tally(count * size);
    return __real_calloc(count, size);
}

void *ENTRY(realloc)(void *pointer, size_t size) {
    tally(size);
    return __real_realloc(pointer, size);
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
