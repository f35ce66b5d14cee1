# Sourced by the bench scripts. The median of the times given, with the least and the most:
# "1.23 s (1.10–1.40 s, 5 runs)".
median() {
  python3 -c 'import statistics, sys; t = sorted(map(float, sys.argv[1:])); print("%.2f s (%.2f–%.2f s, %d runs)" % (statistics.median(t), t[0], t[-1], len(t)))' "$@"
}
