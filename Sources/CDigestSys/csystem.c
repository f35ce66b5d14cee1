#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "csystem.h"

int digest_exchange_paths(const char *a, const char *b) {
#ifdef RENAME_EXCHANGE
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

pid_t digest_fork_worker(void) {
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
#ifdef __linux__
        prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
        // The parent may have died between fork and prctl: then no signal will come.
        if (getppid() != parent) _exit(1);
    }
    return pid;
}

/* Linux gives each thread a nice value of its own: the calling thread's is raised to `nice`
   (a thread made for the purpose: an unprivileged process cannot lower it again). */
int digest_nice_this_thread(int nice) {
#ifdef __linux__
    return setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), nice);
#else
    (void)nice;
    return -1;
#endif
}

int digest_trim_heap(void) {
#ifdef __GLIBC__
    return malloc_trim(0);
#else
    return 0;
#endif
}

void digest_grow_heap_in_large_steps(void) {
#ifdef __GLIBC__
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}

unsigned long long digest_heap_in_use(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    struct mallinfo2 info = mallinfo2();
    return (unsigned long long)info.uordblks + (unsigned long long)info.hblkhd;
#else
    return 0;
#endif
}

long *digest_shared_counter(void) {
    void *page = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return NULL;
    *(long *)page = 0;
    return (long *)page;
}

void digest_shared_counter_free(long *counter) {
    munmap(counter, sizeof(long));
}

long digest_counter_take(long *counter, long n) {
    return __atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}
