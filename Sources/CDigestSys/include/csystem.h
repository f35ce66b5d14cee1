#ifndef DIGEST_CSYSTEM_H
#define DIGEST_CSYSTEM_H

#include <sys/types.h>

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, -1 with errno set where the system or file system cannot.
int digest_exchange_paths(const char *a, const char *b);

/// Forks a worker process that is killed when its parent dies (Linux PR_SET_PDEATHSIG), so
/// a killed build leaves no worker writing into its staging folder. Returns the child's pid
/// in the parent, 0 in the child, -1 with errno set when no process can be made.
pid_t digest_fork_worker(void);

/// Gives the heap's free pages back to the system (glibc malloc_trim), before forking workers:
/// a page a worker inherits counts against both processes once either writes to it.
/// Returns 1 when memory was released.
int digest_nice_this_thread(int nice);

int digest_trim_heap(void);

/// Lets the heap grow 64 MB at a time (glibc M_TOP_PAD), for a process that mostly grows until
/// it exits (`digest ingest`, which keeps what it made): each thread's heap grew a few pages at
/// a time, ~13k mprotect calls for a 10k-paper ingest.
void digest_grow_heap_in_large_steps(void);

/// Bytes the heap holds in use (glibc mallinfo2: allocated chunks and mapped blocks); 0
/// where the C library cannot tell.
unsigned long long digest_heap_in_use(void);

/// A counter in memory shared by this process and the workers it forks afterwards, from 0;
/// NULL (errno set) when no shared page can be mapped. `digest_shared_counter_free` unmaps it.
long *digest_shared_counter(void);
void digest_shared_counter_free(long *counter);

/// Atomically adds `n` to a shared counter; returns its value before.
long digest_counter_take(long *counter, long n);

#endif
