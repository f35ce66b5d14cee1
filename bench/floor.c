// The least a rebuild of a site can cost on this machine, whatever digest does: it must learn
// which records changed (a stat of each, as `RecordStore.stampedIDs` does) and that every file
// the last build wrote is still there (a file deleted by hand comes back): a look at each
// folder holding them, whose change time tells whether anything was taken out of it since the
// build sealed the site (`SiteSeal`, as `OutputFolder.holds` and `PreviousSiteLookup` do).
// Both are kernel work, a path walk per file or folder; this does just those calls, on every
// core, so that bench/incremental.sh can print them beside digest's own times. Usage: floor
// SITE OUTPUT CACHE RUNS, where CACHE is the site's .digest-cache/build-*.tsv (its paths, one
// per line after a header of 11).
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char **names;
    size_t count;
} List;

static void add(List *list, const char *name, size_t length) {
    if ((list->count & (list->count - 1)) == 0) list->names = realloc(list->names, sizeof(char *) * (list->count ? 2 * list->count : 1));
    list->names[list->count++] = strndup(name, length);
}

// The record files' names, as the build lists them.
static List records(const char *folder) {
    List list = {0};
    DIR *dir = opendir(folder);
    if (!dir) { perror(folder); exit(1); }
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        size_t length = strlen(entry->d_name);
        if (length > 3 && strcmp(entry->d_name + length - 3, ".md") == 0) add(&list, entry->d_name, length);
    }
    closedir(dir);
    return list;
}

static int byName(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

// The folders of the output paths the build cache lists (hash, tab, path), each once; stale
// paths ("-") left out.
static List folders(const char *cache) {
    List list = {0};
    FILE *file = fopen(cache, "r");
    if (!file) { perror(cache); exit(1); }
    char *line = NULL;
    size_t size = 0;
    ssize_t length;
    for (int n = 0; (length = getline(&line, &size, file)) > 0; n++) {
        if (n < 11 || line[0] == '-') continue;
        char *tab = strchr(line, '\t');
        char *slash = tab ? memrchr(tab + 1, '/', (size_t)(line + length - 1 - (tab + 1))) : NULL;
        if (slash) add(&list, tab + 1, (size_t)(slash - (tab + 1)));
    }
    free(line);
    fclose(file);
    qsort(list.names, list.count, sizeof(char *), byName);
    size_t kept = 0;
    for (size_t i = 0; i < list.count; i++) {
        if (kept > 0 && strcmp(list.names[kept - 1], list.names[i]) == 0) { free(list.names[i]); continue; }
        list.names[kept++] = list.names[i];
    }
    list.count = kept;
    return list;
}

typedef struct {
    const List *list;
    int folder;
    size_t from, to;
    size_t missing;
} Part;

static void *run(void *argument) {
    Part *part = argument;
    struct stat info;
    for (size_t i = part->from; i < part->to; i++) {
        if (fstatat(part->folder, part->list->names[i], &info, AT_SYMLINK_NOFOLLOW)) part->missing++;
    }
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

// Seconds for one call per name, from `folder`, split over `threads`.
static double timed(const List *list, const char *folder, int threads, size_t *missing) {
    int fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) { perror(folder); exit(1); }
    pthread_t ids[64];
    Part parts[64];
    double start = now();
    for (int t = 0; t < threads; t++) {
        parts[t] = (Part){list, fd, list->count * t / threads, list->count * (t + 1) / threads, 0};
        pthread_create(&ids[t], NULL, run, &parts[t]);
    }
    *missing = 0;
    for (int t = 0; t < threads; t++) {
        pthread_join(ids[t], NULL);
        *missing += parts[t].missing;
    }
    double seconds = now() - start;
    close(fd);
    return seconds;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: floor SITE OUTPUT CACHE RUNS\n"); return 2; }
    char papers[4096];
    snprintf(papers, sizeof papers, "%s/content/papers", argv[1]);
    List named = records(papers), written = folders(argv[3]);
    int runs = atoi(argv[4]), threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (runs < 1) runs = 1;
    if (threads > 64) threads = 64;
    double stated[runs], looked[runs];
    size_t missingRecords = 0, missingOutputs = 0;
    for (int r = 0; r < runs; r++) {
        stated[r] = timed(&named, papers, threads, &missingRecords);
        looked[r] = timed(&written, argv[2], threads, &missingOutputs);
    }
    qsort(stated, runs, sizeof(double), ascending);
    qsort(looked, runs, sizeof(double), ascending);
    double a = stated[runs / 2], b = looked[runs / 2];
    printf("%.2f s: %zu records stated in %.2f s, the %zu folders of the outputs looked at in %.2f s, on %d threads, medians of %d\n",
           a + b, named.count, a, written.count, b, threads, runs);
    if (missingRecords || missingOutputs) fprintf(stderr, "floor: %zu records and %zu folders not found\n", missingRecords, missingOutputs);
    return 0;
}
